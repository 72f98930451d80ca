// The destructive guard, the second line behind plain-word wildcards: splits a command line into
// simple commands and says which of them destroy data, write where they should not, run code written
// in the line, or hide what runs. A wildcard never approves one of those; only an exact rule does.
import { gitDanger } from './git.js';
import { inlineCodeDanger } from './inline-code.js';
import { longIs, optionIs, shortHas } from './options.js';
import { type Word, shellWords, splitCommand } from './shell.js';
import { CODE_VARIABLES, commandName, unwrap } from './wrappers.js';

export interface Segment {
  /** The simple command as written (trimmed). */
  readonly text: string;
  /** Its words, redirects left out. */
  readonly words: readonly Word[];
  /** Why it is destructive, when it is. */
  readonly danger?: string;
}

export type CommandAnalysis = { readonly segments: readonly Segment[] } | { readonly opaque: string };

type Verdict = string | undefined | { opaque: string };

/** Splits a command line into simple commands and flags the destructive ones, or says what hides a command. */
export function analyzeCommand(command: string, depth = 0): CommandAnalysis {
  const split = splitCommand(command);
  if ('opaque' in split) return split;
  const segments: Segment[] = [];
  for (const part of split.parts) {
    const words = shellWords(part.bare);
    if (words === undefined) return { opaque: `"${part.text}" has an unbalanced quote` };
    const danger = segmentDanger(words, part.piped, depth);
    if (typeof danger === 'object') return danger;
    segments.push({ text: part.text, words, ...(danger ? { danger } : {}) });
  }
  return { segments };
}

function segmentDanger(words: readonly Word[], piped: boolean, depth: number): Verdict {
  // "/bin/r? -rf /", "~/bin/x": which program runs is not plain to see.
  if (words[0]?.expands) return { opaque: `cannot tell which command "${words[0].raw}" is` };
  const unwrapped = unwrap(words.map((w) => w.value));
  if ('opaque' in unwrapped) return unwrapped;
  if ('danger' in unwrapped) return unwrapped.danger;
  if ('shellLine' in unwrapped) return innerLine(unwrapped.shellLine, depth);
  const inner = unwrapped.words;
  const verdict = dangerOf(inner, depth);
  if (verdict || !piped) return verdict;
  return INTERPRETERS.has(commandName(inner)) ? 'runs what is piped into it as code' : undefined;
}

/** A command line handed to a shell (`sh -c '…'`, `watch '…'`): judged like the outer one. */
function innerLine(line: string, depth: number): Verdict {
  if (depth > 2) return { opaque: 'it nests shells too deep to read' };
  const analysis = analyzeCommand(line, depth + 1);
  if ('opaque' in analysis) return analysis;
  const bad = analysis.segments.find((s) => s.danger);
  return bad ? `runs "${bad.text}", which ${bad.danger}` : undefined;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'csh', 'tcsh', 'ash', 'mksh']);
const INTERPRETERS = new Set([...SHELLS, 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'deno', 'bun', 'php', 'pwsh', 'powershell', 'lua', 'osascript']);
const PRIVILEGE = new Set(['sudo', 'doas', 'su', 'pkexec', 'run0', 'runuser', 'sg']);
const ALWAYS_DESTRUCTIVE = new Set(['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'fdisk', 'sfdisk', 'parted', 'shred', 'shutdown', 'reboot', 'halt', 'poweroff', 'truncate']);
/** Files a writer may name without writing anywhere that matters. */
const HARMLESS_OUTPUTS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '-']);
const SHELL_STATE = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Why a simple command (wrappers already stripped) is destructive; an object when it hides a command. */
function dangerOf(words: readonly string[], depth: number): Verdict {
  const name = commandName(words);
  const args = words.slice(1);
  if (name === '') return undefined;
  if (/^[-\d]|[*?[\]]/.test(name)) return { opaque: `cannot tell which command "${words.join(' ')}" runs` };
  if (PRIVILEGE.has(name)) return 'runs as another user';
  if (SHELLS.has(name)) {
    const c = args.findIndex((a) => shortHas(a, 'c') || longIs(a, ['command']));
    if (c < 0) return undefined;
    const line = args[c + 1];
    return line === undefined ? { opaque: `"${name} -c" runs a command that is not written out` } : innerLine(line, depth);
  }
  if (ALWAYS_DESTRUCTIVE.has(name) || name.startsWith('mkfs.')) return `(${name}) can destroy data`;
  const code = inlineCodeDanger(name, args);
  if (code) return code;
  if (SHELL_STATE.has(name)) {
    const set = args.find((a) => CODE_VARIABLES.test(a));
    return set ? `sets ${set.split('=')[0]}, which changes what runs` : undefined;
  }
  switch (name) {
    case 'rm':
      if (args.some((a) => optionIs(a, 'rRf', ['recursive', 'force', 'no-preserve-root']))) return 'deletes recursively or by force';
      return args.some((a) => ['/', '/*', '~', '~/', '*', '.', '..'].includes(a)) ? 'deletes a whole tree' : undefined;
    case 'dd':
      return args.some((a) => a.startsWith('of=')) ? 'writes raw data to a file or device' : undefined;
    case 'chmod':
    case 'chown':
    case 'chgrp':
      if (args.some((a) => optionIs(a, 'R', ['recursive']))) return 'changes permissions recursively';
      return args.includes('/') ? 'changes permissions of /' : undefined;
    case 'find':
      return args.some((a) => ['-delete', '-exec', '-execdir', '-ok', '-okdir', '-fprint', '-fprint0', '-fprintf', '-fls'].includes(a))
        ? 'deletes files, writes files or runs commands'
        : undefined;
    case 'tee':
      return args.some((a) => !a.startsWith('-') && !HARMLESS_OUTPUTS.has(a)) ? 'writes to files' : undefined;
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln':
      return args.some((a) => a.startsWith('/dev/')) ? 'copies from or to a device (emptying or overwriting a file)' : undefined;
    case 'rsync':
      if (args.some((a) => optionIs(a, 'e', ['delete', 'delete-before', 'delete-during', 'delete-delay', 'delete-after', 'delete-excluded', 'delete-missing-args', 'del', 'remove-source-files', 'force', 'rsh', 'rsync-path']))) {
        return 'deletes files or runs another program';
      }
      return undefined;
    case 'tar':
      return args.some((a) => longIs(a, ['to-command', 'use-compress-program', 'checkpoint-action', 'info-script', 'new-volume-script', 'rsh-command', 'remove-files']) || shortHas(a, 'IF'))
        ? 'runs another program or deletes files'
        : undefined;
    case 'crontab':
      return args.length === 1 && args[0] === '-l' ? undefined : 'replaces or removes the crontab';
    case 'script':
      return 'records a shell session into a file';
    case 'alias':
      return args.length > 0 ? 'defines an alias, which changes what later commands run' : undefined;
    case 'git':
      return gitDanger(args);
    default:
      return undefined;
  }
}
