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
  const client = new PtyThreadClient(file, options.spawnTimeoutMs ?? SPAWN_TIMEOUT_MS);
  return (spawnOptions) => client.spawn(spawnOptions);
}

/** The worker, the ptys it serves and the spawns it has not answered yet. */
class PtyThreadClient {
  private readonly worker: Worker;
  private readonly ptys = new Map<number, Listeners>();
  private readonly spawning = new Map<number, Spawning>();
  /** Why no spawn can succeed any more (the thread is missing or gone). */
  private failure: string | undefined;
  private nextId = 1;
  /** Parsed output is acknowledged once per turn and agent, not per piece. */
  private readonly acks = new Map<number, number>();

  constructor(
    file: URL,
    private readonly spawnTimeoutMs: number,
  ) {
    this.worker = new Worker(file);
    this.worker.unref();
    // A thread that can't even start would only be noticed after a spawn's wait: say it at once.
    if (!existsSync(fileURLToPath(file))) this.failure = `${fileURLToPath(file)} is missing (npm run build makes it)`;
    this.worker.on('message', this.receive);
    this.worker.on('error', (error) => this.lost(`the terminal thread failed: ${error.message}`));
    this.worker.on('exit', (code) => this.lost(`the terminal thread ended (code ${code})`));
  }

  spawn(spawnOptions: SpawnOptions): Promise<PtyLike> {
    const { command } = spawnOptions;
    if (this.failure) return Promise.reject(new SpawnError(`Can't start ${command}: ${this.failure}.`, 'Restart squadtui.'));
    const id = this.nextId++;
    this.post({ t: 'spawn', id, options: { ...spawnOptions, args: [...spawnOptions.args] } });
    return new Promise<PtyLike>((resolve, reject) => {
      // A thread that never answers (still loading, or stuck) must not leave the agent starting for good.
      const timer = setTimeout(() => {
        this.spawning.delete(id);
        this.post({ t: 'abandon', id });
        reject(new SpawnError(`Can't start ${command}: the terminal thread did not answer.`, 'Restart squadtui.'));
      }, this.spawnTimeoutMs);
      timer.unref();
      this.spawning.set(id, { command, resolve, reject, timer });
    });
  }

  private post(m: ToThread): void {
    this.worker.postMessage(m);
  }

  /** Every message of the worker: per read of every agent, so no more than a map look-up each. */
  private readonly receive = (m: FromThread): void => {
    if (m.t === 'data') {
      const l = this.ptys.get(m.id);
      if (l) for (const fn of l.data) fn(m.data);
    } else if (m.t === 'exit') {
      const l = this.ptys.get(m.id);
      if (!l) return;
      this.ptys.delete(m.id);
      for (const fn of l.exit) fn({ exitCode: m.exitCode, signal: m.signal });
    } else {
      this.answered(m);
    }
  };

  /** The thread answered spawn `id` (an answer to a spawn given up on finds nobody waiting). */
  private answered(m: Extract<FromThread, { t: 'spawned' | 'failed' }>): void {
    const waiting = this.spawning.get(m.id);
    if (!waiting) return;
    this.spawning.delete(m.id);
    clearTimeout(waiting.timer);
    if (m.t === 'failed') {
      waiting.reject(m.error.hint === undefined ? new Error(m.error.message) : new SpawnError(m.error.message, m.error.hint));
      return;
    }
    // The program's output comes in later messages, and promise reactions run between two
    // messages: whoever awaits this spawn attaches its listeners before the first output.
    waiting.resolve(this.ptyFor(m.id, m.pid));
  }

  private readonly sendAcks = (): void => {
    for (const [id, bytes] of this.acks) this.post({ t: 'ack', id, bytes });
    this.acks.clear();
  };

  private ptyFor(id: number, pid: number): PtyLike {
    const listeners: Listeners = { pid, data: new Set(), exit: new Set() };
    this.ptys.set(id, listeners);
    const { acks } = this;
    return {
      pid,
      write: (data) => this.post({ t: 'write', id, data }),
      resize: (cols, rows) => this.post({ t: 'resize', id, cols, rows }),
      kill: (sig = 'SIGTERM') => signalSession(pid, sig),
      pause: () => this.post({ t: 'hold', id, on: true }),
      resume: () => this.post({ t: 'hold', id, on: false }),
      readAhead: (bytes) => this.post({ t: 'readAhead', id, bytes }),
      dispose: () => {
        this.ptys.delete(id);
        acks.delete(id);
        this.post({ t: 'drop', id });
      },
      consumed: (bytes) => {
        if (acks.size === 0) setImmediate(this.sendAcks);
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
  }

  /** The thread failed or ended: without its reader an agent can neither be seen nor typed to. */
  private lost(why: string): void {
    this.failure ??= why;
    // Each agent is ended, its exit reported; each spawn still waiting fails.
    for (const [id, l] of this.ptys) {
      this.ptys.delete(id);
      signalSession(l.pid, 'SIGHUP');
      signalSession(l.pid, 'SIGTERM');
      for (const fn of l.exit) fn({ exitCode: -1 });
    }
    for (const [id, waiting] of this.spawning) {
      this.spawning.delete(id);
      clearTimeout(waiting.timer);
      waiting.reject(new SpawnError(`Can't start ${waiting.command}: ${this.failure}.`, 'Restart squadtui.'));
    }
  }
}
