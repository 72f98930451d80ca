// The window's terminal, handed over by launcher.sh: the host reads its keys and draws on it
// itself, as a tmux server does with its clients' terminals, and launcher.sh stays as the
// terminal's foreground job. They talk through two pipes in launcher.sh's private folder:
// `events` (launcher.sh → host: ready, winch, stop, cont, end N, edited N; end of file: it is gone) and
// `replies` (host → launcher.sh: edit WORDS, exit CODE MESSAGE; end of file: the host is gone).
import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tty from 'node:tty';
import { ENTER_SEQUENCE, RESTORE_SEQUENCE, rawAgain } from '../runtime/terminal.js';
import { type Handoff, removeLauncherFolder } from './handoff.js';
import type { Frame, HostMessage } from './protocol.js';
import type { ByeMessage, WindowLink } from './window-link.js';

/** How long the end waits for the terminal to take what was drawn before it (a stalled ssh link). */
const DRAIN_MS = 1000;
const CUT = "The window could not keep up with the squad's output: squadtui attach shows it again.";

/**
 * A tty stream on `fd`. libuv opens the terminal again for a file description of its own and puts
 * that on `fd` too; the stream closes only its own, so `fd` is closed here where it was replaced.
 */
function ttyStream<T extends tty.ReadStream | tty.WriteStream>(fd: number, make: (fd: number) => T): T {
  const stream = make(fd);
  const own = (stream as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (own !== undefined && own >= 0 && own !== fd) closeSync(fd);
  return stream;
}

/** `words` as one shell command line, each word quoted (launcher.sh evals it). */
const shellLine = (words: readonly string[]) => words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');

export class TtyLink implements WindowLink {
  private input: tty.ReadStream | undefined;
  private readonly output: tty.WriteStream;
  private readonly events: net.Socket;
  private replies: number | undefined;
  /** launcher.sh has opened `replies` (its node has exited): what the host writes there reaches it. */
  private ready = false;
  private listening = false;
  private ended = false;
  private left = false;
  /** launcher.sh was stopped (SIGTSTP): the terminal is the shell's until it is continued. */
  private stopped = false;
  /** The editor launcher.sh runs, by its program's name. */
  private editing: string | undefined;
  private buffered = '';
  private each: (frame: Frame) => void = () => undefined;
  private gone: () => void = () => undefined;

  private constructor(
    private readonly ttyPath: string,
    private readonly dir: string,
    output: number,
    events: number,
    replies: number,
  ) {
    this.output = ttyStream(output, (fd) => new tty.WriteStream(fd));
    this.output.on('error', () => this.terminalGone());
    this.events = new net.Socket({ fd: events, readable: true, writable: false });
    this.events.on('data', (chunk: Buffer) => this.onEvents(chunk));
    this.events.on('end', () => this.windowGone());
    this.events.on('error', () => this.windowGone());
    this.replies = replies;
  }

  /** Opens the offered terminal and pipes; throws (nothing left open) where they are not what they should be. */
  static open(offer: Handoff): TtyLink {
    const opened: number[] = [];
    const open = (file: string, flags: number) => {
      const fd = openSync(file, flags);
      opened.push(fd);
      return fd;
    };
    try {
      const output = open(offer.tty, constants.O_WRONLY | constants.O_NOCTTY);
      if (!tty.isatty(output)) throw new Error(`${offer.tty} is not a terminal`);
      // launcher.sh holds `events` open for writing: its end of file is launcher.sh's end.
      const events = open(path.join(offer.dir, 'events'), constants.O_RDONLY | constants.O_NONBLOCK);
      // Read and write: the open never waits for launcher.sh, and its end of file is this host's end.
      const replies = open(path.join(offer.dir, 'replies'), constants.O_RDWR);
      if (!fstatSync(events).isFIFO() || !fstatSync(replies).isFIFO()) throw new Error(`${offer.dir} does not hold launcher.sh's pipes`);
      return new TtyLink(offer.tty, offer.dir, output, events, replies);
    } catch (error) {
      for (const fd of opened) closeSync(fd);
      throw error;
    }
  }

  get backlog(): number {
    return this.output.writableLength;
  }

  listen(each: (frame: Frame) => void, gone: () => void): void {
    this.each = each;
    this.gone = gone;
    this.listening = true;
    if (this.ready) this.startInput();
  }

  write(data: Buffer): void {
    if (!this.ended && !this.stopped && this.editing === undefined) this.output.write(data);
  }

  send(message: HostMessage): void {
    if (this.ended) return;
    if (message.t === 'bye') return void this.close(message);
    const words = [message.command, ...message.args];
    if (words.some((w) => w.includes('\n'))) {
      queueMicrotask(() => this.each({ kind: 'message', message: { t: 'edited', error: 'a line break in the editor command or the file name' } }));
      return;
    }
    this.stopInput();
    this.editing = path.basename(message.command);
    this.output.write(RESTORE_SEQUENCE, () => this.tell(`edit ${shellLine(words)}`));
  }

  close(bye?: ByeMessage): Promise<void> {
    if (this.ended) return Promise.resolve();
    return this.end(bye ? 0 : 1, bye?.message ?? CUT);
  }

  /** Tells launcher.sh to put the terminal back and exit, once what was drawn has reached the terminal. */
  private end(code: number, message: string): Promise<void> {
    this.ended = true;
    this.stopInput();
    const tell = () => {
      this.tell(`exit ${code} ${message.replace(/\s+/g, ' ')}`);
      if (this.ready) this.closeReplies();
    };
    if (this.output.writableLength === 0) {
      tell();
      this.output.destroy();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        // Anything still queued would be written over the shell after launcher.sh has gone.
        this.output.destroy();
        tell();
        resolve();
      };
      const timer = setTimeout(done, DRAIN_MS);
      // Its callback comes once everything before it has been written (an SGR reset: harmless).
      this.output.write('\x1b[0m', done);
    });
  }

  private startInput(): void {
    const input = ttyStream(openSync(this.ttyPath, constants.O_RDONLY | constants.O_NOCTTY), (fd) => new tty.ReadStream(fd));
    input.setRawMode(true);
    input.on('data', (data: Buffer) => this.each({ kind: 'data', data }));
    input.on('end', () => this.terminalGone());
    input.on('error', () => this.terminalGone());
    this.input = input;
  }

  /**
   * The terminal no longer read (closed: a paused stream still reads ahead), and in cooked mode
   * again unless `cooked` is false: the shell has the terminal back and set its own mode.
   */
  private stopInput(cooked = true): void {
    const input = this.input;
    if (!input) return;
    this.input = undefined;
    try {
      if (cooked) input.setRawMode(false);
    } catch {
      // The terminal is gone.
    }
    input.destroy();
  }

  private onEvents(chunk: Buffer): void {
    this.buffered += chunk.toString('utf8');
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      const [word, arg] = this.buffered.slice(0, nl).split(' ');
      this.buffered = this.buffered.slice(nl + 1);
      this.onEvent(word ?? '', Number(arg));
    }
  }

  private onEvent(word: string, arg: number): void {
    if (word === 'ready') {
      this.ready = true;
      if (this.ended) this.closeReplies();
      // Not before: node, as it exits, puts its terminal back as it found it (cooked), raw mode and all.
      else if (this.listening) this.startInput();
      return;
    }
    if (this.ended) return;
    if (word === 'winch') {
      const { cols, rows } = this.size();
      this.each({ kind: 'message', message: { t: 'resize', cols, rows } });
    } else if (word === 'stop' && this.editing === undefined) {
      // launcher.sh is stopping (SIGTSTP): the shell gets the terminal, in its own screen and mode.
      this.stopInput();
      this.stopped = true;
      this.output.write(RESTORE_SEQUENCE);
    } else if (word === 'cont' && this.editing === undefined) {
      // Continued: the shell may have had the terminal meanwhile, and set its own mode.
      if (this.stopped) this.startInput();
      else rawAgain(this.input);
      this.stopped = false;
      this.each({ kind: 'message', message: { t: 'redraw' } });
    } else if (word === 'end') {
      // A signal asked launcher.sh to end the window (the squad keeps running).
      void this.end(arg, '');
      this.leave();
    } else if (word === 'edited') {
      this.edited(arg);
    }
  }

  /**
   * The terminal's size now. getWindowSize() answers what the stream last read, which node reads
   * again only on its own SIGWINCH (never sent here: the terminal is not this process's).
   */
  private size(): { cols: number; rows: number } {
    (this.output as unknown as { _refreshSize?(): void })._refreshSize?.();
    return { cols: this.output.columns || 80, rows: this.output.rows || 24 };
  }

  private edited(status: number): void {
    const program = this.editing;
    if (program === undefined) return;
    this.editing = undefined;
    this.output.write(ENTER_SEQUENCE);
    this.startInput();
    // The shell's own codes for a program it could not find or run.
    const error = status === 127 ? `${program}: command not found` : status === 126 ? `${program}: cannot be run` : undefined;
    this.each({ kind: 'message', message: error ? { t: 'edited', error } : { t: 'edited' } });
  }

  /** launcher.sh ended (killed, or it exited): nothing to tell it. */
  private windowGone(): void {
    const killed = !this.ended;
    this.ended = true;
    // Killed (an ended window's input was stopped already): its shell's line editor has the
    // terminal by now, in a mode of its own.
    this.stopInput(false);
    // Nor could it put the screen back: the main screen and the cursor at least (not the mode).
    // Closed once written: ending a tty stream does not close it.
    if (killed) this.output.write(RESTORE_SEQUENCE, () => this.output.destroy());
    else this.output.destroy();
    this.events.destroy();
    this.closeReplies();
    removeLauncherFolder(this.dir);
    this.leave();
  }

  /** The terminal closed (its reads and writes fail): launcher.sh has had its SIGHUP. */
  private terminalGone(): void {
    if (!this.ended) {
      this.ended = true;
      this.stopInput();
      this.output.destroy();
      this.tell('exit 129 ');
    }
    this.leave();
  }

  private leave(): void {
    if (this.left) return;
    this.left = true;
    this.gone();
  }

  private tell(line: string): void {
    if (this.replies === undefined) return;
    try {
      writeSync(this.replies, `${line}\n`);
    } catch {
      // launcher.sh is gone.
    }
  }

  private closeReplies(): void {
    if (this.replies === undefined) return;
    closeSync(this.replies);
    this.replies = undefined;
  }
}
