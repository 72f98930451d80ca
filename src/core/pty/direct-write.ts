// A program's input written to its terminal from the thread that owns it. node-pty writes through
// libuv's thread pool (fs.write), so a key wakes a pool thread before it wakes the program, and on
// a loaded machine each wake-up may wait milliseconds for a core. A pty takes a write at once
// unless its buffer is full, so input is written here; what it cannot take now waits in order and
// is tried again: on the next turn while the program reads, then less and less often (up to every
// 10 ms) while it does not. node-pty tries on every turn, a core busy behind a paste into a program
// that is not reading.
import { writeSync } from 'node:fs';

/** Tries on the next turns before waiting between them; the longest wait. */
const STUCK_TURNS = 8;
const MAX_WAIT_MS = 10;

/** The parts of node-pty's UnixTerminal this relies on: its descriptor, and the socket that closes it. */
interface TerminalInternals {
  readonly fd: number;
  readonly _socket: { readonly destroyed: boolean };
}

function internals(pty: object): TerminalInternals | undefined {
  const t = pty as Partial<TerminalInternals>;
  return typeof t.fd === 'number' && typeof t._socket?.destroyed === 'boolean' ? (t as TerminalInternals) : undefined;
}

/** A write function for `pty`; node-pty's own (`fallback`) where its terminal is not one this knows (Windows). */
export function directWriter(pty: object, fallback: (data: string) => void): (data: string) => void {
  const t = internals(pty);
  if (!t) return fallback;
  const queue: Buffer[] = [];
  let retry: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** Tries in a row that wrote nothing. */
  let stuck = 0;
  const tryAgain = (wrote: boolean) => {
    stuck = wrote ? 0 : stuck + 1;
    retry = stuck < STUCK_TURNS ? setImmediate(flush) : setTimeout(flush, Math.min(MAX_WAIT_MS, stuck - STUCK_TURNS + 1));
  };
  /** Writes what the terminal takes of the queue now, and tries the rest again later. */
  const flush = (): void => {
    retry = undefined;
    let wrote = false;
    while (queue.length > 0) {
      // The socket owns the descriptor: once it is closed the number may be another terminal's.
      if (t._socket.destroyed) return void (queue.length = 0);
      const head = queue[0]!;
      let written: number;
      try {
        written = writeSync(t.fd, head);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') written = 0;
        // The program is gone (EIO): its input goes nowhere, as with node-pty.
        else return void (queue.length = 0);
      }
      wrote ||= written > 0;
      if (written < head.length) {
        queue[0] = head.subarray(written);
        tryAgain(wrote);
        return;
      }
      queue.shift();
    }
  };
  return (data) => {
    if (data.length === 0) return;
    queue.push(Buffer.from(data, 'utf8'));
    if (!retry) flush();
  };
}
