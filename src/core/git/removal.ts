// Taking an agent's worktree away (remove or pause) without losing anything: what it would affect
// is reported first, uncommitted work is committed to the branch, and the branch always stays.
import { wipCommitMessage } from './commit-message.js';
import { commitEverything, pendingChanges } from './commit.js';
import type { Deps } from './deps.js';
import { DetachedHeadError, GitCommandError, NotAWorktreeError, OperationInProgressError, UncommittedChangesError } from './errors.js';
import { parseLog, parseStatusV2 } from './porcelain.js';
import { type WorktreeContext, detectOperation, worktreeContext } from './repo.js';
import type { AgentState, RemovalImpact, RemovedWorktree } from './types.js';

/** Unmerged commits listed in a removal impact (all are counted). */
const IMPACT_COMMITS = 20;

export async function assessRemoval({ git, records }: Deps, worktree: string): Promise<{ ctx: WorktreeContext; impact: RemovalImpact }> {
  const ctx = await worktreeContext(worktree);
  if (ctx.isMain) throw new NotAWorktreeError(ctx.path, 'main');
  const [st, operation, all] = await Promise.all([
    // Untracked and ignored directories collapsed ("node_modules/"): this is for people to read.
    git.run(ctx.path, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=normal', '--ignored=traditional']).then(parseStatusV2),
    detectOperation(ctx.gitDir),
    records.all(ctx.commonDir),
  ]);
  // A WIP commit in the middle of a merge or rebase would conclude it, or land on no branch.
  if (operation) throw new OperationInProgressError(operation, ctx.path);
  if (!st.branch) throw new DetachedHeadError(ctx.path);
  const branch = st.branch;
  const base = all[branch]?.base;
  // Against the base when it still exists; otherwise against every other branch, local or remote.
  const count = (not: string[]) => git.attempt(ctx.path, ['rev-list', '--count', 'HEAD', '--not', ...not]);
  let not = base ? ['--end-of-options', base] : [];
  let counted = base ? await count(not) : undefined;
  if (!counted || counted.exitCode !== 0) {
    not = [`--exclude=${branch}`, '--branches', '--remotes'];
    counted = await count(not);
  }
  const unmergedCount = Number(counted.stdout.trim()) || 0;
  const log = unmergedCount ? await git.run(ctx.path, ['log', '-z', '--format=%H%x1f%s', '-n', String(IMPACT_COMMITS), 'HEAD', '--not', ...not]) : '';
  const uncommitted = pendingChanges(st);
  const impact: RemovalImpact = {
    path: ctx.path,
    branch,
    ...(base ? { base } : {}),
    uncommitted,
    ignored: st.entries.filter((e) => e.kind === 'ignored').map((e) => e.path),
    unmergedCommits: parseLog(log),
    unmergedCount,
    needsConfirmation: uncommitted.length > 0 || unmergedCount > 0,
  };
  return { ctx, impact };
}

/** Commits uncommitted work (WIP), removes the worktree, keeps the branch, records the new state. */
export async function takeDown({ git, records }: Deps, ctx: WorktreeContext, impact: RemovalImpact, state: Exclude<AgentState, 'active'>): Promise<RemovedWorktree> {
  const wip = impact.uncommitted.length
    ? await commitEverything(git, ctx.path, wipCommitMessage(impact.uncommitted, state === 'paused' ? 'pause' : 'remove'), impact.uncommitted.length, { wip: true })
    : undefined;
  // Run from the shared git directory: a worktree cannot remove itself from inside.
  const args = ['worktree', 'remove', ctx.path];
  const removed = await git.attempt(ctx.commonDir, args);
  if (removed.exitCode !== 0) {
    if (/modified or untracked files/.test(removed.stderr)) throw new UncommittedChangesError(ctx.path, [], 'removal');
    const locked = /locked/.test(removed.stderr);
    throw new GitCommandError(args, removed.exitCode, removed.stderr, ctx.commonDir, locked ? `Unlock it first: git worktree unlock '${ctx.path}'` : undefined);
  }
  git.forget(ctx.path);
  const record = await records.update(ctx.commonDir, impact.branch, { state });
  return { path: ctx.path, branch: impact.branch, ...(wip ? { wipCommit: wip.sha } : {}), ...(record ? { record } : {}) };
}
