// Landing an agent's branch: fast-forward when possible, a merge commit otherwise, and on conflict
// nothing changed anywhere. The merge is computed in git's object store (merge-tree), never in a
// working tree, so a conflict leaves no half-merged index, file or ref behind on either side.
import type { Deps } from './deps.js';
import { BranchNotFoundError, CommitFailedError, GitCommandError, MergeBlockedError, MergeTargetError, OperationInProgressError, UncommittedChangesError } from './errors.js';
import type { GitRunner } from './git.js';
import { parseMergeTree, parseOverwrittenFiles, parseStatusV2, remotesFromConfig } from './porcelain.js';
import { listRefs, listWorktrees, readConfig } from './refs.js';
import { detectOperation, locate, worktreeContext } from './repo.js';
import type { MergeResult, PushResult, WorktreeEntry } from './types.js';

export interface MergeOptions {
  /** The agent's branch. */
  readonly branch: string;
  /**
   * The local branch to merge into. Default: the base the branch was created from (for a remote
   * base such as origin/main, the local branch main). A commit base has no default.
   */
  readonly into?: string;
  /** Message of the merge commit, when one is needed. */
  readonly message?: string;
  /** After merging, push `into`: true for its upstream remote (else origin, else the only remote), or a remote's name. */
  readonly push?: boolean | string;
  /** Merge what the branch has committed even though its worktree has uncommitted changes. */
  readonly allowUncommitted?: boolean;
}

export async function mergeBranch({ git, records }: Deps, repoDir: string, options: MergeOptions): Promise<MergeResult> {
  const where = await locate(git, repoDir);
  const cwd = where.topLevel;
  const [refs, worktrees, record] = await Promise.all([listRefs(git, cwd), listWorktrees(git, cwd), records.get(where.commonDir, options.branch)]);
  const branch = options.branch;
  const tip = refs.heads.get(branch);
  if (!tip) throw new BranchNotFoundError(branch);
  const into = options.into?.trim().replace(/^refs\/heads\//, '') || defaultTarget(record, refs.heads);
  if (into === branch) throw new MergeTargetError(`Cannot merge ${branch} into itself.`);
  const start = refs.heads.get(into);
  if (!start) throw new MergeTargetError(`There is no local branch called ${into} to merge into.`);

  const live = (name: string) => worktrees.find((w) => w.branch === name && w.prunable === undefined);
  const source = live(branch);
  const target = live(into);
  await Promise.all([
    source && checkWorktree(git, source, options.allowUncommitted ? 'none' : 'all', 'source'),
    // Untracked files in the base's tree are fine, unless the merge would overwrite them (below).
    target && checkWorktree(git, target, 'tracked', 'target'),
  ]);

  const baseResult = await git.attempt(cwd, ['merge-base', start, tip]);
  if (baseResult.exitCode === 1) throw new MergeTargetError(`${branch} and ${into} have no history in common.`, 'Merge it by hand if that is really meant.');
  if (baseResult.exitCode !== 0) throw new GitCommandError(['merge-base'], baseResult.exitCode, baseResult.stderr, cwd);
  const mergeBase = baseResult.stdout.trim();
  const pushIt = async () => (options.push ? { push: await push(git, cwd, into, options.push) } : {});

  if (mergeBase === tip) return { kind: 'up-to-date', branch, into, sha: start, ...(await pushIt()) };

  let next = tip;
  let kind: 'fast-forward' | 'merge-commit' = 'fast-forward';
  if (mergeBase !== start) {
    const args = ['merge-tree', '--write-tree', '--name-only', '-z', start, tip];
    const merged = await git.attempt(cwd, args);
    if (merged.exitCode > 1) throw new GitCommandError(args, merged.exitCode, merged.stderr, cwd);
    const outcome = parseMergeTree(merged.stdout, merged.exitCode);
    if (outcome.files.length > 0 || merged.exitCode === 1) return { kind: 'conflict', branch, into, files: outcome.files, details: outcome.details };
    const message = options.message?.trim() || `Merge branch '${branch}' into ${into}`;
    const made = await git.attempt(cwd, ['commit-tree', outcome.tree, '-p', start, '-p', tip, '-m', message]);
    if (made.exitCode !== 0) {
      throw new CommitFailedError(cwd, made.stderr, 'git could not write the merge commit; if it asks who you are, set user.name and user.email.');
    }
    next = made.stdout.trim();
    kind = 'merge-commit';
  }

  if (target) {
    // The checked-out base moves with its working tree. Only a fast-forward to `next` is left to
    // do (next descends from start), and git refuses it rather than overwrite anything.
    const args = ['merge', '--ff-only', '--no-autostash', next];
    const moved = await git.attempt(target.path, args);
    if (moved.exitCode !== 0) {
      const files = parseOverwrittenFiles(moved.stderr);
      if (files.length) throw new MergeBlockedError(target.path, files);
      throw new GitCommandError(args, moved.exitCode, moved.stderr, target.path, `${into} may have moved during the merge; try again.`);
    }
  } else {
    // Not checked out anywhere: move the ref, only if it still points where we started from.
    await git.run(cwd, ['update-ref', '-m', `squadtui: merge ${branch}`, `refs/heads/${into}`, next, start], `${into} moved during the merge; try again.`);
  }
  return { kind, branch, into, from: start, to: next, ...(target ? { updatedWorktree: target.path } : {}), ...(await pushIt()) };
}

/** Where a branch goes home: its base branch, or for origin/main the local main. */
function defaultTarget(record: { base: string; baseKind: string } | undefined, heads: ReadonlyMap<string, string>): string {
  if (record?.baseKind === 'branch') return record.base;
  if (record?.baseKind === 'remote-branch') {
    const local = record.base.slice(record.base.indexOf('/') + 1);
    if (heads.has(local)) return local;
    throw new MergeTargetError(`The branch was made from ${record.base}, and there is no local branch ${local} to merge into.`);
  }
  if (record?.baseKind === 'commit') throw new MergeTargetError('The branch was made from a commit, not a branch.');
  throw new MergeTargetError('squadtui does not know which branch this one was made from.');
}

/** Refuses to merge while a worktree involved is mid-operation or has the wrong kind of changes. */
async function checkWorktree(git: GitRunner, worktree: WorktreeEntry, changes: 'all' | 'tracked' | 'none', side: 'source' | 'target'): Promise<void> {
  const ctx = await worktreeContext(worktree.path);
  const [operation, status] = await Promise.all([
    detectOperation(ctx.gitDir),
    // --branch only so that git always prints something: simple-git waits 50 ms after a silent command.
    changes === 'none' ? undefined : git.run(ctx.path, ['status', '--porcelain=v2', '--branch', '-z', changes === 'all' ? '--untracked-files=all' : '--untracked-files=no']),
  ]);
  if (operation) throw new OperationInProgressError(operation, ctx.path);
  const dirty = status === undefined ? [] : parseStatusV2(status).entries.filter((e) => e.kind !== 'ignored');
  if (dirty.length) throw new UncommittedChangesError(ctx.path, dirty.map((e) => e.path), side);
}

async function push(git: GitRunner, cwd: string, branch: string, how: true | string): Promise<PushResult> {
  const config = await readConfig(git, cwd);
  const remotes = remotesFromConfig(config);
  const upstream = config.get(`branch.${branch}.remote`)?.at(-1) ?? '';
  const merge = config.get(`branch.${branch}.merge`)?.at(-1) ?? '';
  const names = remotes.map((r) => r.name);
  if (names.length === 0) return { status: 'no-remote' };
  let remote: string | undefined;
  if (typeof how === 'string') remote = how;
  else if (names.includes(upstream)) remote = upstream;
  else if (names.includes('origin')) remote = 'origin';
  else if (names.length === 1) remote = names[0];
  if (!remote || !names.includes(remote)) {
    return { status: 'failed', message: typeof how === 'string' ? `There is no remote called ${how}.` : `Several remotes (${names.join(', ')}); pick one to push to.` };
  }
  // Push to the branch it tracks on that remote, or to the same name.
  const ref = remote === upstream && merge.startsWith('refs/heads/') ? merge : `refs/heads/${branch}`;
  const pushed = await git.attempt(cwd, ['push', '--porcelain', remote, `refs/heads/${branch}:${ref}`]);
  if (pushed.exitCode !== 0) {
    const said = `${pushed.stderr}\n${pushed.stdout}`.trim().split('\n').filter(Boolean).slice(-3).join(' ');
    return { status: 'failed', remote, message: said || `git push exited with ${pushed.exitCode}` };
  }
  return { status: 'pushed', remote, ref };
}
