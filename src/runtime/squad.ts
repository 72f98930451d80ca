// What both ways of running squadtui share (in this window, or in a background host): settings,
// the agents' host, the composed app and the start of the squad. The caller brings the terminal
// side: where Ink draws, where keys come from, how an editor runs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import envPaths from 'env-paths';
import { type Composed, type EditorPort, compose } from '../compose.js';
import { WorktreeService } from '../core/git/index.js';
import { computeLayout, createLogger, type Logger, startMemoryReducer } from '../core/util/index.js';
import { startPtyThread } from '../core/pty/index.js';
import { LocalSessionHost } from '../core/sessions/index.js';
import { TaskStore } from '../core/tasks/index.js';
import { savedSquadFile, savedStart, wouldOffer } from '../core/state/index.js';
import type { CliOptions } from './args.js';
import { type Setup, loadSetup } from './setup.js';
import { listPending, startSquad } from './start.js';
import { trace } from './trace.js';

export interface SquadTerminal {
  readonly size: { readonly cols: number; readonly rows: number };
  /** The editor hand-off (created once the app exists, since it needs the UI). */
  readonly editor: EditorPort & { readonly busy: boolean };
  /** Notifications and the window title for the outer terminal. */
  readonly write: (data: string) => void;
  /** Closes the window and leaves the squad running (hosted only). */
  readonly onDetach?: () => void;
}

export interface Squad<T extends SquadTerminal = SquadTerminal> {
  readonly app: Composed;
  /** What the caller's `terminal` made. */
  readonly terminal: T;
  readonly setup: Setup;
  readonly log: Logger;
  /** Lists the agents at once, then starts them (after the first frame is up). */
  start(): Promise<void>;
}

/** `dir`: where the bundle is (dist/), for the helper programs it starts. */
export function createSquad<T extends SquadTerminal>(options: CliOptions, dir: string, terminal: (setup: Setup) => T): Squad<T> {
  // Started first: the thread boots while settings load and the first frame is drawn.
  const spawnPty = startPtyThread(new URL('pty-thread.js', pathToFileURL(`${dir}/`)));
  const log = createLogger(process.env.SQUADTUI_LOG ?? path.join(envPaths('squadtui', { suffix: '' }).log, 'squadtui.log'));
  trace('log');
  // What a burst left (worktrees set up, a flood parsed) is given back once the squad is quiet.
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  startMemoryReducer({ onCollect: (before, after) => log.info(`memory given back after a quiet second: heap and buffers ${mb(before)} MB → ${mb(after)} MB`) });
  const offerPending = !options.fresh && !options.demo && wouldOffer(savedSquadFile(path.resolve(options.cwd)));
  const setup = loadSetup(options, path.join(dir, 'demo-agent.js'), offerPending);
  const { settings, env, demoRepo } = setup;
  trace('specs');
  const term = terminal(setup);
  const layout = computeLayout(term.size.cols, term.size.rows);
  const host = new LocalSessionHost({ spawnPty, cols: layout.term.cols, rows: layout.term.rows, scrollback: settings.scrollback, env });
  trace('host');
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
    editor: term.editor,
    tasks: TaskStore.forDir(setup.cwd),
    cwd: setup.cwd,
    program: setup.program,
    env,
    size: term.size,
    worktreesByDefault: wantWorktrees,
    demoRepo: demoRepo !== undefined,
    hookScript: path.join(dir, 'hook.js'),
    onDetach: term.onDetach,
    savedSquadFile: squadFile,
    // While an editor has the terminal, squadtui writes nothing to it (agents keep running).
    writeToTerminal: (data) => {
      if (!term.editor.busy) term.write(data);
    },
  });
  // An offer to bring the saved squad back comes first: the agents asked for wait for its answer.
  const ids = listPending(app, saved?.offer ? [] : setup.specs);
  return {
    app,
    terminal: term,
    setup,
    log,
    start: () => startSquad(app, { specs: setup.specs, ids, cwd: setup.cwd, notices: setup.notices, problems: setup.problems, wantWorktrees, saved }),
  };
}

/** The bundle's directory (dist/) as seen from an entry module. */
export function bundleDir(entryUrl: string): string {
  return path.dirname(fileURLToPath(entryUrl));
}
