// launcher.sh, the `squadtui` a user runs on a terminal, offers that terminal to the squad's host
// so that no node process has to stay as the window (see launcher.sh): its tty, the folder of the
// two pipes it talks to the host through, and its own pid. The offer comes in the environment and
// is taken out of it at once, so that nothing started from here (the host, agents) inherits it.
import { constants, openSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isatty } from 'node:tty';
import { processStart } from '../core/pty/processes.js';

export interface Handoff {
  readonly tty: string;
  readonly dir: string;
  /** launcher.sh's pid: the window's, as far as the user and `squadtui ls` are concerned. */
  readonly pid: number;
}

/** node's exit code that tells launcher.sh the host has the terminal now. */
export const HANDED_OVER = 75;

const VARS = ['SQUADTUI_HANDOFF', 'SQUADTUI_TTY', 'SQUADTUI_WINDOW_PID'] as const;

/** The offer, if launcher.sh made one and both ends are still a terminal; removed from `env` either way. */
export function takeHandoff(env: NodeJS.ProcessEnv): Handoff | undefined {
  const [dir, tty, pid] = VARS.map((k) => env[k]);
  for (const k of VARS) delete env[k];
  if (!dir || !tty || !pid || !isatty(0) || !isatty(1)) return undefined;
  return { dir, tty, pid: Number(pid) };
}

/** launcher.sh's folder of pipes, which a killed launcher.sh could not remove (it does as it exits). */
export function removeLauncherFolder(dir: string): void {
  if (path.basename(dir).startsWith('squadtui-window.')) rmSync(dir, { recursive: true, force: true });
}

/**
 * Ends this process as a closed terminal would (SIGHUP) should launcher.sh die while node runs (a
 * kill -9 of the window): it is never left behind, reading the terminal with the shell. launcher.sh
 * holds its `events` pipe open for writing; its end of file is launcher.sh's end.
 */
export function followLauncher(offer: Handoff): void {
  let fd: number;
  try {
    fd = openSync(path.join(offer.dir, 'events'), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return;
  }
  const pipe = new net.Socket({ fd, readable: true, writable: false });
  pipe.on('end', () => {
    removeLauncherFolder(offer.dir);
    process.kill(process.pid, 'SIGHUP');
  });
  // Ended by the terminal's own SIGHUP first (launcher.sh led the terminal's session); a zombie
  // launcher, killed and not yet reaped, is not running.
  process.once('exit', () => {
    if (processStart(offer.pid) === undefined) removeLauncherFolder(offer.dir);
  });
  pipe.on('error', () => undefined);
  // It never keeps node running.
  pipe.unref();
}
