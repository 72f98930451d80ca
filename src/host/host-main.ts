// The background host: runs the whole squad (agents, screens, detection, hooks, MCP, auto-approve,
// dispatch) with no terminal, and draws the frame for whichever window is attached. Started
// detached by a window (start-host.ts); it ends when its squad is stopped or has no agents left.
import { PassThrough } from 'node:stream';
import { selfId } from '../core/pty/index.js';
import { computeLayout } from '../core/util/index.js';
import { parseArgs } from '../runtime/args.js';
import { followResizes } from '../runtime/resize.js';
import { bundleDir, createSquad } from '../runtime/squad.js';
import { connectStdin, createAppRouter, createInkInput } from '../runtime/stdin.js';
import { type Ui, createUi } from '../runtime/ui.js';
import type { Composed } from '../compose.js';
import { stateLabel } from '../../components/format.js';
import { runtimeDir, squadDir, squadPaths } from './paths.js';
import { PROTOCOL, type SquadStatus, WINDOW_ENV, type WindowMessage } from './protocol.js';
import { readRecord, removeHostFiles, writeRecord } from './record.js';
import { type RemoteEditor, createRemoteEditor } from './remote-editor.js';
import { HostServer, type WindowInfo } from './server.js';
import { WindowScreen, windowTerminal } from './window-io.js';
import { installHostLifecycle } from './host-lifecycle.js';
import { HOST_KEY_VAR, SQUAD_VAR, keepFindable } from './findable.js';

declare const SQUADTUI_VERSION: string;
const version = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';

/** The size of the window that started the host, until one attaches: "COLSxROWS". */
function startSize(): { cols: number; rows: number } {
  const m = /^(\d+)x(\d+)$/.exec(process.env.SQUADTUI_WINDOW_SIZE ?? '');
  return m ? { cols: Number(m[1]), rows: Number(m[2]) } : { cols: 80, rows: 24 };
}

export async function hostMain(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv, version);
  // It names this process to windows (in /proc/PID/environ); what it starts must not carry it.
  delete process.env[HOST_KEY_VAR];
  const paths = squadPaths(options.cwd, runtimeDir());
  // What `ps` shows: which squad this process is.
  process.title = `squadtui host ${squadDir(paths)}`;
  // Set once the socket listens; the window side of everything goes through it.
  const link: { server?: HostServer } = {};
  const size = startSize();
  const screen = new WindowScreen((data) => link.server?.write(data), size.cols, size.rows);
  const stdout = screen.asStdout();
  const terminal = windowTerminal((data) => link.server?.write(data));
  const inkInput = createInkInput();
  const ui = createUi(stdout, inkInput);
  const squad = createSquad(options, bundleDir(import.meta.url), (setup) => ({
    size,
    editor: createRemoteEditor(setup.env, (message) => link.server?.send(message) ?? false, { unmount: () => ui.unmount(), remount: () => ui.remount() }),
    write: (data: string) => link.server?.write(data),
    onDetach: () => lifecycle.detach(),
  }));
  const { app, log, setup } = squad;
  // Agents know their squad: a squadtui run in one of their terminals must not show it inside itself.
  setup.env[SQUAD_VAR] = paths.key;
  const editor = squad.terminal.editor;
  const keys = new PassThrough();
  connectStdin(keys as unknown as NodeJS.ReadStream, createAppRouter(app, (data) => inkInput.write(data)));
  followResizes(stdout, app, ui, editor);

  const start = Date.now();
  // Named by the directory attach and stop find it by (the demo runs in a repository of its own).
  const status = () => squadStatus(app, squadDir(paths), start, link.server?.attached?.name);
  const lifecycle = installHostLifecycle({
    app,
    log,
    ui,
    dir: squadDir(paths),
    server: () => link.server,
    cleanup: () => {
      setup.demoRepo?.remove();
      // Only its own files: never those of another host at the same path.
      if (link.server && readRecord(paths)?.pid === process.pid) removeHostFiles(paths);
    },
  });
  const server = await HostServer.listen(paths.socket, { version, status, onStop: () => void lifecycle.stop(), log: (text) => log.info(text) });
  link.server = server;
  keepFindable(server, paths, writeRecord(paths, { ...selfId(), dir: setup.cwd, version, protocol: PROTOCOL, startedAt: start }), log);
  log.info(`host ${process.pid} serves the squad in ${paths.key} on ${paths.socket}`);

  server.events.on((event) => {
    switch (event.type) {
      case 'attach':
        screen.resize(event.window.cols, event.window.rows, false);
        takeWindowEnv(setup.env, event.window.env);
        terminal.enter();
        showWindow(app, ui, event.window);
        return;
      case 'input':
        keys.write(event.data);
        return;
      case 'message':
        return windowMessage(event.message, screen, editor, () => (terminal.enter(), ui.remount()));
      case 'gone':
        editor.windowGone();
        ui.unmount();
        app.host.watch(undefined);
        lifecycle.checkEmpty();
        return;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  });
  await squad.start();
}

/** What the window says: its new size, its editor's end, or that its terminal lost the frame (redraw). */
function windowMessage(m: WindowMessage, screen: WindowScreen, editor: RemoteEditor, redraw: () => void): void {
  if (m.t === 'resize') screen.resize(m.cols, m.rows);
  else if (m.t === 'edited') editor.returned(m.error);
  else if (!editor.busy) redraw();
}

/** A window attached: the squad takes its size, and the frame is drawn for it from scratch. */
function showWindow(app: Composed, ui: Ui, window: WindowInfo): void {
  // Typing into the agent, as after a detach: a window that went with the squad menu open (killed,
  // its terminal closed) left it so, and keys typed on arrival must not run menu commands (y approves).
  const { view } = app.store.getState();
  if (view.mode === 'squad' && view.selectedId !== undefined) app.store.dispatch({ type: 'mode', mode: 'agent' });
  // Frames flow again for the agent on screen (none flowed while no window watched), from before
  // the resize: the first frame drawn is then of this window's size, never a wider one that wraps.
  app.host.watch(app.store.getState().view.selectedId);
  const l = computeLayout(window.cols, window.rows);
  if (!l.tooSmall) app.host.resize(l.term.cols, l.term.rows);
  app.store.dispatch({ type: 'resize', cols: window.cols, rows: window.rows });
  ui.mount(app.services);
  if (window.notice) app.notices.notice(window.notice, 'warn');
}

/** What `squadtui ls` shows of this squad. */
function squadStatus(app: Composed, dir: string, startedAt: number, window: string | undefined): SquadStatus {
  const { squad } = app.store.getState();
  return {
    dir,
    pid: process.pid,
    version,
    startedAt,
    // In the sidebar's words ("waiting" where the state is idle).
    agents: squad.agents.map((a) => ({ name: a.info.spec.name, state: stateLabel(a.activity, a.info, true, a.worktree?.paused).text })),
    waiting: squad.agents.filter((a) => a.activity.prompt).length,
    window,
  };
}

/** The attached window's WINDOW_ENV, for what the squad starts from now on (agents, the editor). */
function takeWindowEnv(env: Record<string, string | undefined>, from: Readonly<Record<string, string>>): void {
  for (const key of WINDOW_ENV) {
    if (from[key] === undefined) delete env[key];
    else env[key] = from[key];
  }
}
