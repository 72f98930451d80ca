// Programs that run another command (`nice`, `timeout 5`, `env FOO=1`, `busybox`, …): the guard
// judges the command inside. A wrapper option squadtui cannot read hides which word is the command,
// so it makes the whole command unjudgeable rather than guessed at.
import path from 'node:path';
import { type Grammar, readOptions } from './options.js';
import { isAssignment } from './shell.js';

/** Wrappers whose options are known; what follows them (and their operands) is the command. */
const WRAPPERS: Readonly<Record<string, Grammar>> = {
  command: { flags: 'pvV' },
  builtin: {},
  exec: { flags: 'cl', values: 'a' },
  nohup: {},
  time: { flags: 'p' },
  nice: { values: 'n', longValues: ['adjustment'], numeric: true },
  stdbuf: { values: 'ioe', longValues: ['input', 'output', 'error'] },
  ionice: { values: 'cn', flags: 't', longValues: ['class', 'classdata'], longFlags: ['ignore'] },
  timeout: { values: 'sk', flags: 'v', longValues: ['signal', 'kill-after'], longFlags: ['foreground', 'preserve-status', 'verbose'], operands: 1 },
  setsid: { flags: 'cfw', longFlags: ['ctty', 'fork', 'wait'] },
  chrt: { flags: 'abdfiorRv', values: 'TPD', longFlags: ['all-tasks', 'batch', 'deadline', 'fifo', 'idle', 'other', 'rr', 'reset-on-fork', 'verbose'], longValues: ['sched-runtime', 'sched-period', 'sched-deadline'], operands: 1 },
  taskset: { flags: 'ac', longFlags: ['all-tasks', 'cpu-list'], operands: 1 },
  busybox: {},
  unbuffer: { flags: 'p' },
  env: { flags: 'i0v', values: 'uCS', longFlags: ['ignore-environment', 'null', 'debug'], longValues: ['unset', 'chdir', 'split-string'] },
  watch: {
    flags: 'bcdegtxprw',
    values: 'nq',
    longFlags: ['beep', 'color', 'no-color', 'differences', 'errexit', 'chgexit', 'exec', 'no-title', 'precise', 'no-wrap', 'no-linewrap'],
    longValues: ['interval', 'equexit', 'shotsdir'],
  },
};

/** Reserved words in front of a command (`if rm -rf x; then …`): the command after them runs. */
const KEYWORDS = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);
/** Reserved words that start a construct whose parts are not simple commands. */
const CONSTRUCTS = new Set(['for', 'case', 'select', 'function', 'coproc', '[[']);

/** Programs that run commands squadtui cannot see from the words: never judged, never wildcard-approved. */
const OPAQUE_RUNNERS = new Set(['eval', 'source', '.', 'xargs', 'parallel', 'flock', 'nsenter', 'unshare', 'chroot', 'firejail', 'systemd-run', 'strace', 'ltrace', 'ssh', 'trap', 'enable', 'hash']);

/** Variables that make a program load or run something else, or read its settings from elsewhere. */
export const CODE_VARIABLES =
  /^(?:LD_\w+|DYLD_\w+|GIT_\w+|NODE_OPTIONS|NODE_PATH|PYTHON\w*|PERL\w*|RUBY\w*|BASH_ENV|ENV|PATH|IFS|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|EDITOR|VISUAL|PAGER|HOME|ZDOTDIR|XDG_CONFIG_HOME|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|GCONV_PATH|npm_config_\w+|NPM_CONFIG_\w+)=/i;

export function commandName(words: readonly string[]): string {
  return path.basename(words[0] ?? '');
}

export type Unwrapped =
  | { readonly words: string[] }
  /** The wrapper hands the rest to a shell as one line (watch): judge that line. */
  | { readonly shellLine: string }
  | { readonly danger: string }
  | { readonly opaque: string };

/** Strips assignments and wrappers ("env FOO=1 nice -n 5 npm test" → "npm test"). */
export function unwrap(words: readonly string[]): Unwrapped {
  let w = [...words];
  for (;;) {
    while (w.length > 0 && isAssignment(w[0]!)) {
      if (CODE_VARIABLES.test(w[0]!)) return { danger: `sets ${w[0]!.split('=')[0]}, which changes what runs` };
      w = w.slice(1);
    }
    if (KEYWORDS.has(w[0] ?? '')) {
      w = w.slice(1);
      continue;
    }
    if (CONSTRUCTS.has(w[0] ?? '')) return { opaque: `it uses a shell construct (${w[0]}) that is not matched` };
    const name = commandName(w);
    if (OPAQUE_RUNNERS.has(name)) return { opaque: `"${name}" runs commands that are not written out` };
    const grammar = WRAPPERS[name];
    if (!grammar) return { words: w };
    const read = readOptions(w.slice(1), grammar);
    if ('unknown' in read) return { opaque: `cannot tell which command "${name}" runs (${read.unknown})` };
    const has = (...names: string[]) => read.options.some((o) => names.includes(o.name));
    if (name === 'env' && has('S', 'split-string')) return { opaque: '"env -S" runs a command line that is not written out' };
    // `command -v x` only says what x is.
    if (name === 'command' && has('v', 'V')) return { words: [] };
    if (name === 'watch' && !has('x', 'exec')) return { shellLine: read.rest.join(' ') };
    w = read.rest;
  }
}
