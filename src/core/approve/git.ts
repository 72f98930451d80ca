// What makes a git command destructive, or makes git run something else. git's parse-options takes
// any unambiguous abbreviation of a long option (`git reset --har`), so long options match by prefix.
import { longIs, optionIs, shortHas } from './options.js';

/** Global options that change nothing about what git runs or where. */
const HARMLESS_GLOBAL = new Set([
  '-p', '-P', '--paginate', '--no-pager', '--no-replace-objects', '--literal-pathspecs', '--glob-pathspecs',
  '--noglob-pathspecs', '--icase-pathspecs', '--no-optional-locks', '--no-lazy-fetch', '--no-advice', '--version', '--help',
]);

export function gitDanger(args: readonly string[]): string | undefined {
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const arg = args[i]!;
    if (arg === '-C') i++;
    else if (arg.startsWith('-c') || longIs(arg, ['config-env'])) return 'sets git configuration, which can make git run commands';
    else if (!HARMLESS_GLOBAL.has(arg)) return `points git at another repository, work tree or program (${arg})`;
  }
  const sub = args[i];
  const rest = args.slice(i + 1);
  const any = (letters: string, ...names: string[]) => rest.some((a) => optionIs(a, letters, names));
  const operands = rest.filter((a) => !a.startsWith('-'));
  switch (sub) {
    case 'push':
      if (any('fd', 'force', 'force-with-lease', 'force-if-includes', 'mirror', 'delete', 'prune')) return 'rewrites or deletes remote history';
      return operands.some((a) => a.startsWith('+') || a.startsWith(':') || a.includes(':+')) ? 'rewrites or deletes remote history' : undefined;
    case 'reset':
      return any('', 'hard', 'merge', 'keep') ? 'throws away work' : undefined;
    case 'clean':
      return any('f', 'force') ? 'deletes untracked files' : undefined;
    case 'rm':
      return any('rf', 'force') ? 'deletes files recursively or by force' : undefined;
    case 'branch':
      return any('DMCf', 'force') ? 'deletes or moves a branch by force' : undefined;
    case 'checkout':
      return any('fB', 'force', 'overwrite-ignore') || rest.includes('.') || rest.includes('--') ? 'discards local changes' : undefined;
    case 'switch':
      return any('fC', 'force', 'force-create', 'discard-changes') ? 'discards local changes' : undefined;
    case 'restore':
      return !any('S', 'staged') || any('W', 'worktree') ? 'discards local changes' : undefined;
    case 'stash':
      return rest[0] === 'drop' || rest[0] === 'clear' ? 'deletes stashed work' : undefined;
    case 'worktree':
      return rest[0] === 'remove' && any('f', 'force') ? 'deletes a worktree with its changes' : undefined;
    case 'filter-branch':
    case 'filter-repo':
      return 'rewrites history';
    case 'reflog':
      return rest[0] === 'expire' || rest[0] === 'delete' ? 'deletes history' : undefined;
    case 'gc':
      return any('', 'prune') ? 'deletes unreachable history' : undefined;
    case 'update-ref':
      return rest.some((a) => shortHas(a, 'd')) || any('', 'stdin') ? 'moves or deletes a ref' : undefined;
    case 'config':
      return configWrites(rest) ? 'changes git configuration, which can make git run commands' : undefined;
    case 'rebase':
      return any('x', 'exec') ? 'runs commands' : undefined;
    case 'difftool':
    case 'mergetool':
      return any('x', 'extcmd', 'tool') ? 'runs another program' : undefined;
    case 'submodule':
      return rest.includes('foreach') ? 'runs commands in every submodule' : undefined;
    case 'bisect':
      return rest[0] === 'run' ? 'runs commands' : undefined;
    default:
      return undefined;
  }
}

const CONFIG_WRITES = ['edit', 'unset', 'unset-all', 'add', 'replace-all', 'rename-section', 'remove-section'];

/** `git config` reads with one operand, `--get…`, `--list` or `get`/`list`; anything else may write. */
function configWrites(args: readonly string[]): boolean {
  if (args.some((a) => optionIs(a, 'e', CONFIG_WRITES))) return true;
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands[0] === 'get' || operands[0] === 'list') return false;
  if (args.some((a) => a === '-l' || longIs(a, ['get', 'get-all', 'get-regexp', 'get-urlmatch', 'list']))) return false;
  return operands.length !== 1;
}
