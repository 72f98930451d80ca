// HookServer: receives Claude Code hook events forwarded by src/claude-hook.ts over a Unix socket in a
// private directory, and tells which agent sent each one from its per-agent token.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Emitter } from '../../util/index.js';
import { CallMessageSchema, HookMessageSchema, HookPayloadSchema, type HookEvent, describeIssues } from './events.js';
import { asClaudeEvent } from '../gemini-hooks.js';
import { PrivateDirError, makePrivateDir } from './private-dir.js';
import { type CallAnswer, type HookAck, HOOK_SOCKET_ENV, HOOK_TOKEN_ENV, MAX_MESSAGE_BYTES } from './protocol.js';
import { RefusalThrottle } from './refusal-throttle.js';

export interface HookServerOptions {
  /** Where the private directory is made; defaults to os.tmpdir(). */
  readonly baseDir?: string;
  /** A connection that has not sent its whole message by then is dropped. */
  readonly idleTimeoutMs?: number;
  /** Connections served at once; more are closed at once (each hook command sends one message). */
  readonly maxConnections?: number;
  /** Refusals of one kind are reported one by one at most once per window, the rest counted. */
  readonly refusalWindowMs?: number;
  readonly now?: () => number;
}

export interface HookRegistration {
  readonly agentId: string;
  readonly token: string;
  /** Add to the agent's environment: how its hook commands find squadtui and prove who they are. */
  readonly env: Readonly<Record<string, string>>;
  /** A path inside the private directory for this agent's --settings file (see settings.ts). */
  readonly settingsFile: string;
  /** A path inside the private directory for this agent's --mcp-config file (see mcp-config.ts). */
  readonly mcpConfigFile: string;
}

/** A tool call from an agent's MCP server, the agent known from its token. */
export interface AgentCall {
  readonly agentId: string;
  readonly tool: string;
  readonly input: unknown;
}

export type CallHandler = (call: AgentCall) => CallAnswer | Promise<CallAnswer>;

/** A message or connection that was not accepted, for the log (the sender only gets `{"ok":false}`). */
export interface HookRefusal {
  readonly reason: string;
  /** Known when the token was valid but the event was not. */
  readonly agentId?: string;
  /**
   * A summary: this many more of this kind (the latest was `reason`) were refused within `withinMs`
   * and not reported one by one.
   */
  readonly more?: number;
  readonly withinMs?: number;
}

/** One log line for a refusal. */
export function describeRefusal(r: HookRefusal): string {
  if (r.more !== undefined) {
    const ms = r.withinMs ?? 0;
    const within = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
    return `hook events refused: ${r.more} more within ${within}, not logged one by one (the latest: ${r.reason})`;
  }
  return `hook event refused${r.agentId ? ` from ${r.agentId}` : ''}: ${r.reason}`;
}

export class HookServerError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'HookServerError';
  }
}

const SOCKET_NAME = 'hook.sock';
const IDLE_TIMEOUT_MS = 5_000;
/** Agents' hook commands are short-lived and one per event: a few agents never come near this. */
const MAX_CONNECTIONS = 32;
const REFUSAL_WINDOW_MS = 10_000;

export class HookServer {
  private readonly tokens = new Map<string, string>();
  private readonly agents = new Map<string, string>();
  private readonly sockets = new Set<net.Socket>();
  private readonly events = new Emitter<HookEvent>();
  private readonly refusals = new Emitter<HookRefusal>();
  private readonly throttle: RefusalThrottle<HookRefusal>;
  private readonly idleTimeoutMs: number;
  private readonly maxConnections: number;
  private readonly now: () => number;
  private nextSettings = 1;
  private callHandler: CallHandler | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly socketPath: string,
    private readonly server: net.Server,
    options: HookServerOptions,
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
    this.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
    this.now = options.now ?? Date.now;
    const withinMs = options.refusalWindowMs ?? REFUSAL_WINDOW_MS;
    this.throttle = new RefusalThrottle(withinMs, (r, more) => this.refusals.emit(more === undefined ? r : { reason: r.reason, more, withinMs }));
    server.on('connection', (socket) => this.handle(socket));
  }

  /** Connections being served now. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Makes the private directory (mode 0700, see private-dir.ts) and listens on a socket inside it. */
  static async start(options: HookServerOptions = {}): Promise<HookServer> {
    let dir: string;
    try {
      dir = makePrivateDir(options.baseDir ?? os.tmpdir(), SOCKET_NAME);
    } catch (error) {
      if (error instanceof PrivateDirError) throw new HookServerError(error.message, error.hint);
      throw error;
    }
    const socketPath = path.join(dir, SOCKET_NAME);
    const server = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(socketPath, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw new HookServerError(
        `Could not listen for Claude Code hook events on ${socketPath}: ${(error as Error).message}`,
        'Agents still run; their state is read from their screens only. Check that the temp directory (TMPDIR) is writable.',
      );
    }
    // A listener after start: a failing socket must not take squadtui down.
    server.on('error', () => undefined);
    return new HookServer(dir, socketPath, server, options);
  }

  /** Issues a fresh token for `agentId`; a token issued before for the same agent stops working. */
  register(agentId: string): HookRegistration {
    this.revoke(agentId);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, agentId);
    this.agents.set(agentId, token);
    const n = this.nextSettings++;
    return {
      agentId,
      token,
      env: { [HOOK_SOCKET_ENV]: this.socketPath, [HOOK_TOKEN_ENV]: token },
      // Numbered, not named after the agent: ids may hold characters a file name can't.
      settingsFile: path.join(this.dir, `agent-${n}.settings.json`),
      mcpConfigFile: path.join(this.dir, `agent-${n}.mcp.json`),
    };
  }

  /** Refuses the agent's events from now on (it was removed, or restarts with a new token). */
  revoke(agentId: string): void {
    const token = this.agents.get(agentId);
    if (token === undefined) return;
    this.agents.delete(agentId);
    this.tokens.delete(token);
  }

  /** Called synchronously, before the hook command gets its answer and lets Claude go on. */
  onEvent(listener: (event: HookEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Who answers agents' tool calls (one handler; without one, calls are refused). */
  onCall(handler: CallHandler): void {
    this.callHandler = handler;
  }

  onRefused(listener: (refusal: HookRefusal) => void): () => void {
    return this.refusals.on(listener);
  }

  /** Stops listening and removes the private directory (socket and settings files with it). */
  async close(): Promise<void> {
    if (this.closed) return;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.closeSync();
    await stopped;
  }

  /** The same for exit paths, where nothing asynchronous can run any more. */
  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    this.throttle.flush();
    if (this.server.listening) this.server.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.tokens.clear();
    this.agents.clear();
    this.events.clear();
    this.refusals.clear();
    this.callHandler = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private handle(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    // The hook command may give up (its budget is short) and go away at any moment.
    socket.on('error', () => undefined);
    if (this.sockets.size >= this.maxConnections) {
      // A runaway sender must not hold every descriptor; the hook command takes silence as "go on".
      this.refuse({ reason: `too many connections (${this.maxConnections} open)` });
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    let answered = false;
    socket.setTimeout(this.idleTimeoutMs, () => {
      if (!answered) this.refuse({ reason: `slow sender dropped (no whole message within ${this.idleTimeoutMs} ms)` });
      socket.destroy();
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const answer = (ack: HookAck | CallAnswer) => {
      answered = true;
      socket.end(`${JSON.stringify(ack)}\n`);
    };
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      const newline = chunk.indexOf(0x0a);
      const part = newline === -1 ? chunk : chunk.subarray(0, newline);
      size += part.length;
      if (size > MAX_MESSAGE_BYTES) {
        this.refuse({ reason: 'message too large' });
        answer({ ok: false, error: 'message too large' });
        // Stop reading a sender that keeps going: its data would only be thrown away.
        socket.pause();
        socket.once('finish', () => socket.destroy());
        return;
      }
      chunks.push(part);
      if (newline === -1) return;
      const reply = this.accept(Buffer.concat(chunks, size).toString('utf8'));
      // Events are answered at once (their subscribers ran synchronously); calls when they are done.
      if (reply instanceof Promise) void reply.then(answer);
      else answer(reply);
    });
  }

  /** Reported through the throttle, by kind: the reason without its details in brackets. */
  private refuse(refusal: HookRefusal): void {
    this.throttle.push(refusal.reason.replace(/ \(.*$/s, ''), refusal);
  }

  private accept(line: string): HookAck | CallAnswer | Promise<CallAnswer> {
    const refuse = (reason: string, agentId?: string): HookAck => {
      this.refuse(agentId === undefined ? { reason } : { reason, agentId });
      return { ok: false, error: reason };
    };
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return refuse('not JSON');
    }
    if (json !== null && typeof json === 'object' && 'call' in json) return this.acceptCall(json, refuse);
    const message = HookMessageSchema.safeParse(json);
    if (!message.success) return refuse(`bad message (${describeIssues(message.error)})`);
    const agentId = this.tokens.get(message.data.token);
    if (agentId === undefined) return refuse('unknown token');
    // Gemini CLI's events come as the Claude events they match.
    const payload = HookPayloadSchema.safeParse(asClaudeEvent(message.data.event));
    if (!payload.success) return refuse(`bad event (${describeIssues(payload.error)})`, agentId);
    // The cast only restates what the discriminated union guarantees: event names its payload.
    this.events.emit({ agentId, event: payload.data.hook_event_name, payload: payload.data, at: this.now() } as HookEvent);
    return { ok: true };
  }

  private acceptCall(json: object, refuse: (reason: string, agentId?: string) => HookAck): HookAck | Promise<CallAnswer> {
    const message = CallMessageSchema.safeParse(json);
    if (!message.success) return refuse(`bad call (${describeIssues(message.error)})`);
    const agentId = this.tokens.get(message.data.token);
    if (agentId === undefined) return refuse('unknown token');
    const handler = this.callHandler;
    if (!handler) return { ok: false, error: 'This squadtui does not take tool calls.' };
    const { tool, input } = message.data.call;
    return (async (): Promise<CallAnswer> => {
      try {
        return await handler({ agentId, tool, input });
      } catch (error) {
        return { ok: false, error: `squadtui could not do ${tool}: ${error instanceof Error ? error.message : String(error)}` };
      }
    })();
  }
}
