// Where a directory stands in git: repository or not, bare or not, which branch, mid-merge or not.
// Per-worktree state (HEAD, MERGE_HEAD, rebase directories) is read from files, which costs no
// git process; only what needs git's own logic runs git.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BareRepositoryError, GitCommandError, GitUnavailableError, NotARepositoryError, NotAWorktreeError } from './errors.js';
import type { GitRunner } from './git.js';
import { remotesFromConfig } from './porcelain.js';
import { readConfig } from './refs.js';
import type { GitOperation, HeadState, InspectResult, NoWorktrees, RepoInfo } from './types.js';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Markers git leaves in a worktree's git directory while an operation waits for the user. */
const OPERATION_MARKERS: readonly (readonly [string, GitOperation])[] = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply/applying', 'am'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

export async function detectOperation(gitDir: string): Promise<GitOperation | undefined> {
  const found = await Promise.all(OPERATION_MARKERS.map(([marker]) => exists(path.join(gitDir, marker))));
  return OPERATION_MARKERS[found.indexOf(true)]?.[1];
}

/** HEAD as written in the git directory: a branch (`ref: refs/heads/x`) or a commit id. */
export async function readHead(gitDir: string): Promise<{ branch?: string; sha?: string }> {
  const text = (await readFile(path.join(gitDir, 'HEAD'), 'utf8')).trim();
  if (text.startsWith('ref: ')) {
    const ref = text.slice(5).trim();
    return { branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref };
  }
  return { sha: text };
}

export interface WorktreeContext {
  /** The worktree's root, absolute. */
  readonly path: string;
  readonly gitDir: string;
  readonly commonDir: string;
  /** The repository's main working tree (whose .git is a directory), not a linked worktree. */
  readonly isMain: boolean;
}

/**
 * Finds a working tree's git directories from its `.git` (a directory in the main working tree,
 * a `gitdir:` file in a linked one) without running git.
 */
export async function worktreeContext(worktree: string): Promise<WorktreeContext> {
  const root = path.resolve(worktree);
  if (!(await isDirectory(root))) throw new NotAWorktreeError(root, 'missing');
  const dotGit = path.join(root, '.git');
  const info = await stat(dotGit).catch(() => undefined);
  if (!info) throw new NotAWorktreeError(root, 'not-git');
  if (info.isDirectory()) return { path: root, gitDir: dotGit, commonDir: dotGit, isMain: true };
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'))?.[1];
  if (!pointer) throw new NotAWorktreeError(root, 'not-git');
  const gitDir = path.resolve(root, pointer);
  const common = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
  return { path: root, gitDir, commonDir: common ? path.resolve(gitDir, common.trim()) : gitDir, isMain: false };
}

export interface Located {
  readonly topLevel: string;
  readonly gitDir: string;
  readonly commonDir: string;
}

/** One `git rev-parse`: repository or not, bare or not, and its directories. */
async function locateOrExplain(git: GitRunner, dir: string): Promise<Located | NoWorktrees> {
  const absolute = path.resolve(dir);
  if (!(await isDirectory(absolute))) {
    return { kind: 'not-a-repo', dir: absolute, message: `${absolute} does not exist.`, hint: 'Pick an existing directory.' };
  }
  const result = await git.attempt(absolute, [
    'rev-parse',
    '--path-format=absolute',
    '--is-bare-repository',
    '--is-inside-work-tree',
    '--absolute-git-dir',
    '--git-common-dir',
    // Last, because it fails in a bare repository after the others have printed.
    '--show-toplevel',
  ]);
  const [bare, inside, gitDir = '', commonDir = '', topLevel = ''] = result.stdout.split('\n');
  if (bare === 'true') {
    const e = new BareRepositoryError(absolute);
    return { kind: 'bare', dir: absolute, message: e.message, hint: e.hint };
  }
  if (result.exitCode === 0 && inside === 'true') return { topLevel, gitDir, commonDir };
  if (inside === 'false' && gitDir) {
    return { kind: 'unavailable', dir: absolute, message: `${absolute} is inside a git directory, not a working tree.`, hint: 'Start squadtui in the working tree.' };
  }
  if (/not a git repository/i.test(result.stderr)) {
    const e = new NotARepositoryError(absolute);
    return { kind: 'not-a-repo', dir: absolute, message: e.message, hint: e.hint };
  }
  if (/dubious ownership/i.test(result.stderr)) {
    return {
      kind: 'unavailable',
      dir: absolute,
      message: `git refuses to work in ${absolute}: the repository belongs to another user.`,
      hint: `If you trust it, run: git config --global --add safe.directory '${absolute}'`,
    };
  }
  const e = new GitCommandError(['rev-parse'], result.exitCode, result.stderr, absolute);
  return { kind: 'unavailable', dir: absolute, message: e.message, hint: e.hint };
}

/** The repository around `dir`, or the typed error that says why there is no usable one. */
export async function locate(git: GitRunner, dir: string): Promise<Located> {
  if (!(await isDirectory(path.resolve(dir)))) throw new NotAWorktreeError(path.resolve(dir), 'missing');
  const found = await locateOrExplain(git, dir);
  if (!('kind' in found)) return found;
  switch (found.kind) {
    case 'bare':
      throw new BareRepositoryError(found.dir);
    case 'not-a-repo':
      throw new NotARepositoryError(found.dir);
    case 'unavailable':
      throw new GitCommandError(['rev-parse'], 128, found.message, found.dir, found.hint);
  }
}

export async function inspectRepo(git: GitRunner, dir: string): Promise<InspectResult> {
  try {
    const found = await locateOrExplain(git, dir);
    return 'kind' in found ? found : await describe(git, dir, found);
  } catch (error) {
    if (!(error instanceof GitUnavailableError)) throw error;
    return { kind: 'unavailable', dir: path.resolve(dir), message: error.message, hint: error.hint };
  }
}

/** Like inspectRepo, but a directory without a usable repository is a typed error. */
export async function requireRepo(git: GitRunner, dir: string): Promise<RepoInfo> {
  return describe(git, dir, await locate(git, dir));
}

async function describe(git: GitRunner, dir: string, found: Located): Promise<RepoInfo> {
  const [written, sha, remotes, operation] = await Promise.all([
    readHead(found.gitDir),
    git.attempt(found.topLevel, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).then((r) => (r.exitCode === 0 ? r.stdout.trim() : undefined)),
    readConfig(git, found.topLevel).then(remotesFromConfig),
    detectOperation(found.gitDir),
  ]);
  let head: HeadState;
  if (written.branch !== undefined) head = sha ? { kind: 'branch', branch: written.branch, sha } : { kind: 'unborn', branch: written.branch };
  else head = { kind: 'detached', sha: sha ?? written.sha ?? '' };
  return {
    kind: 'repo',
    dir: path.resolve(dir),
    topLevel: found.topLevel,
    gitDir: found.gitDir,
    commonDir: found.commonDir,
    isLinkedWorktree: found.gitDir !== found.commonDir,
    head,
    remotes,
    ...(operation ? { operation } : {}),
  };
}
