// Plain values that cross the worktree service's boundary: the UI stores, compares and draws them.

/** A multi-step git operation that stopped half-way and waits for the user. */
export type GitOperation = 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect' | 'am';

export type HeadState =
  | { readonly kind: 'branch'; readonly branch: string; readonly sha: string }
  | { readonly kind: 'detached'; readonly sha: string }
  /** On a branch that has no commits yet (a fresh `git init`). */
  | { readonly kind: 'unborn'; readonly branch: string };

export interface Remote {
  readonly name: string;
  readonly fetchUrl: string;
  readonly pushUrl: string;
}

export interface RepoInfo {
  readonly kind: 'repo';
  /** The directory that was inspected. */
  readonly dir: string;
  /** Root of the working tree containing `dir` (the main one or a linked worktree). */
  readonly topLevel: string;
  /** This working tree's own git directory (per-worktree state such as HEAD and MERGE_HEAD). */
  readonly gitDir: string;
  /** The repository's shared git directory (objects, refs, config). */
  readonly commonDir: string;
  readonly isLinkedWorktree: boolean;
  readonly head: HeadState;
  readonly operation?: GitOperation;
  readonly remotes: readonly Remote[];
}

/** Why worktrees are not available in a directory; agents still run there. */
export interface NoWorktrees {
  readonly kind: 'not-a-repo' | 'bare' | 'unavailable';
  readonly dir: string;
  readonly message: string;
  readonly hint: string;
}

export type InspectResult = RepoInfo | NoWorktrees;

/** What an agent's branch was made from: a local branch, a remote-tracking branch, or a fixed commit. */
export type BaseKind = 'branch' | 'remote-branch' | 'commit';

export interface BaseRef {
  /** `main`, `origin/main`, or a full commit id. */
  readonly name: string;
  readonly kind: BaseKind;
  /** The commit the base pointed at when it was resolved. */
  readonly sha: string;
}

export interface WorktreeEntry {
  readonly path: string;
  /** Undefined for a bare repository's entry. */
  readonly head?: string;
  /** Short branch name; undefined when detached or bare. */
  readonly branch?: string;
  readonly detached: boolean;
  readonly bare: boolean;
  /** The lock reason ('' when locked without one). */
  readonly locked?: string;
  /** Why git would prune it (its directory is gone). */
  readonly prunable?: string;
  /** The first entry: the main working tree (or the bare repository). */
  readonly isMain: boolean;
}

export type AgentState = 'active' | 'paused' | 'removed';

/** What squadtui remembers about an agent's branch (kept in the repository's git directory). */
export interface AgentRecord {
  readonly agent: string;
  readonly branch: string;
  readonly base: string;
  readonly baseKind: BaseKind;
  /** Where the worktree is (or was, when paused or removed). */
  readonly path: string;
  readonly state: AgentState;
  readonly updatedAt: string;
}

export interface AgentWorktree extends WorktreeEntry {
  /** Present when squadtui created this worktree. */
  readonly record?: AgentRecord;
}

export interface WorktreeList {
  readonly worktrees: readonly AgentWorktree[];
  /** squadtui branches without a worktree: paused or removed agents that can be resumed. */
  readonly parked: readonly AgentRecord[];
}

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed' | 'untracked' | 'conflicted';

export interface ChangedFile {
  readonly path: string;
  /** The path before a rename or copy. */
  readonly oldPath?: string;
  readonly change: ChangeKind;
  readonly added: number;
  readonly removed: number;
  /** Binary files count as changed files but have no line counts. */
  readonly binary: boolean;
}

export interface WorktreeStatus {
  readonly path: string;
  /** Undefined when the worktree is on a detached HEAD. */
  readonly branch?: string;
  readonly head: string;
  readonly base: string;
  /** Where the branch left the base; everything is compared against this commit. */
  readonly mergeBase: string;
  /** Commits on the branch that the base does not have. */
  readonly ahead: number;
  /** Commits on the base that the branch does not have. */
  readonly behind: number;
  /** Files changed against the merge base, committed or not, including new untracked files. */
  readonly files: number;
  /** Lines added; untracked files count in full (the first 2,000 of them, up to 8 MiB each). */
  readonly added: number;
  readonly removed: number;
  /** Anything not committed yet: staged, unstaged or untracked. */
  readonly uncommitted: boolean;
  readonly operation?: GitOperation;
}

/** A worktree's numbers and the files they count, read together. */
export interface WorktreeReview {
  readonly status: WorktreeStatus;
  readonly files: readonly ChangedFile[];
}

export interface FileDiff {
  readonly path: string;
  readonly oldPath?: string;
  readonly binary: boolean;
  /** Unified diff without colour; see classifyDiffLine() to colour it. */
  readonly text: string;
}

export interface CommitResult {
  readonly sha: string;
  readonly message: string;
  readonly files: number;
}

export type PushResult =
  | { readonly status: 'pushed'; readonly remote: string; readonly ref: string }
  | { readonly status: 'failed'; readonly remote?: string; readonly message: string }
  | { readonly status: 'no-remote' };

export type MergeResult =
  | { readonly kind: 'up-to-date'; readonly branch: string; readonly into: string; readonly sha: string; readonly push?: PushResult }
  | {
      readonly kind: 'fast-forward' | 'merge-commit';
      readonly branch: string;
      readonly into: string;
      readonly from: string;
      readonly to: string;
      /** The working tree that had `into` checked out and was updated with it. */
      readonly updatedWorktree?: string;
      readonly push?: PushResult;
    }
  /** Nothing was changed anywhere; `files` lists what conflicts. */
  | { readonly kind: 'conflict'; readonly branch: string; readonly into: string; readonly files: readonly string[]; readonly details: readonly string[] };

export interface PendingChange {
  readonly path: string;
  readonly change: ChangeKind;
}

export interface CommitSummary {
  readonly sha: string;
  readonly subject: string;
}

/** What removing an agent's worktree would affect, for the UI to show before asking. */
export interface RemovalImpact {
  readonly path: string;
  readonly branch: string;
  readonly base?: string;
  /** Would be committed to the branch as a WIP commit. */
  readonly uncommitted: readonly PendingChange[];
  /** Ignored files and directories (build output, dependencies, copied .env files): deleted with the worktree. */
  readonly ignored: readonly string[];
  /** The newest commits not merged into the base (at most 20); the branch keeps them. */
  readonly unmergedCommits: readonly CommitSummary[];
  readonly unmergedCount: number;
  readonly needsConfirmation: boolean;
}

export interface RemovedWorktree {
  readonly path: string;
  readonly branch: string;
  /** The commit that saved uncommitted work, if there was any. */
  readonly wipCommit?: string;
  readonly record?: AgentRecord;
}

export interface IncludeResult {
  /** Whether the repository has a .worktreeinclude file. */
  readonly patterns: boolean;
  readonly copied: readonly string[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

export interface SetupResult {
  readonly command: string;
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The last lines of output (stdout and stderr interleaved), for a failure message. */
  readonly lastLines: readonly string[];
  readonly durationMs: number;
  /** Set when the command could not be started or was cancelled. */
  readonly error?: string;
}

export interface CreatedWorktree {
  readonly agentName: string;
  readonly branch: string;
  readonly path: string;
  readonly base: BaseRef;
  /** True when an existing branch was checked out instead of a new one created. */
  readonly reused: boolean;
  readonly included: IncludeResult;
  readonly setup?: SetupResult;
}
