// The host's end of the socket: one window at a time (never two writers), status and stop for
// `squadtui ls` and `squadtui stop`, and a clear answer to a window of another protocol version.
import { chmodSync, statSync } from 'node:fs';
import net from 'node:net';
import { Emitter } from '../core/util/index.js';
import type { Handoff } from './handoff.js';
import { Hello, type HostMessage, LineReader, PROTOCOL, type SquadStatus, type Welcome, type WindowMessage } from './protocol.js';
import { TtyLink } from './tty-link.js';
import { type WindowLink, socketLink } from './window-link.js';

/** A window that reads this much less than the squad draws is dropped (it can attach again). */
const MAX_BACKLOG = 16 * 1024 * 1024;

export interface WindowInfo {
  readonly cols: number;
  readonly rows: number;
  /** How the window describes itself ("pid 123 on /dev/pts/4"). */
  readonly name: string;
  /** Something the window wants shown once attached (options it could not apply). */
  readonly notice?: string;
  /** The window's values of WINDOW_ENV. */
  readonly env: Readonly<Record<string, string>>;
}

export type WindowEvent =
  | { readonly type: 'attach'; readonly window: WindowInfo }
  | { readonly type: 'input'; readonly data: Buffer }
  | { readonly type: 'message'; readonly message: WindowMessage }
  /** The window went (closed, killed, taken over, detached). */
  | { readonly type: 'gone' };

export interface HostServerOptions {
  readonly version: string;
  readonly status: () => SquadStatus;
  /** `squadtui stop`: the connection stays open until the host exits. */
  readonly onStop: () => void;
  readonly log: (text: string) => void;
}

interface AttachedWindow {
  readonly link: WindowLink;
  readonly info: WindowInfo;
  /** Output written this turn, sent as one frame at its end. */
  pending: Buffer[];
}

export class HostServer {
  readonly events = new Emitter<WindowEvent>();
  private window: AttachedWindow | undefined;
  private stopping = false;
  private server: net.Server | undefined;
  /** The socket file's inode: a file at the path with another is not this host's. */
  private inode = 0;

  private constructor(
    readonly socketPath: string,
    private readonly o: HostServerOptions,
  ) {}

  /** Listens on `socketPath` (which must not exist: the caller removed a stale one). */
  static async listen(socketPath: string, o: HostServerOptions): Promise<HostServer> {
    const host = new HostServer(socketPath, o);
    await host.open();
    return host;
  }

  /** Whether the socket file at the path is still the one this host listens on. */
  get reachable(): boolean {
    try {
      return statSync(this.socketPath).ino === this.inode;
    } catch {
      return false;
    }
  }

  /**
   * Listens again on the path, when its socket file was removed (the runtime directory deleted at
   * logout, a cleaner of /tmp): the attached window stays connected; new ones find the host again.
   */
  async listenAgain(): Promise<void> {
    this.server?.close();
    await this.open();
  }

  private async open(): Promise<void> {
    const server = net.createServer();
    server.on('connection', (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => resolve());
    });
    // The directory is already private; the socket says so too.
    chmodSync(this.socketPath, 0o600);
    this.inode = statSync(this.socketPath).ino;
    this.server = server;
  }

  get attached(): WindowInfo | undefined {
    return this.window?.info;
  }

  /**
   * Screen output for the attached window (dropped when none is attached). What is written in one
   * turn goes as one frame: Ink writes a frame in pieces, and each piece would cost the window a
   * wake-up and a write of its own.
   */
  write(data: string | Buffer): void {
    const w = this.window;
    if (!w) return;
    w.pending.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (w.pending.length === 1) queueMicrotask(() => this.flush(w));
  }

  /** A message for the attached window, after the output written before it; false when none is attached. */
  send(message: HostMessage): boolean {
    if (!this.window) return false;
    this.flush(this.window);
    this.window.link.send(message);
    return true;
  }

  /** Tells the window why it must go, and lets it go; settles once it has been told. */
  release(reason: 'detached' | 'stopped', message: string): Promise<void> {
    const w = this.window;
    if (!w) return Promise.resolve();
    this.flush(w);
    const told = w.link.close({ t: 'bye', reason, message });
    this.drop(w.link);
    return told;
  }

  /** The squad is stopping: new windows are turned away. */
  stop(): void {
    this.stopping = true;
  }

  close(): void {
    this.server?.close();
  }

  private flush(w: AttachedWindow): void {
    if (w.pending.length === 0 || this.window !== w) return;
    const data = w.pending.length === 1 ? w.pending[0]! : Buffer.concat(w.pending);
    w.pending = [];
    if (w.link.backlog > MAX_BACKLOG) {
      this.o.log(`window ${w.info.name} reads too slowly: dropped (it can attach again)`);
      this.drop(w.link);
      return;
    }
    w.link.write(data);
  }

  private drop(link: WindowLink): void {
    if (this.window?.link !== link) return;
    this.window = undefined;
    void link.close();
    this.events.emit({ type: 'gone' });
  }

  private accept(socket: net.Socket): void {
    const lines = new LineReader();
    const onData = (chunk: Buffer) => {
      let opening;
      try {
        opening = lines.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      if (!opening) return;
      socket.off('data', onData);
      this.greet(socket, opening.line, opening.rest);
    };
    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
  }

  private reply(socket: net.Socket, welcome: Welcome, end = false): void {
    const line = `${JSON.stringify(welcome)}\n`;
    if (end) socket.end(line);
    else socket.write(line);
  }

  private greet(socket: net.Socket, line: string, rest: Buffer): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      socket.destroy();
      return;
    }
    const me = { squadtui: PROTOCOL, version: this.o.version };
    const theirs = raw as { squadtui?: unknown; version?: unknown; want?: unknown } | null;
    // The opening lines never change: `squadtui ls` and `squadtui stop` of any version work.
    if (theirs?.want === 'status') return this.reply(socket, { ok: true, ...me, status: this.o.status() }, true);
    if (theirs?.want === 'stop') {
      this.reply(socket, { ok: true, ...me });
      this.o.onStop();
      return;
    }
    if (theirs?.squadtui !== PROTOCOL) {
      const message = `This squad's host is squadtui ${this.o.version} (protocol ${PROTOCOL}); this window is squadtui ${String(theirs?.version)} (protocol ${String(theirs?.squadtui)}).`;
      this.o.log(`refused a window of another version: ${message}`);
      return this.reply(socket, { ok: false, ...me, why: 'protocol', message }, true);
    }
    const parsed = Hello.safeParse(raw);
    if (!parsed.success) {
      socket.destroy();
      return;
    }
    const hello = parsed.data;
    if (hello.want !== 'attach') return;
    if (this.stopping) return this.reply(socket, { ok: false, ...me, why: 'stopping', message: 'This squad is stopping.' }, true);
    const info: WindowInfo = { cols: hello.cols, rows: hello.rows, name: hello.window, notice: hello.notice, env: hello.env ?? {} };
    const current = this.window;
    if (current && !hello.takeOver) {
      const message = `This squad is open in another window (${current.info.name}).`;
      return this.reply(socket, { ok: false, ...me, why: 'busy', message }, true);
    }
    if (current) {
      this.o.log(`window ${info.name} took over from ${current.info.name}`);
      void current.link.close({ t: 'bye', reason: 'taken-over', message: `Another window took this squad over (${info.name}).` });
      this.drop(current.link);
    }
    const terminal = hello.handoff ? this.takeTerminal(hello.handoff) : undefined;
    // Handed over, the connection has done its work: launcher.sh is the window from now on.
    this.reply(socket, { ok: true, ...me, ...(terminal ? { handoff: { pid: process.pid } } : {}) }, terminal !== undefined);
    const link = terminal ?? socketLink(socket, rest);
    this.window = { link, info, pending: [] };
    this.o.log(`window ${info.name} attached at ${info.cols}x${info.rows}${terminal ? ', its terminal handed over' : ''}`);
    this.events.emit({ type: 'attach', window: info });
    link.listen(
      (f) => {
        if (this.window?.link !== link) return;
        if (f.kind === 'data') this.events.emit({ type: 'input', data: f.data });
        else this.events.emit({ type: 'message', message: f.message as WindowMessage });
      },
      () => {
        if (this.window?.link === link) this.o.log(`window ${info.name} went`);
        this.drop(link);
      },
    );
  }

  /** The window's own terminal, where launcher.sh offers it and it can be opened; else the socket relays. */
  private takeTerminal(offer: Handoff): TtyLink | undefined {
    try {
      return TtyLink.open(offer);
    } catch (error) {
      this.o.log(`could not take the window's terminal ${offer.tty} over (${(error as Error).message}): relaying through its socket`);
      return undefined;
    }
  }
}
