// LocalSessionHost: the agents' sessions in this process, each a pty feeding a headless screen
// (see session.ts for one agent, output-pipeline.ts and frame-pacer.ts for its flow and frames).
// This file holds their lifecycle (spawn, restart, kill, remove, shutdown) and the map of them.
import { setTimeout as sleep } from 'node:timers/promises';
import { Emitter } from '../util/index.js';
import { type PtyLike, type SpawnPty, SpawnError, endSessionsSync, sessionMembers, signalSession } from '../pty/index.js';
import { Screen, type ScreenModes, type ScreenSnapshot } from '../terminal/index.js';
import type { AgentSpec, Frame, Launch, ScrollRequest, SessionEvent, SessionHost, SessionInfo, SessionStatus } from './host.js';
import { agentEnv } from './agent-env.js';
import { ENTER_GAP_MS, Session, type SessionContext, restartRule } from './session.js';
import { HiddenTurns } from './hidden-turns.js';

// The port's values, also from here: code written against the single sessions module of before
// (and branches still being written) names them by this file.
export type { AgentSpec, Frame, Launch, ScrollRequest, SessionEvent, SessionHost, SessionInfo, SessionStatus } from './host.js';

export interface HostOptions {
  spawnPty: SpawnPty;
  cols: number;
  rows: number;
  scrollback?: number;
  /** Base environment for agents (defaults to process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Minimum time between frames of a streaming agent; a frame after a keystroke is never held back. */
  frameIntervalMs?: number;
  now?: () => number;
  /** Parse through the emulator's queue instead of synchronously (see Screen.parseNow). */
  queuedParse?: boolean;
}

export class LocalSessionHost implements SessionHost {
  private readonly sessions = new Map<string, Session>();
  private readonly events = new Emitter<SessionEvent>();
  private readonly frames = new Emitter<Frame>();
  private cols: number;
  private rows: number;
  private nextId = 1;
  private watchedId: string | undefined;
  /** Shutting down: nothing new starts. */
  private closing = false;
  private readonly context: SessionContext;

  constructor(private readonly options: HostOptions) {
    this.cols = options.cols;
    this.rows = options.rows;
    this.context = { events: this.events, frames: this.frames, now: options.now ?? (() => performance.now()), frameIntervalMs: options.frameIntervalMs, hidden: new HiddenTurns() };
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  get(id: string): SessionInfo | undefined {
    return this.sessions.get(id)?.info;
  }

  spawn(spec: AgentSpec, launch: Launch = {}): SessionInfo {
    const id = launch.id ?? this.newId();
    if (this.closing) return { id, spec, status: 'failed', startedAt: Date.now(), error: { message: 'squadtui is quitting.', hint: '' } };
    if (this.sessions.has(id)) throw new Error(`An agent with id ${id} exists already`);
    const screen = this.newScreen();
    const session = new Session({ id, spec, status: 'starting', startedAt: Date.now() }, screen, launch, this.context);
    session.output.watch(id === this.watchedId);
    this.sessions.set(id, session);
    this.start(session);
    return session.info;
  }

  restart(id: string, launch?: Launch): SessionInfo {
    const s = this.require(id);
    if (s.info.status === 'running' || s.info.status === 'starting' || this.closing) return s.info;
    if (launch) s.launch = { ...s.launch, ...launch, env: { ...s.launch.env, ...launch.env } };
    s.detach();
    // The old output stays in the scrollback above one rule (as tmux's respawn keeps it); the new
    // run starts on a clean screen, modes reset.
    const rule = restartRule(s.screen, this.rows, `── restarted ${new Date().toLocaleTimeString()} ──`);
    if (!s.screen.parseNow(rule)) void s.screen.write(rule).then(() => {
      if (this.sessions.get(id) === s) s.bumpFrame();
    });
    s.info = { id, spec: s.info.spec, status: 'starting', startedAt: Date.now() };
    s.setInfo({});
    s.bumpFrame();
    this.start(s);
    return s.info;
  }

  kill(id: string): void {
    const s = this.sessions.get(id);
    if (s?.info.status === 'starting') s.killWhenStarted = true;
    if (!s?.pty || s.info.status !== 'running') return;
    s.pty.kill('SIGHUP');
    s.pty.kill('SIGTERM');
    const pid = s.info.pid;
    // A program that ignores SIGTERM gets SIGKILL after a grace period.
    const timer = setTimeout(() => {
      if (pid !== undefined && s.info.status === 'running' && s.info.pid === pid) signalSession(pid, 'SIGKILL');
    }, 1500);
    timer.unref();
  }

  remove(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    // Whatever it started goes with it, also what outlived an earlier run.
    for (const sid of s.ownSessions()) signalSession(sid, 'SIGKILL');
    s.detach();
    s.screen.dispose();
    this.sessions.delete(id);
    this.events.emit({ type: 'removed', id });
  }

  write(id: string, data: string): void {
    const s = this.sessions.get(id);
    if (s?.info.status === 'starting') {
      s.pendingInput.push(data);
      return;
    }
    if (!s?.pty || s.info.status !== 'running') return;
    s.output.settle();
    if (s.screen.scrollOffset !== 0) {
      s.screen.scrollToBottom();
      s.bumpFrame();
    }
    s.output.inputPending = true;
    if (s.watched) this.context.hidden.hold();
    s.pty.write(data);
  }

  typeLine(id: string, text: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.output.settle();
    const body = s.screen.modes.bracketedPaste ? `\x1b[200~${text}\x1b[201~` : text;
    const starting = s.info.status === 'starting';
    this.write(id, body);
    // Enter as its own keystroke, once the program shows the text and a moment more (afterTyped):
    // Codex 0.171 takes an Enter in the same burst as typed text as a newline in it, Gemini CLI 0.61
    // one within 40 ms of a paste (both seen on the real CLIs). A program still starting gets it
    // after its held input, a moment later, as ever.
    const enter = () => this.write(id, '\r');
    if (starting) setTimeout(enter, ENTER_GAP_MS).unref();
    else s.afterTyped(text, enter);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = cols;
    this.rows = rows;
    for (const s of this.sessions.values()) {
      s.output.settle();
      s.screen.resize(cols, rows);
      if (s.pty && s.info.status === 'running') {
        try {
          s.pty.resize(cols, rows);
        } catch {
          // The program exited between the check and the resize.
        }
      }
      s.bumpFrame();
    }
  }

  scroll(id: string, how: ScrollRequest): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.output.settle();
    if (how === 'top') s.screen.scrollToTop();
    else if (how === 'bottom') s.screen.scrollToBottom();
    else if ('pages' in how) s.screen.scrollPage(how.pages);
    else s.screen.scrollBy(how.lines);
    s.bumpFrame();
  }

  modes(id: string): ScreenModes | undefined {
    this.sessions.get(id)?.output.settle();
    return this.sessions.get(id)?.screen.modes;
  }

  screenText(id: string, parsedSoFar = false, lines = 0): string[] {
    const s = this.sessions.get(id);
    if (!s) return [];
    if (!parsedSoFar) s.output.settle();
    return s.screen.liveText(Math.max(0, lines - this.rows));
  }

  inverseOnRow(id: string, up: number): boolean {
    return this.sessions.get(id)?.screen.inverseOnRow(up) ?? false;
  }

  lendFocus(id: string, focused: boolean): boolean {
    return this.sessions.get(id)?.lendFocus(focused) ?? false;
  }

  /** The screen now, everything read parsed (tests and tools; the UI draws the frames it is sent). */
  snapshot(id: string): ScreenSnapshot | undefined {
    return this.sessions.get(id)?.snapshot();
  }

  watch(id: string | undefined): void {
    // Remembered for sessions spawned later (an agent selected while its worktree is being made).
    this.watchedId = id;
    for (const s of this.sessions.values()) {
      const watched = s.info.id === id;
      if (watched !== s.watched) s.watch(watched);
    }
  }

  onFrame(listener: (frame: Frame) => void): () => void {
    return this.frames.on(listener);
  }

  onEvent(listener: (event: SessionEvent) => void): () => void {
    return this.events.on(listener);
  }

  async shutdown(graceMs = 1500): Promise<void> {
    this.closing = true;
    // A starting agent is waited for too: its program is ended as soon as it runs (see started).
    const live = (status: SessionStatus) => status === 'running' || status === 'starting';
    const running = [...this.sessions.values()].filter((s) => live(s.info.status));
    const exits = running.map((s) => new Promise<void>((resolve) => {
      if (!live(s.info.status)) return resolve();
      const off = this.events.on((e) => {
        if (e.type === 'info' && e.info.id === s.info.id && !live(e.info.status)) {
          off();
          resolve();
        }
      });
    }));
    // Every tree gets SIGHUP/SIGTERM first, also children that outlived their parent (of agents
    // that exited earlier, and of earlier runs of restarted ones): they may want to clean up.
    const sids = [...this.sessions.values()].flatMap((s) => s.ownSessions());
    for (const sid of sids) {
      signalSession(sid, 'SIGHUP');
      signalSession(sid, 'SIGTERM');
    }
    const deadline = Date.now() + graceMs;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(exits), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    // Leftover trees have no exit event to wait for: look until they are gone or the grace is up.
    while (Date.now() < deadline && sids.some((sid) => sessionMembers(sid).length > 0)) await sleep(20);
    // SIGKILL whatever is left (of the sessions that are still ours).
    for (const s of this.sessions.values()) for (const sid of s.ownSessions()) signalSession(sid, 'SIGKILL');
    if (Date.now() >= deadline) await Promise.race([Promise.all(exits), sleep(200)]);
    this.disposeAll();
  }

  shutdownSync(graceMs = 1500): void {
    this.closing = true;
    endSessionsSync([...this.sessions.values()].flatMap((s) => s.ownSessions()), graceMs);
    this.disposeAll();
  }

  private disposeAll(): void {
    for (const s of this.sessions.values()) {
      s.detach();
      s.screen.dispose();
    }
    this.sessions.clear();
  }

  /** An id for an agent to be spawned (callers that register things under it first). */
  newId(): string {
    let id: string;
    do id = `agent-${this.nextId++}`;
    while (this.sessions.has(id));
    return id;
  }

  private newScreen(): Screen {
    return new Screen({ cols: this.cols, rows: this.rows, scrollback: this.options.scrollback, queuedOnly: this.options.queuedParse });
  }

  private require(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new Error(`No agent with id ${id}`);
    return s;
  }

  /** Asks for the program's pty; the session runs when it arrives (see started). */
  private start(s: Session): void {
    const { spec } = s.info;
    const run = ++s.run;
    s.pendingInput = [];
    s.killWhenStarted = false;
    const size = { cols: this.cols, rows: this.rows };
    let pty: Promise<PtyLike>;
    try {
      pty = this.options.spawnPty({ command: spec.command, args: s.launch.args ?? spec.args, cwd: spec.cwd, env: agentEnv(this.options.env ?? process.env, spec, s.launch), ...size });
    } catch (error) {
      // A spawner should reject, not throw; either way the user reads why.
      pty = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    pty.then(
      (p) => this.started(s, run, p, size),
      (error: unknown) => {
        if (this.sessions.get(s.info.id) !== s || s.run !== run) return;
        const err = error instanceof SpawnError
          ? { message: error.message, hint: error.hint }
          : { message: `Could not start ${spec.command}: ${(error as Error).message}`, hint: 'Check the command line and directory.' };
        s.pendingInput = [];
        s.setInfo({ status: 'failed', error: err, endedAt: Date.now() });
        s.bumpFrame();
      },
    );
  }

  private started(s: Session, run: number, pty: PtyLike, size: { cols: number; rows: number }): void {
    if (this.sessions.get(s.info.id) !== s || s.run !== run) {
      // Removed (or quit) while its program started: nobody will see or end it.
      pty.kill('SIGKILL');
      pty.dispose?.();
      return;
    }
    const output = s.output;
    output.attach(pty);
    s.disposers.push(
      pty.onData((data) => output.receive(pty, data)),
      pty.onExit((exit) => {
        // Report the exit only after everything the program wrote has been parsed.
        s.output.settle();
        void s.output.parsed.then(() => {
          if (s.pty !== pty) return;
          // A session with nobody left in it is done with; its number may be reused.
          if (sessionMembers(pty.pid).length === 0) s.sids.splice(s.sids.indexOf(pty.pid), 1);
          s.setInfo({ status: 'exited', exitCode: exit.exitCode, signal: exit.signal || undefined, endedAt: Date.now() });
          s.output.ended(pty);
          s.bumpFrame();
        });
      }),
      s.screen.onReply((reply) => {
        if (s.pty === pty && s.info.status === 'running') pty.write(reply);
      }),
      s.screen.onBell(() => this.events.emit({ type: 'bell', id: s.info.id })),
      s.screen.onTitle((title) => this.events.emit({ type: 'title', id: s.info.id, title })),
    );
    s.sids.push(pty.pid);
    output.readAhead();
    // Resized while it started: it gets the size its screen has.
    if (size.cols !== this.cols || size.rows !== this.rows) pty.resize(this.cols, this.rows);
    s.info = { ...s.info, status: 'running', pid: pty.pid };
    // What was typed while it started goes in before anything written in answer to 'running'.
    for (const data of s.pendingInput.splice(0)) this.write(s.info.id, data);
    this.events.emit({ type: 'info', info: s.info });
    if (this.closing) pty.kill('SIGKILL');
    else if (s.killWhenStarted) this.kill(s.info.id);
    s.killWhenStarted = false;
  }
}
