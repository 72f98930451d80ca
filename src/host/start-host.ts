// Starting a squad's host from a window: under a lock (two windows never start two hosts), after
// clearing what a dead host left, detached (its own session, no terminal), and waited for until it
// listens, or its own words on why it could not start are handed back.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { isRunning, selfId } from '../core/pty/processes.js';
import type { SquadPaths } from './paths.js';
import { hostAlive, readRecord, removeHostFiles } from './record.js';
import { hostProcessOf } from './findable.js';
import { saveForAgents } from '../runtime/saved-env.js';

/** How long a host may take to listen (it loads settings, and git may be slow). */
const START_TIMEOUT_MS = 20_000;
/**
 * Node's options for the host. Its young generation is held to 4 MB a half (V8 grows it to 16 MB
 * under output floods and keeps it): 16 agents of 10,000 lines take about 10 MB less. Smaller
 * saves more there (1 MB: 27 MB) but promotes a flood's passing output to the old generation,
 * and the peak during a 50 MB flood grew by 40 MB, past its 250 MB target (npm run bench).
 * Young collections run on the main thread alone: in parallel they wait for helper threads, and
 * with both cores busy (agents streaming) some took 10–40 ms, a keystroke's echo waiting behind
 * them. The echo's p99 under that load went from 1.5–2.2x tmux's to 1.6–2.0x over six runs each,
 * with the flood's throughput unchanged (npm run bench).
 */
const HOST_NODE_OPTIONS = ['--max-semi-space-size=4', '--no-parallel-scavenge'];
/**
 * Variables node acts on as it starts that the host does not need, handed to its agents instead
 * (runtime/saved-env.ts, as bin.ts does with CI's). With NODE_EXTRA_CA_CERTS every node start reads
 * and parses those certificates: 44 ms and 1.8 MB measured, for a host that opens no TLS connection.
 */
const AGENTS_ONLY_ENV = ['NODE_EXTRA_CA_CERTS'];
const POLL_MS = 20;
/** How long a host whose socket is gone gets to listen again (it checks every 2 s). */
const LOST_HOST_WAIT_MS = 5000;

export class HostStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostStartError';
  }
}

export interface HostLaunch {
  /** dist/bin.js */
  readonly bin: string;
  /** The window's arguments, handed on: the host reads them as the window did. */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Connects to the squad's socket; undefined when nothing listens there. */
export function tryConnect(socketPath: string): Promise<net.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', () => resolve(undefined));
  });
}

/** The running host's socket, starting the host first if none runs. */
export async function connectOrStart(paths: SquadPaths, launch: HostLaunch): Promise<{ socket: net.Socket; started: boolean }> {
  for (;;) {
    const live = hostAlive(readRecord(paths)) ? await tryConnect(paths.socket) : undefined;
    if (live) return { socket: live, started: false };
    if (takeLock(paths)) {
      try {
        // Checked again under the lock: a host may have come up meanwhile.
        const again = hostAlive(readRecord(paths)) ? await tryConnect(paths.socket) : undefined;
        if (again) return { socket: again, started: false };
        const unreachable = await waitForLostHost(paths);
        if (unreachable) return { socket: unreachable, started: false };
        removeHostFiles(paths);
        return { socket: await startHost(paths, launch), started: true };
      } finally {
        rmSync(paths.lock, { force: true });
      }
    }
    // Another window is starting it: wait for that.
    await sleep(POLL_MS);
  }
}

/**
 * The squad's host may run with its socket gone (its runtime directory removed): it listens again
 * within seconds. Never a second host for one squad: one that does not come back is named.
 */
async function waitForLostHost(paths: SquadPaths): Promise<net.Socket | undefined> {
  const pid = hostProcessOf(paths.key);
  if (pid === undefined) return undefined;
  const deadline = Date.now() + LOST_HOST_WAIT_MS;
  while (Date.now() < deadline) {
    const socket = await tryConnect(paths.socket);
    if (socket) return socket;
    await sleep(POLL_MS * 5);
  }
  throw new HostStartError(`this squad's host runs (pid ${pid}) but does not listen on ${paths.socket}. kill ${pid} ends it (its agents with it; the squad is offered back at the next start).`);
}

/** The lock file holds its owner; one whose owner is gone is taken over. */
function takeLock(paths: SquadPaths): boolean {
  const me = selfId();
  try {
    const fd = openSync(paths.lock, 'wx', 0o600);
    writeFileSync(fd, JSON.stringify(me));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let owner;
  try {
    owner = JSON.parse(readFileSync(paths.lock, 'utf8')) as { pid: number; start: string };
  } catch {
    // Being written this very moment, or torn: looked at again next round.
    return false;
  }
  if (isRunning(owner)) return false;
  rmSync(paths.lock, { force: true });
  return false;
}

async function startHost(paths: SquadPaths, launch: HostLaunch): Promise<net.Socket> {
  const boot = openSync(paths.bootLog, 'w', 0o600);
  const child = spawn(process.execPath, [...HOST_NODE_OPTIONS, launch.bin, '__host', ...launch.argv], { detached: true, stdio: ['ignore', boot, boot], env: hostEnv(launch.env) });
  closeSync(boot);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited !== undefined) {
      const said = readFileSync(paths.bootLog, 'utf8').trim();
      throw new HostStartError(said || `the squad's host ended at start (exit code ${exited}).`);
    }
    if (hostAlive(readRecord(paths))) {
      const socket = await tryConnect(paths.socket);
      if (socket) return socket;
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new HostStartError(`the squad's host did not start within ${START_TIMEOUT_MS / 1000} s (its output: ${paths.bootLog}).`);
    }
    await sleep(POLL_MS);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The window's environment for the host: what only its agents need moved into the saved variables. */
function hostEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const host = { ...env };
  saveForAgents(host, AGENTS_ONLY_ENV);
  return host;
}
