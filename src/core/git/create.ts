// Creating an agent's worktree: a branch and a directory chosen without ever overwriting one, the
// base made exact, the files .worktreeinclude names copied, and the setup command run.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { resolveDirectory } from '../util/index.js';
import type { Deps } from './deps.js';
import { BaseNotFoundError, BranchCheckedOutError, BranchNotFoundError, GitCommandError, NameTakenError, OperationInProgressError } from './errors.js';
import { copyIncludedFiles, INCLUDE_FILE } from './include.js';
import { alternativeNames, cleanAgentName } from './names.js';
import { type Refs, listRefs, listWorktrees, pathExists, resolveBase, samePath } from './refs.js';
import type { Located } from './repo.js';
import { runSetup } from './setup.js';
import type { BaseRef, CreatedWorktree, IncludeResult, RepoInfo, WorktreeEntry } from './types.js';

export interface SetupRequest {
  /** Run in the new worktree through the user's shell, e.g. `npm ci`. */
  readonly command: string;
  readonly onOutput?: (chunk: string) => void;
  readonly signal?: AbortSignal;
}

export interface NamePlan {
  readonly agentName: string;
  readonly branch: string;
  readonly path: string;
  readonly branchExists: boolean;
  readonly branchBlockedBy?: string;
  readonly branchCheckedOutAt?: string;
  readonly pathExists: boolean;
  /** Nothing is in the way: create() will make a new branch and directory. */
  readonly free: boolean;
  /** The branch exists and can be checked out here: create() with reuseBranch will work. */
  readonly canReuse: boolean;
  /** A free agent name when this one is not. */
  readonly suggestion?: string;
}

/** Where agents' branches and worktrees go (the service's settings). */
export interface Placement {
  readonly prefix: string;
  readonly worktreeRoot?: string;
  /** Environment for the setup command (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface AddRequest {
  readonly agentName: string;
  readonly branch: string;
  /** The agent's part of the branch: the default directory name. */
  readonly leaf: string;
  readonly reuse: boolean;
  readonly base?: string;
  readonly path?: string;
  readonly copyIncluded?: boolean;
  readonly setup?: SetupRequest;
}

type Taken = Pick<NamePlan, 'branchExists' | 'branchBlockedBy' | 'branchCheckedOutAt' | 'pathExists'>;

export async function planName(deps: Deps, placement: Placement, where: Located, agentName: string, explicitPath?: string): Promise<NamePlan> {
  const [refs, worktrees] = await Promise.all([listRefs(deps.git, where.topLevel), listWorktrees(deps.git, where.topLevel)]);
  const leaf = cleanAgentName(agentName);
  const branch = placement.prefix + leaf;
  const root = rootFor(placement, where.topLevel, worktrees);
  const target = explicitPath ? resolveDirectory(explicitPath, where.topLevel) : path.join(root, leaf);
  const taken = await takenFor(branch, target, refs, worktrees);
  const free = !taken.branchExists && !taken.branchBlockedBy && !taken.pathExists;
  return {
    agentName,
    branch,
    path: target,
    ...taken,
    free,
    canReuse: taken.branchExists && !taken.branchCheckedOutAt && !taken.pathExists,
    ...(free ? {} : { suggestion: await suggest(placement, agentName, root, refs, worktrees) }),
  };
}

export async function addWorktree(deps: Deps, placement: Placement, repo: RepoInfo, req: AddRequest): Promise<CreatedWorktree> {
  const { git, records } = deps;
  if (repo.operation) throw new OperationInProgressError(repo.operation, repo.topLevel);
  const refsRead = listRefs(git, repo.topLevel);
  let worktrees = await listWorktrees(git, repo.topLevel);
  const refs = await refsRead;
  const root = rootFor(placement, repo.topLevel, worktrees);
  const target = req.path ? resolveDirectory(req.path, repo.topLevel) : path.join(root, req.leaf);
  // A worktree whose directory was deleted by hand still holds its branch and path in git's
  // records; forgetting it touches no files, and lets the agent come back.
  if (worktrees.some((w) => w.prunable !== undefined && w.locked === undefined && (w.branch === req.branch || samePath(w.path, target)))) {
    await git.run(repo.topLevel, ['worktree', 'prune']);
    worktrees = await listWorktrees(git, repo.topLevel);
  }
  const taken = await takenFor(req.branch, target, refs, worktrees);
  const nameTaken = async (extra: Partial<Taken> = {}) =>
    new NameTakenError(req.branch, target, { ...taken, ...extra }, await suggest(placement, req.agentName, root, refs, worktrees));
  let base: BaseRef;
  if (req.reuse) {
    if (!taken.branchExists) throw new BranchNotFoundError(req.branch);
    if (taken.branchCheckedOutAt) throw new BranchCheckedOutError(req.branch, taken.branchCheckedOutAt);
    if (taken.pathExists) throw await nameTaken();
    base = await reuseBase(deps, repo, refs, req);
  } else {
    if (taken.branchExists || taken.branchBlockedBy || taken.pathExists) throw await nameTaken();
    base = await resolveBase(git, repo.topLevel, repo.head, refs, req.base);
  }
  await mkdir(path.dirname(target), { recursive: true });
  // --no-track: an agent's branch must not push to, or pull from, the remote branch it came from.
  const args = req.reuse ? ['worktree', 'add', target, req.branch] : ['worktree', 'add', '--no-track', '-b', req.branch, target, base.sha];
  const added = await git.attempt(repo.topLevel, args);
  if (added.exitCode !== 0) {
    // Someone else took the name between our check and git's.
    if (/a branch named .* already exists/.test(added.stderr)) throw await nameTaken({ branchExists: true });
    if (/already exists/.test(added.stderr)) throw await nameTaken({ pathExists: true });
    throw new GitCommandError(args, added.exitCode, added.stderr, repo.topLevel);
  }
  await records.put(repo.commonDir, { agent: req.agentName, branch: req.branch, base: base.name, baseKind: base.kind, path: target, state: 'active' });
  const included = req.copyIncluded === false ? { patterns: false, copied: [], skipped: [] } : await include(deps, repo.topLevel, target);
  const setup = req.setup?.command.trim()
    ? await runSetup({ command: req.setup.command, cwd: target, source: repo.topLevel, env: placement.env, onOutput: req.setup.onOutput, signal: req.setup.signal })
    : undefined;
  return { agentName: req.agentName, branch: req.branch, path: target, base, reused: req.reuse, included, ...(setup ? { setup } : {}) };
}

/** Copy failures never undo a worktree that now exists: they are reported instead. */
async function include({ git }: Deps, source: string, target: string): Promise<IncludeResult> {
  try {
    return await copyIncludedFiles(git, source, target);
  } catch (error) {
    return { patterns: true, copied: [], skipped: [{ path: INCLUDE_FILE, reason: (error as Error).message }] };
  }
}

/** A reused branch keeps the base it was recorded with, if that still exists; else HEAD. */
async function reuseBase({ git, records }: Deps, repo: RepoInfo, refs: Refs, req: AddRequest): Promise<BaseRef> {
  if (req.base) return resolveBase(git, repo.topLevel, repo.head, refs, req.base);
  const record = await records.get(repo.commonDir, req.branch);
  if (record) {
    try {
      return await resolveBase(git, repo.topLevel, repo.head, refs, record.base);
    } catch (error) {
      if (!(error instanceof BaseNotFoundError)) throw error;
    }
  }
  return resolveBase(git, repo.topLevel, repo.head, refs);
}

function rootFor(placement: Placement, topLevel: string, worktrees: readonly WorktreeEntry[]): string {
  // Next to the main working tree even when squadtui runs in a linked one.
  const main = worktrees[0] && !worktrees[0].bare ? worktrees[0].path : topLevel;
  const repoName = path.basename(main);
  const setting = placement.worktreeRoot?.trim();
  if (!setting) return path.join(path.dirname(main), `${repoName}.squad`);
  return resolveDirectory(setting.replaceAll('{repo}', repoName), path.dirname(main));
}

async function takenFor(branch: string, target: string, refs: Refs, worktrees: readonly WorktreeEntry[]): Promise<Taken> {
  // Refs are files and directories: squad/alice cannot exist next to squad/alice/x, nor squad next to squad/alice.
  const blockedBy = [...refs.heads.keys()].find((h) => h.startsWith(`${branch}/`) || branch.startsWith(`${h}/`));
  const checkedOutAt = worktrees.find((w) => w.branch === branch)?.path;
  return {
    branchExists: refs.heads.has(branch),
    ...(blockedBy ? { branchBlockedBy: blockedBy } : {}),
    ...(checkedOutAt ? { branchCheckedOutAt: checkedOutAt } : {}),
    pathExists: worktrees.some((w) => samePath(w.path, target)) || (await pathExists(target)),
  };
}

async function suggest(placement: Placement, agentName: string, root: string, refs: Refs, worktrees: readonly WorktreeEntry[]): Promise<string> {
  for (const candidate of alternativeNames(agentName)) {
    const t = await takenFor(placement.prefix + candidate, path.join(root, candidate), refs, worktrees);
    if (!t.branchExists && !t.branchBlockedBy && !t.pathExists) return candidate;
  }
  throw new Error('unreachable: alternativeNames never ends');
}
