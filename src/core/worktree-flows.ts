// What the user does with agents' worktrees, step by step and never losing work: start an agent
// in its own worktree, review its changes, commit, merge, pause/resume, and remove it (asking first
// when work would be affected, keeping the branch and committing leftovers as WIP).
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { type CreatedWorktree, NameTakenError, WorktreeInUseError, classifyDiff } from './git/index.js';
import type { Launcher } from './launcher.js';
import type { Logger } from './log.js';
import type { Monitor } from './monitor.js';
import type { AgentSpec, Launch, SessionHost, SessionInfo } from './sessions.js';
import type { Store } from './store.js';
import { type Workspace, describe } from './workspace.js';

export interface StartOptions {
  /** Own worktree and branch (default: yes in a repository, unless turned off). */
  worktree?: boolean;
  base?: string;
  /** Check out the existing branch of that name (the user chose "reuse"). */
  reuse?: boolean;
  /** Started by squadtui itself (--agents): an existing worktree of the same name is picked up. */
  startup?: boolean;
  /** The user chose to continue in this name's worktree from an earlier run. */
  pickUp?: boolean;
}

export interface FlowsOptions {
  host: SessionHost;
  store: Store;
  workspace: Workspace;
  launcher: Launcher;
  monitor: Monitor;
  log: Logger;
  notice: (text: string, level?: 'info' | 'warn' | 'error') => void;
  /** Hands the terminal to $EDITOR (or opens a GUI editor) on `path`. */
  openEditor: (path: string) => void;
}

/** How long an agent gets to exit before its worktree is taken down anyway (it is killed by then). */
const STOP_TIMEOUT_MS = 5000;

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
    if (useWorktree) {
      try {
        const created = await this.makeWorktree(id, spec.name, options);
        cwd = sameSubdirectory(spec.cwd, workspace.topLevel, created.path);
      } catch (error) {
        this.unstarted.set(id, { spec, options });
        const failed: SessionInfo = { ...info, status: 'failed', endedAt: Date.now(), error: { message: `Could not create ${spec.name}'s worktree.`, hint: describe(error) } };
        store.dispatch({ type: 'agent/info', info: failed });
        this.o.monitor.sessionChanged(failed);
        this.o.log.error(`worktree for ${spec.name}`, error);
        return id;
      }
    }
    this.unstarted.delete(id);
    // Closed while its worktree was made: the worktree stays for a later run, nothing is started.
    if (!this.agent(id)) return id;
    const started = { ...spec, cwd };
    const prepared = await this.o.launcher.prepare(started, id);
    if (!this.agent(id)) return id;
    this.o.host.spawn(started, prepared.launch);
    return id;
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
        await this.o.workspace.resume(id, (text) => this.progress(id, text), () => this.agent(id) !== undefined);
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

  /** Asks before removing an agent whose worktree holds work; removes it (branch kept) on yes. */
  async requestClose(id: string): Promise<void> {
    const agent = this.agent(id);
    if (!agent) return;
    const running = agent.info.status === 'running' || agent.info.status === 'starting';
    const wt = agent.worktree;
    if (!wt || wt.paused) {
      if (!running && !wt) {
        this.forget(id);
        return;
      }
      this.confirm(id, `Close ${agent.info.spec.name}?`, [
        ...(running ? ['It is still running. Closing ends it and everything it started.'] : []),
        ...(wt?.paused ? [`Its branch ${wt.branch} is kept (paused work is committed there).`] : []),
      ], 'close it', 'close');
      return;
    }
    if (folderGone(wt.path)) {
      this.confirm(id, `Close ${agent.info.spec.name}?`, [
        `Its worktree folder ${wt.path} is gone (deleted outside squadtui): there is nothing left in it to lose.`,
        ...(running ? ['It is still running. Closing ends it and everything it started.'] : []),
        `The branch ${wt.branch} is kept with everything committed to it; git forgets the missing folder.`,
      ], 'close it', 'close');
      return;
    }
    let impact;
    try {
      impact = await this.o.workspace.removalImpact(id);
    } catch (error) {
      const why = error instanceof WorktreeInUseError ? `${agent.info.spec.name}'s worktree is not removed` : `Can't tell what removing ${agent.info.spec.name}'s worktree would affect`;
      this.o.notice(`${why}: ${describe(error)} Nothing was changed.`, 'error');
      return;
    }
    const body: string[] = [];
    if (running) body.push('It is still running: closing ends it and everything it started.');
    if (impact.uncommitted.length > 0) {
      body.push(`Uncommitted changes (${impact.uncommitted.length}) will be committed to ${impact.branch} as a WIP commit:`);
      body.push(...impact.uncommitted.slice(0, 5).map((c) => `  ${c.change.padEnd(9)} ${c.path}`));
      if (impact.uncommitted.length > 5) body.push(`  … and ${impact.uncommitted.length - 5} more`);
    }
    if (impact.unmergedCount > 0) {
      body.push(`${impact.unmergedCount} commit${impact.unmergedCount === 1 ? ' is' : 's are'} not merged into ${impact.base ?? 'its base'}:`);
      body.push(...impact.unmergedCommits.slice(0, 5).map((c) => `  ${c.sha.slice(0, 7)} ${c.subject}`));
    }
    if (impact.ignored.length > 0) body.push(`Ignored files deleted with the worktree: ${firstFew(impact.ignored)}`);
    body.unshift(`The branch ${impact.branch} is kept. The worktree ${impact.path} is removed.`);
    this.shownIgnored.set(id, impact.ignored);
    // Ignored files (build output, a local .env) go with the folder: the user hears of them first.
    if (!impact.needsConfirmation && impact.ignored.length === 0 && !running) {
      await this.close(id);
      return;
    }
    this.confirm(id, `Remove ${agent.info.spec.name} and its worktree?`, body, 'remove', 'close');
  }

  /** Ends the agent and takes its worktree down (branch kept, leftovers committed as WIP). */
  async close(id: string): Promise<void> {
    const agent = this.agent(id);
    if (!agent) return;
    await this.stop(id);
    const wt = agent.worktree;
    if (wt && !wt.paused && folderGone(wt.path)) {
      await this.o.workspace.forgetMissing(id).catch((error: unknown) => this.o.log.error(`pruning ${wt.path}`, error));
      this.o.notice(`Closed ${agent.info.spec.name}; its worktree folder was gone, branch ${wt.branch} kept.`);
    } else if (wt && !wt.paused) {
      try {
        if (await this.askedAgain(id, () => this.requestClose(id))) return;
        const removed = await this.o.workspace.remove(id);
        this.o.notice(
          `Removed ${agent.info.spec.name}'s worktree; branch ${removed.branch} kept${removed.wipCommit ? ` (work saved in WIP commit ${removed.wipCommit.slice(0, 7)})` : ''}.`,
        );
      } catch (error) {
        this.o.notice(`Could not remove ${agent.info.spec.name}'s worktree: ${describe(error)} Nothing was deleted.`, 'error');
        return;
      }
    }
    this.forget(id);
  }

  /** Says what pausing would do (asking before anything is stopped), or why it can't be done. */
  async requestPause(id: string): Promise<void> {
    const agent = this.agent(id);
    const name = agent?.info.spec.name;
    const wt = agent?.worktree;
    if (!agent || !wt || wt.paused) {
      this.o.notice(wt ? `${name} is paused already: r resumes it.` : 'Only an agent with its own worktree can be paused.', 'warn');
      return;
    }
    if (folderGone(wt.path)) {
      this.o.notice(`${name}'s worktree folder ${wt.path} is gone: nothing to pause. x closes the agent (branch ${wt.branch} kept).`, 'warn');
      return;
    }
    let impact;
    try {
      impact = await this.o.workspace.removalImpact(id);
    } catch (error) {
      this.o.notice(`Can't pause ${name}: ${describe(error)} Nothing was changed.`, 'error');
      return;
    }
    const running = agent.info.status === 'running' || agent.info.status === 'starting';
    const body = [
      `${running ? 'Ends the agent, commits' : 'Commits'} ${impact.uncommitted.length > 0 ? `its uncommitted changes (${impact.uncommitted.length}) to ${impact.branch} as a WIP commit` : `nothing (no uncommitted changes; ${impact.branch} has all its work)`}, and removes the folder ${impact.path}.`,
      'r brings the worktree back from the branch and restarts the agent (Claude continues its conversation).',
    ];
    if (impact.ignored.length > 0) {
      body.push(`Ignored files are not kept: ${firstFew(impact.ignored)} (files listed in .worktreeinclude are copied again from the main checkout).`);
    }
    this.shownIgnored.set(id, impact.ignored);
    this.confirm(id, `Pause ${name}?`, body, 'pause', 'pause');
  }

  /** Stops the agent, commits its work (WIP), removes the worktree and keeps the branch. */
  async pause(id: string): Promise<void> {
    const agent = this.agent(id);
    if (!agent?.worktree || agent.worktree.paused) return;
    // Checked again before the agent is stopped: a merge may have begun since the question.
    try {
      await this.o.workspace.removalImpact(id);
    } catch (error) {
      this.o.notice(`Can't pause ${agent.info.spec.name}: ${describe(error)} Nothing was changed.`, 'error');
      return;
    }
    await this.stop(id);
    try {
      if (await this.askedAgain(id, () => this.requestPause(id))) return;
      const removed = await this.o.workspace.pause(id);
      this.o.notice(`Paused ${agent.info.spec.name}: branch ${removed.branch}${removed.wipCommit ? `, work in WIP commit ${removed.wipCommit.slice(0, 7)}` : ''}. r resumes it.`);
    } catch (error) {
      this.o.notice(`Could not pause ${agent.info.spec.name}: ${describe(error)}`, 'error');
    }
  }

  async openCommit(id: string): Promise<void> {
    const agent = this.withWorktree(id);
    if (!agent) return;
    try {
      const message = await this.o.workspace.defaultMessage(id);
      if (message === undefined) {
        this.o.notice(`Nothing to commit in ${agent.info.spec.name}'s worktree.`);
        return;
      }
      this.o.store.dispatch({ type: 'dialog/open', dialog: { kind: 'commit', agentId: id, value: message } });
    } catch (error) {
      this.o.notice(describe(error), 'error');
    }
  }

  async commit(id: string, message: string): Promise<void> {
    const agent = this.withWorktree(id);
    if (!agent) return;
    try {
      const result = await this.o.workspace.commit(id, message);
      this.o.notice(result ? `Committed ${result.files} file${result.files === 1 ? '' : 's'} to ${agent.worktree!.branch} (${result.sha.slice(0, 7)}).` : 'Nothing to commit.');
    } catch (error) {
      this.o.notice(`Commit failed: ${describe(error)}`, 'error');
    }
  }

  async requestMerge(id: string): Promise<void> {
    const agent = this.withWorktree(id);
    if (!agent) return;
    const wt = agent.worktree!;
    const name = agent.info.spec.name;
    // A base given as a commit is recorded as its full hash (a branch may well be called "cafe123").
    if (/^[0-9a-f]{40}$/.test(wt.base)) {
      this.o.notice(`${wt.branch} was made from a commit, not a branch: there is no branch to merge it into. Merge it yourself where you want it (git merge ${wt.branch}).`, 'warn');
      return;
    }
    let status;
    try {
      // Fresh numbers: the dialog must say what the merge will find.
      status = await this.o.workspace.status(id);
    } catch (error) {
      this.o.notice(`Can't merge ${name}'s work: ${describe(error)}`, 'error');
      return;
    }
    if (status.uncommitted) {
      this.o.notice(`${name}'s worktree has uncommitted changes: commit them first (c), then merge.`, 'warn');
      return;
    }
    const remotes = await this.o.workspace.remotes();
    const body = [
      `${status.ahead} commit${status.ahead === 1 ? '' : 's'} to bring in; ${status.behind} behind ${wt.base}.`,
      'Fast-forward when possible, a merge commit otherwise. On a conflict nothing changes and the files are listed.',
    ];
    // The user may have moved on while git ran.
    if (!this.agent(id) || this.o.store.getState().dialog) return;
    this.o.store.dispatch({
      type: 'dialog/open',
      dialog: {
        kind: 'confirm',
        title: `Merge ${wt.branch} into ${wt.base.replace(/^[^/]+\//, (m) => (remotes.includes(m.slice(0, -1)) ? '' : m))}?`,
        body,
        yesLabel: 'merge',
        onYes: { action: 'merge', id },
        alt: remotes.length > 0 ? { action: 'merge-push', label: `merge and push (${remotes.join(', ')})` } : undefined,
      },
    });
  }

  async merge(id: string, push: boolean): Promise<void> {
    const agent = this.withWorktree(id);
    if (!agent) return;
    try {
      const result = await this.o.workspace.merge(id, push);
      if (result.kind === 'conflict') {
        this.o.store.dispatch({
          type: 'dialog/open',
          dialog: {
            kind: 'confirm',
            info: true,
            title: `${result.branch} conflicts with ${result.into}: nothing was changed`,
            body: ['Conflicting files:', ...result.files.map((f) => `  ${f}`), ...result.details.slice(0, 4), 'Both branches are as they were. Ask the agent to merge or rebase, then try again.'],
            yesLabel: 'ok',
            onYes: { action: 'none' },
          },
        });
        return;
      }
      const how = result.kind === 'fast-forward' ? 'fast-forward' : 'with a merge commit';
      const what = result.kind === 'up-to-date' ? `${result.into} already has everything from ${result.branch}` : `Merged ${result.branch} into ${result.into} (${how})`;
      const pushed = result.push ? (result.push.status === 'pushed' ? `; pushed to ${result.push.remote}` : result.push.status === 'failed' ? `; push failed: ${result.push.message}` : '; no remote to push to') : '';
      this.o.notice(`${what}${pushed}.`, result.push?.status === 'failed' ? 'warn' : 'info');
    } catch (error) {
      this.o.notice(`Merge not done: ${describe(error)}`, 'error');
    }
  }

  async openDiff(id: string): Promise<void> {
    if (!this.withWorktree(id)) return;
    this.o.store.dispatch({ type: 'diff/open', agentId: id });
    try {
      this.o.store.dispatch({ type: 'diff/files', agentId: id, files: await this.o.workspace.changedFiles(id) });
    } catch (error) {
      this.o.store.dispatch({ type: 'diff/error', agentId: id, error: describe(error) });
    }
  }

  async showFile(): Promise<void> {
    const diff = this.o.store.getState().diff;
    const file = diff?.files?.[diff.cursor];
    if (!diff || !file) return;
    try {
      const result = await this.o.workspace.fileDiff(diff.agentId, file);
      this.o.store.dispatch({ type: 'diff/show', agentId: diff.agentId, path: result.path, lines: classifyDiff(result.text), binary: result.binary });
    } catch (error) {
      this.o.store.dispatch({ type: 'diff/error', agentId: diff.agentId, error: describe(error) });
    }
  }

  editor(id: string): void {
    const agent = this.agent(id);
    const wt = agent?.worktree;
    const dir = wt && !wt.paused ? wt.path : agent?.info.spec.cwd;
    if (!dir) return;
    const diff = this.o.store.getState().diff;
    const file = this.o.store.getState().mode === 'diff' ? diff?.open?.path ?? diff?.files?.[diff.cursor]?.path : undefined;
    this.o.openEditor(file ? `${dir}/${file}` : dir);
  }

  private async makeWorktree(id: string, name: string, options: StartOptions): Promise<CreatedWorktree> {
    const { workspace } = this.o;
    const onOutput = (text: string) => this.progress(id, text);
    let created: CreatedWorktree;
    try {
      created = await workspace.create(name, { base: options.base, reuseBranch: options.reuse, onOutput });
    } catch (error) {
      if (!(error instanceof NameTakenError || error instanceof WorktreeInUseError) || !(options.startup || options.pickUp)) throw error;
      // The same agent's worktree from an earlier run is picked up as it is, unless another
      // squadtui (or a program left running) has it. Otherwise, for squadtui's own names, its
      // branch is reused or a free name is taken.
      let inUse = error instanceof WorktreeInUseError ? error : undefined;
      const existing = error instanceof NameTakenError ? await workspace.existing(error.branch) : undefined;
      if (error instanceof NameTakenError && existing && existing.path === error.path) {
        try {
          // Closed meanwhile: not taken, it stays for a later run.
          if (!this.agent(id)) return this.pickedUp(name, existing);
          workspace.continueIn(id, name, existing);
          this.o.notice(`${name} continues in its worktree from before (${existing.branch}).`);
          return this.pickedUp(name, existing);
        } catch (inUseError) {
          if (!(inUseError instanceof WorktreeInUseError)) throw inUseError;
          inUse = inUseError;
        }
      }
      if (!options.startup) throw inUse ?? error;
      const nameTaken = inUse ? undefined : (error as NameTakenError);
      const canReuse = nameTaken !== undefined && nameTaken.taken.branchExists && !nameTaken.taken.branchCheckedOutAt && !nameTaken.taken.pathExists;
      // A worktree still being made by another squadtui is not in the plan yet: then name-2.
      const other = nameTaken?.suggestion ?? (await workspace.plan(name)).suggestion ?? `${name}-2`;
      created = canReuse
        ? await workspace.create(name, { base: options.base, reuseBranch: true, onOutput })
        : await workspace.create(other, { base: options.base, onOutput });
      if (inUse) this.o.notice(`${inUse.message.replace(/\.$/, '')}: this ${name} works in ${created.branch}.`, 'warn');
      else if (!canReuse) this.o.notice(`${name}'s branch or folder was taken: its worktree is ${created.branch}.`, 'warn');
    }
    // Closed meanwhile: the worktree stays (listed at the next start), nobody watches or holds it.
    if (this.agent(id)) workspace.attach(id, { path: created.path, branch: created.branch, base: created.base.name });
    else workspace.release(created.branch);
    if (created.setup && !created.setup.ok) {
      const why = created.setup.error ?? `exit code ${created.setup.exitCode ?? created.setup.signal}`;
      this.o.notice(`Setup "${created.setup.command}" failed in ${name}'s worktree (${why}); the agent starts anyway.`, 'warn');
      this.o.log.info(`setup failed for ${name}: ${created.setup.lastLines.join(' | ')}`);
      // Its output is gone from the panel once the agent starts: the log keeps the end of it.
      for (const line of created.setup.lastLines) this.o.store.dispatch({ type: 'log/add', entry: { at: Date.now(), agent: name, text: `setup: ${line}`, kind: 'notice' } });
    }
    if (created.included.skipped.length > 0) this.o.log.info(`${name}: .worktreeinclude skipped ${created.included.skipped.map((s) => s.path).join(', ')}`);
    return created;
  }

  /** What start() reports for a worktree from an earlier run that an agent continues in. */
  private pickedUp(name: string, existing: { path: string; branch: string; base: string }): CreatedWorktree {
    return { agentName: name, branch: existing.branch, path: existing.path, base: { name: existing.base, kind: 'branch', sha: '' }, reused: true, included: { patterns: false, copied: [], skipped: [] } };
  }

  private progress(id: string, text: string): void {
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '') this.o.store.dispatch({ type: 'agent/preparing', id, line });
  }

  private confirm(id: string, title: string, body: string[], yesLabel: string, action: string): void {
    this.o.store.dispatch({ type: 'dialog/open', dialog: { kind: 'confirm', title, body, yesLabel, onYes: { action, id } } });
  }

  /** Ends the agent's program and waits for it to be gone (its directory may go next). */
  private stop(id: string): Promise<void> {
    const { host } = this.o;
    const info = host.get(id);
    if (!info || (info.status !== 'running' && info.status !== 'starting')) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve();
      }, STOP_TIMEOUT_MS);
      const off = host.onEvent((e) => {
        if (e.type === 'info' && e.info.id === id && e.info.status !== 'running' && e.info.status !== 'starting') {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
      host.kill(id);
    });
  }

  /**
   * Once the agent has stopped, looks for ignored files the question did not list (git deletes
   * them with the folder); if there are any, asks again with them listed and returns true.
   */
  private async askedAgain(id: string, ask: () => Promise<void>): Promise<boolean> {
    const shown = new Set(this.shownIgnored.get(id) ?? []);
    const fresh = await this.o.workspace.removalImpact(id);
    if (fresh.ignored.every((p) => shown.has(p))) return false;
    this.o.notice(`New ignored files appeared in ${this.agent(id)?.info.spec.name ?? id}'s worktree since the question: asking again.`, 'warn');
    await ask();
    return true;
  }

  private forget(id: string): void {
    this.unstarted.delete(id);
    this.shownIgnored.delete(id);
    this.o.workspace.forget(id);
    if (this.o.host.get(id)) this.o.host.remove(id);
    else this.o.store.dispatch({ type: 'agent/removed', id });
  }

  private agent(id: string) {
    return this.o.store.getState().agents.find((a) => a.id === id);
  }

  private withWorktree(id: string) {
    const agent = this.agent(id);
    if (!agent?.worktree) {
      this.o.notice(agent ? `${agent.info.spec.name} runs in a plain directory: it has no worktree.` : 'No agent selected.', 'warn');
      return undefined;
    }
    if (agent.worktree.paused) {
      this.o.notice(`${agent.info.spec.name} is paused: r resumes it.`, 'warn');
      return undefined;
    }
    return agent;
  }
}

/** Where in a worktree an agent asked to run in `dir` of the main checkout runs: the same subdirectory when it exists there. */
export function sameSubdirectory(dir: string, topLevel: string | undefined, worktree: string): string {
  if (!topLevel) return worktree;
  const rel = relativeInside(topLevel, dir);
  if (!rel) return worktree;
  const inside = path.join(worktree, rel);
  return existsSync(inside) ? inside : worktree;
}

/** "a, b, c, d, …": the first few of a list, for a line of text. */
export function firstFew(items: readonly string[], n = 4): string {
  return `${items.slice(0, n).join(', ')}${items.length > n ? ', …' : ''}`;
}

/** Whether a worktree folder was deleted (not merely unreadable or behind a broken link). */
function folderGone(dir: string): boolean {
  try {
    lstatSync(dir);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

/** `dir` relative to `root` when it lies inside it (symlinks resolved on both sides), else undefined ('' is root itself). */
export function relativeInside(root: string, dir: string): string | undefined {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(root), real(dir));
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? undefined : rel;
}
