// Entry: arguments → settings → compose() → the runtime (terminal, stdin, signals, editor) → start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import { compose } from './compose.js';
import { WorktreeService } from './core/git/index.js';
import { computeLayout } from './core/util/index.js';
import { createLogger } from './core/util/index.js';
import { startPtyThread } from './core/pty/index.js';
import { LocalSessionHost } from './core/sessions/index.js';
import { savedSquadFile, savedStart } from './core/state/index.js';
import { TaskStore } from './core/tasks/index.js';
import { createEditor } from './runtime/editor.js';
import { createLifecycle } from './runtime/lifecycle.js';
import { followResizes, terminalSize } from './runtime/resize.js';
import { loadSetup, readOptions } from './runtime/setup.js';
import { listPending, startSquad } from './runtime/start.js';
import { connectStdin, createAppRouter, createInkInput } from './runtime/stdin.js';
import { createTerminalControl } from './runtime/terminal.js';
import { trace, traced, tracing } from './runtime/trace.js';
import { createUi } from './runtime/ui.js';

declare const SQUADTUI_VERSION: string;
const version = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';

export async function main(argv: readonly string[]): Promise<void> {
  const options = readOptions(argv, version);
  trace('args');
  const { stdin, stdout } = process;
  // Started first: the thread boots while settings load and the first frame is drawn.
  const spawnPty = startPtyThread(new URL('./pty-thread.js', import.meta.url));
  const log = createLogger(process.env.SQUADTUI_LOG ?? path.join(envPaths('squadtui', { suffix: '' }).log, 'squadtui.log'));
  trace('log');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const setup = loadSetup(options, path.join(here, 'demo-agent.js'));
  const { settings, env, demoRepo } = setup;
  trace('specs');

  const terminal = createTerminalControl(stdin, stdout);
  const size = terminalSize(stdout);
  const layout = computeLayout(size.cols, size.rows);
  const host = new LocalSessionHost({ spawnPty, cols: layout.term.cols, rows: layout.term.rows, scrollback: settings.scrollback, env });
  trace('host');
  const inkInput = createInkInput();
  const ui = createUi(stdout, inkInput);
  const editor = createEditor(env, terminal, ui);
  const wantWorktrees = options.worktree && settings.worktree.enabled;
  // The squad is saved to be offered back after a crash or reboot (not the demo's throwaway one).
  const squadFile = demoRepo ? undefined : savedSquadFile(setup.cwd);
  const saved = squadFile ? savedStart(squadFile, { fresh: options.fresh }) : undefined;
  const app = compose({
    host,
    log,
    settings,
    keymap: setup.keymap,
    // The throwaway repository keeps its worktrees beside it, inside the directory that is removed.
    worktrees: new WorktreeService({ branchPrefix: settings.worktree.prefix, worktreeRoot: demoRepo ? undefined : settings.worktree.root, env }),
    editor,
    tasks: TaskStore.forDir(setup.cwd),
    cwd: setup.cwd,
    program: setup.program,
    env,
    size,
    worktreesByDefault: wantWorktrees,
    demoRepo: demoRepo !== undefined,
    hookScript: path.join(here, 'hook.js'),
    savedSquadFile: squadFile,
    // While an editor has the terminal, squadtui writes nothing to it (agents keep running).
    writeToTerminal: (data) => {
      if (!editor.busy) stdout.write(data);
    },
  });
  createLifecycle({ app, log, terminal, ui, editor, cleanup: () => demoRepo?.remove() }).install();

  const ids = listPending(app, saved?.offer ? [] : setup.specs);
  trace('handlers');
  terminal.enter();
  ui.mount(app.services);
  trace('render');
  connectStdin(stdin, createAppRouter(app, (data) => inkInput.write(data)));
  followResizes(stdout, app, ui, editor);
  trace('wired');
  await startSquad(app, { specs: setup.specs, ids, cwd: setup.cwd, notices: setup.notices, wantWorktrees, saved });
  trace('spawned');
  if (tracing) setTimeout(() => log.info(`startup: ${traced()}`), 1000);
}
