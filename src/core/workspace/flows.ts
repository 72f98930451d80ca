// What the user does with agents' worktrees, step by step and never losing work: start an agent
// in its own worktree, review its changes, commit, merge, pause/resume, and remove it (asking first
// when work would be affected, keeping the branch and committing leftovers as WIP).
import { WorktreeInUseError } from '../git/index.js';
import type { Launcher } from '../agents/index.js';
import type { Logger } from '../util/index.js';
import type { Monitor } from '../agents/index.js';
import type { AgentSpec, Launch, SessionHost, SessionInfo } from '../sessions/index.js';
import type { CommandId } from '../../keymap.js';
import { type AgentView, type Notices, type Question, type SquadStore, agentById, isRunning } from '../state/index.js';
import { type Workspace, describe } from './workspace.js';
import { conflictQuestion, mergedText, pauseBody, removalBody, shortBase, whyNotReviewable } from './messages.js';
import { folderGone, sameSubdirectory } from './paths.js';
import { type StartOptions, makeWorktree, progress, stopAgent } from './steps.js';

export { firstFew, relativeInside, sameSubdirectory } from './paths.js';

export interface FlowsOptions {
  host: SessionHost;
  store: SquadStore;
  workspace: Workspace;
  launcher: Launcher;
  monitor: Monitor;
  log: Logger;
  notices: Notices;
  /** A command's key in the squad menu, for messages ("r resumes it"). */
  keyName: (command: CommandId) => string;
  /** Hands the terminal to $EDITOR (or opens a GUI editor) on `path`. */
  openEditor: (path: string) => void;
  /** Why the agent's program can't start (not installed), found before a worktree is made for it. */
  programProblem?: (spec: AgentSpec) => { message: string; hint: string } | undefined;
}

export class WorktreeFlows {
  /** Agents whose start failed before their program ran, to try again on restart. */
  private readonly unstarted = new Map<string, { spec: AgentSpec; options: StartOptions }>();
  /** The ignored files each close or pause question listed, to notice new ones before acting. */
  private readonly shownIgnored = new Map<string, readonly string[]>();

  constructor(private readonly o: FlowsOptions) {}

  /** Starts an agent: its worktree first (when wanted), then its program. Resolves its id. */
  async start(spec: AgentSpec, options: StartOptions = {}, id = this.o.host.newId()): Promise<string> {
    const { store, workspace } = this.o;
    const useWorktree = (options.worktree ?? true) && workspace.available;
    let cwd = spec.cwd;
    // Listed at once (and selectable) while its worktree and launch are prepared.
    const info: SessionInfo = { id, spec, status: 'starting', startedAt: Date.now() };
    store.dispatch({ type: 'agent/pending', info, title: useWorktree ? `Creating a worktree for ${spec.name}…` : `Starting ${spec.name}…` });
    // A program that is not installed gets no worktree and branch to be left behind.
    const problem = useWorktree ? this.o.programProblem?.(spec) : undefined;
    if (problem) {
      // Tried again (r): said, since the screen looks as it did.
      if (this.unstarted.has(id)) this.o.notices.notice(`${spec.name} still can't start: ${problem.message}. ${problem.hint}`, 'warn');
      return this.notStarted(info, options, problem);
    }
    if (useWorktree) {
      try {
        const created = await makeWorktree(this.o, id, spec.name, options);
        cwd = sameSubdirectory(spec.cwd, workspace.topLevel, created.path);
      } catch (error) {
        this.o.log.error(`worktree for ${spec.name}`, error);
        return this.notStarted(info, options, { message: `Could not create ${spec.name}'s worktree.`, hint: describe(error) });
      }
    }
    this.unstarted.delete(id);
    // Closed while its worktree was made: the worktree stays for a later run, nothing is started.
    if (!this.agent(id)) return id;
    const started = { ...spec, cwd };
    const resumed = options.conversation === undefined ? undefined : await this.o.launcher.resuming(started, id, options.conversation);
    const launch = resumed ?? (await this.o.launcher.prepare(started, id)).launch;
    if (!this.agent(id)) return id;
    this.o.host.spawn(started, launch);
    return id;
  }

  /** Its start failed before its program ran: shown so, and tried again on restart. */
  private notStarted(info: SessionInfo, options: StartOptions, error: { message: string; hint: string }): string {
    this.unstarted.set(info.id, { spec: info.spec, options });
    const failed: SessionInfo = { ...info, status: 'failed', endedAt: Date.now(), error };
    this.o.store.dispatch({ type: 'agent/info', info: failed });
    this.o.monitor.sessionChanged(failed);
    return info.id;
  }

  /** Restarts an exited agent; a paused one gets its worktree back first, Claude continues its conversation. */
  async restart(id: string): Promise<void> {
    const pending = this.unstarted.get(id);
    if (pending) {
      await this.start(pending.spec, pending.options, id);
      return;
    }
    const agent = this.agent(id);
    if (!agent) return;
    let launch: Launch | undefined;
    if (agent.worktree?.paused) {
      this.o.store.dispatch({ type: 'agent/pending', info: { ...agent.info, status: 'starting' }, title: `Bringing back ${agent.info.spec.name}'s worktree (${agent.worktree.branch})…` });
      try {
        await this.o.workspace.resume(id, (text) => progress(this.o.store, id, text), () => this.agent(id) !== undefined);
      } catch (error) {
        const failed = { ...agent.info, status: 'failed' as const, error: { message: `Could not bring back ${agent.info.spec.name}'s worktree.`, hint: describe(error) } };
        this.o.store.dispatch({ type: 'agent/info', info: failed });
        return;
      }
      // Claude continues the conversation it had in that directory.
      launch = await this.o.launcher.continuing(agent.info.spec, id);
    }
    // Closed while its worktree came back: the worktree stays for a later run, nothing starts.
    if (!this.agent(id) || !this.o.host.get(id)) return;
    this.o.host.restart(id, launch);
  }

  /** The question before removing an agent whose worktree holds work; removes it (branch kept) when nothing is at stake. */
  async requestClose(id: string): Promise<Question | undefined> {
    const agent = this.agent(id);
    if (!agent) return undefined;
    const running = isRunning(agent);
    const wt = agent.worktree;
    if (!wt || wt.paused) {
      if (!running && !wt) {
        this.forget(id);
        return undefined;
      }
      return this.confirm(id, `Close ${agent.info.spec.name}?`, [
        ...(running ? ['It is still running. Closing ends it and everything it started.'] : []),
        ...(wt?.paused ? [`Its branch ${wt.branch} is kept (paused work is committed there).`] : []),
      ], 'close it', 'close');
    }
    if (folderGone(wt.path)) {
      return this.confirm(id, `Close ${agent.info.spec.name}?`, [
        `Its worktree folder ${wt.path} is gone (deleted outside squadtui): there is nothing left in it to lose.`,
        ...(running ? ['It is still running. Closing ends it and everything it started.'] : []),
        `The branch ${wt.branch} is kept with everything committed to it; git forgets the missing folder.`,
      ], 'close it', 'close');
    }
    let impact;
    try {
      impact = await this.o.workspace.removalImpact(id);
    } catch (error) {
      const why = error instanceof WorktreeInUseError ? `${agent.info.spec.name}'s worktree is not removed` : `Can't tell what removing ${agent.info.spec.name}'s worktree would affect`;
      this.o.notices.notice(`${why}: ${describe(error)} Nothing was changed.`, 'error');
      return undefined;
    }
    const body = removalBody(impact, running);
    this.shownIgnored.set(id, impact.ignored);
    // Ignored files (build output, a local .env) go with the folder: the user hears of them first.
    if (!impact.needsConfirmation && impact.ignored.length === 0 && !running) return this.close(id);
    return this.confirm(id, `Remove ${agent.info.spec.name} and its worktree?`, body, 'remove', 'close');
  }

  /** Ends the agent and takes its worktree down (branch kept, leftovers committed as WIP); a new question if one is needed. */
  async close(id: string): Promise<Question | undefined> {
    const agent = this.agent(id);
    if (!agent) return undefined;
    await stopAgent(this.o.host, id);
    const wt = agent.worktree;
    if (wt && !wt.paused && folderGone(wt.path)) {
      await this.o.workspace.forgetMissing(id).catch((error: unknown) => this.o.log.error(`pruning ${wt.path}`, error));
      this.o.notices.notice(`Closed ${agent.info.spec.name}; its worktree folder was gone, branch ${wt.branch} kept.`);
    } else if (wt && !wt.paused) {
      try {
        if (await this.changedSinceAsked(id)) return this.requestClose(id);
        const removed = await this.o.workspace.remove(id);
        this.o.notices.notice(
          `Removed ${agent.info.spec.name}'s worktree; branch ${removed.branch} kept${removed.wipCommit ? ` (work saved in WIP commit ${removed.wipCommit.slice(0, 7)})` : ''}.`,
        );
      } catch (error) {
        this.o.notices.notice(`Could not remove ${agent.info.spec.name}'s worktree: ${describe(error)} Nothing was deleted.`, 'error');
        return undefined;
      }
    }
    this.forget(id);
    return undefined;
  }

  /** Says what pausing would do (asking before anything is stopped), or why it can't be done. */
  async requestPause(id: string): Promise<Question | undefined> {
    const agent = this.agent(id);
    const name = agent?.info.spec.name;
    const wt = agent?.worktree;
    if (!agent || !wt || wt.paused) {
      this.o.notices.notice(wt ? `${name} is paused already: ${this.o.keyName('agent.restart')} resumes it.` : 'Only an agent with its own worktree can be paused.', 'warn');
      return undefined;
    }
    if (folderGone(wt.path)) {
      this.o.notices.notice(`${name}'s worktree folder ${wt.path} is gone: nothing to pause. ${this.o.keyName('agent.close')} closes the agent (branch ${wt.branch} kept).`, 'warn');
      return undefined;
    }
    let impact;
    try {
      impact = await this.o.workspace.removalImpact(id);
    } catch (error) {
      this.o.notices.notice(`Can't pause ${name}: ${describe(error)} Nothing was changed.`, 'error');
      return undefined;
    }
    const running = isRunning(agent);
    const body = pauseBody(impact, running, this.o.keyName('agent.restart'));
    this.shownIgnored.set(id, impact.ignored);
    return this.confirm(id, `Pause ${name}?`, body, 'pause', 'pause');
  }

  /** Stops the agent, commits its work (WIP), removes the worktree and keeps the branch; a new question if one is needed. */
  async pause(id: string): Promise<Question | undefined> {
    const agent = this.agent(id);
    if (!agent?.worktree || agent.worktree.paused) return undefined;
    // Checked again before the agent is stopped: a merge may have begun since the question.
    try {
      await this.o.workspace.removalImpact(id);
    } catch (error) {
      this.o.notices.notice(`Can't pause ${agent.info.spec.name}: ${describe(error)} Nothing was changed.`, 'error');
      return undefined;
    }
    await stopAgent(this.o.host, id);
    try {
      if (await this.changedSinceAsked(id)) return this.requestPause(id);
      const removed = await this.o.workspace.pause(id);
      const wip = removed.wipCommit ? `, work in WIP commit ${removed.wipCommit.slice(0, 7)}` : '';
      this.o.notices.notice(`Paused ${agent.info.spec.name}: branch ${removed.branch}${wip}. ${this.o.keyName('agent.restart')} resumes it.`);
    } catch (error) {
      this.o.notices.notice(`Could not pause ${agent.info.spec.name}: ${describe(error)}`, 'error');
    }
    return undefined;
  }

  /** The message a commit of the agent's work would get (for the commit dialog), or undefined with a notice. */
  async commitMessage(id: string): Promise<string | undefined> {
    const agent = this.reviewable(id);
    if (!agent) return undefined;
    try {
      const message = await this.o.workspace.defaultMessage(id);
      if (message === undefined) this.o.notices.notice(`Nothing to commit in ${agent.info.spec.name}'s worktree.`);
      return message;
    } catch (error) {
      this.o.notices.notice(describe(error), 'error');
      return undefined;
    }
  }

  async commit(id: string, message: string): Promise<void> {
    const agent = this.reviewable(id);
    if (!agent) return;
    try {
      const result = await this.o.workspace.commit(id, message);
      this.o.notices.notice(result ? `Committed ${result.files} file${result.files === 1 ? '' : 's'} to ${agent.worktree!.branch} (${result.sha.slice(0, 7)}).` : 'Nothing to commit.');
    } catch (error) {
      this.o.notices.notice(`Commit failed: ${describe(error)}`, 'error');
    }
  }

  /** The merge question with fresh numbers, or undefined with a notice saying why not. */
  async requestMerge(id: string): Promise<Question | undefined> {
    const agent = this.reviewable(id);
    if (!agent) return undefined;
    const wt = agent.worktree!;
    const name = agent.info.spec.name;
    // A base given as a commit is recorded as its full hash (a branch may well be called "cafe123").
    if (/^[0-9a-f]{40}$/.test(wt.base)) {
      this.o.notices.notice(`${wt.branch} was made from a commit, not a branch: there is no branch to merge it into. Merge it yourself where you want it (git merge ${wt.branch}).`, 'warn');
      return undefined;
    }
    let status;
    try {
      // Fresh numbers: the dialog must say what the merge will find.
      status = await this.o.workspace.status(id);
    } catch (error) {
      this.o.notices.notice(`Can't merge ${name}'s work: ${describe(error)}`, 'error');
      return undefined;
    }
    if (status.uncommitted) {
      this.o.notices.notice(`${name}'s worktree has uncommitted changes: commit them first (${this.o.keyName('agent.commit')}), then merge.`, 'warn');
      return undefined;
    }
    const remotes = await this.o.workspace.remotes();
    const body = [
      `${status.ahead} commit${status.ahead === 1 ? '' : 's'} to bring in; ${status.behind} behind ${wt.base}.`,
      'Fast-forward when possible, a merge commit otherwise. On a conflict nothing changes and the files are listed.',
    ];
    if (!this.agent(id)) return undefined;
    return {
      title: `Merge ${wt.branch} into ${shortBase(wt.base, remotes)}?`,
      body,
      yesLabel: 'merge',
      onYes: { kind: 'merge', id, push: false },
      alt: remotes.length > 0 ? { action: { kind: 'merge', id, push: true }, label: `merge and push (${remotes.join(', ')})` } : undefined,
    };
  }

  /** Merges; a conflict comes back as a question that only informs. */
  async merge(id: string, push: boolean): Promise<Question | undefined> {
    const agent = this.reviewable(id);
    if (!agent) return undefined;
    try {
      const result = await this.o.workspace.merge(id, push);
      if (result.kind === 'conflict') return conflictQuestion(result);
      this.o.notices.notice(mergedText(result), result.push?.status === 'failed' ? 'warn' : 'info');
    } catch (error) {
      this.o.notices.notice(`Merge not done: ${describe(error)}`, 'error');
    }
    return undefined;
  }

  /** Opens $EDITOR on the agent's worktree (its folder when it has none), or on `file` inside it. */
  editor(id: string, file?: string): void {
    const agent = this.agent(id);
    const wt = agent?.worktree;
    const dir = wt && !wt.paused ? wt.path : agent?.info.spec.cwd;
    if (!dir) return;
    this.o.openEditor(file ? `${dir}/${file}` : dir);
  }

  private confirm(id: string, title: string, body: string[], yesLabel: string, action: 'close' | 'pause'): Question {
    return { title, body, yesLabel, onYes: { kind: action, id } };
  }

  /**
   * Once the agent has stopped, looks for ignored files the question did not list (git deletes
   * them with the folder); if there are any, says so and returns true: the caller asks again.
   */
  private async changedSinceAsked(id: string): Promise<boolean> {
    const shown = new Set(this.shownIgnored.get(id) ?? []);
    const fresh = await this.o.workspace.removalImpact(id);
    if (fresh.ignored.every((p) => shown.has(p))) return false;
    this.o.notices.notice(`New ignored files appeared in ${this.agent(id)?.info.spec.name ?? id}'s worktree since the question: asking again.`, 'warn');
    return true;
  }

  private forget(id: string): void {
    this.unstarted.delete(id);
    this.shownIgnored.delete(id);
    this.o.workspace.forget(id);
    if (this.o.host.get(id)) this.o.host.remove(id);
    else this.o.store.dispatch({ type: 'agent/removed', id });
  }

  private agent(id: string): AgentView | undefined {
    return agentById(this.o.store.getState(), id);
  }

  /** The agent when it has a worktree to review, commit or merge; otherwise undefined, with a notice saying why. */
  reviewable(id: string): AgentView | undefined {
    const agent = this.agent(id);
    const why = whyNotReviewable(agent, this.unstarted.has(id), this.o.keyName('agent.restart'));
    if (why) this.o.notices.notice(why, 'warn');
    return why ? undefined : agent;
  }
}
