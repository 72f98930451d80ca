// Agents' pseudo-terminals owned by a worker thread (pty-thread.ts), behind the same PtyLike port
// as the in-thread node-pty adapter. The main thread keeps parsing and drawing while the worker
// reads, which lets a flooding agent through about 40% faster. Spawning stays synchronous (the
// caller needs the pid at once): the main thread waits for the worker's answer, a few ms.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { type PtyExit, type PtyLike, type SpawnOptions, type SpawnPty, SpawnError, signalSession } from './pty-host.js';

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

/** Worker to main thread, in the order things happened. */
export type FromThread = { t: 'data'; id: number; data: Uint8Array | string } | { t: 'exit'; id: number; exitCode: number; signal?: number };

export type SpawnReply = { id: number; pid: number } | { id: number; error: { message: string; hint?: string } };

export interface ThreadData {
  /** Where spawn answers go, read synchronously by the main thread. */
  reply: MessagePort;
  /** A counter the worker bumps after each answer it posts (the main thread waits on it). */
  answers: SharedArrayBuffer;
}

/** How long a spawn waits for the worker (it may still be starting) before giving up. */
const SPAWN_TIMEOUT_MS = 10_000;

interface Listeners {
  pid: number;
  data: Set<(data: Uint8Array | string) => void>;
  exit: Set<(exit: PtyExit) => void>;
}

/**
 * Starts the pty thread from its built file and returns a spawner that hands out its ptys. The
 * thread does not keep the process alive; it ends with it.
 */
export function startPtyThread(file: URL, options: { spawnTimeoutMs?: number } = {}): SpawnPty {
  const channel = new MessageChannel();
  const answers = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(file, { workerData: { reply: channel.port2, answers: answers.buffer as SharedArrayBuffer } satisfies ThreadData, transferList: [channel.port2] });
  worker.unref();
  const post = (m: ToThread) => worker.postMessage(m);
  const ptys = new Map<number, Listeners>();
  // A thread that can't even start would only be noticed after a spawn's wait: say it at once.
  let failure: string | undefined = existsSync(fileURLToPath(file)) ? undefined : `${fileURLToPath(file)} is missing (npm run build makes it)`;
  let nextId = 1;

  // Parsed output is acknowledged once per turn and agent, not per piece.
  const acks = new Map<number, number>();
  const sendAcks = () => {
    for (const [id, bytes] of acks) post({ t: 'ack', id, bytes });
    acks.clear();
  };

  worker.on('message', (m: FromThread) => {
    const l = ptys.get(m.id);
    if (!l) return;
    if (m.t === 'data') {
      for (const fn of l.data) fn(m.data);
    } else {
      ptys.delete(m.id);
      for (const fn of l.exit) fn({ exitCode: m.exitCode, signal: m.signal });
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
  };
  worker.on('error', (error) => lost(`the terminal thread failed: ${error.message}`));
  worker.on('exit', (code) => lost(`the terminal thread ended (code ${code})`));

  /** The worker's answer to spawn `id`; answers to spawns given up on earlier are dropped. */
  const awaitAnswer = (id: number, command: string): SpawnReply => {
    const deadline = Date.now() + (options.spawnTimeoutMs ?? SPAWN_TIMEOUT_MS);
    for (;;) {
      // Read the counter before the port: an answer posted after this read wakes the wait below.
      const seen = Atomics.load(answers, 0);
      const message = receiveMessageOnPort(channel.port1)?.message as SpawnReply | undefined;
      if (message?.id === id) return message;
      if (message) continue;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(answers, 0, seen, left) === 'timed-out') {
        post({ t: 'abandon', id });
        throw new SpawnError(`Can't start ${command}: the terminal thread did not answer.`, 'Restart squadtui.');
      }
    }
  };

  return (spawnOptions) => {
    if (failure) throw new SpawnError(`Can't start ${spawnOptions.command}: ${failure}.`, 'Restart squadtui.');
    const id = nextId++;
    post({ t: 'spawn', id, options: { ...spawnOptions, args: [...spawnOptions.args] } });
    const answer = awaitAnswer(id, spawnOptions.command);
    if ('error' in answer) {
      if (answer.error.hint !== undefined) throw new SpawnError(answer.error.message, answer.error.hint);
      throw new Error(answer.error.message);
    }
    const listeners: Listeners = { pid: answer.pid, data: new Set(), exit: new Set() };
    ptys.set(id, listeners);
    const pty: PtyLike = {
      pid: answer.pid,
      write: (data) => post({ t: 'write', id, data }),
      resize: (cols, rows) => post({ t: 'resize', id, cols, rows }),
      kill: (sig = 'SIGTERM') => signalSession(answer.pid, sig),
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
    return pty;
  };
}
