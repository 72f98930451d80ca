// The host's side of the window: a screen Ink draws to (a TTY as far as Ink can tell, whose size
// is the attached window's) and the terminal set-up written to whichever window is attached.
import { Writable } from 'node:stream';
import { ENTER_SEQUENCE, RESTORE_SEQUENCE, type TerminalControl } from '../runtime/terminal.js';

export class WindowScreen extends Writable {
  readonly isTTY = true;

  constructor(
    private readonly sink: (data: Buffer) => void,
    public columns: number,
    public rows: number,
  ) {
    super({ decodeStrings: true });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.sink(chunk);
    done();
  }

  /** Writes held by cork() go out as one (the painter's rows and cursor: one read for the terminal). */
  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    this.sink(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)));
    done();
  }

  /** A window of another size attached, or the window was resized. */
  resize(cols: number, rows: number, announce = true): void {
    if (cols === this.columns && rows === this.rows) return;
    this.columns = cols;
    this.rows = rows;
    if (announce) this.emit('resize');
  }

  /** As Ink and the runtime expect their stdout to be. */
  asStdout(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

/** Full-screen set-up for each window as it attaches, restoration as it leaves; raw mode is the window's own. */
export function windowTerminal(write: (data: string) => void): TerminalControl {
  let restored = false;
  return {
    enter() {
      restored = false;
      write(ENTER_SEQUENCE);
    },
    // The editor runs in the window's own terminal (see remote-editor.ts), which hands it over.
    suspend() {},
    resume() {},
    restore() {
      if (restored) return;
      restored = true;
      write(RESTORE_SEQUENCE);
    },
    get restored() {
      return restored;
    },
  };
}
