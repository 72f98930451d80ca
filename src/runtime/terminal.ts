// The outer terminal: full-screen set-up, and its restoration on every way out (quit, signal, crash).
import { writeSync } from 'node:fs';

/**
 * Saves the window title (xterm title stack), then: alternate screen, hidden cursor, bracketed
 * paste (so pastes reach agents as pastes).
 */
export const ENTER_SEQUENCE = '\x1b[22;0t\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?2004h';

/**
 * Everything an agent or squadtui could have left switched on, switched off: bracketed paste,
 * mouse modes, focus reports, application cursor/keypad, kitty keyboard flags, SGR; then the
 * cursor is shown, the main screen comes back, and so does the window title.
 */
export const RESTORE_SEQUENCE =
  '\x1b[?2004l' +
  '\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l' +
  '\x1b[?1004l' +
  '\x1b[?1l\x1b>' +
  '\x1b[<u' +
  '\x1b[0m' +
  '\x1b[?25h' +
  '\x1b[?1049l' +
  '\x1b[23;0t';

export interface TerminalControl {
  enter(): void;
  /** Hands the terminal to another program (an editor) and takes it back. */
  suspend(): void;
  resume(): void;
  /** Idempotent and synchronous, safe from 'exit' handlers and after errors. */
  restore(): void;
  readonly restored: boolean;
}

export function createTerminalControl(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): TerminalControl {
  let entered = false;
  let restored = false;
  const write = (data: string) => {
    try {
      writeSync((stdout as NodeJS.WriteStream & { fd: number }).fd, data);
    } catch {
      // The terminal is gone (SIGHUP); nothing left to restore on it.
    }
  };
  return {
    enter() {
      if (entered) return;
      entered = true;
      if (stdin.isTTY) stdin.setRawMode(true);
      write(ENTER_SEQUENCE);
    },
    suspend() {
      write(RESTORE_SEQUENCE);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
    },
    resume() {
      // Set again even where node believes it raw: a stopped job's shell sets its own mode.
      rawAgain(stdin);
      stdin.resume();
      write(ENTER_SEQUENCE);
    },
    restore() {
      if (!entered || restored) return;
      restored = true;
      write(RESTORE_SEQUENCE);
      try {
        if (stdin.isTTY) stdin.setRawMode(false);
      } catch {
        // stdin already closed.
      }
    },
    get restored() {
      return restored;
    },
  };
}

/**
 * Raw mode set again on a terminal that was put back in another mode behind node's back (a job
 * stopped and continued): node skips setRawMode(true) while it believes the terminal raw already.
 */
export function rawAgain(input: { readonly isTTY?: boolean; setRawMode(mode: boolean): unknown } | undefined): void {
  if (!input?.isTTY) return;
  input.setRawMode(false);
  input.setRawMode(true);
}
