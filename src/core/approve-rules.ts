// Auto-approve rules: which permission prompts squadtui may answer "yes" to on its own. Off by
// default, per program, written like `Bash(npm test*)`, `Read(*)`, `Edit(src/**)`. Pure: the
// caller logs every automatic answer.
//
// Policy, in order:
// 1. An exact rule (no `*`) equal to the whole input approves it, whatever it is: the user wrote
//    this very command down.
// 2. Otherwise a shell command must split into simple commands (at ; && || | & and newlines) with
//    nothing hidden: no $(…) or backticks, no <(…), no subshell or group, no here-document, no
//    redirect into a file, no unbalanced quote. Each simple command needs a rule of its own, so
//    `npm test && rm -rf /` never passes on `Bash(npm test*)`.
// 3. Destructive commands (rm -r/-f, git push --force, git reset --hard, git clean -f, mkfs, dd of=,
//    chmod -R, sudo, find -delete, a pipe into a shell, …) are never matched by a wildcard; only an
//    exact rule equal to that simple command allows one.
// 4. Paths never match a wildcard through a `..` segment.
import path from 'node:path';
import { parse } from 'shell-quote';
import * as z from './zod.js';

export const ApproveRulesSchema = z.object({
  /** Nothing is ever approved automatically unless this is true. */
  enabled: z._default(z.boolean(), false),
  /** Detector id ("claude", "codex", …) → rules. */
  programs: z._default(z.record(z.string(), z.array(z.string())), {}),
});

export type ApproveRulesConfig = z.infer<typeof ApproveRulesSchema>;

export interface ApproveRule {
  /** As written, for the activity log. */
  readonly source: string;
  /** Lower-cased tool name. */
  readonly tool: string;
  /** 'any': no pattern or `*`. 'exact': no wildcard. 'prefix': `cmd:*`. 'glob': other wildcards (`?` too, in paths). */
  readonly mode: 'any' | 'exact' | 'prefix' | 'glob';
  readonly pattern: string;
  readonly regex?: RegExp;
}

export type Decision =
  | { readonly approve: true; readonly rules: readonly string[] }
  | { readonly approve: false; readonly reason: string };

export class RuleSyntaxError extends Error {}

/** Tools whose input is a shell command; every other tool's input is matched as a path or plain text. */
const COMMAND_TOOLS = new Set(['bash', 'shell', 'run_shell_command', 'exec', 'exec_command', 'local_shell', 'powershell']);

const RULE = /^\s*([A-Za-z_][\w.:-]*)\s*(?:\((.*)\))?\s*$/s;

export function isCommandTool(tool: string): boolean {
  return COMMAND_TOOLS.has(tool.toLowerCase());
}

/** Parses `Tool` or `Tool(pattern)`; throws RuleSyntaxError saying what is wrong. */
export function parseRule(source: string): ApproveRule {
  const m = RULE.exec(source);
  if (!m) throw new RuleSyntaxError(`"${source}" is not a rule: write Tool or Tool(pattern), e.g. Bash(npm test*) or Read(*).`);
  const tool = m[1]!.toLowerCase();
  const pattern = (m[2] ?? '*').trim();
  if (pattern === '') throw new RuleSyntaxError(`"${source}" has an empty pattern: write ${m[1]}(*) to allow any input.`);
  if (pattern === '*' || pattern === '**') return { source, tool, mode: 'any', pattern };
  const command = COMMAND_TOOLS.has(tool);
  if (!pattern.includes('*') && (command || !pattern.includes('?'))) return { source, tool, mode: 'exact', pattern };
  if (command && pattern.endsWith(':*') && !pattern.slice(0, -2).includes('*')) {
    return { source, tool, mode: 'prefix', pattern: pattern.slice(0, -2).trimEnd() };
  }
  return { source, tool, mode: 'glob', pattern, regex: command ? commandGlob(pattern) : pathGlob(pattern) };
}

/** Rules of each program; bad rules are reported and left out. */
export function compileApproveRules(config: ApproveRulesConfig): { rules: Map<string, ApproveRule[]>; problems: string[] } {
  const rules = new Map<string, ApproveRule[]>();
  const problems: string[] = [];
  for (const [program, sources] of Object.entries(config.programs)) {
    const list: ApproveRule[] = [];
    for (const source of sources) {
      try {
        list.push(parseRule(source));
      } catch (error) {
        problems.push(`Auto-approve rule for ${program} ignored: ${(error as Error).message}`);
      }
    }
    rules.set(program, list);
  }
  return { rules, problems };
}

/** Should this prompt be answered "yes" without asking? `input` is the command, or the file path. */
export function autoApprove(
  config: { enabled: boolean; rules: ReadonlyMap<string, readonly ApproveRule[]> },
  program: string,
  tool: string,
  input: string,
): Decision {
  if (!config.enabled) return { approve: false, reason: 'auto-approve is off' };
  return matchRules(config.rules.get(program) ?? [], tool, input);
}

/** The pure matcher: does any of `rules` allow `tool` with `input`? */
export function matchRules(rules: readonly ApproveRule[], tool: string, input: string): Decision {
  const name = tool.toLowerCase();
  const mine = rules.filter((r) => r.tool === name);
  if (mine.length === 0) return { approve: false, reason: `no rule for ${tool}` };
  const text = input.trim();
  const exact = mine.find((r) => r.mode === 'exact' && r.pattern === text);
  if (exact) return { approve: true, rules: [exact.source] };
  if (text === '') return { approve: false, reason: 'nothing to match: the input is empty' };
  return COMMAND_TOOLS.has(name) ? matchCommand(mine, text) : matchPath(mine, text);
}

function matchCommand(rules: readonly ApproveRule[], command: string): Decision {
  const analysis = analyzeCommand(command);
  if ('opaque' in analysis) return { approve: false, reason: analysis.opaque };
  const used: string[] = [];
  for (const segment of analysis.segments) {
    const exact = rules.find((r) => r.mode === 'exact' && r.pattern === segment.text);
    if (exact) {
      used.push(exact.source);
      continue;
    }
    if (segment.danger) return { approve: false, reason: `"${segment.text}" ${segment.danger}: only an exact rule allows it` };
    const rule = rules.find((r) => wildcardMatches(r, segment.text));
    if (!rule) return { approve: false, reason: `no rule allows "${segment.text}"` };
    used.push(rule.source);
  }
  return { approve: true, rules: [...new Set(used)] };
}

function wildcardMatches(rule: ApproveRule, text: string): boolean {
  switch (rule.mode) {
    case 'any':
      return true;
    case 'exact':
      return false;
    case 'prefix':
      return text === rule.pattern || text.startsWith(`${rule.pattern} `);
    case 'glob':
      return rule.regex!.test(text);
  }
}

function matchPath(rules: readonly ApproveRule[], input: string): Decision {
  if (input.includes('\n')) return { approve: false, reason: 'the input spans several lines' };
  if (input.split(/[\\/]/).includes('..')) return { approve: false, reason: `"${input}" climbs out through "..": only an exact rule allows it` };
  const rule = rules.find((r) => wildcardMatches(r, input));
  return rule ? { approve: true, rules: [rule.source] } : { approve: false, reason: `no rule allows "${input}"` };
}

const escapeRe = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** In a command `*` is any run of characters on the line. */
function commandGlob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeRe).join('[^\\n]*')}$`, 's');
}

/** In a path `**` crosses directories, `*` and `?` stay within one. */
function pathGlob(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:[^\\n]*/)?' : '[^\\n]*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/\\n]*';
    else if (c === '?') out += '[^/\\n]';
    else out += escapeRe(c);
  }
  return new RegExp(`^${out}$`);
}

// ——— Shell commands ———

export interface Segment {
  /** The simple command as written (trimmed). */
  readonly text: string;
  /** Why it is destructive, when it is. */
  readonly danger?: string;
}

export type CommandAnalysis = { readonly segments: readonly Segment[] } | { readonly opaque: string };

/** Splits a command line into simple commands and flags the destructive ones, or says what hides a command. */
export function analyzeCommand(command: string, depth = 0): CommandAnalysis {
  const split = splitCommand(command);
  if ('opaque' in split) return split;
  const segments: Segment[] = [];
  for (const part of split.parts) {
    const words = wordsOf(part.bare);
    if (words === undefined) return { opaque: `"${part.text}" uses shell syntax that is not matched` };
    let danger = dangerOf(words, depth);
    if (typeof danger === 'object') return danger;
    if (!danger && part.piped && INTERPRETERS.has(commandName(unwrap(words)))) danger = 'runs what is piped into it as code';
    segments.push({ text: part.text, ...(danger ? { danger } : {}) });
  }
  return { segments };
}

interface Part {
  text: string;
  /** The text without its (harmless) redirects, for reading the words. */
  bare: string;
  /** Fed by a pipe from the command before it. */
  piped: boolean;
}

/** Splits at unquoted ; & | and newlines; refuses anything that hides or redirects commands. */
function splitCommand(command: string): { parts: Part[] } | { opaque: string } {
  const parts: Part[] = [];
  let current = '';
  let bare = '';
  let piped = false;
  let quote: "'" | '"' | undefined;
  const add = (text: string, words = text) => {
    current += text;
    bare += words;
  };
  const push = (nextPiped: boolean) => {
    const text = current.trim();
    if (text !== '') parts.push({ text, bare, piped });
    current = '';
    bare = '';
    piped = nextPiped;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    const next = command[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      add(c);
      continue;
    }
    if (c === '\\') {
      add(c + (next ?? ''));
      i++;
      continue;
    }
    if (c === '`' || (c === '$' && next === '(')) return { opaque: 'it runs a command substitution ($(…) or backticks)' };
    // A variable can name the command or slip in flags ("rm $FLAGS dir"): what runs is not written out.
    if (c === '$' && next !== undefined && /[\w{@*#?$!'"-]/.test(next)) return { opaque: 'it expands variables, so what runs is not written out' };
    if (quote === '"') {
      if (c === '"') quote = undefined;
      add(c);
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      add(c);
      continue;
    }
    if ((c === '<' || c === '>') && next === '(') return { opaque: 'it uses process substitution' };
    if (c === '(' || c === ')') return { opaque: 'it uses a subshell' };
    if (c === '{' || c === '}') return { opaque: 'it uses a command group or brace expansion' };
    if (c === '>' || c === '<' || (c === '&' && next === '>')) {
      const redirect = readRedirect(command, i);
      if ('opaque' in redirect) return redirect;
      add(command.slice(i, redirect.end), ' ');
      i = redirect.end - 1;
      continue;
    }
    if (c === ';' || c === '\n' || c === '\r') {
      push(false);
      continue;
    }
    if (c === '|') {
      const or = next === '|';
      push(!or);
      if (or || next === '&') i++;
      continue;
    }
    if (c === '&') {
      if (next === '&') i++;
      push(false);
      continue;
    }
    add(c);
  }
  if (quote) return { opaque: 'it has an unbalanced quote' };
  push(false);
  return { parts };
}

/** Allows only redirects that cannot write a file: fd duplication, /dev/null, reading a file. */
function readRedirect(command: string, at: number): { end: number } | { opaque: string } {
  let i = at;
  if (command[i] === '&') i++;
  const dir = command[i]!;
  i++;
  if (dir === '<' && command[i] === '<') return { opaque: 'it uses a here-document' };
  if (dir === '>' && command[i] === '>') i++;
  if (dir === '>' && command[i] === '|') i++;
  if (command[i] === '&') {
    const fd = /^&(\d+|-)/.exec(command.slice(i));
    if (fd) return { end: i + fd[0].length };
  }
  while (command[i] === ' ' || command[i] === '\t') i++;
  const target = /^[^\s;&|<>()]+/.exec(command.slice(i))?.[0] ?? '';
  if (dir === '<' && target !== '') return { end: i + target.length };
  if (target === '/dev/null') return { end: i + target.length };
  return { opaque: 'it redirects output into a file' };
}

/** Words of a simple command (redirects already taken out), quotes removed; undefined on anything else. */
function wordsOf(text: string): string[] | undefined {
  const words: string[] = [];
  for (const token of parse(text, (name) => `$${name}`)) {
    if (typeof token === 'string') words.push(token);
    else if ('op' in token && token.op === 'glob') words.push(token.pattern);
    else if ('comment' in token) break;
    else return undefined;
  }
  return words;
}

const WRAPPERS = new Set(['command', 'builtin', 'nice', 'nohup', 'time', 'exec', 'stdbuf', 'ionice']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'csh', 'tcsh', 'ash', 'mksh']);
const INTERPRETERS = new Set([...SHELLS, 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'deno', 'bun', 'php', 'pwsh', 'powershell', 'lua', 'osascript']);
const PRIVILEGE = new Set(['sudo', 'doas', 'su', 'pkexec', 'run0']);
const ALWAYS_DESTRUCTIVE = new Set(['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'fdisk', 'sfdisk', 'parted', 'shred', 'shutdown', 'reboot', 'halt', 'poweroff', 'truncate']);

function commandName(words: readonly string[]): string {
  return path.basename(words[0] ?? '');
}

/** Strips env assignments and harmless wrappers ("env FOO=1 nice npm test" → "npm test"). */
function unwrap(words: string[]): string[] {
  let w = words;
  for (;;) {
    while (w.length > 0 && /^[A-Za-z_]\w*=/.test(w[0]!)) w = w.slice(1);
    const name = commandName(w);
    if (WRAPPERS.has(name)) w = w.slice(1);
    else if (name === 'env') {
      w = w.slice(1);
      while (w.length > 0 && w[0]!.startsWith('-')) w = w.slice(1);
    } else if (name === 'timeout') {
      w = w.slice(1);
      while (w.length > 0 && w[0]!.startsWith('-')) w = w.slice(1);
      w = w.slice(1);
    } else return w;
  }
}

const shortFlag = (arg: string, letters: RegExp): boolean => /^-[A-Za-z]+$/.test(arg) && letters.test(arg.slice(1));

/** Why a simple command is destructive; an object when it hides a command that cannot be judged. */
function dangerOf(raw: string[], depth: number): string | undefined | { opaque: string } {
  const words = unwrap(raw);
  const name = commandName(words);
  const args = words.slice(1);
  if (name === '') return undefined;
  // "nice -n 5 rm …", "/bin/r? -rf /": which program runs is not plain to see.
  if (/^[-\d]|[*?[\]]/.test(name)) return { opaque: `cannot tell which command "${words.join(' ')}" runs` };
  if (PRIVILEGE.has(name)) return 'runs as another user';
  if (name === 'eval' || name === 'source' || name === '.' || name === 'xargs') return { opaque: `"${name}" runs commands that are not written out` };
  if (SHELLS.has(name)) {
    const c = args.findIndex((a) => shortFlag(a, /c/));
    if (c < 0) return undefined;
    const inner = args[c + 1];
    if (inner === undefined || depth > 2) return { opaque: `"${name} -c" runs a command that is not written out` };
    const analysis = analyzeCommand(inner, depth + 1);
    if ('opaque' in analysis) return analysis;
    const bad = analysis.segments.find((s) => s.danger);
    return bad ? `runs "${bad.text}", which ${bad.danger}` : undefined;
  }
  if (ALWAYS_DESTRUCTIVE.has(name) || name.startsWith('mkfs.')) return `(${name}) can destroy data`;
  switch (name) {
    case 'rm':
      if (args.some((a) => a === '--recursive' || a === '--force' || shortFlag(a, /[rRf]/))) return 'deletes recursively or by force';
      if (args.some((a) => ['/', '/*', '~', '~/', '*', '.', '..'].includes(a))) return 'deletes a whole tree';
      return undefined;
    case 'dd':
      return args.some((a) => a.startsWith('of=')) ? 'writes raw data to a file or device' : undefined;
    case 'chmod':
    case 'chown':
    case 'chgrp':
      if (args.some((a) => a === '--recursive' || shortFlag(a, /R/))) return 'changes permissions recursively';
      return args.includes('/') ? 'changes permissions of /' : undefined;
    case 'find':
      return args.some((a) => ['-delete', '-exec', '-execdir', '-ok', '-okdir'].includes(a)) ? 'deletes files or runs commands on them' : undefined;
    case 'crontab':
      return args.includes('-r') ? 'removes the crontab' : undefined;
    case 'git':
      return gitDanger(args);
    default:
      return undefined;
  }
}

function gitDanger(args: string[]): string | undefined {
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += args[i] === '-C' || args[i] === '-c' ? 2 : 1;
  const sub = args[i];
  const rest = args.slice(i + 1);
  const has = (...flags: string[]) => rest.some((a) => flags.includes(a) || flags.some((f) => f.startsWith('--') && a.startsWith(`${f}=`)));
  switch (sub) {
    case 'push':
      if (has('--force', '--force-with-lease', '--force-if-includes', '--mirror', '--delete', '--prune') || rest.some((a) => shortFlag(a, /[fd]/))) {
        return 'rewrites or deletes remote history';
      }
      return rest.some((a) => !a.startsWith('-') && (a.startsWith('+') || a.startsWith(':'))) ? 'rewrites or deletes remote history' : undefined;
    case 'reset':
      return has('--hard', '--merge', '--keep') ? 'throws away work' : undefined;
    case 'clean':
      return has('--force') || rest.some((a) => shortFlag(a, /f/)) ? 'deletes untracked files' : undefined;
    case 'branch':
      return rest.includes('-D') || (has('-d', '--delete') && has('-f', '--force')) ? 'deletes a branch' : undefined;
    case 'checkout':
      return has('-f', '--force', '.', '--') ? 'discards local changes' : undefined;
    case 'restore':
      return !has('--staged', '-S') || has('--worktree', '-W') ? 'discards local changes' : undefined;
    case 'stash':
      return rest[0] === 'drop' || rest[0] === 'clear' ? 'deletes stashed work' : undefined;
    case 'filter-branch':
    case 'filter-repo':
      return 'rewrites history';
    case 'reflog':
      return rest[0] === 'expire' || rest[0] === 'delete' ? 'deletes history' : undefined;
    case 'gc':
      return has('--prune') ? 'deletes unreachable history' : undefined;
    case 'update-ref':
      return has('-d') ? 'deletes a ref' : undefined;
    default:
      return undefined;
  }
}
