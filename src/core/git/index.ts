// squadtui's git worktree core, for the UI to import from one place. No React here.
//
// The life of an agent's worktree, as the UI drives it through one WorktreeService:
//   inspect(dir)            repository or not; anything but kind 'repo' means "agents run in the
//                           directory, worktree options disabled", with a message and a hint.
//   plan(repo, name)        before creating: the branch and directory it would get, what is in the
//                           way, whether the existing branch can be reused, and a free name.
//   create(repo, {...})     NameTakenError (nothing touched) -> offer create({reuseBranch: true})
//                           when error.taken.branchExists and nothing else is in the way, or
//                           create({agentName: error.suggestion}).
//   status / changedFiles / fileDiff (worktree)   review against the base's merge base;
//   review (worktree)       status and changedFiles from one set of git runs.
//   commitAll(worktree)     defaultMessage() first, to offer a message.
//   merge(repo, {branch})   into the recorded base by default; a conflict is a result, not an error.
//   removalImpact -> remove(worktree, {confirmed})   or pause(worktree) -> resume(repo, branch).
// Stop the agent before remove() or pause(): its directory goes away.
export { WorktreeService } from './worktrees.js';
export type { BaseOption, CommitAllOptions, CreateOptions, MergeOptions, NamePlan, ResumeOptions, SetupRequest, WorktreeServiceOptions } from './worktrees.js';
export * from './errors.js';
export type * from './types.js';
export { classifyDiff, type DiffLine, type DiffLineKind } from './porcelain.js';
export { findOverlaps, type AgentChanges, type Overlap } from './overlaps.js';
export { defaultCommitMessage } from './commit-message.js';
export { DEFAULT_BRANCH_PREFIX, branchNameFor, cleanAgentName, isValidBranchName } from './names.js';
export { INCLUDE_FILE } from './include.js';
export { runSetup, type SetupOptions } from './setup.js';
