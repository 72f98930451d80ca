// The thread that owns the agents' pseudo-terminals. It reads their output while the main thread
// parses and draws, so reading and parsing overlap instead of taking turns: with one thread, a
// program writing fast waits on a full pty buffer for every piece the emulator parses.
// It speaks the messages declared in pty-worker.ts, which is the other side.
import { parentPort, workerData } from 'node:worker_threads';
import { type PtyLike, SpawnError, createNodePtySpawner } from './pty-host.js';
import type { FromThread, SpawnReply, ThreadData, ToThread } from './pty-worker.js';

/** Output sent but not yet parsed by the main thread beyond which a pty is paused, until the main thread says otherwise. */
const READ_AHEAD = 64 * 1024;

interface Entry {
  pty: PtyLike;
  unacked: number;
  /** Paused beyond this many unacknowledged bytes, resumed below a quarter of it. */
  readAhead: number;
  /** Paused because the main thread asked (its own flow control). */
  held: boolean;
  /** Paused because the main thread has not taken what was sent. */
  full: boolean;
  paused: boolean;
}

const port = parentPort!;
const { reply, flag } = workerData as ThreadData;
const signal = new Int32Array(flag);
const spawnPty = await createNodePtySpawner();
const entries = new Map<number, Entry>();

const send = (message: FromThread) => port.postMessage(message);

function answer(message: SpawnReply): void {
  reply.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function flow(e: Entry): void {
  e.full = e.unacked >= e.readAhead || (e.full && e.unacked > e.readAhead / 4);
  const pause = e.held || e.full;
  if (pause === e.paused) return;
  e.paused = pause;
  if (pause) e.pty.pause();
  else e.pty.resume();
}

port.on('message', (m: ToThread) => {
  if (m.t === 'spawn') {
    let pty: PtyLike;
    try {
      pty = spawnPty(m.options);
    } catch (error) {
      const e = error as Error;
      answer({ error: { message: e.message, hint: error instanceof SpawnError ? error.hint : undefined } });
      return;
    }
    const id = m.id;
    const entry: Entry = { pty, unacked: 0, readAhead: READ_AHEAD, held: false, full: false, paused: false };
    entries.set(id, entry);
    pty.onData((data) => {
      entry.unacked += data.length;
      send({ t: 'data', id, data });
      flow(entry);
    });
    pty.onExit((exit) => {
      entries.delete(id);
      send({ t: 'exit', id, exitCode: exit.exitCode, signal: exit.signal });
    });
    answer({ pid: pty.pid });
    return;
  }
  const e = entries.get(m.id);
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
        flow(e);
        break;
      case 'readAhead':
        e.readAhead = m.bytes;
        flow(e);
        break;
      case 'ack':
        e.unacked -= m.bytes;
        flow(e);
        break;
    }
  } catch {
    // The program is exiting and its pty closing; its exit message follows.
  }
});
