// The squad's git side: whether worktrees are available here, each agent's worktree and its
// review numbers (refreshed off the render path: refresh-schedule.ts), and files that two agents
// both change. Follows git and the worktrees on disk when asked to.
// Every worktree it takes, continues or removes is first claimed for this squadtui (git/claims.ts),
// so a second squadtui in the same repository never takes or removes it.
import {
  type ChangedFile,
  type CommitResult,
  type CreatedWorktree,
  type FileDiff,
  type MergeResult,
  type NamePlan,
  type RemovalImpact,
  type RemovedWorktree,
  type WorktreeService,
  type WorktreeStatus,
  type WorktreeUser,
  branchNameFor,
  findOverlaps,
} from '../git/index.js';
import { WorktreeClaims } from '../git/claims.js';
import { type Leftovers, leftovers } from '../git/leftovers.js';
import { GitWatch } from '../git/watch.js';
import type { KeyboardActivity, Logger } from '../util/index.js';
import type { ProcessId } from '../pty/index.js';
import { type SquadStore, type WorktreeView, agentById } from '../state/index.js';
import { WorkspaceError, describe } from './errors.js';
import { RefreshSchedule } from './refresh-schedule.js';

export { WorkspaceError, describe } from './errors.js';


export interface WorkspaceOptions {
  service: WorktreeService;
  store: SquadStore;
  log: Logger;
  /** Run in each new worktree (e.g. "npm ci"); its failure is reported, the agent starts anyway. */
  setupCommand?: () => string | undefined;
  /** A file became changed by more than one agent. */
  onOverlap?: (file: string, agents: readonly string[]) => void;
  /** Follow refs and worktrees on disk (commits made outside squadtui, files written from outside). */
  watch?: boolean;
  /** The squadtui process claims are made for (default: this one; tests stand in another). */
  instance?: ProcessId;
  /** The user's keys: background refreshes wait while they type (see RefreshSchedule). */
  keyboard?: KeyboardActivity;
  now?: () => number;
}

/** How long after a change on disk the numbers are looked at again (changes come in bursts). */
const DISK_REFRESH_MS = 300;

/** How long after an agent's last screen change its worktree is looked at again while it works. */
const BUSY_REFRESH_MS = 2000;

export class Workspace {
  private repoDir: string | undefined;
  private claims: WorktreeClaims | undefined;
  private readonly refreshes: RefreshSchedule;
  private readonly changed = new Map<string, readonly string[]>();

  private readonly disk: GitWatch | undefined;

  constructor(private readonly o: WorkspaceOptions) {
    this.refreshes = new RefreshSchedule({ look: (agentId) => this.look(agentId), keyboard: o.keyboard, now: o.now });
    this.disk = o.watch
      ? new GitWatch({
          onRefs: () => {
            for (const a of this.o.store.getState().agents) if (a.worktree) this.refresh(a.id, DISK_REFRESH_MS);
          },
          onWorktree: (agentId) => this.refresh(agentId, DISK_REFRESH_MS),
          onError: (where, error) => this.o.log.info(`not watching ${where}: ${describe(error)}`),
        })
      : undefined;
  }

  /** Looks at the directory squadtui runs in; tells the store what worktrees can do here. */
  async init(dir: string): Promise<void> {
    const result = await this.o.service.inspect(dir);
    if (result.kind === 'repo') {
      this.repoDir = result.topLevel;
      this.claims = new WorktreeClaims(result.commonDir, this.o.instance);
      this.disk?.watchRepo(result.commonDir);
      const head = result.head.kind === 'detached' ? `detached at ${result.head.sha.slice(0, 7)}` : result.head.branch;
      this.o.store.dispatch({
        type: 'repo',
        repo: { kind: 'repo', topLevel: result.topLevel, head, operation: result.operation, remotes: result.remotes.map((r) => r.name) },
      });
    } else {
      this.o.store.dispatch({ type: 'repo', repo: { kind: 'none', message: result.message, hint: result.hint, outside: result.kind === 'not-a-repo' } });
    }
  }

  get available(): boolean {
    return this.repoDir !== undefined;
  }

  /** The main working tree's top directory, in a repository. */
  get topLevel(): string | undefined {
    return this.repoDir;
  }

  /** squadtui's worktrees and paused branches from earlier runs that no agent here uses; `inUse`: those another squadtui or a program has. */
  async leftovers(): Promise<Leftovers> {
    const list = await this.o.service.list(this.requireRepo());
    return leftovers(list, new Set(this.o.store.getState().agents.map((a) => a.worktree?.branch)), this.claims);
  }

  /** Who else has the worktree of `branch` (at `dir`): a running squadtui, or a program working in it. */
  usedBy(branch: string, dir?: string): WorktreeUser | undefined {
    return this.claims?.usedBy(branch, dir);
  }

  /** Gives up this squadtui's claim on `branch` (its worktree stays, free for a later run). */
  release(branch: string): void {
    this.claims?.release(branch);
  }

  /** Gives up every claim; synchronous, for exit paths. */
  releaseAll(): void {
    this.claims?.releaseAll();
  }

  /** An agent worktree squadtui made earlier for `branch`, still in place. */
  async existing(branch: string): Promise<{ path: string; branch: string; base: string } | undefined> {
    const list = await this.o.service.list(this.requireRepo());
    const wt = list.worktrees.find((w) => w.branch === branch && w.record);
    return wt?.record ? { path: wt.path, branch, base: wt.record.base } : undefined;
  }

  /** Throws, saying why, when `base` names no branch or commit here. */
  async checkBase(base: string): Promise<void> {
    await this.o.service.resolveBase(this.requireRepo(), base);
  }

  plan(agentName: string): Promise<NamePlan> {
    return this.o.service.plan(this.requireRepo(), agentName);
  }

  /** Makes an agent's worktree (copying included files, running the setup command into `onOutput`), claimed for this squadtui. */
  async create(agentName: string, options: { base?: string; reuseBranch?: boolean; onOutput?: (text: string) => void }): Promise<CreatedWorktree> {
    const repo = this.requireRepo();
    const branch = branchNameFor(this.o.service.branchPrefix, agentName);
    this.claims?.claim(agentName, branch);
    const command = this.o.setupCommand?.();
    try {
      return await this.o.service.create(repo, {
        agentName,
        base: options.base || undefined,
        reuseBranch: options.reuseBranch,
        setup: command ? { command, onOutput: options.onOutput } : undefined,
      });
    } catch (error) {
      this.release(branch);
      throw error;
    }
  }

  /** Continues in a worktree from an earlier run (see existing()); throws WorktreeInUseError when someone else has it. */
  continueIn(agentId: string, agentName: string, worktree: { path: string; branch: string; base: string }): void {
    this.claims?.claim(agentName, worktree.branch, worktree.path);
    this.attach(agentId, worktree);
  }

  /** Recreates a paused agent's worktree from its branch, where it was (watched only while `stillWanted`). */
  async resume(agentId: string, onOutput?: (text: string) => void, stillWanted: () => boolean = () => true): Promise<CreatedWorktree> {
    const wt = this.worktree(agentId);
    const repo = this.requireRepo();
    // Held since the pause (taken over, should that claim have been lost); kept if this fails: the agent stays paused here.
    this.claims?.claim(this.nameOf(agentId), wt.branch);
    const command = this.o.setupCommand?.();
    const created = await this.o.service.resume(repo, wt.branch, {
      path: wt.path,
      setup: command ? { command, onOutput } : undefined,
    });
    // Closed while it came back: the worktree stays (listed at the next start), nobody watches it.
    if (stillWanted()) this.attach(agentId, { path: created.path, branch: created.branch, base: created.base.name });
    else this.release(wt.branch);
    return created;
  }

  attach(agentId: string, worktree: Omit<WorktreeView, 'status' | 'paused'>): void {
    this.o.store.dispatch({ type: 'agent/worktree', id: agentId, worktree: { ...worktree } });
    this.disk?.watchWorktree(agentId, worktree.path);
    this.refresh(agentId, 0);
  }

  /** Looks at an agent's worktree again after `delay` ms (see RefreshSchedule). */
  refresh(agentId: string, delay = BUSY_REFRESH_MS): void {
    const wt = this.find(agentId);
    if (wt && !wt.paused) this.refreshes.schedule(agentId, delay);
  }

  private async look(agentId: string): Promise<void> {
    const wt = this.find(agentId);
    if (!wt || wt.paused) return;
    try {
      const { status, files } = await this.o.service.review(wt.path);
      if (this.find(agentId)?.path !== wt.path) return;
      this.o.store.dispatch({ type: 'agent/worktree', id: agentId, worktree: { ...this.worktree(agentId), status, error: undefined } });
      this.changed.set(agentId, files.map((f) => f.path));
      this.updateOverlaps();
    } catch (error) {
      const current = this.find(agentId);
      if (current) this.o.store.dispatch({ type: 'agent/worktree', id: agentId, worktree: { ...current, error: describe(error) } });
    }
  }

  private updateOverlaps(): void {
    const names = new Map(this.o.store.getState().agents.map((a) => [a.id, a.info.spec.name]));
    const overlaps = findOverlaps(
      [...this.changed].filter(([id]) => names.has(id)).map(([id, files]) => ({ agent: names.get(id)!, files })),
    );
    const before = new Map(this.o.store.getState().overlaps.map((o) => [o.file, o.agents.length]));
    this.o.store.dispatch({ type: 'overlaps', overlaps: overlaps.map((o) => ({ file: o.path, agents: [...o.agents] })) });
    for (const o of overlaps) if ((before.get(o.path) ?? 0) < o.agents.length) this.o.onOverlap?.(o.path, o.agents);
  }

  changedFiles(agentId: string): Promise<ChangedFile[]> {
    return this.o.service.changedFiles(this.worktree(agentId).path);
  }

  fileDiff(agentId: string, file: ChangedFile): Promise<FileDiff> {
    return this.o.service.fileDiff(this.worktree(agentId).path, file);
  }

  defaultMessage(agentId: string): Promise<string | undefined> {
    return this.o.service.defaultMessage(this.worktree(agentId).path);
  }

  async commit(agentId: string, message: string): Promise<CommitResult | undefined> {
    const result = await this.o.service.commitAll(this.worktree(agentId).path, { message });
    this.refresh(agentId, 0);
    return result;
  }

  async merge(agentId: string, push: boolean): Promise<MergeResult> {
    const wt = this.worktree(agentId);
    const result = await this.o.service.merge(this.requireRepo(), { branch: wt.branch, push: push || undefined });
    // Every agent's ahead/behind may have moved with the base.
    for (const a of this.o.store.getState().agents) if (a.worktree) this.refresh(a.id, 0);
    return result;
  }

  status(agentId: string): Promise<WorktreeStatus> {
    return this.o.service.status(this.worktree(agentId).path);
  }

  /** The repository's remotes now (one may have been added since squadtui started). */
  async remotes(): Promise<string[]> {
    const result = await this.o.service.inspect(this.requireRepo());
    const remotes = result.kind === 'repo' ? result.remotes.map((r) => r.name) : [];
    const repo = this.o.store.getState().repo;
    if (repo.kind === 'repo' && repo.remotes.join() !== remotes.join()) this.o.store.dispatch({ type: 'repo', repo: { ...repo, remotes } });
    return remotes;
  }

  /** Lets git forget an agent's worktree whose folder was deleted by hand (the branch stays). */
  async forgetMissing(agentId: string): Promise<void> {
    const wt = this.worktree(agentId);
    await this.o.service.forgetMissing(this.requireRepo(), wt.path, wt.branch);
    this.forget(agentId);
  }

  /** What taking the worktree down would affect; throws WorktreeInUseError, before anything is stopped, when another squadtui has it. */
  removalImpact(agentId: string): Promise<RemovalImpact> {
    const wt = this.worktree(agentId);
    this.claims?.claim(this.nameOf(agentId), wt.branch);
    return this.o.service.removalImpact(wt.path);
  }

  /** Takes the worktree down for good (the branch stays); the agent must have stopped. */
  async remove(agentId: string): Promise<RemovedWorktree> {
    const wt = this.worktree(agentId);
    this.claims?.claim(this.nameOf(agentId), wt.branch);
    const removed = await this.o.service.remove(wt.path, { confirmed: true });
    this.forget(agentId);
    return removed;
  }

  /** WIP-commits, removes the worktree and keeps the branch; resume() brings it back. */
  async pause(agentId: string): Promise<RemovedWorktree> {
    const wt = this.worktree(agentId);
    this.claims?.claim(this.nameOf(agentId), wt.branch);
    // Still held while paused: the agent is here, and r brings its worktree back.
    const removed = await this.o.service.pause(wt.path);
    this.o.store.dispatch({ type: 'agent/worktree', id: agentId, worktree: { ...wt, paused: true } });
    this.disk?.unwatchWorktree(agentId);
    this.changed.delete(agentId);
    this.updateOverlaps();
    return removed;
  }

  forget(agentId: string): void {
    const wt = this.find(agentId);
    if (wt) this.release(wt.branch);
    this.disk?.unwatchWorktree(agentId);
    this.refreshes.cancel(agentId);
    this.changed.delete(agentId);
    this.updateOverlaps();
  }

  dispose(): void {
    this.releaseAll();
    this.disk?.close();
    this.refreshes.cancelAll();
  }

  private find(agentId: string): WorktreeView | undefined {
    return agentById(this.o.store.getState(), agentId)?.worktree;
  }

  private nameOf(agentId: string): string {
    return agentById(this.o.store.getState(), agentId)?.info.spec.name ?? agentId;
  }

  private worktree(agentId: string): WorktreeView {
    const wt = this.find(agentId);
    if (!wt) throw new WorkspaceError('This agent has no worktree.', 'It runs in a plain directory.');
    return wt;
  }

  private requireRepo(): string {
    if (!this.repoDir) throw new WorkspaceError('squadtui is not running in a git repository.', 'Start it inside one to give agents worktrees.');
    return this.repoDir;
  }
}
