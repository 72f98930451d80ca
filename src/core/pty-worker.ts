// Agents' pseudo-terminals owned by a worker thread (pty-thread.ts), behind the same PtyLike port
// as the in-thread node-pty adapter. The main thread keeps parsing and drawing while the worker
// reads, which roughly doubles how fast a flooding agent gets through. Spawning stays synchronous
// (the caller needs the pid at once): the main thread waits for the worker's answer, a few ms.
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { type PtyExit, type PtyLike, type SpawnOptions, type SpawnPty, SpawnError, signalSession } from './pty-host.js';

/** Main thread to worker. */
export type ToThread =
  | { t: 'spawn'; id: number; options: SpawnOptions }
  | { t: 'write'; id: number; data: string }
  | { t: 'resize'; id: number; cols: number; rows: number }
  /** The main thread's own flow control: hold (pause) or release the pty. */
  | { t: 'hold'; id: number; on: boolean }
  /** How much output may be sent ahead of acknowledgements. */
  | { t: 'readAhead'; id: number; bytes: number }
  /** Output taken by the main thread: the worker may read that much more. */
  | { t: 'ack'; id: number; bytes: number };

/** Worker to main thread, in the order things happened. */
export type FromThread = { t: 'data'; id: number; data: Uint8Array | string } | { t: 'exit'; id: number; exitCode: number; signal?: number };

export type SpawnReply = { pid: number } | { error: { message: string; hint?: string } };

export interface ThreadData {
  /** Where spawn answers go, read synchronously by the main thread. */
  reply: MessagePort;
  /** Set to 1 by the worker when an answer is waiting. */
  flag: SharedArrayBuffer;
}

/** How long a spawn waits for the worker (it may still be starting) before giving up. */
const SPAWN_TIMEOUT_MS = 10_000;

interface Listeners {
  data: Set<(data: Uint8Array | string) => void>;
  exit: Set<(exit: PtyExit) => void>;
}

/**
 * Starts the pty thread from its built file and returns a spawner that hands out its ptys. The
 * thread does not keep the process alive; it ends with it.
 */
export function startPtyThread(file: URL): SpawnPty {
  const channel = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  const signal = new Int32Array(flag);
  const worker = new Worker(file, { workerData: { reply: channel.port2, flag } satisfies ThreadData, transferList: [channel.port2] });
  worker.unref();
  const ptys = new Map<number, Listeners>();
  let failure: string | undefined;
  let nextId = 1;

  const acks = new Map<number, number>();
  const sendAcks = () => {
    for (const [id, bytes] of acks) worker.postMessage({ t: 'ack', id, bytes } satisfies ToThread);
    acks.clear();
  };
  worker.on('message', (m: FromThread) => {
    const l = ptys.get(m.id);
    if (!l) return;
    if (m.t === 'data') {
      for (const fn of l.data) fn(m.data);
      // Acknowledged on the next turn, once the session has parsed it (one message per agent for
      // all it got): what waits unparsed stays within the agent's read-ahead, so a keystroke's
      // echo never queues behind megabytes of another agent's output.
      if (acks.size === 0) setImmediate(sendAcks);
      acks.set(m.id, (acks.get(m.id) ?? 0) + m.data.length);
    } else {
      ptys.delete(m.id);
      for (const fn of l.exit) fn({ exitCode: m.exitCode, signal: m.signal });
    }
  });
  const lost = (why: string) => {
    failure = why;
    // Without its reader an agent can neither be seen nor typed to: end it and report the exit.
    for (const [id, l] of ptys) {
      ptys.delete(id);
      for (const fn of l.exit) fn({ exitCode: -1 });
    }
  };
  worker.on('error', (error) => lost(`the terminal thread failed: ${error.message}`));
  worker.on('exit', (code) => lost(`the terminal thread ended (code ${code})`));

  return (options) => {
    if (failure) throw new SpawnError(`Can't start ${options.command}: ${failure}.`, 'Restart squadtui.');
    const id = nextId++;
    Atomics.store(signal, 0, 0);
    worker.postMessage({ t: 'spawn', id, options: { ...options, args: [...options.args] } } satisfies ToThread);
    if (Atomics.wait(signal, 0, 0, SPAWN_TIMEOUT_MS) === 'timed-out') {
      throw new SpawnError(`Can't start ${options.command}: the terminal thread did not answer.`, 'Restart squadtui.');
    }
    const answer = receiveMessageOnPort(channel.port1)?.message as SpawnReply | undefined;
    if (!answer || 'error' in answer) {
      const error = answer?.error ?? { message: `Can't start ${options.command}.` };
      if (error.hint !== undefined) throw new SpawnError(error.message, error.hint);
      throw new Error(error.message);
    }
    const listeners: Listeners = { data: new Set(), exit: new Set() };
    ptys.set(id, listeners);
    const post = (m: ToThread) => worker.postMessage(m);
    const pty: PtyLike = {
      pid: answer.pid,
      write: (data) => post({ t: 'write', id, data }),
      resize: (cols, rows) => post({ t: 'resize', id, cols, rows }),
      kill: (sig = 'SIGTERM') => signalSession(answer.pid, sig),
      pause: () => post({ t: 'hold', id, on: true }),
      resume: () => post({ t: 'hold', id, on: false }),
      readAhead: (bytes) => post({ t: 'readAhead', id, bytes }),
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
