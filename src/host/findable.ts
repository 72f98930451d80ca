// A host must stay findable by its windows: its socket and record live in a runtime directory that
// can vanish under it ($XDG_RUNTIME_DIR is removed when the user's last session ends; /tmp has
// cleaners). The host puts them back; a window that finds no socket looks for the host process of
// its squad before starting another, so a repository never gets two hosts.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Logger } from '../core/util/index.js';
import { runtimeDir, type SquadPaths } from './paths.js';
import { type HostRecord, hostAlive, readRecord, writeRecord } from './record.js';
import type { HostServer } from './server.js';

/** In the host's environment (as it was started): which squad it serves. */
export const HOST_KEY_VAR = 'SQUADTUI_HOST_KEY';
/** In its agents' environment: the squad whose agents they are. */
export const SQUAD_VAR = 'SQUADTUI_SQUAD';
/** How often the host checks that its socket and record are still there. */
const CHECK_MS = 2000;

/** Keeps the host's socket and record in place; returns the way to stop checking. */
export function keepFindable(server: HostServer, paths: SquadPaths, record: HostRecord, log: Logger): () => void {
  let busy = false;
  const mine = () => server.reachable && readRecord(paths)?.pid === record.pid;
  const timer = setInterval(() => {
    if (busy || mine()) return;
    busy = true;
    void restore(server, paths, record, log).finally(() => (busy = false));
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function restore(server: HostServer, paths: SquadPaths, record: HostRecord, log: Logger): Promise<void> {
  try {
    runtimeDir();
    if (!server.reachable) {
      const other = readRecord(paths);
      // Another live host holds the path: never taken from it (it is told apart by its record).
      if (existsSync(paths.socket) && hostAlive(other) && other?.pid !== record.pid) {
        log.info(`${paths.socket} is another host's (pid ${other?.pid}): not taken back`);
        return;
      }
      rmSync(paths.socket, { force: true });
      await server.listenAgain();
    }
    writeRecord(paths, record);
    log.info(`the socket or record was gone (runtime directory removed?): listening again on ${paths.socket}`);
  } catch (error) {
    log.error(`could not listen again on ${paths.socket}`, error);
  }
}

/** The pid of a running host of the squad keyed `key` (found by its environment; Linux), if any. */
export function hostProcessOf(key: string): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const needle = `\0${HOST_KEY_VAR}=${key}\0`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
    } catch {
      continue;
    }
    if (`\0${environ}`.includes(needle)) return Number(entry);
  }
  return undefined;
}
