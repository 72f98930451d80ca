// Errors a user can hit while squadtui manages worktrees. Each says what happened (message) and
// what to do about it (hint), and carries a `code` the UI can switch on exhaustively.
import type { GitOperation, RemovalImpact } from './types.js';

export type WorktreeErrorCode =
  | 'git-unavailable'
  | 'git-failed'
  | 'not-a-repository'
  | 'bare-repository'
  | 'no-commits'
  | 'operation-in-progress'
  | 'base-not-found'
  | 'base-unknown'
  | 'name-taken'
  | 'branch-not-found'
  | 'branch-checked-out'
  | 'not-a-worktree'
  | 'detached-head'
  | 'uncommitted-changes'
  | 'merge-blocked'
  | 'merge-target'
  | 'confirmation-required'
  | 'commit-failed'
  | 'in-use';

export abstract class WorktreeError extends Error {
  abstract readonly code: WorktreeErrorCode;

  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** git could not be started at all (not installed, not on PATH). */
export class GitUnavailableError extends WorktreeError {
  readonly code = 'git-unavailable';
  constructor(detail: string) {
    super(`git could not be run: ${detail}`, 'Install git (2.38 or newer) and make sure it is on your PATH.');
  }
}

/** A git command failed in a way squadtui does not recognise; the message carries git's own words. */
export class GitCommandError extends WorktreeError {
  readonly code = 'git-failed';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
    readonly cwd: string,
    hint = 'Run the same git command in a terminal to see the whole story.',
  ) {
    const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
    const command = args.find((a) => !a.startsWith('-')) ?? '';
    super(`git ${command} failed in ${cwd} (exit ${exitCode})${said ? `: ${said}` : ''}`, hint);
  }
}

export class NotARepositoryError extends WorktreeError {
  readonly code = 'not-a-repository';
  constructor(readonly dir: string) {
    super(`${dir} is not inside a git repository.`, 'Agents can still run there, without worktrees. Run `git init` to get worktrees.');
  }
}

export class BareRepositoryError extends WorktreeError {
  readonly code = 'bare-repository';
  constructor(readonly dir: string) {
    super(
      `${dir} is a bare repository: it has no working tree to branch agents from.`,
      'Start squadtui inside a working tree of this repository (git worktree add <dir> <branch>), or in a normal clone.',
    );
  }
}

export class NoCommitsError extends WorktreeError {
  readonly code = 'no-commits';
  constructor(readonly dir: string) {
    super(`The repository at ${dir} has no commits yet, so there is nothing to branch from.`, 'Make a first commit, then add the agent again.');
  }
}

const OPERATION_HINTS: Record<GitOperation, string> = {
  merge: 'Finish the merge (git commit) or abort it (git merge --abort), then try again.',
  rebase: 'Finish the rebase (git rebase --continue) or abort it (git rebase --abort), then try again.',
  'cherry-pick': 'Finish the cherry-pick (git cherry-pick --continue) or abort it (git cherry-pick --abort), then try again.',
  revert: 'Finish the revert (git revert --continue) or abort it (git revert --abort), then try again.',
  bisect: 'End the bisect (git bisect reset), then try again.',
  am: 'Finish applying the patches (git am --continue) or abort (git am --abort), then try again.',
};

export class OperationInProgressError extends WorktreeError {
  readonly code = 'operation-in-progress';
  constructor(
    readonly operation: GitOperation,
    readonly worktree: string,
  ) {
    super(`A ${operation} is in progress in ${worktree}.`, OPERATION_HINTS[operation]);
  }
}

export class BaseNotFoundError extends WorktreeError {
  readonly code = 'base-not-found';
  constructor(readonly base: string) {
    super(`There is no branch or commit called "${base}".`, 'Pick an existing local branch, a remote branch such as origin/main (fetch first), or a commit.');
  }
}

/** squadtui has no record of which base a worktree's branch came from. */
export class BaseUnknownError extends WorktreeError {
  readonly code = 'base-unknown';
  constructor(readonly worktree: string) {
    super(`squadtui does not know which base the worktree at ${worktree} was branched from.`, 'Tell squadtui the base branch to compare against (for example main).');
  }
}

/**
 * The branch or the directory an agent would get already exists. Nothing was touched: the UI
 * offers to reuse the branch (when it exists and is free) or to take `suggestion` instead.
 */
export class NameTakenError extends WorktreeError {
  readonly code = 'name-taken';
  constructor(
    readonly branch: string,
    readonly path: string,
    readonly taken: {
      readonly branchExists: boolean;
      /** An existing branch whose name collides as a directory (e.g. `squad` blocks `squad/alice`). */
      readonly branchBlockedBy?: string;
      /** Where the existing branch is checked out, if anywhere. */
      readonly branchCheckedOutAt?: string;
      readonly pathExists: boolean;
    },
    /** A free agent name: its branch and its directory are both unused. */
    readonly suggestion: string,
  ) {
    const what = [
      taken.branchExists ? `branch ${branch} already exists` : undefined,
      taken.branchBlockedBy ? `branch ${branch} cannot be created next to the existing branch ${taken.branchBlockedBy}` : undefined,
      taken.pathExists ? `${path} already exists` : undefined,
    ].filter(Boolean);
    const canReuse = taken.branchExists && !taken.pathExists && !taken.branchCheckedOutAt;
    super(
      `Cannot create the worktree: ${what.join(', and ')}.`,
      canReuse ? `Reuse the existing branch ${branch}, or pick another name (for example ${suggestion}).` : `Pick another name (for example ${suggestion}).`,
    );
  }
}

export class BranchNotFoundError extends WorktreeError {
  readonly code = 'branch-not-found';
  constructor(readonly branch: string) {
    super(`There is no local branch called ${branch}.`, 'Check the name with `git branch`, or create the worktree on a new branch.');
  }
}

export class BranchCheckedOutError extends WorktreeError {
  readonly code = 'branch-checked-out';
  constructor(
    readonly branch: string,
    readonly worktree: string,
  ) {
    super(`Branch ${branch} is already checked out in ${worktree}.`, 'Use that worktree, or remove it first; a branch can be checked out in one worktree at a time.');
  }
}

export class NotAWorktreeError extends WorktreeError {
  readonly code = 'not-a-worktree';
  constructor(
    readonly path: string,
    readonly reason: 'missing' | 'main' | 'not-git',
  ) {
    super(
      reason === 'main'
        ? `${path} is the repository's main working tree, not an agent's worktree.`
        : reason === 'missing'
          ? `${path} does not exist (or is not a directory).`
          : `${path} is not a git worktree.`,
      reason === 'main' ? 'squadtui only removes or pauses worktrees it created for agents.' : 'Check the path; the worktree may have been removed already.',
    );
  }
}

/** The worktree is not on a branch, so commits made there would belong to no branch. */
export class DetachedHeadError extends WorktreeError {
  readonly code = 'detached-head';
  constructor(readonly worktree: string) {
    super(`The worktree at ${worktree} is not on a branch (detached HEAD).`, 'In that worktree, switch to its branch (git switch <branch>) or create one (git switch -c <name>), then try again.');
  }
}

export class UncommittedChangesError extends WorktreeError {
  readonly code = 'uncommitted-changes';
  constructor(
    readonly worktree: string,
    readonly files: readonly string[],
    /**
     * `target`: the worktree a merge would update; `source`: the agent's worktree being merged;
     * `removal`: files appeared in a worktree between saving its work and removing it.
     */
    readonly side: 'target' | 'source' | 'removal',
  ) {
    super(`${worktree} has uncommitted changes${files.length ? ` (${listFiles(files)})` : ''}.`, UNCOMMITTED_HINTS[side]);
  }
}

const UNCOMMITTED_HINTS = {
  target: 'Commit or stash them there first: merging updates that working tree. Nothing was changed.',
  source: "Commit the agent's changes first, or choose to merge only what it has committed.",
  removal: 'Something is still writing there (is the agent still running?). Stop it and try again; nothing was deleted.',
} as const;

/** Updating the checked-out base would overwrite untracked files there. */
export class MergeBlockedError extends WorktreeError {
  readonly code = 'merge-blocked';
  constructor(
    readonly worktree: string,
    readonly files: readonly string[],
  ) {
    super(`Merging would overwrite untracked files in ${worktree} (${listFiles(files)}).`, 'Move or delete those files there, then merge again. Nothing was changed.');
  }
}

export class MergeTargetError extends WorktreeError {
  readonly code = 'merge-target';
  constructor(message: string, hint = 'Pick the local branch to merge into.') {
    super(message, hint);
  }
}

/** Removing the worktree would affect work; the caller must show `impact` and ask. */
export class ConfirmationRequiredError extends WorktreeError {
  readonly code = 'confirmation-required';
  constructor(readonly impact: RemovalImpact) {
    const parts = [
      impact.uncommitted.length ? `${impact.uncommitted.length} uncommitted file(s) would be committed to ${impact.branch} as a WIP commit` : undefined,
      impact.unmergedCount ? `${impact.unmergedCount} commit(s) on ${impact.branch} are not merged into ${impact.base ?? 'any other branch'}` : undefined,
    ].filter(Boolean);
    super(`Removing ${impact.path}: ${parts.join('; ')}.`, `Confirm to go ahead; the branch ${impact.branch} is kept either way.`);
  }
}

export class CommitFailedError extends WorktreeError {
  readonly code = 'commit-failed';
  constructor(
    readonly worktree: string,
    readonly output: string,
    hint: string,
  ) {
    const last = output.trim().split('\n').slice(-3).join(' ').trim();
    super(`Committing in ${worktree} failed${last ? `: ${last}` : ''}.`, hint);
  }
}

/** Who else works in an agent's worktree: another squadtui, or a process left running in it. */
export type WorktreeUser = { readonly kind: 'squadtui'; readonly pid: number } | { readonly kind: 'process'; readonly pid: number; readonly command: string };

export function describeUser(user: WorktreeUser): string {
  return user.kind === 'squadtui' ? `squadtui pid ${user.pid}` : `pid ${user.pid} (${user.command})`;
}

/** Another squadtui, or a program still running in it, has the agent's worktree: it is not taken or removed. */
export class WorktreeInUseError extends WorktreeError {
  readonly code = 'in-use';
  constructor(
    readonly agent: string,
    readonly branch: string,
    readonly user: WorktreeUser,
  ) {
    super(
      `${agent}'s worktree (${branch}) is in use by ${describeUser(user)}.`,
      user.kind === 'squadtui'
        ? 'Another squadtui in this repository runs that agent: give this one another name, or close it there first.'
        : 'A program left running there (perhaps by a squadtui that crashed) still works in it: end it, or give this agent another name.',
    );
  }
}

function listFiles(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ');
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}
