// The thread that owns the agents' pseudo-terminals. It reads their output while the main thread
// parses and draws, so reading and parsing overlap instead of taking turns: with one thread, a
// program writing fast waits on a full pty buffer for every piece the emulator parses.
// It speaks the messages declared in thread-client.ts, which is the other side (the main thread).
import { parentPort } from 'node:worker_threads';
import { type PtyLike, type SpawnPty, SpawnError, createNodePtySpawner, signalSession } from './node-pty.js';
import type { FromThread, ToThread } from './thread-client.js';
import { startMemoryReducer } from '../util/memory-reducer.js';

/** Output sent but not yet parsed by the main thread, until the main thread sets its own figure. */
const READ_AHEAD = 64 * 1024;
/**
 * Output read but not yet sent beyond which the pty is paused (the program then waits to write):
 * twice the read-ahead, at least 1 MB (4 MB for the selected agent). Pausing is kept for real
 * floods: Linux keeps only a few KB of what a program wrote before it exited if the pty is not
 * being read at that moment, so a burst that ends with the program's exit should fit in the queue.
 */
const QUEUE_FACTOR = 2;
const QUEUE_MIN = 1024 * 1024;

interface Entry {
  pty: PtyLike;
  /** Read, not yet sent (the main thread holds this agent back, or has enough to parse). */
  queue: Array<Uint8Array | string>;
  queued: number;
  /** Sent, not yet parsed. */
  unacked: number;
  /** How much may be sent ahead of the main thread's parsing. */
  readAhead: number;
  /** The main thread's own flow control: send nothing for now. */
  held: boolean;
  paused: boolean;
  /** The program has exited and its output was read to the end: the exit follows the queue. */
  exit?: { exitCode: number; signal?: number };
  /** Nobody reads it any more: output is dropped, the entry goes with the program. */
  dropped: boolean;
}

const port = parentPort!;
// Its heap holds what passed through (each agent's output read ahead of the main thread).
startMemoryReducer();
const entries = new Map<number, Entry>();

// A native module that does not load is told to each spawn, in words, instead of a silent thread.
let spawnPty: SpawnPty | undefined;
let unavailable: string | undefined;
try {
  spawnPty = await createNodePtySpawner();
} catch (error) {
  unavailable = (error as Error).message;
}

const send = (message: FromThread) => port.postMessage(message);

/** Reads of one agent as one message; joined in a buffer of their own, which is moved, not copied. */
function sendData(id: number, reads: (Uint8Array | string)[], size: number): void {
  if (reads.length === 1 || reads.some((r) => typeof r === 'string')) {
    for (const data of reads) send({ t: 'data', id, data });
    return;
  }
  const data = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const r of reads as Uint8Array[]) {
    data.set(r, at);
    at += r.length;
  }
  port.postMessage({ t: 'data', id, data } satisfies FromThread, [data.buffer]);
}

/** Sends what the main thread may take now, pauses or resumes reading, and tells the exit last. */
function flow(id: number, e: Entry): void {
  if (e.dropped) {
    e.queue = [];
    e.queued = 0;
    if (e.exit) entries.delete(id);
    else if (e.paused) {
      e.paused = false;
      e.pty.resume();
    }
    return;
  }
  if (!e.held && e.queue.length > 0 && e.unacked < e.readAhead) {
    // What may go now goes in one message: the main thread wakes and copies once, not per read.
    let parts = 0;
    let size = 0;
    while (parts < e.queue.length && e.unacked + size < e.readAhead) size += e.queue[parts++]!.length;
    const taken = e.queue.splice(0, parts);
    e.queued -= size;
    e.unacked += size;
    sendData(id, taken, size);
  }
  if (e.exit && e.queue.length === 0) {
    entries.delete(id);
    send({ t: 'exit', id, ...e.exit });
    return;
  }
  const cap = Math.max(QUEUE_MIN, QUEUE_FACTOR * e.readAhead);
  const pause = e.queued >= cap || (e.paused && e.queued > cap / 4);
  if (pause === e.paused || e.exit) return;
  e.paused = pause;
  if (pause) e.pty.pause();
  else e.pty.resume();
}

async function spawn(id: number, options: Parameters<SpawnPty>[0]): Promise<void> {
  let pty: PtyLike;
  try {
    if (!spawnPty) throw new SpawnError(`The terminal module (node-pty) could not be loaded: ${unavailable}`, 'Reinstall squadtui (npm ci) so that node-pty is built for this Node version.');
    pty = await spawnPty(options);
  } catch (error) {
    send({ t: 'failed', id, error: { message: (error as Error).message, hint: error instanceof SpawnError ? error.hint : undefined } });
    return;
  }
  // Told before anything it writes (the listeners below send that), on the same port.
  send({ t: 'spawned', id, pid: pty.pid });
  const entry: Entry = { pty, queue: [], queued: 0, unacked: 0, readAhead: READ_AHEAD, held: false, paused: false, dropped: false };
  entries.set(id, entry);
  pty.onData((data) => {
    entry.queue.push(data);
    entry.queued += data.length;
    flow(id, entry);
  });
  pty.onExit((exit) => {
    // Output still buffered in the stream (if it was paused) flows once resumed, on the next
    // tick; the exit is told after all of it has been sent.
    pty.resume();
    setImmediate(() => {
      entry.exit = { exitCode: exit.exitCode, signal: exit.signal };
      flow(id, entry);
    });
  });
}

port.on('message', (m: ToThread) => {
  // The answer is sent before the next message is read (node-pty spawns synchronously), so an
  // 'abandon' for this spawn finds its entry.
  if (m.t === 'spawn') return void spawn(m.id, m.options);
  const e = entries.get(m.id);
  if (m.t === 'abandon') {
    // The main thread gave up waiting for this spawn (it comes after it): nobody would ever see
    // or end the program otherwise.
    if (e) signalSession(e.pty.pid, 'SIGKILL');
    entries.delete(m.id);
    return;
  }
  if (!e) return;
  try {
    switch (m.t) {
      case 'write':
        e.pty.write(m.data);
        break;
      case 'resize':
        e.pty.resize(m.cols, m.rows);
        break;
      case 'hold':
        e.held = m.on;
        flow(m.id, e);
        break;
      case 'readAhead':
        e.readAhead = m.bytes;
        flow(m.id, e);
        break;
      case 'ack':
        e.unacked -= m.bytes;
        flow(m.id, e);
        break;
      case 'drop':
        e.dropped = true;
        flow(m.id, e);
        break;
    }
  } catch {
    // The program is exiting and its pty closing; its exit message follows.
  }
});
