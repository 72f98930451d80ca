// How squadtui ends: quitting (agents asked to end, then the terminal restored), and every other
// way out (signals, crashes, process exit) restoring the terminal and ending the agents at once.
import { inspect } from 'node:util';
import type { Composed } from '../compose.js';
import type { Logger } from '../core/util/index.js';
import type { Editor } from './editor.js';
import type { TerminalControl } from './terminal.js';
import type { Ui } from './ui.js';

export interface LifecycleParts {
  readonly app: Composed;
  readonly log: Logger;
  readonly terminal: TerminalControl;
  readonly ui: Ui;
  readonly editor: Editor;
  /** What else is removed on the way out (the demo's throwaway repository). */
  readonly cleanup?: () => void;
}

export interface Lifecycle {
  /** Ends squadtui now: restores the terminal, kills every agent, exits with `code`. */
  emergencyExit(code: number, reason: string, error?: unknown, signal?: NodeJS.Signals): void;
  /** Ends squadtui in order: agents end (with grace), then the frame, then the terminal. */
  quit(): Promise<void>;
  /** Signals, crashes and process exit, handled from here on. */
  install(): void;
}

export function createLifecycle({ app, log, terminal, ui, editor, cleanup }: LifecycleParts): Lifecycle {
  let exiting = false;
  const emergencyExit = (code: number, reason: string, error?: unknown, signal?: NodeJS.Signals) => {
    if (exiting) return;
    exiting = true;
    log.error(reason, error);
    try {
      ui.unmount();
    } catch {
      // The renderer may be what failed.
    }
    editor.kill();
    terminal.restore();
    app.host.shutdownSync(1000);
    app.releaseSync();
    cleanup?.();
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
    await app.host.shutdown(1500);
    ui.unmount();
    terminal.restore();
    app.releaseSync();
    cleanup?.();
    process.exit(0);
  };
  const install = () => {
    process.on('SIGINT', () => emergencyExit(130, 'interrupted (SIGINT)', undefined, 'SIGINT'));
    process.on('SIGTERM', () => emergencyExit(143, 'terminated (SIGTERM)', undefined, 'SIGTERM'));
    process.on('SIGHUP', () => emergencyExit(129, 'terminal closed (SIGHUP)', undefined, 'SIGHUP'));
    // Stopped from outside (kill -TSTP; Ctrl+Z is a key for the agent): the shell gets its screen
    // and mode back meanwhile, and the frame is drawn again once continued. An editor running in
    // the terminal takes care of it itself.
    process.on('SIGTSTP', () => {
      if (!editor.busy) terminal.suspend();
      process.kill(process.pid, 'SIGSTOP');
    });
    process.on('SIGCONT', () => {
      if (exiting || editor.busy) return;
      terminal.resume();
      ui.remount();
    });
    process.on('uncaughtException', (error) => emergencyExit(1, 'crashed', error));
    process.on('unhandledRejection', (error) => emergencyExit(1, 'crashed (unhandled rejection)', error));
    process.on('exit', () => {
      terminal.restore();
      app.host.shutdownSync(500);
      app.releaseSync();
      cleanup?.();
    });
    app.onQuitRequest(() => void quit());
  };
  return { emergencyExit, quit, install };
}
