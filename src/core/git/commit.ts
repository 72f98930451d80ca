// Committing an agent's work: everything in its worktree, with a message the user confirms, or a
// WIP commit that saves uncommitted work before the worktree goes away.
import { defaultCommitMessage } from './commit-message.js';
import type { Deps } from './deps.js';
import { CommitFailedError, DetachedHeadError, OperationInProgressError } from './errors.js';
import type { GitRunner } from './git.js';
import { type StatusV2, statusChange } from './porcelain.js';
import { detectOperation, worktreeContext } from './repo.js';
import { readStatus } from './review.js';
import type { CommitResult, PendingChange } from './types.js';

export interface CommitAllOptions {
  /** Default: defaultCommitMessage() of the pending changes. */
  readonly message?: string;
  /** Skip the repository's pre-commit and commit-msg hooks. */
  readonly noVerify?: boolean;
}

/** Everything not committed yet (ignored files aside), as a change list. */
export function pendingChanges(st: StatusV2): PendingChange[] {
  return st.entries.filter((e) => e.kind !== 'ignored').map((e) => ({ path: e.path, change: statusChange(e) }));
}

export async function commitAll({ git }: Deps, worktree: string, options: CommitAllOptions = {}): Promise<CommitResult | undefined> {
  const ctx = await worktreeContext(worktree);
  const [st, operation] = await Promise.all([readStatus(git, ctx.path), detectOperation(ctx.gitDir)]);
  if (operation) throw new OperationInProgressError(operation, ctx.path);
  if (!st.branch) throw new DetachedHeadError(ctx.path);
  const pending = pendingChanges(st);
  if (pending.length === 0) return undefined;
  const conflicted = pending.filter((c) => c.change === 'conflicted').map((c) => c.path);
  if (conflicted.length) {
    throw new CommitFailedError(ctx.path, '', `Resolve the conflicts in ${conflicted.slice(0, 3).join(', ')} first; committing now would commit conflict markers.`);
  }
  return commitEverything(git, ctx.path, options.message?.trim() || defaultCommitMessage(pending), pending.length, { noVerify: options.noVerify === true });
}

export async function defaultMessageFor({ git }: Deps, worktree: string): Promise<string | undefined> {
  const ctx = await worktreeContext(worktree);
  const pending = pendingChanges(await readStatus(git, ctx.path));
  return pending.length ? defaultCommitMessage(pending) : undefined;
}

/** Stages everything (new files too, ignored ones not) and commits it. */
export async function commitEverything(git: GitRunner, cwd: string, message: string, files: number, how: { noVerify?: boolean; wip?: boolean }): Promise<CommitResult> {
  await git.run(cwd, ['add', '--all', '--verbose']);
  // A WIP commit saves work on the way out: no hook or signing prompt may stop it.
  const args = ['commit', '-m', message, ...(how.noVerify || how.wip ? ['--no-verify'] : []), ...(how.wip ? ['--no-gpg-sign'] : [])];
  const result = await git.attempt(cwd, args);
  if (result.exitCode !== 0) {
    const output = `${result.stdout}${result.stderr}`;
    const identity = /Author identity unknown|empty ident name|Please tell me who you are/i.test(output);
    throw new CommitFailedError(
      cwd,
      output,
      identity
        ? 'Tell git who you are: git config --global user.name "Your Name"; git config --global user.email you@example.com'
        : 'git refused the commit (a pre-commit or commit-msg hook may have rejected it). Fix what it reports, then commit again.',
    );
  }
  const sha = (await git.run(cwd, ['rev-parse', 'HEAD'])).trim();
  return { sha, message, files };
}
