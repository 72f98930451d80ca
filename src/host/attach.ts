// A window attached to a squad's host: this terminal in raw mode, keys to the host, the host's
// frame to the screen, resizes and the editor hand-off. Ends when the host lets the window go
// (detach, take-over, squad stopped) or goes away; the terminal is restored on every way out.
import { spawn } from 'node:child_process';
import { readlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { ENTER_SEQUENCE, RESTORE_SEQUENCE, rawAgain } from '../runtime/terminal.js';
import { HANDED_OVER, type Handoff } from './handoff.js';
import { type Frame, type Hello, type HostMessage, LineReader, PROTOCOL, WINDOW_ENV, type Welcome, dataFrame, messageFrame, readFrames } from './protocol.js';

export interface AttachOptions {
  readonly version: string;
  readonly takeOver: boolean;
  /** Shown in the squad once attached. */
  readonly notice?: string;
  /** Where `squadtui` brings the squad back if its host dies. */
  readonly dir: string;
  /** launcher.sh's offer of its terminal (see handoff.ts). */
  readonly handoff?: Handoff;
}

/** Sends the opening line and reads the host's; `rest` is what followed it. */
export async function open(socket: net.Socket, hello: Hello): Promise<{ welcome: Welcome; rest: Buffer }> {
  socket.write(`${JSON.stringify(hello)}\n`);
  const lines = new LineReader();
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      let got;
      try {
        got = lines.push(chunk);
      } catch (error) {
        return fail(error as Error);
      }
      if (!got) return;
      cleanup();
      try {
        resolve({ welcome: JSON.parse(got.line) as Welcome, rest: got.rest });
      } catch {
        reject(new Error('the host answered something that is not squadtui'));
      }
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => fail(new Error('the host closed the connection'));
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', fail);
    };
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', fail);
  });
}

/** What the window says when it ends. */
export interface Ending {
  readonly code: number;
  readonly message?: string;
}

/** `text` as one word of a shell command line. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function windowName(): string {
  const tty = process.env.SSH_TTY ?? (process.stdin.isTTY ? ttyName() : undefined);
  return `pid ${process.pid}${tty ? ` on ${tty}` : ''}`;
}

function ttyName(): string | undefined {
  try {
    return process.platform === 'linux' ? readlinkSync('/proc/self/fd/0') : undefined;
  } catch {
    return undefined;
  }
}

/** The window's opening line: its size, who it is, its own WINDOW_ENV, and the terminal it offers. */
function attachHello(o: AttachOptions): Hello {
  const env = Object.fromEntries(WINDOW_ENV.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])));
  const { stdout } = process;
  // Offered, the window is launcher.sh: it is the process that stays.
  const window = o.handoff ? `pid ${o.handoff.pid} on ${process.env.SSH_TTY ?? o.handoff.tty}` : windowName();
  return { squadtui: PROTOCOL, version: o.version, want: 'attach', cols: stdout.columns || 80, rows: stdout.rows || 24, window, takeOver: o.takeOver, notice: o.notice, env, handoff: o.handoff };
}

const hostGone = (dir: string) => `The squad's host went away: its agents ended with it. squadtui in ${dir} offers to bring the squad back.`;

/** The host took the terminal over: launcher.sh is told its pid, and what to do should it die. */
function handedOver(offer: Handoff, hostPid: number, o: AttachOptions): Ending {
  writeFileSync(path.join(offer.dir, 'restore'), RESTORE_SEQUENCE);
  writeFileSync(path.join(offer.dir, 'gone'), hostGone(o.dir));
  writeFileSync(path.join(offer.dir, 'host'), `${hostPid}\n`);
  return { code: HANDED_OVER };
}

/** Runs the attached window until it ends; resolves with what to say and the exit code. */
export async function attach(socket: net.Socket, o: AttachOptions): Promise<Ending> {
  const { stdin, stdout } = process;
  const { welcome, rest } = await open(socket, attachHello(o));
  if (!welcome.ok) {
    socket.destroy();
    // Commands that work from wherever this window was started: they name the squad's directory.
    const dir = shellWord(o.dir);
    if (welcome.why === 'busy') return { code: 1, message: `${welcome.message} Run squadtui attach ${dir} --take-over to move it here.` };
    if (welcome.why === 'protocol') {
      return { code: 1, message: `${welcome.message} Attach with squadtui ${welcome.version}, or stop that squad (squadtui stop ${dir}: its agents end) and start again.` };
    }
    return { code: 1, message: welcome.message };
  }
  if (welcome.handoff && o.handoff) {
    socket.destroy();
    return handedOver(o.handoff, welcome.handoff.pid, o);
  }
  return new Promise<Ending>((resolve) => {
    const screen = ownTerminal();
    let editing = false;
    let done = false;
    /** How the window ends once its editor has: it is never left running on this terminal. */
    let afterEditor: Ending | undefined;
    const end = (ending: Ending) => {
      if (editing) {
        afterEditor ??= ending;
        return;
      }
      if (done) return;
      done = true;
      stdin.off('data', onKeys);
      stdout.off('resize', onResize);
      stdin.pause();
      screen.restore();
      socket.destroy();
      resolve(ending);
    };
    const onKeys = (data: Buffer) => {
      if (!editing) socket.write(dataFrame(data));
    };
    const onResize = () => socket.write(messageFrame({ t: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24 }));
    const onFrame = (f: Frame) => {
      if (done) return;
      if (f.kind === 'data') {
        if (!editing) stdout.write(f.data);
        return;
      }
      const m = f.message as HostMessage;
      if (m.t === 'bye') return end({ code: 0, message: m.message });
      editing = true;
      runEditor(m.command, m.args, screen, (error) => {
        editing = false;
        if (afterEditor) return end(afterEditor);
        socket.write(messageFrame({ t: 'edited', error: error?.message }));
      });
    };
    screen.enter();
    stdin.on('data', onKeys);
    stdout.on('resize', onResize);
    socket.on('close', () => end({ code: 1, message: hostGone(o.dir) }));
    socket.on('error', () => undefined);
    // The terminal must come back whatever ends this window.
    process.once('SIGHUP', () => end({ code: 129 }));
    process.once('SIGINT', () => end({ code: 130 }));
    // Stopped (kill -STOP, a job-control stop) and continued: the shell took the terminal meanwhile.
    process.on('SIGCONT', () => {
      if (done || editing) return;
      screen.enter();
      socket.write(messageFrame({ t: 'redraw' }));
    });
    stdin.once('end', () => end({ code: 0 }));
    process.once('SIGTERM', () => end({ code: 143 }));
    process.once('exit', () => screen.restore());
    readFrames(socket, rest, onFrame, () => end({ code: 1, message: 'The host sent something that is not squadtui: the window closed.' }));
  });
}

interface OwnTerminal {
  /** Raw keys; the host draws the full-screen frame itself. */
  enter(): void;
  /** Cooked mode and the main screen back; only once, since a second "leave the alternate screen" would put the cursor back above what was said. */
  restore(): void;
}

function ownTerminal(): OwnTerminal {
  const { stdin } = process;
  let restored = true;
  return {
    enter() {
      restored = false;
      // Again after a stop: the shell set its own mode meanwhile.
      rawAgain(stdin);
      stdin.resume();
    },
    restore() {
      if (restored) return;
      restored = true;
      try {
        writeSync(1, RESTORE_SEQUENCE);
        if (stdin.isTTY) stdin.setRawMode(false);
      } catch {
        // The terminal is gone.
      }
    },
  };
}

/** The editor on this terminal; `back` once it has ended (or failed to start) and the frame can come back. */
function runEditor(command: string, args: readonly string[], screen: OwnTerminal, back: (error?: Error) => void): void {
  screen.restore();
  process.stdin.pause();
  const child = spawn(command, args, { stdio: 'inherit' });
  let reported = false;
  const done = (error?: Error) => {
    if (reported) return;
    reported = true;
    // Full screen again; the host then draws the frame anew.
    writeSync(1, ENTER_SEQUENCE);
    screen.enter();
    back(error);
  };
  child.once('error', done);
  child.once('exit', () => done());
}
