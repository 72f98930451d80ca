// The worktree service: each agent on its own git worktree and branch. Create, review, commit,
// merge, remove, pause and resume, with nothing a user or agent wrote ever lost silently.
// Everything is async (git runs as child processes, at most a few at once); errors a user can hit
// are WorktreeErrors (errors.ts) with a message and a hint; everything returned is plain data.
import { type CommitAllOptions, commitAll, defaultMessageFor } from './commit.js';
import { type NamePlan, type SetupRequest, type Placement, addWorktree, planName } from './create.js';
import type { Deps } from './deps.js';
import { ConfirmationRequiredError } from './errors.js';
import { GitRunner, type GitRunnerOptions } from './git.js';
import { type MergeOptions, mergeBranch } from './merge.js';
import { DEFAULT_BRANCH_PREFIX, agentPartOf, cleanAgentName, cleanBranchPrefix, isValidBranchName } from './names.js';
import { AgentRecords } from './records.js';
import { listRefs, listWorktrees, resolveBase } from './refs.js';
import { assessRemoval, takeDown } from './removal.js';
import { inspectRepo, locate, requireRepo } from './repo.js';
import { changedFiles, fileDiff, reviewWorktree, worktreeStatus } from './review.js';
import type {
  BaseRef,
  ChangedFile,
  CommitResult,
  CreatedWorktree,
  FileDiff,
  InspectResult,
  MergeResult,
  RemovalImpact,
  RemovedWorktree,
  WorktreeList,
  WorktreeReview,
  WorktreeStatus,
} from './types.js';

export type { CommitAllOptions, MergeOptions, NamePlan, SetupRequest };

export interface WorktreeServiceOptions extends GitRunnerOptions {
  /** Prefix of agent branches (default "squad/"); cleaned like a branch name. */
  readonly branchPrefix?: string;
  /**
   * Directory holding a repository's agent worktrees. `{repo}` stands for the repository's
   * directory name; `~` and relative paths are resolved against the repository's parent directory.
   * Default: `<repo>.squad` next to the repository, outside its working tree, so build tools,
   * watchers and agents don't see each other's copies.
   */
  readonly worktreeRoot?: string;
  readonly now?: () => Date;
}

export interface CreateOptions {
  /** The agent's name as the user typed it; the branch is `<prefix><cleaned name>`. */
  readonly agentName: string;
  /** A local branch, a remote branch (origin/main) or a commit; default HEAD (its branch, or its commit when detached). */
  readonly base?: string;
  /** Check out the existing branch `<prefix><name>` instead of creating it (the "reuse" answer to NameTakenError). */
  readonly reuseBranch?: boolean;
  /** Where to put the worktree instead of `<worktreeRoot>/<cleaned name>`. */
  readonly path?: string;
  /** Copy the ignored files .worktreeinclude names (default true). */
  readonly copyIncluded?: boolean;
  readonly setup?: SetupRequest;
}

export interface ResumeOptions {
  /** Default: where the worktree was before it was paused or removed. */
  readonly path?: string;
  readonly copyIncluded?: boolean;
  readonly setup?: SetupRequest;
}

export interface BaseOption {
  /** Compare against this instead of the base recorded when the worktree was created. */
  readonly base?: string;
}

export class WorktreeService {
  readonly branchPrefix: string;
  private readonly deps: Deps;
  private readonly placement: Placement;

  constructor(options: WorktreeServiceOptions = {}) {
    this.branchPrefix = cleanBranchPrefix(options.branchPrefix ?? DEFAULT_BRANCH_PREFIX);
    // Cleaning makes every prefix valid; this guards the cleaning itself.
    if (!isValidBranchName(`${this.branchPrefix}agent`)) throw new Error(`Invalid branch prefix: ${options.branchPrefix}`);
    this.deps = { git: new GitRunner(options), records: new AgentRecords(options.now) };
    this.placement = { prefix: this.branchPrefix, worktreeRoot: options.worktreeRoot, env: options.env };
  }

  /** Repository or not, bare or not, branch or detached, mid-merge or not, remotes. Never throws for a non-repository. */
  inspect(dir: string): Promise<InspectResult> {
    return inspectRepo(this.deps.git, dir);
  }

  /** Every worktree of the repository (agents' ones carry their record), and agents' branches without one. */
  async list(repoDir: string): Promise<WorktreeList> {
    const { git, records } = this.deps;
    const where = await locate(git, repoDir);
    const [worktrees, refs, all] = await Promise.all([listWorktrees(git, where.topLevel), listRefs(git, where.topLevel), records.all(where.commonDir)]);
    const checkedOut = new Set(worktrees.map((w) => w.branch));
    return {
      worktrees: worktrees.map((w) => {
        const record = w.branch === undefined ? undefined : all[w.branch];
        return record ? { ...w, record } : w;
      }),
      parked: Object.values(all).filter((r) => refs.heads.has(r.branch) && !checkedOut.has(r.branch)),
    };
  }

  /** The branch and directory an agent would get, what is in the way, and a free name if needed. */
  async plan(repoDir: string, agentName: string, options: { path?: string } = {}): Promise<NamePlan> {
    return planName(this.deps, this.placement, await locate(this.deps.git, repoDir), agentName, options.path);
  }

  /** What a base the user typed names (a local or remote branch, or a commit); throws BaseNotFoundError. */
  async resolveBase(repoDir: string, base?: string): Promise<BaseRef> {
    const repo = await requireRepo(this.deps.git, repoDir);
    return resolveBase(this.deps.git, repo.topLevel, repo.head, await listRefs(this.deps.git, repo.topLevel), base);
  }

  /** A free agent name: `agentName` (cleaned) when free, else agentName-2, -3, ... */
  async suggestName(repoDir: string, agentName: string): Promise<string> {
    return (await this.plan(repoDir, agentName)).suggestion ?? cleanAgentName(agentName);
  }

  /**
   * Creates the agent's worktree on a new branch (or, with reuseBranch, on its existing branch),
   * copies the .worktreeinclude files and runs the setup command. A setup failure is reported in
   * the result; the worktree is kept.
   */
  async create(repoDir: string, options: CreateOptions): Promise<CreatedWorktree> {
    const repo = await requireRepo(this.deps.git, repoDir);
    const leaf = cleanAgentName(options.agentName);
    return addWorktree(this.deps, this.placement, repo, {
      agentName: options.agentName.trim() || leaf,
      branch: this.branchPrefix + leaf,
      leaf,
      reuse: options.reuseBranch === true,
      base: options.base,
      path: options.path,
      copyIncluded: options.copyIncluded,
      setup: options.setup,
    });
  }

  /** Recreates the worktree of a paused or removed agent from its branch (at its old place by default). */
  async resume(repoDir: string, branch: string, options: ResumeOptions = {}): Promise<CreatedWorktree> {
    const repo = await requireRepo(this.deps.git, repoDir);
    const record = await this.deps.records.get(repo.commonDir, branch);
    return addWorktree(this.deps, this.placement, repo, {
      agentName: record?.agent ?? agentPartOf(this.branchPrefix, branch),
      branch,
      leaf: cleanAgentName(agentPartOf(this.branchPrefix, branch)),
      reuse: true,
      path: options.path ?? record?.path,
      copyIncluded: options.copyIncluded,
      setup: options.setup,
    });
  }

  /** The sidebar's numbers: ahead/behind the base, files and lines changed against it, uncommitted work. */
  status(worktree: string, options: BaseOption = {}): Promise<WorktreeStatus> {
    return worktreeStatus(this.deps, worktree, options.base);
  }

  /** status() and changedFiles() at once, from one set of git runs (for refreshing both). */
  review(worktree: string, options: BaseOption = {}): Promise<WorktreeReview> {
    return reviewWorktree(this.deps, worktree, options.base);
  }

  /** Files changed against the base's merge base: committed, staged, unstaged and untracked. */
  changedFiles(worktree: string, options: BaseOption = {}): Promise<ChangedFile[]> {
    return changedFiles(this.deps, worktree, options.base);
  }

  /** One file's diff against the base's merge base, as plain text (classifyDiff() tells how to colour it). */
  fileDiff(worktree: string, file: string | ChangedFile, options: BaseOption = {}): Promise<FileDiff> {
    return fileDiff(this.deps, worktree, file, options.base);
  }

  /**
   * Commits everything in the worktree (new files too; ignored ones not). Resolves undefined when
   * there is nothing to commit. Commit hooks run unless `noVerify`.
   */
  commitAll(worktree: string, options: CommitAllOptions = {}): Promise<CommitResult | undefined> {
    return commitAll(this.deps, worktree, options);
  }

  /** The message commitAll() would use by default, for the UI to offer; undefined when nothing to commit. */
  defaultMessage(worktree: string): Promise<string | undefined> {
    return defaultMessageFor(this.deps, worktree);
  }

  /**
   * Merges an agent's branch into a local branch: fast-forward when possible, otherwise a merge
   * commit; on conflict nothing changes anywhere and the result lists the conflicting files.
   */
  merge(repoDir: string, options: MergeOptions): Promise<MergeResult> {
    return mergeBranch(this.deps, repoDir, options);
  }

  /** What removing the worktree would affect; the UI shows this and asks when needsConfirmation. */
  async removalImpact(worktree: string): Promise<RemovalImpact> {
    return (await assessRemoval(this.deps, worktree)).impact;
  }

  /**
   * Removes an agent's worktree and keeps its branch. Uncommitted work is first committed to the
   * branch (a WIP commit). Throws ConfirmationRequiredError, touching nothing, when there is
   * uncommitted work or the branch has commits its base lacks, unless `confirmed`.
   */
  async remove(worktree: string, options: { confirmed?: boolean } = {}): Promise<RemovedWorktree> {
    const { ctx, impact } = await assessRemoval(this.deps, worktree);
    if (impact.needsConfirmation && !options.confirmed) throw new ConfirmationRequiredError(impact);
    return takeDown(this.deps, ctx, impact, 'removed');
  }

  /**
   * Lets git forget one worktree whose folder was deleted by hand (the branch stays, its record
   * says removed). Only that one: other missing folders may be on a drive that is not mounted.
   */
  async forgetMissing(repoDir: string, worktree: string, branch: string): Promise<void> {
    const where = await locate(this.deps.git, repoDir);
    // On a folder that is gone `git worktree remove` only drops git's record of it; on one that
    // came back it refuses to delete anything modified or untracked.
    await this.deps.git.run(where.commonDir, ['worktree', 'remove', '--', worktree]);
    this.deps.git.forget(worktree);
    await this.deps.records.update(where.commonDir, branch, { state: 'removed' });
  }

  /** Commits uncommitted work (WIP), removes the worktree, keeps the branch; resume() brings it back. */
  async pause(worktree: string): Promise<RemovedWorktree> {
    const { ctx, impact } = await assessRemoval(this.deps, worktree);
    return takeDown(this.deps, ctx, impact, 'paused');
  }
}
