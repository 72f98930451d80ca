// Entry: parse arguments, load settings, build the services, take over the terminal, render <App/>.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import envPaths from 'env-paths';
import { type Instance, render } from 'ink';
import React from 'react';
import { App } from './app.js';
import { parseArgs } from './args.js';
import { parseCommandLine, programName } from './core/command-line.js';
import { compileApproveRules } from './core/approve/index.js';
import { parseDetectorDefinitions } from './core/detect/index.js';
import { removeDeadPrivateDirs } from './core/claude-hooks/private-dir.js';
import { HookServer, describeRefusal } from './core/claude-hooks/server.js';
import { FIELD_PASTE_MAX, createInputRouter } from './core/input-router.js';
import { Launcher } from './core/launcher.js';
import { computeLayout } from './core/layout.js';
import { createLogger } from './core/log.js';
import { Monitor } from './core/monitor.js';
import { Notifier } from './core/notifier.js';
import { resolveProgram } from './core/pty-host.js';
import { startPtyThread } from './core/pty-worker.js';
import { type AgentSpec, LocalSessionHost } from './core/sessions.js';
import { loadSettings } from './core/settings.js';
import { WorktreeService, describeUser } from './core/git/index.js';
import { Commands } from './core/commands/index.js';
import { WorktreeFlows, firstFew } from './core/worktree-flows.js';
import { Workspace } from './core/workspace.js';
import { type Notices, createNotices, createStore, initialState, selectedAgent, squadStore } from './core/state/index.js';
import { Typeahead } from './core/typeahead.js';
import { type DemoRepo, createDemoRepo } from './demo/repo.js';
import { demoSquad } from './demo/squad.js';
import { ServicesContext } from './hooks/services.js';
import { helpRows } from '../components/HelpOverlay.js';
import { helpSections, keysLabel } from './help.js';
import { type CommandId, KeymapError, buildKeymap } from './keymap.js';
import { createTerminalControl } from './terminal.js';

declare const SQUADTUI_VERSION: string;
const version = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';
/** How long an incomplete escape sequence may wait for the rest of its bytes. */
const ESCAPE_FLUSH_MS = 15;
/** The longest keys typed behind a command wait for it to open its dialog. */
const COMMAND_WAIT_MS = 2000;
/** How long the terminal's size must stay put before the frame is redrawn from a clean screen. */
const RESIZE_SETTLE_MS = 50;

function fail(message: string, code = 2): never {
  process.stderr.write(`squadtui: ${message}\n`);
  process.exit(code);
}

/** The environment squadtui was started with (bin.ts hides CI variables from Ink, not from agents). */
function agentBaseEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  const saved = env.SQUADTUI_SAVED_ENV;
  delete env.SQUADTUI_SAVED_ENV;
  if (saved) {
    try {
      Object.assign(env, JSON.parse(saved) as Record<string, string>);
    } catch {
      // ignore a malformed value
    }
  }
  return env;
}

const traces: string[] = [];
/** Start-up phases with their time since process start, logged when SQUADTUI_TRACE is set. */
function trace(name: string): void {
  if (process.env.SQUADTUI_TRACE) traces.push(`${name}=${performance.now().toFixed(0)}`);
}

export async function main(argv: readonly string[]): Promise<void> {
  let options;
  try {
    options = parseArgs(argv, version);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    throw error;
  }
  trace('args');
  const stdin = process.stdin;
  const stdout = process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) fail('needs an interactive terminal (stdin and stdout must be a TTY).');
  // Started first: the thread boots while settings load and the first frame is drawn.
  const spawnPty = startPtyThread(new URL('./pty-thread.js', import.meta.url));

  const log = createLogger(process.env.SQUADTUI_LOG ?? path.join(envPaths('squadtui', { suffix: '' }).log, 'squadtui.log'));
  trace('log');
  const startNotices: string[] = [];
  let loaded;
  try {
    loaded = loadSettings({ dir: options.configDir });
  } catch (error) {
    fail(`could not read settings: ${(error as Error).message}`, 1);
  }
  trace('settings');
  startNotices.push(...loaded.problems);
  let keymap;
  try {
    keymap = buildKeymap(loaded.settings.keys);
  } catch (error) {
    if (!(error instanceof KeymapError)) throw error;
    startNotices.push(`${error.message} Default keys are used.`);
    keymap = buildKeymap();
  }

  trace('keymap');
  let cwd = path.resolve(options.cwd);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) fail(`--cwd: ${cwd} is not a directory.`);
  const env = agentBaseEnv();
  const program = options.program ?? loaded.settings.program;
  let specs: AgentSpec[] = [];
  let demo = options.demo;
  /** The agent program that is not installed, when the demo squad runs in its place. */
  let missing: string | undefined;
  if (!demo) {
    let parsed;
    try {
      parsed = parseCommandLine(program);
    } catch (error) {
      fail(`--program: ${(error as Error).message}`);
    }
    const installed = resolveProgram(parsed.command, env.PATH, cwd) !== undefined;
    if (!installed && !options.program && options.agents === undefined) {
      // Nothing to run yet: show what squadtui does instead of a failed agent.
      demo = true;
      missing = parsed.command;
    } else if (!installed && !options.program) {
      fail(`${parsed.command} is not installed (or not on PATH). Install it, or choose an agent with --program "CMD ARGS"; --demo shows the demo squad.`);
    } else {
      const count = options.agents ?? 1;
      const base = programName(program);
      specs = Array.from({ length: count }, (_, i) => ({
        name: count === 1 ? base : `${base}-${i + 1}`,
        command: parsed.command,
        args: parsed.args,
        cwd,
      }));
    }
  }
  // The demo squad's worktrees and branches go in a throwaway repository, not in the user's.
  let demoRepo: DemoRepo | undefined;
  if (demo) {
    if (!options.cwdGiven) {
      demoRepo = createDemoRepo(env);
      cwd = demoRepo.dir;
      startNotices.push(
        missing
          ? `${missing} is not installed: this is the demo squad, in a throwaway repository, removed when you quit (--program runs another agent, -C DIR puts the demo in your repository): ${cwd}`
          : `Demo squad in a throwaway repository, removed when you quit (-C DIR puts it in yours): ${cwd}`,
      );
    } else if (missing) {
      startNotices.push(`${missing} is not installed: this is the demo squad. --program runs another agent.`);
    }
    specs = demoSquad(path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-agent.js'), cwd, demoRepo !== undefined);
  }

  trace('specs');
  const terminal = createTerminalControl(stdin, stdout);
  const size = () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const layout = computeLayout(size().cols, size().rows);
  const host = new LocalSessionHost({
    spawnPty,
    cols: layout.term.cols,
    rows: layout.term.rows,
    scrollback: loaded.settings.scrollback,
    env,
  });
  trace('host');
  const store = createStore(initialState(size()));
  // Services see the squad half only; notices reach the footer and the activity log.
  const squadState = squadStore(store);
  const notices = createNotices(store);

  let exiting = false;
  // Set once rendering starts; exit paths before that have no frame to take down.
  const inkRef: { current?: Instance } = {};
  const emergencyExit = (code: number, reason: string, error?: unknown, signal?: NodeJS.Signals) => {
    if (exiting) return;
    exiting = true;
    log.error(reason, error);
    try {
      inkRef.current?.unmount();
    } catch {
      // The renderer may be what failed.
    }
    editor.child?.kill('SIGTERM');
    terminal.restore();
    host.shutdownSync(1000);
    launcher.closeSync();
    workspace.releaseAll();
    demoRepo?.remove();
    if (error) process.stderr.write(`squadtui: ${reason}: ${error instanceof Error ? error.message : inspect(error)}\n${log.file ? `(details in ${log.file})\n` : ''}`);
    if (signal) {
      // End the way the signal would have: Node's own exit path would reset a terminal that may
      // be gone (SIGHUP), and Node 20 aborts when that fails.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code);
  };

  const quit = async () => {
    if (exiting) return;
    exiting = true;
    log.info('quit');
    await host.shutdown(1500);
    inkRef.current?.unmount();
    terminal.restore();
    launcher.closeSync();
    workspace.releaseAll();
    demoRepo?.remove();
    process.exit(0);
  };

  const here = path.dirname(fileURLToPath(import.meta.url));
  const detectors = parseDetectorDefinitions(loaded.settings.detectors);
  startNotices.push(...detectors.problems);
  const approveRules = compileApproveRules(loaded.settings.approve);
  startNotices.push(...approveRules.problems);
  // While an editor has the terminal, squadtui writes nothing to it (agents keep running).
  const editor: { child?: ChildProcess } = {};
  const notifier = new Notifier(() => loaded.settings.notify, (data) => {
    if (!editor.child) stdout.write(data);
  });
  const warn = (text: string) => {
    log.info(text);
    store.dispatch({ type: 'notice', notice: { text, level: 'warn' } });
  };
  const detectorOf = new Map<string, ReturnType<Launcher['detector']>>();
  const launcher = new Launcher({
    hookScript: path.join(here, 'hook.js'),
    startHookServer: async () => {
      const server = await HookServer.start();
      // A refused event is a token or payload problem worth finding in the log, not on screen.
      server.onRefused((r) => log.info(describeRefusal(r)));
      return server;
    },
    onHookEvent: (event) => monitor.hook(event),
    definitions: () => detectors.definitions,
    warn,
  });
  const monitor = new Monitor({
    host,
    store: squadState,
    notifier,
    log,
    detectorFor: (id) => {
      let d = detectorOf.get(id);
      if (!d) {
        const info = host.get(id);
        d = launcher.detector(info?.spec ?? { name: id, command: '', args: [], cwd });
        // Not remembered before the agent is spawned: its command decides.
        if (info) detectorOf.set(id, d);
      }
      return d;
    },
    approve: () => ({ enabled: loaded.settings.approve.enabled, rules: approveRules.rules }),
  });
  const worktreeSettings = loaded.settings.worktree;
  // The throwaway repository keeps its worktrees beside it, inside the directory that is removed.
  const service = new WorktreeService({ branchPrefix: worktreeSettings.prefix, worktreeRoot: demoRepo ? undefined : worktreeSettings.root, env });
  const workspace = new Workspace({
    service,
    store: squadState,
    log,
    watch: true,
    setupCommand: () => (demoRepo ? undefined : worktreeSettings.setup),
    onOverlap: (file, agents) => {
      log.info(`${agents.join(' and ')} both change ${file}`);
      store.dispatch({ type: 'notice', notice: { text: `⚠ ${agents.join(' and ')} both change ${file}`, level: 'warn' } });
    },
  });
  const openEditor = (target: string) => {
    const command = env.VISUAL || env.EDITOR || 'vi';
    let parsedEditor;
    try {
      parsedEditor = parseCommandLine(command);
    } catch {
      parsedEditor = { command, args: [] };
    }
    if (editor.child) return;
    inkRef.current?.unmount();
    inkRef.current = undefined;
    terminal.suspend();
    // Not spawnSync: agents, hooks and prompts go on while the editor is open.
    const child = spawn(parsedEditor.command, [...parsedEditor.args, target], { stdio: 'inherit', env });
    editor.child = child;
    const back = (error?: Error) => {
      if (editor.child !== child) return;
      editor.child = undefined;
      terminal.resume();
      remount();
      if (error) notices.notice(`Could not start ${command}: ${error.message}. Set $EDITOR.`, 'error');
      else notices.notice(`Back from ${path.basename(parsedEditor.command)}.`);
      // The editor may have changed files in any worktree.
      for (const a of store.getState().squad.agents) if (a.worktree) workspace.refresh(a.id, 0);
    };
    child.on('error', back);
    child.on('exit', () => back());
  };
  const keyName = (command: CommandId) => keysLabel(keymap, command, 'squad') ?? `(${command} is unbound)`;
  const flows = new WorktreeFlows({ host, store: squadState, workspace, launcher, monitor, log, notices, keyName, openEditor });
  const commands = new Commands({
    host,
    store,
    notices,
    log,
    launcher,
    monitor,
    workspace,
    flows,
    worktreesByDefault: options.worktree && worktreeSettings.enabled,
    cwd,
    program,
    env,
    keyLabelFor: (command, mode) => keysLabel(keymap, command, mode),
    onQuit: () => void quit(),
    onBell: () => notifier.bell(),
    helpRows: () => helpRows(helpSections(keymap)).length,
  });

  process.on('SIGINT', () => emergencyExit(130, 'interrupted (SIGINT)', undefined, 'SIGINT'));
  process.on('SIGTERM', () => emergencyExit(143, 'terminated (SIGTERM)', undefined, 'SIGTERM'));
  process.on('SIGHUP', () => emergencyExit(129, 'terminal closed (SIGHUP)', undefined, 'SIGHUP'));
  process.on('uncaughtException', (error) => emergencyExit(1, 'crashed', error));
  process.on('unhandledRejection', (error) => emergencyExit(1, 'crashed (unhandled rejection)', error));
  process.on('exit', () => {
    terminal.restore();
    host.shutdownSync(500);
    launcher.closeSync();
    workspace.releaseAll();
    demoRepo?.remove();
  });

  // Ink reads keys only from this stream: the router decides what reaches it.
  const inkInput = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => inkInput,
    ref: () => inkInput,
    unref: () => inkInput,
  }) as unknown as NodeJS.ReadStream;

  // Every agent is listed from the first frame; git may take a moment before they start.
  const ids = specs.map((spec) => {
    const id = host.newId();
    store.dispatch({ type: 'agent/pending', info: { id, spec, status: 'starting', startedAt: Date.now() }, title: `Starting ${spec.name}…` });
    return id;
  });
  trace('handlers');
  terminal.enter();
  // (Re)mounts the UI on a clean screen. Ink only ever draws what changed since its last frame, so
  // after the screen was wiped (an editor ran, the terminal was resized) it starts over from scratch.
  const mount = () =>
    render(
      <ServicesContext.Provider value={{ host, store, commands, keymap, logFile: log.file, branchPrefix: service.branchPrefix }}>
        <App />
      </ServicesContext.Provider>,
      {
        stdin: inkInput,
        stdout,
        exitOnCtrlC: false,
        patchConsole: false,
        incrementalRendering: true,
        // Frames are paced by the session host; Ink should draw each one as it comes.
        maxFps: 1000,
        onRender: process.env.SQUADTUI_TRACE ? ({ renderTime }) => trace(`frame(${renderTime.toFixed(1)})`) : undefined,
      },
    );
  const remount = () => {
    inkRef.current?.unmount();
    stdout.write('\x1b[H\x1b[2J');
    inkRef.current = mount();
  };
  inkRef.current = mount();
  trace('render');

  const uiQueue: string[] = [];
  const flushUi = () => {
    for (const data of uiQueue.splice(0)) inkInput.write(data);
  };
  // Keys for an agent that is still starting wait for it, in order.
  const typeahead = new Typeahead({
    host,
    store: squadState,
    notice: (text, level) => notices.notice(text, level),
    clearNotice: (text) => notices.clear(text),
  });
  const router = createInputRouter(
    () => store.getState().view.mode,
    (mode, key) => keymap.bindings.get(mode)?.get(key),
    (routed) => {
      if (routed.kind === 'command') {
        notices.clear();
        commands.run(routed.id);
      } else if (routed.kind === 'agent') {
        const selected = selectedAgent(store.getState());
        if (selected) typeahead.write(selected.id, routed.keys);
      } else if (routed.kind === 'unpasted') {
        notices.notice(
          routed.why === 'too-long'
            ? `Not pasted: ${routed.chars} characters is more than this field takes (${FIELD_PASTE_MAX}).`
            : `Not pasted (${routed.chars} characters): what is open here takes keys, not text. Close it, then paste again.`,
          'warn',
        );
      } else {
        // After React has drawn what a command before it changed (it renders in a microtask;
        // Ink would read the key earlier, against the old field value).
        uiQueue.push(routed.data);
        if (uiQueue.length === 1) setImmediate(flushUi);
      }
    },
    // The keys after a field's key wait until Ink has read it (on the tick after flushUi); the
    // keys after a command, until it has opened what it opens (git may run first; capped).
    (resume) => {
      const pending = commands.pending;
      if (!pending) return void setImmediate(resume);
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        clearTimeout(cap);
        setImmediate(resume);
      };
      const cap = setTimeout(go, COMMAND_WAIT_MS);
      pending.then(go, go);
    },
  );
  let flushTimer: NodeJS.Timeout | undefined;
  stdin.setEncoding('utf8');
  stdin.on('data', (chunk: string) => {
    clearTimeout(flushTimer);
    router.feed(chunk);
    if (router.pending) flushTimer = setTimeout(() => router.flush(), ESCAPE_FLUSH_MS);
  });

  let remountTimer: NodeJS.Timeout | undefined;
  stdout.on('resize', () => {
    const next = size();
    const l = computeLayout(next.cols, next.rows);
    // Below the minimum size nothing is drawn: agents keep their size rather than being squashed.
    if (!l.tooSmall) host.resize(l.term.cols, l.term.rows);
    store.dispatch({ type: 'resize', ...next });
    // Start the frame from a clean screen: terminals differ in what they keep on resize. Once
    // the size settles: dragging a window edge sends a resize for every step.
    clearTimeout(remountTimer);
    remountTimer = setTimeout(() => {
      if (!editor.child) remount();
    }, RESIZE_SETTLE_MS);
  });

  trace('wired');
  // What squadtui processes killed with -9 left in the temp directory (they can't remove their own).
  setImmediate(() => {
    for (const base of new Set([os.tmpdir(), ...(process.platform === 'win32' ? [] : ['/tmp'])])) {
      for (const dir of removeDeadPrivateDirs(base)) log.info(`removed ${dir}, left by a squadtui that is gone`);
    }
  });
  for (const notice of startNotices) log.info(notice);
  if (startNotices.length > 0) notices.notice(startNotices.join(' '), 'warn');
  const wantWorktrees = options.worktree && worktreeSettings.enabled;
  const inspected = workspace.init(cwd).then(() => {
    const repo = store.getState().squad.repo;
    if (repo.kind !== 'none' || !wantWorktrees) return;
    const text = repo.outside ? `Not a git repository: no worktrees, agents run in ${cwd}.` : `No worktrees: ${repo.message.replace(/\.$/, '')}; agents run in ${cwd}.`;
    log.info(`${text} (${repo.message})`);
    // Added after the start-up warnings, never in their place.
    notices.add(text);
  });
  if (wantWorktrees) await inspected;
  // In order, so the sidebar lists them as given.
  for (const [i, spec] of specs.entries()) await commands.spawn(spec, { startup: true }, ids[i]);
  log.info(`started ${specs.length} agent(s) in ${cwd}`);
  if (workspace.available) {
    const addKeys = [keysLabel(keymap, 'mode.squad', 'agent'), keysLabel(keymap, 'agent.add', 'squad')].filter(Boolean).join(' ');
    reportLeftovers(workspace, notices, addKeys).catch((error: unknown) => log.error('listing the work of earlier runs', error));
  }
  trace('spawned');
  if (process.env.SQUADTUI_TRACE) setTimeout(() => log.info(`startup: ${traces.join(' ')}`), 1000);
}

/** Work from earlier runs that no agent here continues: said once, so nothing is forgotten. */
async function reportLeftovers(workspace: Workspace, notices: Notices, addKeys: string): Promise<void> {
  const { worktrees, paused, inUse } = await workspace.leftovers().catch(() => ({ worktrees: [], paused: [], inUse: [] }));
  const list = (names: string[], what: string) => (names.length > 0 ? [`${firstFew(names, 6)} (${what})`] : []);
  const parts = [...list(worktrees, 'worktrees kept'), ...list(paused, 'paused')];
  if (parts.length > 0) notices.add(`From earlier runs: ${parts.join('; ')}. Add an agent of that name (${addKeys}) to continue.`);
  // Another squadtui here (or a program left running) has these: they are neither offered nor removed.
  const busy = inUse.map((u) => `${u.agent} is in use by ${describeUser(u.user)}`);
  if (busy.length > 0) notices.add(`${firstFew(busy, 4)}: not continued or removed here.`);
}
