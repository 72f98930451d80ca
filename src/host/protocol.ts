// The window ↔ host protocol. A connection opens with one JSON line each way, whose shape never
// changes between versions (so a window and a host of different versions can always tell each
// other so); after an accepted attach, both sides send frames: a type byte, a 4-byte length, the
// payload. 'D' frames are terminal bytes (keys in, screen out), 'J' frames are JSON messages.
import * as z from '../core/util/zod.js';

/** Bumped on any change after the opening lines. */
export const PROTOCOL = 1;

/**
 * What each window brings of its own environment, as tmux's update-environment does: what agents
 * started from then on and the editor get (a new ssh session's agent socket, display, editor).
 */
export const WINDOW_ENV = ['DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'SSH_ASKPASS', 'SSH_CONNECTION', 'KRB5CCNAME', 'WINDOWID', 'EDITOR', 'VISUAL'] as const;

const size = () => z.number().check(z.int(), z.minimum(1), z.maximum(10000));
const hello = { squadtui: z.number(), version: z.string() };

/** The window's opening line (checked: anything may connect to the socket). */
export const Hello = z.discriminatedUnion('want', [
  z.object({
    ...hello,
    want: z.literal('attach'),
    cols: size(),
    rows: size(),
    takeOver: z.optional(z.boolean()),
    window: z.string(),
    notice: z.optional(z.string()),
    /** The window's own values of WINDOW_ENV (absent ones are unset in it). */
    env: z.optional(z.record(z.string(), z.string())),
    /**
     * The window's terminal, for the host to read and draw itself (launcher.sh stays as the window).
     * A host that cannot open it, or of a version before this field, relays through the socket.
     */
    handoff: z.optional(z.object({ tty: z.string(), dir: z.string(), pid: z.number() })),
  }),
  z.object({ ...hello, want: z.literal('status') }),
  z.object({ ...hello, want: z.literal('stop') }),
]);
export type Hello = z.infer<typeof Hello>;

/** The host's opening line. */
export type Welcome =
  | { readonly ok: true; readonly squadtui: number; readonly version: string; readonly status?: SquadStatus; readonly handoff?: { readonly pid: number } }
  | { readonly ok: false; readonly squadtui: number; readonly version: string; readonly why: 'protocol' | 'busy' | 'stopping'; readonly message: string };

/** What `squadtui ls` shows of a running squad. */
export interface SquadStatus {
  readonly dir: string;
  readonly pid: number;
  readonly version: string;
  readonly startedAt: number;
  readonly agents: readonly { readonly name: string; readonly state: string }[];
  /** Prompts waiting for the user. */
  readonly waiting: number;
  /** The window attached now, if any. */
  readonly window?: string;
}

/** JSON messages after the opening. */
export type HostMessage =
  /** The window must go: detached on request, taken over, or the squad stopped. */
  | { readonly t: 'bye'; readonly reason: 'detached' | 'taken-over' | 'stopped'; readonly message: string }
  /** Run the editor on the window's terminal. */
  | { readonly t: 'edit'; readonly command: string; readonly args: readonly string[] };
export type WindowMessage =
  | { readonly t: 'resize'; readonly cols: number; readonly rows: number }
  | { readonly t: 'edited'; readonly error?: string }
  /** The window's terminal lost its state (the window was stopped and continued): draw it all again. */
  | { readonly t: 'redraw' };

const HEADER = 5;
/** Far above any frame squadtui sends; a length past it means the stream is not this protocol. */
const MAX_FRAME = 64 * 1024 * 1024;

export function dataFrame(data: Buffer | string): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([header(0x44, payload.length), payload]);
}

export function messageFrame(message: HostMessage | WindowMessage): Buffer {
  const payload = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([header(0x4a, payload.length), payload]);
}

function header(type: number, length: number): Buffer {
  const h = Buffer.alloc(HEADER);
  h[0] = type;
  h.writeUInt32BE(length, 1);
  return h;
}

export type Frame = { readonly kind: 'data'; readonly data: Buffer } | { readonly kind: 'message'; readonly message: unknown };

/** Cuts a byte stream into frames, whatever the chunks. Throws on bytes that are not frames. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Frame[] = [];
    while (this.buffered.length >= HEADER) {
      const type = this.buffered[0];
      const length = this.buffered.readUInt32BE(1);
      if ((type !== 0x44 && type !== 0x4a) || length > MAX_FRAME) throw new Error('not a squadtui frame');
      if (this.buffered.length < HEADER + length) break;
      const payload = this.buffered.subarray(HEADER, HEADER + length);
      this.buffered = this.buffered.subarray(HEADER + length);
      frames.push(type === 0x44 ? { kind: 'data', data: Buffer.from(payload) } : { kind: 'message', message: JSON.parse(payload.toString('utf8')) as unknown });
    }
    return frames;
  }
}

/**
 * Hands `each` every frame the socket brings from now on, starting with `rest` (what came behind
 * the opening line); at bytes that are not frames, `bad` once and no more frames.
 */
export function readFrames(socket: { on(event: 'data', listener: (chunk: Buffer) => void): unknown }, rest: Buffer, each: (frame: Frame) => void, bad: () => void): void {
  const reader = new FrameReader();
  let broken = false;
  const onData = (chunk: Buffer) => {
    if (broken) return;
    let frames;
    try {
      frames = reader.push(chunk);
    } catch {
      broken = true;
      return bad();
    }
    for (const f of frames) each(f);
  };
  socket.on('data', onData);
  if (rest.length > 0) onData(rest);
}

/** Reads the opening line; `rest` is what came after it in the same chunk. */
export class LineReader {
  private buffered = '';
  push(chunk: Buffer): { line: string; rest: Buffer } | undefined {
    const text = chunk.toString('latin1');
    const nl = text.indexOf('\n');
    if (nl < 0) {
      this.buffered += text;
      if (this.buffered.length > 64 * 1024) throw new Error('opening line too long');
      return undefined;
    }
    const line = Buffer.from(this.buffered + text.slice(0, nl), 'latin1').toString('utf8');
    return { line, rest: chunk.subarray(nl + 1) };
  }
}
