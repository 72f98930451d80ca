// How a host ends: the squad stopped (by its window, `squadtui stop`, SIGTERM, or its last agent
// gone with no window), agents asked to end first; or at once on a crash. A window detaching ends
// nothing. The host has no terminal: SIGHUP (a closed terminal) is not its business.
import { inspect } from 'node:util';
import type { Composed } from '../compose.js';
import type { Logger } from '../core/util/index.js';
import { RESTORE_SEQUENCE } from '../runtime/terminal.js';
import type { HostServer } from './server.js';

export interface HostLifecycleParts {
  readonly app: Composed;
  readonly log: Logger;
  readonly ui: { unmount(): void };
  readonly server: () => HostServer | undefined;
  /** Removes what the host leaves (its socket and record, the demo's repository). */
  readonly cleanup: () => void;
  /** Where `squadtui` finds this squad again (the repository, or the directory). */
  readonly dir: string;
}

export interface HostLifecycle {
  /**
   * Ends the squad in order: agents (with grace), the window told, files removed. `onPurpose`: the
   * user stopped it (nothing to offer back at the next start), not a signal (a system shutting down
   * sends SIGTERM: its squad is offered back after the reboot).
   */
  stop(onPurpose?: boolean): Promise<void>;
  /** Lets the window go; the squad keeps running. */
  detach(): void;
  /** Stops the squad if it has no agents and no window (the host has nothing left to do). */
  checkEmpty(): void;
}

export function installHostLifecycle({ app, log, ui, server, cleanup, dir }: HostLifecycleParts): HostLifecycle {
  let ending = false;
  let hadAgents = false;
  const agentCount = () => app.store.getState().squad.agents.length;
  const emergencyExit = (code: number, reason: string, error?: unknown) => {
    if (ending) return;
    ending = true;
    log.error(reason, error);
    const s = server();
    s?.write(RESTORE_SEQUENCE);
    void s?.release('stopped', `The squad's host ${reason}${error instanceof Error ? `: ${error.message}` : error ? `: ${inspect(error)}` : ''}; its agents ended.${log.file ? ` Details in ${log.file}.` : ''}`);
    app.host.shutdownSync(1000);
    app.releaseSync();
    cleanup();
    process.exit(code);
  };
  const stop = async (onPurpose = true) => {
    if (ending) return;
    ending = true;
    log.info(onPurpose ? 'stopping the squad' : 'stopping the squad (signal): it will be offered back');
    if (onPurpose) app.saver?.markStopped();
    const s = server();
    s?.stop();
    await app.host.shutdown(1500);
    s?.write(RESTORE_SEQUENCE);
    // A window on its own terminal (launcher.sh) is told once what was drawn has reached it.
    await s?.release('stopped', 'The squad stopped: its agents ended.');
    ui.unmount();
    app.releaseSync();
    cleanup();
    s?.close();
    process.exit(0);
  };
  const detach = () => {
    const s = server();
    if (!s?.attached) return;
    const { agents } = app.store.getState().squad;
    // Nothing to keep running.
    if (agents.length === 0) return void stop();
    const n = agents.filter((a) => a.info.status === 'running').length;
    log.info('window detached');
    s.write(RESTORE_SEQUENCE);
    const kept = n > 0 ? `${n} agent${n === 1 ? '' : 's'} keep${n === 1 ? 's' : ''} running` : `the squad keeps its ${agents.length} agent${agents.length === 1 ? '' : 's'} (none runs: r restarts them)`;
    void s.release('detached', `Detached: ${kept}. squadtui attach (or squadtui in ${dir}) brings ${n === 1 ? 'it' : 'them'} back.`);
  };
  const checkEmpty = () => {
    if (hadAgents && agentCount() === 0 && !server()?.attached) void stop();
  };
  app.store.subscribe(() => {
    if (agentCount() > 0) hadAgents = true;
    else checkEmpty();
  });
  process.on('SIGTERM', () => void stop(false));
  process.on('SIGINT', () => void stop(false));
  process.on('SIGHUP', () => log.info('SIGHUP ignored: the host has no terminal'));
  process.on('uncaughtException', (error) => emergencyExit(1, 'crashed', error));
  process.on('unhandledRejection', (error) => emergencyExit(1, 'crashed (unhandled rejection)', error));
  process.on('exit', () => {
    app.host.shutdownSync(500);
    app.releaseSync();
    cleanup();
  });
  app.onQuitRequest(() => void stop());
  return { stop, detach, checkEmpty };
}
