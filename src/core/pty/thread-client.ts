// The main thread's side of the pty thread (thread.ts, the worker): the agents' pseudo-terminals, behind
// the same PtyLike port as the in-thread node-pty adapter. The main thread keeps parsing and
// drawing while the thread reads, which lets a flooding agent through about 40% faster. Spawning
// is a message like any other: the pty is handed over when the thread answers, and the main
// thread goes on with its work meanwhile (a background host will answer over a socket the same way).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type PtyExit, type PtyLike, type SpawnOptions, type SpawnPty, SpawnError, signalSession } from './node-pty.js';

/** Main thread to worker. */
export type ToThread =
  | { t: 'spawn'; id: number; options: SpawnOptions }
  /** A spawn the main thread stopped waiting for: the worker ends that program if it started. */
  | { t: 'abandon'; id: number }
  | { t: 'write'; id: number; data: string }
  | { t: 'resize'; id: number; cols: number; rows: number }
  /** The main thread's own flow control: hold (pause) or release the pty. */
  | { t: 'hold'; id: number; on: boolean }
  /** How much output may be sent ahead of acknowledgements. */
  | { t: 'readAhead'; id: number; bytes: number }
  /** Output parsed by the main thread: the worker may read that much more. */
  | { t: 'ack'; id: number; bytes: number }
  /** Nobody reads this pty any more: its output is dropped until its program exits. */
  | { t: 'drop'; id: number };

/**
 * Worker to main thread, in the order things happened: a spawn's answer comes before any output
 * of its program.
 */
export type FromThread =
  | { t: 'spawned'; id: number; pid: number }
  | { t: 'failed'; id: number; error: { message: string; hint?: string } }
  | { t: 'data'; id: number; data: Uint8Array | string }
  | { t: 'exit'; id: number; exitCode: number; signal?: number };

/** How long a spawn waits for the worker (it may still be starting) before giving up. */
const SPAWN_TIMEOUT_MS = 10_000;

interface Listeners {
  pid: number;
  data: Set<(data: Uint8Array | string) => void>;
  exit: Set<(exit: PtyExit) => void>;
}

interface Spawning {
  command: string;
  resolve: (pty: PtyLike) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Starts the pty thread from its built file and returns a spawner that hands out its ptys. The
 * thread does not keep the process alive; it ends with it.
 */
export function startPtyThread(file: URL, options: { spawnTimeoutMs?: number } = {}): SpawnPty {
  const worker = new Worker(file);
  worker.unref();
  const post = (m: ToThread) => worker.postMessage(m);
  const ptys = new Map<number, Listeners>();
  const spawning = new Map<number, Spawning>();
  // A thread that can't even start would only be noticed after a spawn's wait: say it at once.
  let failure: string | undefined = existsSync(fileURLToPath(file)) ? undefined : `${fileURLToPath(file)} is missing (npm run build makes it)`;
  let nextId = 1;

  // Parsed output is acknowledged once per turn and agent, not per piece.
  const acks = new Map<number, number>();
  const sendAcks = () => {
    for (const [id, bytes] of acks) post({ t: 'ack', id, bytes });
    acks.clear();
  };

  const ptyFor = (id: number, pid: number): PtyLike => {
    const listeners: Listeners = { pid, data: new Set(), exit: new Set() };
    ptys.set(id, listeners);
    return {
      pid,
      write: (data) => post({ t: 'write', id, data }),
      resize: (cols, rows) => post({ t: 'resize', id, cols, rows }),
      kill: (sig = 'SIGTERM') => signalSession(pid, sig),
      pause: () => post({ t: 'hold', id, on: true }),
      resume: () => post({ t: 'hold', id, on: false }),
      readAhead: (bytes) => post({ t: 'readAhead', id, bytes }),
      dispose: () => {
        ptys.delete(id);
        acks.delete(id);
        post({ t: 'drop', id });
      },
      consumed: (bytes) => {
        if (acks.size === 0) setImmediate(sendAcks);
        acks.set(id, (acks.get(id) ?? 0) + bytes);
      },
      onData: (fn) => {
        listeners.data.add(fn);
        return () => listeners.data.delete(fn);
      },
      onExit: (fn) => {
        listeners.exit.add(fn);
        return () => listeners.exit.delete(fn);
      },
    };
  };

  /** The thread answered spawn `id` (an answer to a spawn given up on finds nobody waiting). */
  const answered = (m: Extract<FromThread, { t: 'spawned' | 'failed' }>) => {
    const waiting = spawning.get(m.id);
    if (!waiting) return;
    spawning.delete(m.id);
    clearTimeout(waiting.timer);
    if (m.t === 'failed') {
      waiting.reject(m.error.hint === undefined ? new Error(m.error.message) : new SpawnError(m.error.message, m.error.hint));
      return;
    }
    // The program's output comes in later messages, and promise reactions run between two
    // messages: whoever awaits this spawn attaches its listeners before the first output.
    waiting.resolve(ptyFor(m.id, m.pid));
  };

  worker.on('message', (m: FromThread) => {
    if (m.t === 'data') {
      const l = ptys.get(m.id);
      if (l) for (const fn of l.data) fn(m.data);
    } else if (m.t === 'exit') {
      const l = ptys.get(m.id);
      if (!l) return;
      ptys.delete(m.id);
      for (const fn of l.exit) fn({ exitCode: m.exitCode, signal: m.signal });
    } else {
      answered(m);
    }
  });
  const lost = (why: string) => {
    failure ??= why;
    // Without its reader an agent can neither be seen nor typed to: it is ended, its exit reported.
    for (const [id, l] of ptys) {
      ptys.delete(id);
      signalSession(l.pid, 'SIGHUP');
      signalSession(l.pid, 'SIGTERM');
      for (const fn of l.exit) fn({ exitCode: -1 });
    }
    for (const [id, waiting] of spawning) {
      spawning.delete(id);
      clearTimeout(waiting.timer);
      waiting.reject(new SpawnError(`Can't start ${waiting.command}: ${failure}.`, 'Restart squadtui.'));
    }
  };
  worker.on('error', (error) => lost(`the terminal thread failed: ${error.message}`));
  worker.on('exit', (code) => lost(`the terminal thread ended (code ${code})`));

  return (spawnOptions) => {
    const { command } = spawnOptions;
    if (failure) return Promise.reject(new SpawnError(`Can't start ${command}: ${failure}.`, 'Restart squadtui.'));
    const id = nextId++;
    post({ t: 'spawn', id, options: { ...spawnOptions, args: [...spawnOptions.args] } });
    return new Promise<PtyLike>((resolve, reject) => {
      // A thread that never answers (still loading, or stuck) must not leave the agent starting for good.
      const timer = setTimeout(() => {
        spawning.delete(id);
        post({ t: 'abandon', id });
        reject(new SpawnError(`Can't start ${command}: the terminal thread did not answer.`, 'Restart squadtui.'));
      }, options.spawnTimeoutMs ?? SPAWN_TIMEOUT_MS);
      timer.unref();
      spawning.set(id, { command, resolve, reject, timer });
    });
  };
}
