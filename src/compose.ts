// The composition root: builds squadtui's object graph from what it is handed, in dependency
// order. No I/O here (no terminal, stdin, signals or exit): the runtime (src/runtime/) owns those,
// and tests compose the same graph around a fake host.
import path from 'node:path';
import { compileApproveRules } from './core/approve/index.js';
import type { HookEvent } from './core/agents/claude-hooks/events.js';
import { HookServer, describeRefusal } from './core/agents/claude-hooks/server.js';
import { parseDetectorDefinitions } from './core/agents/detect/index.js';
import { missingProgram } from './core/pty/index.js';
import { Emitter, KeyboardActivity } from './core/util/index.js';
import type { WorktreeService } from './core/git/index.js';
import { Launcher, keepConversation } from './core/agents/index.js';
import type { Logger } from './core/util/index.js';
import { Monitor } from './core/agents/index.js';
import { Notifier } from './core/agents/index.js';
import type { SessionHost } from './core/sessions/index.js';
import type { Settings } from './core/settings/index.js';
import { Commands } from './core/commands/index.js';
import { type Notices, SquadSaver, type SquadStore, type Store, createNotices, createStore, initialState, squadStore } from './core/state/index.js';
import { Typeahead } from './core/sessions/index.js';
import { Workspace } from './core/workspace/index.js';
import { WorktreeFlows } from './core/workspace/index.js';
import { Messages, runAgentCall } from './core/tasks/index.js';
import { helpRows } from '../components/HelpOverlay.js';
import { helpSections, keysLabel, restartHint } from './help.js';
import type { Services } from './hooks/services.js';
import { FrameCache } from './core/sessions/index.js';
import type { CommandId, Keymap } from './keymap.js';
import type { TaskStore } from './core/tasks/index.js';

/** Where a file is edited: the runtime's $EDITOR hand-off, or a fake in tests. */
export interface EditorPort {
  open(target: string): void;
  /** Called once the editor has exited (or failed to start) and squadtui has the terminal back. */
  onReturn(listener: (back: EditorReturn) => void): () => void;
}

export interface EditorReturn {
  /** The editor's command line, as configured ($VISUAL, $EDITOR or vi). */
  readonly command: string;
  /** Its program's file name, for the notice. */
  readonly program: string;
  readonly error?: Error;
  /** The window it ran in went (taken over, closed) before it ended: nothing is known of it. */
  readonly windowGone?: boolean;
}

export interface ComposeDeps {
  readonly host: SessionHost;
  readonly log: Logger;
  readonly settings: Settings;
  readonly keymap: Keymap;
  /** Git and worktrees for the agents (its branch prefix and root already chosen). */
  readonly worktrees: WorktreeService;
  readonly editor: EditorPort;
  /** The task list of the repository squadtui runs in. */
  readonly tasks: TaskStore;
  /** Directory squadtui started in (or the demo's throwaway repository). */
  readonly cwd: string;
  /** Default command line for new agents. */
  readonly program: string;
  /** The environment agents and the editor run with. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The terminal size at start. */
  readonly size: { readonly cols: number; readonly rows: number };
  /** New agents get their own worktree unless this is false (--no-worktree or the settings). */
  readonly worktreesByDefault: boolean;
  /** The demo squad in a throwaway repository: no setup command there. */
  readonly demoRepo: boolean;
  /** Absolute path of the bundled Claude hook command (dist/hook.js). */
  readonly hookScript: string;
  /** Absolute path of the bundled MCP server (dist/mcp.js); beside the hook command unless given. */
  readonly mcpScript?: string;
  /** Writes notifications and the window title to the terminal (the runtime holds them while an editor runs). */
  readonly writeToTerminal: (data: string) => void;
  /** Starts Claude's hook server on first need; a real socket by default. */
  readonly startHookServer?: () => Promise<HookServer>;
  /** Closes the window, the squad keeps running: given where a background host runs the squad. */
  readonly onDetach?: () => void;
  /** Where the squad is saved to be brought back after a restart (state/saved-squad.ts); not saved without. */
  readonly savedSquadFile?: string;
  /** Watch agents' worktrees for changes (off in tests that never wait for git). */
  readonly watchGit?: boolean;
  readonly now?: () => number;
}

export interface Composed {
  readonly host: SessionHost;
  readonly log: Logger;
  readonly store: Store;
  readonly commands: Commands;
  readonly notices: Notices;
  readonly notifier: Notifier;
  readonly launcher: Launcher;
  readonly monitor: Monitor;
  readonly workspace: Workspace;
  readonly flows: WorktreeFlows;
  /** Keys for an agent that is still starting wait for it, in order. */
  readonly typeahead: Typeahead;
  /** Agents' messages to each other (message_send), typed in when the addressee is free. */
  readonly messages: Messages;
  /** When the user last pressed a key (the input router tells it): background git waits for a pause. */
  readonly keyboard: KeyboardActivity;
  readonly keymap: Keymap;
  /** What the UI gets through ServicesContext. */
  readonly services: Services;
  /** Problems in the user's detector and approve settings, to be told at start. */
  readonly problems: readonly string[];
  /** Saves the squad once started (see start.ts); undefined when it is not saved. */
  readonly saver?: SquadSaver;
  /** The offer of the squad saved before was answered. */
  onRestoreAnswer(listener: (accept: boolean) => void): () => void;
  /** The user asked to quit (after any confirmation): the runtime ends the process. */
  onQuitRequest(listener: () => void): () => void;
  /** The window is detaching (hosted): keys typed behind the detach key are the window's, not an agent's. */
  onDetach(listener: () => void): () => void;
  /** Synchronous release of what agents leave behind (hook registrations, worktree claims); for exit paths. */
  releaseSync(): void;
}

/** The agents' worktrees and what tells of them: overlapping changes, the editor's return. */
function composeWorkspace(deps: ComposeDeps, squadState: SquadStore, notices: Notices, keyboard: KeyboardActivity): Workspace {
  const { log, settings } = deps;
  const workspace = new Workspace({
    service: deps.worktrees,
    store: squadState,
    log,
    keyboard,
    watch: deps.watchGit ?? true,
    setupCommand: () => (deps.demoRepo ? undefined : settings.worktree.setup),
    onOverlap: (file, agents) => {
      log.info(`${agents.join(' and ')} both change ${file}`);
      notices.show(`⚠ ${agents.join(' and ')} both change ${file}`, 'warn');
    },
  });
  deps.editor.onReturn(({ command, program, error, windowGone }) => {
    if (windowGone) notices.notice(`${program} ran in a window that has gone; what it saved is on disk.`);
    else if (error) notices.notice(`Could not start ${command}: ${error.message}. Set $EDITOR.`, 'error');
    else notices.notice(`Back from ${program}.`);
    // The editor may have changed files in any worktree.
    for (const a of squadState.getState().agents) if (a.worktree) workspace.refresh(a.id, 0);
  });
  return workspace;
}

export function compose(deps: ComposeDeps): Composed {
  const { host, log, settings, keymap, cwd, env } = deps;
  const store = createStore(initialState(deps.size));
  // Services see the squad half only (what a background host will own); the window, the whole.
  const squadState = squadStore(store);
  const notices = createNotices(store, deps.now);
  const notifier = new Notifier(() => settings.notify, deps.writeToTerminal);
  const messages = new Messages({ host, store: squadState, log: (text) => log.info(text) });
  const { launcher, monitor, problems } = composeAgents(deps, squadState, notices, notifier, messages);
  const keyboard = new KeyboardActivity();
  const workspace = composeWorkspace(deps, squadState, notices, keyboard);
  const keyName = (command: CommandId) => keysLabel(keymap, command, 'squad') ?? `(${command} is unbound)`;
  const flows = new WorktreeFlows({
    host, store: squadState, workspace, launcher, monitor, log, notices, keyName, openEditor: (target) => deps.editor.open(target),
    programProblem: (spec) => missingProgram(spec.command, spec.cwd, env),
  });
  const quitRequests = new Emitter<void>();
  const detaching = new Emitter<void>();
  const detach = deps.onDetach;
  const onDetach = detach
    ? () => {
        detaching.emit();
        // The next window types into the agent: keys typed on arrival must not run menu commands (y approves).
        const { view } = store.getState();
        if (view.mode === 'squad' && view.selectedId !== undefined) store.dispatch({ type: 'mode', mode: 'agent' });
        detach();
      }
    : undefined;
  const restoreAnswers = new Emitter<boolean>();
  const saver = deps.savedSquadFile ? new SquadSaver({ file: deps.savedSquadFile, store: squadState, log, warn: (text) => notices.notice(text, 'warn') }) : undefined;
  const commands = new Commands({
    host,
    store,
    notices,
    log,
    launcher,
    monitor,
    workspace,
    flows,
    worktreesByDefault: deps.worktreesByDefault,
    cwd,
    program: deps.program,
    env,
    keyLabelFor: (command, mode) => keysLabel(keymap, command, mode),
    onQuit: () => {
      // Ended on purpose: nothing to offer back at the next start.
      saver?.markStopped();
      quitRequests.emit();
    },
    onDetach,
    demo: deps.demoRepo,
    onRestore: (accept) => restoreAnswers.emit(accept),
    onBell: () => notifier.bell(),
    helpRows: () => helpRows(helpSections(keymap)).length,
    tasks: deps.tasks,
    autoDispatch: settings.tasks.autoDispatch,
  });
  const typeahead = new Typeahead({
    host,
    store: squadState,
    notice: (text, level) => notices.notice(text, level),
    clearNotice: (text) => notices.clear(text),
    restartKeys: () => restartHint(keymap, 'agent'),
  });
  // Before any spawn: it keeps every frame the host sends, for the window to draw from.
  const frames = new FrameCache(host);
  const services: Services = { host, frames, store, commands, keymap, logFile: log.file, branchPrefix: deps.worktrees.branchPrefix };
  return {
    host, log, store, commands, notices, notifier, launcher, monitor, workspace, flows, typeahead, messages, keymap, services, problems, saver, keyboard,
    onRestoreAnswer: (listener) => restoreAnswers.on(listener),
    onQuitRequest: (listener) => quitRequests.on(listener),
    onDetach: (listener) => detaching.on(listener),
    releaseSync: () => {
      saver?.flushSync();
      launcher.closeSync();
      workspace.releaseAll();
    },
  };
}

/** What reads the agents: the launcher (detectors, Claude's hooks) and the monitor (states, prompts, answers). */
function composeAgents(deps: ComposeDeps, store: SquadStore, notices: Notices, notifier: Notifier, messages: Messages) {
  const { host, log, settings, cwd } = deps;
  const problems: string[] = [];
  const detectors = parseDetectorDefinitions(settings.detectors);
  problems.push(...detectors.problems);
  const approveRules = compileApproveRules(settings.approve);
  problems.push(...approveRules.problems);
  // Hook events reach the monitor through this channel: the launcher that receives them is built
  // before the monitor, which asks the launcher for detectors.
  const hookEvents = new Emitter<HookEvent>();
  const startServer = deps.startHookServer ?? (() => startHookServer(log));
  const launcher = new Launcher({
    hookScript: deps.hookScript,
    mcpScript: deps.mcpScript ?? path.join(path.dirname(deps.hookScript), 'mcp.js'),
    // Agents' tool calls come over the hook socket: each runs as the agent whose token came with it.
    startHookServer: async () => {
      const server = await startServer();
      server.onCall(({ agentId, tool, input }) => {
        const name = host.get(agentId)?.spec.name;
        if (name === undefined) return { ok: false, error: 'squadtui no longer runs this agent.' };
        const answer = runAgentCall({ store: () => deps.tasks, send: (from, to, text) => messages.send(from, to, text) }, name, tool, input);
        log.info(`${name}: ${tool} ${JSON.stringify(input)} ${answer.ok ? 'done' : `refused: ${answer.error}`}`);
        return answer;
      });
      return server;
    },
    onHookEvent: (event) => hookEvents.emit(event),
    definitions: () => detectors.definitions,
    warn: (text) => {
      log.info(text);
      notices.show(text, 'warn');
    },
  });
  const monitor = new Monitor({
    host,
    store,
    notifier,
    log,
    detectorFor: detectorCache(host, launcher, cwd),
    approve: () => ({ enabled: settings.approve.enabled, rules: approveRules.rules }),
    now: deps.now,
  });
  hookEvents.on((event) => {
    keepConversation(store, event);
    monitor.hook(event);
  });
  return { launcher, monitor, problems };
}

async function startHookServer(log: Logger): Promise<HookServer> {
  const server = await HookServer.start();
  // A refused event is a token or payload problem worth finding in the log, not on screen.
  server.onRefused((r) => log.info(describeRefusal(r)));
  return server;
}

/** Each agent's detector, chosen once its command is known. */
function detectorCache(host: SessionHost, launcher: Launcher, cwd: string): (id: string) => ReturnType<Launcher['detector']> {
  const detectorOf = new Map<string, ReturnType<Launcher['detector']>>();
  return (id) => {
    let d = detectorOf.get(id);
    if (!d) {
      const info = host.get(id);
      d = launcher.detector(info?.spec ?? { name: id, command: '', args: [], cwd });
      // Not remembered before the agent is spawned: its command decides.
      if (info) detectorOf.set(id, d);
    }
    return d;
  };
}
