// The squad controller: turns commands into session and store changes, and keeps the store in
// step with the session host. No React here; the UI calls run() and reads the store.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeUser } from './git/index.js';
import { computeLayout } from './layout.js';
import { CommandLineError, parseCommandLine, programName, resolveDirectory } from './command-line.js';
import type { Choice } from './prompt-answer.js';
import type { Launcher } from './launcher.js';
import type { Monitor } from './monitor.js';
import { type StartOptions, type WorktreeFlows, relativeInside } from './worktree-flows.js';
import { type Workspace, describe } from './workspace.js';
import { SpawnError, preflight, resolveProgram } from './pty-host.js';
import type { AgentSpec, SessionHost } from './sessions.js';
import { ADD_FIELDS, type AddDialog, type AddField, type Mode, type Store, inbox, inboxTarget, selectedAgent } from './store.js';

export interface SquadOptions {
  host: SessionHost;
  store: Store;
  launcher: Launcher;
  monitor: Monitor;
  workspace: Workspace;
  flows: WorktreeFlows;
  /** New agents get their own worktree unless this is false (--no-worktree). */
  worktreesByDefault: boolean;
  /** Directory squadtui started in: the default for new agents. */
  cwd: string;
  /** Default command line for new agents. */
  program: string;
  /** Labels of the keys bound to a command in a mode, for messages. */
  keyLabelFor: (command: string, mode: Mode) => string | undefined;
  onQuit: () => void;
  /** An agent rang its terminal bell. */
  onBell?: (agentId: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
  /** How many rows the key list has (for scrolling it). */
  helpRows: () => number;
}

/** `base` when no agent has it; otherwise the number after the ones taken (bash-1, bash-2 → bash-3). */
export function freeAgentName(base: string, names: readonly string[]): string {
  const taken = new Set(names);
  const numbered = names.map((name) => (name.startsWith(`${base}-`) ? Number(name.slice(base.length + 1)) : NaN)).filter((n) => Number.isInteger(n) && n > 0);
  if (!taken.has(base) && numbered.length === 0) return base;
  for (let i = Math.max(1, ...numbered) + 1; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The inbox's answer keys: y and n by role, digits by the prompt's own numbers. */
function choiceFor(command: string): Choice | undefined {
  if (command === 'inbox.yes') return { by: 'role', role: 'yes' };
  if (command === 'inbox.no') return { by: 'role', role: 'no' };
  if (command.startsWith('inbox.option.')) return { by: 'number', number: Number(command.slice('inbox.option.'.length)) };
  return undefined;
}

export class Squad {
  private readonly disposers: (() => void)[] = [];
  private busy: Promise<unknown> | undefined;

  constructor(private readonly o: SquadOptions) {
    const { host, store } = o;
    this.disposers.push(
      host.onEvent((e) => {
        switch (e.type) {
          case 'info':
            store.dispatch({ type: 'agent/info', info: e.info });
            o.monitor.sessionChanged(e.info);
            break;
          case 'removed':
            o.launcher.forget(e.id);
            o.monitor.forget(e.id);
            store.dispatch({ type: 'agent/removed', id: e.id });
            break;
          case 'output':
            store.dispatch({ type: 'agent/output', id: e.id, at: e.at });
            break;
          case 'screen':
            // An agent that draws is probably changing files: look at its worktree again soon.
            o.workspace.refresh(e.id);
            break;
          case 'title':
            // Not shown: Claude animates its title while it works, which would redraw the sidebar.
            break;
          case 'bell':
            // squadtui draws the agent's screen, so the outer terminal would never hear its bell.
            o.onBell?.(e.id);
            break;
          default: {
            const unreachable: never = e;
            return unreachable;
          }
        }
      }),
    );
    let watched: string | undefined;
    const states = new Map<string, string>();
    this.disposers.push(
      store.subscribe(() => {
        const state = store.getState();
        const id = state.selectedId;
        if (id !== watched) {
          watched = id;
          host.watch(id);
        }
        // A turn ended, a prompt came or went, the agent exited: its worktree has news.
        for (const a of state.agents) {
          if (states.get(a.id) !== a.activity.state) {
            states.set(a.id, a.activity.state);
            if (a.worktree) o.workspace.refresh(a.id, 300);
          }
        }
        if (states.size > state.agents.length) {
          for (const id of states.keys()) if (!state.agents.some((a) => a.id === id)) states.delete(id);
        }
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposers) d();
  }

  /** Starts an agent: its worktree (in a repository), its detector, Claude's hooks, then the program. */
  spawn(spec: AgentSpec, options: StartOptions = {}, id?: string): Promise<string> {
    return this.o.flows.start(spec, { ...options, worktree: (options.worktree ?? true) && this.o.worktreesByDefault }, id);
  }

  /** A name not used by any agent: base, base-2, base-3... */
  uniqueName(base: string): string {
    return freeAgentName(base, this.o.store.getState().agents.map((a) => a.info.spec.name));
  }

  /**
   * A command still finding out what to show (git runs before its dialog opens): keys typed right
   * behind it wait for it, or they would act in the mode before the dialog (a "y" meant for the
   * merge question would answer a permission prompt).
   */
  get pending(): Promise<unknown> | undefined {
    return this.busy;
  }

  private track(work: Promise<unknown>): void {
    const done: Promise<unknown> = work.finally(() => {
      if (this.busy === done) this.busy = undefined;
    });
    this.busy = done;
  }

  run(command: string): void {
    const { store, host } = this.o;
    const state = store.getState();
    const selected = selectedAgent(state);
    if (command.startsWith('agent.jump.')) {
      store.dispatch({ type: 'select/index', index: Number(command.slice('agent.jump.'.length)) - 1 });
      return;
    }
    const choice = choiceFor(command);
    if (choice) {
      this.answer(choice);
      return;
    }
    switch (command) {
      case 'agent.prev':
        store.dispatch({ type: 'select/step', delta: -1 });
        return;
      case 'agent.next':
        store.dispatch({ type: 'select/step', delta: 1 });
        return;
      case 'mode.squad':
        store.dispatch({ type: 'mode', mode: 'squad' });
        return;
      case 'mode.agent':
        if (!selected) {
          this.notice(`No agent to type into: ${this.o.keyLabelFor('agent.add', 'squad') ?? 'a'} adds one.`, 'warn');
          return;
        }
        store.dispatch({ type: 'mode', mode: 'agent' });
        return;
      case 'view.close':
        if (state.mode === 'help' || state.mode === 'inbox' || state.mode === 'log') store.dispatch({ type: 'view/toggle', view: state.mode });
        return;
      case 'help':
        store.dispatch({ type: 'view/toggle', view: 'help' });
        return;
      case 'help.down':
      case 'help.up':
      case 'help.pageDown':
      case 'help.pageUp': {
        const page = Math.max(1, state.size.rows - 6);
        const delta = { 'help.down': 1, 'help.up': -1, 'help.pageDown': page, 'help.pageUp': -page }[command];
        store.dispatch({ type: 'help/scroll', delta, max: this.o.helpRows() });
        return;
      }
      case 'log.open':
        store.dispatch({ type: 'view/toggle', view: 'log' });
        return;
      case 'inbox.open':
        store.dispatch({ type: 'inbox/cursor', id: inbox(state)[0]?.id });
        store.dispatch({ type: 'view/toggle', view: 'inbox' });
        return;
      case 'inbox.next':
      case 'inbox.prev':
        this.moveInboxCursor(command === 'inbox.next' ? 1 : -1);
        return;
      case 'inbox.jump': {
        const target = inboxTarget(state);
        if (!target) return this.notice('No prompt is waiting.');
        store.dispatch({ type: 'select', id: target.id });
        store.dispatch({ type: 'mode', mode: 'agent' });
        return;
      }
      case 'inbox.message': {
        const target = inboxTarget(state);
        if (!target) return this.notice('No prompt is waiting.');
        const prompt = target.activity.prompt;
        const purpose = prompt?.kind === 'question' ? 'answer' : 'deny';
        if (purpose === 'answer' && !prompt!.options.some((o) => o.free)) {
          return this.notice(`${target.info.spec.name}'s question takes no typed answer: pick an option by its number.`, 'warn');
        }
        const kept = purpose === 'deny' ? (this.o.monitor.takeKeptMessage(target.id) ?? '') : '';
        store.dispatch({ type: 'dialog/open', dialog: { kind: 'message', purpose, agentId: target.id, value: kept, ...(prompt ? { prompt } : {}) } });
        return;
      }
      case 'agent.add':
        this.openAddDialog();
        return;
      case 'agent.close':
        if (selected) this.track(this.o.flows.requestClose(selected.id));
        return;
      case 'agent.restart':
        if (!selected) return;
        if (selected.info.status === 'exited' || selected.info.status === 'failed') void this.o.flows.restart(selected.id);
        else this.notice(`${selected.info.spec.name} is still running; it can be restarted once it exits.`, 'warn');
        return;
      case 'agent.pause':
        if (selected) this.track(this.o.flows.requestPause(selected.id));
        return;
      case 'agent.diff':
        if (selected) this.track(this.o.flows.openDiff(selected.id));
        return;
      case 'agent.commit':
        if (selected) this.track(this.o.flows.openCommit(selected.id));
        return;
      case 'agent.merge':
        if (selected) this.track(this.o.flows.requestMerge(selected.id));
        return;
      case 'agent.editor': {
        const id = state.mode === 'diff' ? state.diff?.agentId : selected?.id;
        if (id) this.o.flows.editor(id);
        return;
      }
      case 'diff.down':
      case 'diff.up': {
        const delta = command === 'diff.down' ? 1 : -1;
        if (state.diff?.open) store.dispatch({ type: 'diff/scroll', delta, page: this.diffPage() });
        else store.dispatch({ type: 'diff/cursor', delta });
        return;
      }
      case 'diff.pageDown':
      case 'diff.pageUp':
        store.dispatch({ type: 'diff/scroll', delta: (command === 'diff.pageDown' ? 1 : -1) * this.diffPage(), page: this.diffPage() });
        return;
      case 'diff.top':
      case 'diff.bottom': {
        const diff = state.diff;
        const last = command === 'diff.bottom';
        if (diff?.open) store.dispatch({ type: 'diff/scroll', delta: last ? diff.open.lines.length : -diff.open.offset, page: this.diffPage() });
        else if (diff?.files?.length) store.dispatch({ type: 'diff/cursor', delta: (last ? diff.files.length - 1 : 0) - diff.cursor });
        return;
      }
      case 'diff.open':
        this.track(this.o.flows.showFile());
        return;
      case 'diff.back':
        store.dispatch({ type: 'diff/back' });
        return;
      case 'diff.close':
        store.dispatch({ type: 'diff/back' });
        if (store.getState().mode === 'diff') store.dispatch({ type: 'diff/back' });
        return;
      case 'dialog.worktree': {
        const dialog = state.dialog;
        if (dialog?.kind !== 'add') return;
        if (!this.o.workspace.available) {
          store.dispatch({ type: 'dialog/error', error: this.noWorktreesReason() });
          return;
        }
        store.dispatch({ type: 'dialog/patch', patch: { worktree: !dialog.worktree, reuse: undefined } });
        return;
      }
      case 'dialog.clear': {
        const dialog = state.dialog;
        if (dialog?.kind === 'add') store.dispatch({ type: 'dialog/value', field: dialog.field, value: '' });
        else if (dialog?.kind === 'message') store.dispatch({ type: 'message/value', value: '' });
        else if (dialog?.kind === 'commit') store.dispatch({ type: 'commit/value', value: '' });
        return;
      }
      case 'dialog.alt': {
        const dialog = state.dialog;
        if (dialog?.kind !== 'confirm' || !dialog.alt) return;
        store.dispatch({ type: 'dialog/close' });
        if (dialog.alt.action === 'merge-push' && dialog.onYes.id) void this.o.flows.merge(dialog.onYes.id, true);
        return;
      }
      case 'scroll.pageUp':
        if (selected) host.scroll(selected.id, { pages: -1 });
        return;
      case 'scroll.pageDown':
        if (selected) host.scroll(selected.id, { pages: 1 });
        return;
      case 'scroll.top':
        if (selected) host.scroll(selected.id, 'top');
        return;
      case 'scroll.bottom':
        if (selected) host.scroll(selected.id, 'bottom');
        return;
      case 'quit': {
        const running = state.agents.filter((a) => a.info.status === 'running');
        if (running.length === 0) {
          this.o.onQuit();
          return;
        }
        store.dispatch({
          type: 'dialog/open',
          dialog: {
            kind: 'confirm',
            title: 'Quit squadtui?',
            body: [
              `${running.length} agent${running.length === 1 ? ' is' : 's are'} still running: ${running.map((a) => a.info.spec.name).join(', ')}.`,
              'Quitting ends them.',
              ...(state.agents.some((a) => a.worktree && !a.worktree.paused)
                ? ['Their worktrees and branches stay as they are, uncommitted work included: the next start lists them.']
                : []),
            ],
            yesLabel: 'quit',
            onYes: { action: 'quit' },
          },
        });
        return;
      }
      case 'dialog.next':
      case 'dialog.prev':
        this.moveField(command === 'dialog.next' ? 1 : -1);
        return;
      case 'dialog.cancel':
        store.dispatch({ type: 'dialog/close' });
        return;
      case 'dialog.submit':
        this.submitDialog();
        return;
      default:
        this.notice(`Unknown command ${command}`, 'error');
    }
  }

  /** Shows a message in the footer; the activity log keeps it whole. */
  notice(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.o.store.dispatch({ type: 'notice', notice: { text, level } });
    this.o.store.dispatch({ type: 'log/add', entry: { at: Date.now(), text, kind: 'notice' } });
  }

  /** Adds to the footer's message rather than replacing it (start-up messages all stay readable). */
  addNotice(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    const current = this.o.store.getState().notice;
    this.o.store.dispatch({ type: 'notice', notice: current ? { ...current, text: `${current.text} ${text}` } : { text, level } });
    this.o.store.dispatch({ type: 'log/add', entry: { at: Date.now(), text, kind: 'notice' } });
  }

  private answer(choice: Choice): void {
    const { store } = this.o;
    const state = store.getState();
    const target = inboxTarget(state);
    if (!target) return this.notice('No prompt is waiting.');
    if (state.mode === 'inbox') {
      // The cursor moves on to the next prompt, so the next key never lands on one not shown.
      const items = inbox(state);
      const next = items[items.indexOf(target) + 1] ?? items[items.indexOf(target) - 1];
      store.dispatch({ type: 'inbox/cursor', id: next?.id });
    }
    // The menu was a step on the way: the next keys go to the agent the user was typing into.
    if (state.mode === 'squad' && state.menuFromAgent && state.selectedId) store.dispatch({ type: 'mode', mode: 'agent' });
    const name = target.info.spec.name;
    this.track(
      this.o.monitor.answer(target.id, choice, target.activity.prompt).then((result) => {
        // The activity log has the answer already (the monitor records it): the footer only shows it.
        if (result.sent) this.show(`${name}: ${result.option}`);
        else this.show(result.reason, 'warn');
      }),
    );
  }

  /** The footer's message alone, for what the activity log holds already. */
  private show(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.o.store.dispatch({ type: 'notice', notice: { text, level } });
  }

  private moveInboxCursor(delta: number): void {
    const state = this.o.store.getState();
    const items = inbox(state);
    if (items.length === 0) return;
    const i = Math.max(0, items.findIndex((a) => a.id === state.inboxCursor));
    this.o.store.dispatch({ type: 'inbox/cursor', id: items[(i + delta + items.length) % items.length]!.id });
  }

  /** A field of the add form changed; the name follows the command until the user types one. */
  editField(field: AddField, value: string): void {
    const { store } = this.o;
    store.dispatch({ type: 'dialog/value', field, value });
    const dialog = store.getState().dialog;
    if (field !== 'command' || dialog?.kind !== 'add' || dialog.nameEdited) return;
    store.dispatch({ type: 'dialog/value', field: 'name', value: this.uniqueName(programName(value)), auto: true });
  }

  private openAddDialog(): void {
    const { cwd } = this.o;
    const env = this.o.env ?? process.env;
    // The configured program when it is installed, else the user's shell: a default that starts.
    let program = this.o.program;
    try {
      if (!resolveProgram(parseCommandLine(program).command, env.PATH, cwd)) program = env.SHELL || 'bash';
    } catch {
      program = env.SHELL || 'bash';
    }
    const dialog: AddDialog = {
      kind: 'add',
      values: { name: this.uniqueName(programName(program)), command: program, cwd, base: '', prompt: '' },
      field: 'name',
      worktree: this.o.worktreesByDefault && this.o.workspace.available,
    };
    this.o.store.dispatch({ type: 'dialog/open', dialog });
  }

  private moveField(delta: number): void {
    const dialog = this.o.store.getState().dialog;
    if (dialog?.kind !== 'add') return;
    // The base branch only matters for an agent with its own worktree.
    const fields = ADD_FIELDS.filter((f) => f !== 'base' || dialog.worktree);
    const i = fields.indexOf(dialog.field);
    const field = fields[(i + delta + fields.length) % fields.length]!;
    this.o.store.dispatch({ type: 'dialog/field', field });
  }

  private submitDialog(): void {
    const { store } = this.o;
    const dialog = store.getState().dialog;
    if (!dialog) return;
    if (dialog.kind === 'confirm') {
      store.dispatch({ type: 'dialog/close' });
      const id = dialog.onYes.id;
      if (dialog.onYes.action === 'quit') this.o.onQuit();
      else if (dialog.onYes.action === 'close' && id) void this.o.flows.close(id);
      else if (dialog.onYes.action === 'merge' && id) void this.o.flows.merge(id, false);
      else if (dialog.onYes.action === 'pause' && id) void this.o.flows.pause(id);
      return;
    }
    if (dialog.kind === 'commit') {
      store.dispatch({ type: 'dialog/close' });
      if (dialog.value.trim() === '') this.notice('A commit needs a message; nothing was committed.', 'warn');
      else void this.o.flows.commit(dialog.agentId, dialog.value.trim());
      return;
    }
    if (dialog.kind === 'message') {
      store.dispatch({ type: 'dialog/close' });
      if (store.getState().mode === 'squad' && store.getState().menuFromAgent) store.dispatch({ type: 'mode', mode: 'agent' });
      const answered =
        dialog.purpose === 'answer'
          ? this.o.monitor.answer(dialog.agentId, { by: 'text', text: dialog.value }, dialog.prompt)
          : this.o.monitor.answerWithMessage(dialog.agentId, dialog.value, dialog.prompt);
      this.track(
        answered.then((result) => {
          if (!result.sent) this.show(result.reason, 'warn');
          else if (dialog.purpose === 'answer') this.show(`Answered: ${result.option}`);
          else if (dialog.value.trim()) this.show('Denied, and told the agent what to do instead.');
          else this.show(`Denied: ${result.option}`);
        }),
      );
      return;
    }
    this.track(this.submitAdd(dialog));
  }

  /** Checks the form, then the branch name (an existing branch is reused only when the user says so). */
  private async submitAdd(dialog: AddDialog): Promise<void> {
    const { store } = this.o;
    if (dialog.busy) return;
    const spec = this.specFromDialog(dialog);
    if (typeof spec === 'string') {
      store.dispatch({ type: 'dialog/error', error: spec });
      return;
    }
    const worktree = dialog.worktree && this.o.workspace.available;
    let reuse = false;
    let pickUp = false;
    if (worktree) {
      const top = this.o.workspace.topLevel!;
      if (relativeInside(top, spec.cwd) === undefined) {
        store.dispatch({ type: 'dialog/error', error: `${spec.cwd} is outside this repository (${top}): worktrees are made of this one. Turn the worktree off (${this.o.keyLabelFor('dialog.worktree', 'add') ?? 'Ctrl+T'}) to run there.` });
        return;
      }
      if (dialog.reuse?.name === spec.name) {
        reuse = !dialog.reuse.pickUp;
        pickUp = dialog.reuse.pickUp === true;
      } else {
        store.dispatch({ type: 'dialog/patch', patch: { busy: true } });
        let plan;
        try {
          const base = dialog.values.base.trim();
          if (base) await this.o.workspace.checkBase(base);
          plan = await this.o.workspace.plan(spec.name);
        } catch (error) {
          store.dispatch({ type: 'dialog/patch', patch: { busy: false, error: describe(error) } });
          return;
        }
        // Closed while git looked: the user changed their mind.
        if (store.getState().dialog?.kind !== 'add') return;
        if (!plan.free) {
          const why = plan.branchExists ? `Branch ${plan.branch} already exists` : `${plan.path} already exists`;
          const free = plan.suggestion ? ` "${plan.suggestion}" is free.` : '';
          const earlier = plan.branchCheckedOutAt && path.resolve(plan.branchCheckedOutAt) === path.resolve(plan.path) ? await this.o.workspace.existing(plan.branch).catch(() => undefined) : undefined;
          if (store.getState().dialog?.kind !== 'add') return;
          // Another squadtui's agent (or a program left running) works there: it is not offered.
          const ours = store.getState().agents.some((a) => a.worktree?.branch === plan.branch);
          const user = ours ? undefined : this.o.workspace.usedBy(plan.branch, earlier ? plan.path : undefined);
          if (user) {
            const what = earlier ? `worktree ${plan.path}` : `branch ${plan.branch}`;
            store.dispatch({ type: 'dialog/patch', patch: { busy: false, reuse: undefined, error: `${spec.name}'s ${what} is in use by ${describeUser(user)}. Choose another name.${free}` } });
            return;
          }
          if (earlier && !ours) {
            store.dispatch({
              type: 'dialog/patch',
              patch: { busy: false, reuse: { name: spec.name, branch: plan.branch, pickUp: true }, error: `${spec.name}'s worktree from before is still at ${plan.path} (${plan.branch}). Enter again continues in it, or change the name.${free}` },
            });
            return;
          }
          store.dispatch({
            type: 'dialog/patch',
            patch: plan.canReuse
              ? { busy: false, reuse: { name: spec.name, branch: plan.branch }, error: `${why}. Enter again reuses it (the agent continues its work), or change the name.${free}` }
              : { busy: false, reuse: undefined, error: `${why}${plan.branchCheckedOutAt ? ` (checked out at ${plan.branchCheckedOutAt})` : ''}. Choose another name.${free}` },
          });
          return;
        }
      }
    }
    store.dispatch({ type: 'dialog/close' });
    const id = this.o.host.newId();
    // The new agent is listed at once (start() does so before anything awaits) and selected; what
    // is typed next goes to it.
    void this.o.flows.start(spec, { worktree, base: dialog.values.base.trim() || undefined, reuse, pickUp }, id);
    store.dispatch({ type: 'select', id });
    store.dispatch({ type: 'mode', mode: 'agent' });
  }

  /** A spec ready to spawn, or the message that explains what to fix. */
  specFromDialog(dialog: AddDialog): AgentSpec | string {
    const { values } = dialog;
    const name = values.name.trim();
    if (!name) return 'Give the agent a name.';
    if (this.o.store.getState().agents.some((a) => a.info.spec.name === name)) return `An agent named "${name}" already exists.`;
    let parsed: { command: string; args: string[] };
    try {
      parsed = parseCommandLine(values.command);
    } catch (error) {
      return error instanceof CommandLineError ? error.message : String(error);
    }
    const cwd = resolveDirectory(values.cwd, this.o.cwd);
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) return `Directory not found: ${cwd}`;
    try {
      preflight({ command: parsed.command, cwd, env: this.o.env ?? process.env });
    } catch (error) {
      if (error instanceof SpawnError) return `${error.message}. ${error.hint}`;
      throw error;
    }
    const prompt = values.prompt.trim();
    return { name, command: parsed.command, args: parsed.args, cwd, ...(prompt ? { firstPrompt: prompt } : {}) };
  }

  /** Why the add dialog can't give an agent a worktree here. */
  noWorktreesReason(): string {
    const repo = this.o.store.getState().repo;
    return repo.kind === 'none' ? `No worktrees here: ${repo.message} ${repo.hint}` : 'Worktrees are not available here.';
  }

  /** The diff lines one screen shows (DiffView: the panel less its title and key lines). */
  private diffPage(): number {
    const { cols, rows } = this.o.store.getState().size;
    return Math.max(1, computeLayout(cols, rows).bodyRows - 3);
  }

  /** The footer text for restarting, e.g. "Ctrl+] r". */
  restartHint(): string | undefined {
    const menu = this.o.keyLabelFor('mode.squad', 'agent');
    const restart = this.o.keyLabelFor('agent.restart', 'squad');
    if (!restart) return undefined;
    return this.o.store.getState().mode === 'squad' || !menu ? restart : `${menu} ${restart}`;
  }
}
