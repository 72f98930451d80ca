// Agent sessions: each a pty feeding a headless screen, with flow control and throttled frames.
// SessionHost is the boundary the UI talks to. Every value crossing it is plain data, nothing
// waits for an answer (a spawn's outcome and the screens come as events), and what the UI draws
// is what it was sent: a host in a background process can implement it over a socket.
import { setTimeout as sleep } from 'node:timers/promises';
import { Emitter } from '../util/index.js';
import { type PtyLike, type SpawnPty, SpawnError, endSessionsSync, leftoverSession, sessionMembers, signalSession } from '../pty/index.js';
import { Screen, type ScreenModes, type ScreenSnapshot } from '../terminal/index.js';

export interface AgentSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Typed into the agent once it is ready for input (see Monitor). */
  readonly firstPrompt?: string;
  /** Read its screen with this detector instead of the one its program name picks. */
  readonly detector?: string;
  /** What the sidebar calls its program (default: the command's file name). */
  readonly label?: string;
}

/** How to start an agent beyond what the user asked for: squadtui's own arguments and environment. */
export interface Launch {
  /** A session id chosen beforehand (hooks are registered under it before the program starts). */
  readonly id?: string;
  /** Replaces spec.args for the program (the user's arguments plus squadtui's). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export type SessionStatus = 'starting' | 'running' | 'exited' | 'failed';

export interface SessionInfo {
  readonly id: string;
  readonly spec: AgentSpec;
  readonly status: SessionStatus;
  readonly pid?: number;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly error?: { readonly message: string; readonly hint: string };
  readonly startedAt: number;
  readonly endedAt?: number;
}

export type SessionEvent =
  | { readonly type: 'info'; readonly info: SessionInfo }
  | { readonly type: 'removed'; readonly id: string }
  /** Output arrived (at most once per quiet period, and on the first output after being seen). */
  | { readonly type: 'output'; readonly id: string; readonly at: number }
  /** The screen changed; debounced, for detectors that read the screen. */
  | { readonly type: 'screen'; readonly id: string }
  | { readonly type: 'bell'; readonly id: string }
  | { readonly type: 'title'; readonly id: string; readonly title: string };

/** The agent's screen as the UI draws it, sent as it changes while the agent is watched. */
export interface Frame {
  readonly id: string;
  readonly snapshot: ScreenSnapshot;
}

export interface SessionHost {
  /** The sessions as the last 'info' events described them. */
  list(): SessionInfo[];
  /** An id for an agent about to be spawned, so things can be registered under it first. */
  newId(): string;
  /** The session as its last 'info' event described it (not for rendering: the store has it). */
  get(id: string): SessionInfo | undefined;
  /**
   * Starts an agent. Returns at once with its `starting` info; its `running` info (with the pid),
   * or `failed` with a message and a hint, follows as an 'info' event.
   */
  spawn(spec: AgentSpec, launch?: Launch): SessionInfo;
  /** Starts an exited agent again, as spawn does; `launch` replaces how it starts (e.g. Claude with --continue). */
  restart(id: string, launch?: Launch): SessionInfo;
  /** Ends the agent's whole process tree (a starting agent as soon as its program runs). */
  kill(id: string): void;
  /** Forgets an agent (killing it first if it runs). */
  remove(id: string): void;
  /** Input for the agent; while it is starting, input waits and goes in first, in order, once it runs. */
  write(id: string, data: string): void;
  /** Types text the way a user would: bracketed paste if the program asked for it, then Enter. */
  typeLine(id: string, text: string): void;
  resize(cols: number, rows: number): void;
  scroll(id: string, how: ScrollRequest): void;
  /** The terminal modes the program set, for encoding keys (not for rendering). */
  modes(id: string): ScreenModes | undefined;
  /** The screen as plain text lines (live bottom, not the scrolled view), for detectors, not for rendering. */
  screenText(id: string): string[];
  /** Frames flow only for the watched session (a newly watched one gets one at once); the others update cheap metadata. */
  watch(id: string | undefined): void;
  /** The watched agent's frames: what the UI draws (see FrameCache). */
  onFrame(listener: (frame: Frame) => void): () => void;
  onEvent(listener: (event: SessionEvent) => void): () => void;
  /** Ends every agent: SIGHUP/SIGTERM, then SIGKILL after `graceMs`. */
  shutdown(graceMs?: number): Promise<void>;
  /** Synchronous last resort for exit paths. */
  shutdownSync(graceMs?: number): void;
}

export type ScrollRequest = { lines: number } | { pages: number } | 'top' | 'bottom';

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

const FRAME_INTERVAL_MS = 33;
/** Reads gathered before they are parsed at once (within one turn of the event loop). */
const BATCH_BYTES = 64 * 1024;
/** A hidden agent's output parsed per turn of the event loop (about half a millisecond). */
const HIDDEN_SLICE_BYTES = 24 * 1024;
const MAX_FRAME_INTERVAL_MS = 100;
const DRAW_BUDGET_FACTOR = 12;
const SCREEN_DEBOUNCE_MS = 50;
/** Unparsed output a watched agent may have in flight before its pty is paused (flow control). */
const WATCHED_HIGH_WATER = 512 * 1024;
const WATCHED_LOW_WATER = 64 * 1024;
/** Hidden agents parse one read at a time, so a flood can't delay the selected agent's echo. */
const HIDDEN_HIGH_WATER = 1;
/** A hidden agent's parse budget: 200 KB per 100 ms (2 MB/s), far above what agents print. */
const HIDDEN_WINDOW_MS = 100;
const HIDDEN_BYTES_PER_WINDOW = 200 * 1024;
/** Output a pty thread may read ahead of parsing: the selected agent's stream keeps flowing while it is parsed. */
const WATCHED_READ_AHEAD = 2 * 1024 * 1024;
const HIDDEN_READ_AHEAD = 64 * 1024;
/** A program that keeps its output synchronised (DEC 2026) longer than this is drawn anyway. */
const SYNC_OUTPUT_TIMEOUT_MS = 150;
/** Environment variables that would make agents believe they run directly inside another multiplexer. */
const STRIPPED_ENV = ['TMUX', 'TMUX_PANE', 'STY', 'COLUMNS', 'LINES', 'TERMCAP'];

class Session {
  info: SessionInfo;
  screen: Screen;
  pty: PtyLike | undefined;
  inflight = 0;
  paused = false;
  watched = false;
  lastFrameAt = Number.NEGATIVE_INFINITY;
  frameTimer: NodeJS.Timeout | undefined;
  screenTimer: NodeJS.Timeout | undefined;
  inputPending = false;
  /** How long the last frame took to draw (ms). */
  drawCost = 0;
  syncSince = 0;
  frameVersion = 0;
  snapshotCache: { version: number; snapshot: ScreenSnapshot } | undefined;
  lastOutputEventAt = Number.NEGATIVE_INFINITY;
  /**
   * The screen's text when the user left this agent: output that only redraws it (Claude redraws
   * when it loses focus) is not new. Dropped once the text changes.
   */
  leftText: string | undefined;
  parsed: Promise<void> = Promise.resolve();
  batch: (Uint8Array | string)[] = [];
  batchBytes = 0;
  batchScheduled = false;
  windowStart = 0;
  windowBytes = 0;
  resumeTimer: NodeJS.Timeout | undefined;
  disposers: (() => void)[] = [];
  /** Counts spawns: a pty that arrives for an earlier one (the agent was removed meanwhile) is not this run's. */
  run = 0;
  /** Input written while the program was starting, in order. */
  pendingInput: string[] = [];
  /** Killed while starting: ended as soon as its program runs. */
  killWhenStarted = false;
  /** The last frame sent, so a frame sent from inside another is not sent twice. */
  sentSnapshot: ScreenSnapshot | undefined;
  /** Every session (process group) this agent led, restarts included: what it left running ends with squadtui. */
  readonly sids: number[] = [];

  constructor(
    info: SessionInfo,
    screen: Screen,
    public launch: Launch,
  ) {
    this.info = info;
    this.screen = screen;
  }
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
  private readonly frameInterval: number;
  private readonly now: () => number;

  constructor(private readonly options: HostOptions) {
    this.cols = options.cols;
    this.rows = options.rows;
    this.frameInterval = options.frameIntervalMs ?? FRAME_INTERVAL_MS;
    this.now = options.now ?? (() => performance.now());
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
    const session = new Session({ id, spec, status: 'starting', startedAt: Date.now() }, screen, launch);
    session.watched = id === this.watchedId;
    this.sessions.set(id, session);
    this.start(session);
    return session.info;
  }

  restart(id: string, launch?: Launch): SessionInfo {
    const s = this.require(id);
    if (s.info.status === 'running' || s.info.status === 'starting' || this.closing) return s.info;
    if (launch) s.launch = { ...s.launch, ...launch, env: { ...s.launch.env, ...launch.env } };
    this.detach(s);
    // The old output stays in the scrollback above one rule (as tmux's respawn keeps it); the new
    // run starts on a clean screen, modes reset.
    const rule = restartRule(s.screen, this.rows, `── restarted ${new Date().toLocaleTimeString()} ──`);
    if (!s.screen.parseNow(rule)) void s.screen.write(rule).then(() => {
      if (this.sessions.get(id) === s) this.bumpFrame(s);
    });
    s.info = { id, spec: s.info.spec, status: 'starting', startedAt: Date.now() };
    this.setInfo(s, {});
    this.bumpFrame(s);
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
    for (const sid of this.ownSessions(s)) signalSession(sid, 'SIGKILL');
    this.detach(s);
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
    this.settle(s);
    if (s.screen.scrollOffset !== 0) {
      s.screen.scrollToBottom();
      this.bumpFrame(s);
    }
    s.inputPending = true;
    s.pty.write(data);
  }

  typeLine(id: string, text: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.settle(s);
    const body = s.screen.modes.bracketedPaste ? `\x1b[200~${text}\x1b[201~` : text;
    this.write(id, body);
    // Enter as its own keystroke, a moment later, so programs that treat a burst as a paste
    // don't take it as a newline inside the text.
    const timer = setTimeout(() => this.write(id, '\r'), 120);
    timer.unref();
  }

  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = cols;
    this.rows = rows;
    for (const s of this.sessions.values()) {
      this.settle(s);
      s.screen.resize(cols, rows);
      if (s.pty && s.info.status === 'running') {
        try {
          s.pty.resize(cols, rows);
        } catch {
          // The program exited between the check and the resize.
        }
      }
      this.bumpFrame(s);
    }
  }

  scroll(id: string, how: ScrollRequest): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.settle(s);
    if (how === 'top') s.screen.scrollToTop();
    else if (how === 'bottom') s.screen.scrollToBottom();
    else if ('pages' in how) s.screen.scrollPage(how.pages);
    else s.screen.scrollBy(how.lines);
    this.bumpFrame(s);
  }

  modes(id: string): ScreenModes | undefined {
    const s = this.sessions.get(id);
    if (s) this.settle(s);
    return s?.screen.modes;
  }

  screenText(id: string): string[] {
    const s = this.sessions.get(id);
    if (!s) return [];
    this.settle(s);
    return s.screen.liveText();
  }

  /** The screen now, everything read parsed (tests and tools; the UI draws the frames it is sent). */
  snapshot(id: string): ScreenSnapshot | undefined {
    const s = this.sessions.get(id);
    return s && this.snapshotOf(s);
  }

  private snapshotOf(s: Session): ScreenSnapshot {
    this.settle(s);
    if (s.snapshotCache?.version !== s.frameVersion) {
      s.snapshotCache = { version: s.frameVersion, snapshot: s.screen.snapshot() };
    }
    return s.snapshotCache.snapshot;
  }

  watch(id: string | undefined): void {
    // Remembered for sessions spawned later (an agent selected while its worktree is being made).
    this.watchedId = id;
    for (const s of this.sessions.values()) {
      const watched = s.info.id === id;
      if (watched === s.watched) continue;
      s.watched = watched;
      s.pty?.readAhead?.(watched ? WATCHED_READ_AHEAD : HIDDEN_READ_AHEAD);
      if (watched) {
        this.bumpFrame(s);
        if (s.resumeTimer && s.pty) {
          // Selected: no longer throttled.
          clearTimeout(s.resumeTimer);
          s.resumeTimer = undefined;
          s.paused = false;
          s.pty.resume();
        }
        this.updateFlow(s);
      } else {
        // Output from now on is unseen, even in the middle of a stream that never paused.
        s.lastOutputEventAt = Number.NEGATIVE_INFINITY;
        s.leftText = screenWords(s.screen);
      }
      this.sendFocus(s, watched);
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
    const sids = [...this.sessions.values()].flatMap((s) => this.ownSessions(s));
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
    for (const s of this.sessions.values()) for (const sid of this.ownSessions(s)) signalSession(sid, 'SIGKILL');
    if (Date.now() >= deadline) await Promise.race([Promise.all(exits), sleep(200)]);
    this.disposeAll();
  }

  shutdownSync(graceMs = 1500): void {
    this.closing = true;
    endSessionsSync([...this.sessions.values()].flatMap((s) => this.ownSessions(s)), graceMs);
    this.disposeAll();
  }

  /** The sessions still ours: the running leader's, and earlier ones whose number was not reused. */
  private ownSessions(s: Session): number[] {
    const leader = s.pty && s.info.status === 'running' ? s.info.pid : undefined;
    return s.sids.filter((sid) => sid === leader || leftoverSession(sid));
  }

  private disposeAll(): void {
    for (const s of this.sessions.values()) {
      this.detach(s);
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

  private setInfo(s: Session, patch: Partial<SessionInfo>): void {
    s.info = { ...s.info, ...patch };
    this.events.emit({ type: 'info', info: s.info });
  }

  private agentEnv(spec: AgentSpec, launch: Launch): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...(this.options.env ?? process.env) };
    for (const key of STRIPPED_ENV) delete env[key];
    return {
      ...env,
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      SQUADTUI: '1',
      SQUADTUI_AGENT: spec.name,
      ...spec.env,
      ...launch.env,
    };
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
      pty = this.options.spawnPty({ command: spec.command, args: s.launch.args ?? spec.args, cwd: spec.cwd, env: this.agentEnv(spec, s.launch), ...size });
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
        this.setInfo(s, { status: 'failed', error: err, endedAt: Date.now() });
        this.bumpFrame(s);
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
    s.pty = pty;
    s.inflight = 0;
    s.paused = false;
    s.disposers.push(
      pty.onData((data) => this.receive(s, pty, data)),
      pty.onExit((exit) => {
        // Report the exit only after everything the program wrote has been parsed.
        this.settle(s);
        void s.parsed.then(() => {
          if (s.pty !== pty) return;
          // A session with nobody left in it is done with; its number may be reused.
          if (sessionMembers(pty.pid).length === 0) s.sids.splice(s.sids.indexOf(pty.pid), 1);
          this.setInfo(s, { status: 'exited', exitCode: exit.exitCode, signal: exit.signal || undefined, endedAt: Date.now() });
          if (s.paused) pty.resume();
          this.bumpFrame(s);
        });
      }),
      s.screen.onReply((reply) => {
        if (s.pty === pty && s.info.status === 'running') pty.write(reply);
      }),
      s.screen.onBell(() => this.events.emit({ type: 'bell', id: s.info.id })),
      s.screen.onTitle((title) => this.events.emit({ type: 'title', id: s.info.id, title })),
    );
    s.sids.push(pty.pid);
    pty.readAhead?.(s.watched ? WATCHED_READ_AHEAD : HIDDEN_READ_AHEAD);
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

  private receive(s: Session, pty: PtyLike, data: Uint8Array | string): void {
    if (s.screen.canParseNow) {
      // A pty hands over a few KB per read; the reads of one turn of the event loop are parsed
      // together (the emulator works faster on larger pieces). Anything that looks at the screen
      // settles the batch first, so nobody sees it half parsed.
      s.batch.push(data);
      s.batchBytes += data.length;
      if (!s.watched) this.throttleHidden(s, pty, data.length);
      // The echo of a keystroke is parsed (and drawn) at once. Hidden agents' output is parsed
      // on the next turn, never here: output of several agents may arrive together, and the echo
      // must not wait behind theirs.
      if (s.watched && (s.inputPending || s.batchBytes >= BATCH_BYTES)) this.settle(s);
      else if (!s.batchScheduled) {
        s.batchScheduled = true;
        setImmediate(() => this.settle(s, false));
      }
      return;
    }
    // Fallback for emulators without a synchronous parse: bounded queue with pty flow control.
    const size = data.length;
    s.inflight += size;
    this.updateFlow(s);
    s.parsed = s.screen.write(data).then(() => {
      pty.consumed?.(size);
      if (s.pty !== pty) return;
      s.inflight -= size;
      this.updateFlow(s);
      this.parsedOutput(s);
    });
  }

  /** Parses what has been read but not parsed yet (`all`: everything, for whoever looks at the screen now). */
  private settle(s: Session, all = true): void {
    s.batchScheduled = false;
    if (s.batch.length === 0) return;
    let chunks = s.batch;
    s.batch = [];
    s.batchBytes = 0;
    if (!s.watched && !all) {
      // A hidden agent's output is parsed a piece per turn of the event loop, so that the
      // selected agent's echo, arriving meanwhile, is never more than one piece away.
      const [now, later] = cut(chunks, HIDDEN_SLICE_BYTES);
      if (later.length > 0) {
        chunks = now;
        s.batch = later;
        s.batchBytes = later.reduce((n, c) => n + c.length, 0);
        s.batchScheduled = true;
        setImmediate(() => this.settle(s, false));
      }
    }
    const data = chunks.length === 1
      ? chunks[0]!
      : chunks.every((c) => typeof c === 'string')
        ? chunks.join('')
        : Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
    s.screen.parseNow(data);
    // Parsed: a pty read ahead by another thread may read that much more.
    s.pty?.consumed?.(data.length);
    this.parsedOutput(s);
  }

  /**
   * A hidden agent may parse HIDDEN_BYTES_PER_WINDOW per window; beyond that its pty is paused
   * until the window ends. Its program slows down (backpressure) instead of taking the CPU the
   * selected agent and the keyboard need.
   */
  private throttleHidden(s: Session, pty: PtyLike, size: number): void {
    const now = this.now();
    if (now - s.windowStart >= HIDDEN_WINDOW_MS) {
      s.windowStart = now;
      s.windowBytes = 0;
    }
    s.windowBytes += size;
    if (s.windowBytes < HIDDEN_BYTES_PER_WINDOW || s.paused) return;
    s.paused = true;
    pty.pause();
    s.resumeTimer = setTimeout(() => {
      s.resumeTimer = undefined;
      if (s.pty !== pty || !s.paused) return;
      s.paused = false;
      pty.resume();
    }, HIDDEN_WINDOW_MS - (now - s.windowStart));
  }

  private updateFlow(s: Session): void {
    if (!s.pty || s.info.status !== 'running') return;
    const high = s.watched ? WATCHED_HIGH_WATER : HIDDEN_HIGH_WATER;
    const low = s.watched ? WATCHED_LOW_WATER : 0;
    if (!s.paused && s.inflight >= high) {
      s.paused = true;
      s.pty.pause();
    } else if (s.paused && s.inflight <= low) {
      s.paused = false;
      s.pty.resume();
    }
  }

  private parsedOutput(s: Session): void {
    const now = this.now();
    // One 'output' event per quiet period keeps hidden floods from costing renders.
    if (now - s.lastOutputEventAt > 250) {
      // A redraw of what the user saw last is not new output.
      if (!s.watched && s.leftText !== undefined && screenWords(s.screen) === s.leftText) return this.parsedRedraw(s);
      s.leftText = undefined;
      this.events.emit({ type: 'output', id: s.info.id, at: Date.now() });
    }
    s.lastOutputEventAt = now;
    this.parsedRedraw(s);
  }

  /** After any parsed output: the debounced screen event, and a frame for the agent on screen. */
  private parsedRedraw(s: Session): void {
    if (!s.screenTimer) {
      s.screenTimer = setTimeout(() => {
        s.screenTimer = undefined;
        this.events.emit({ type: 'screen', id: s.info.id });
      }, SCREEN_DEBOUNCE_MS);
    }
    if (s.watched) this.scheduleFrame(s);
  }

  private scheduleFrame(s: Session): void {
    const now = this.now();
    if (s.screen.modes.synchronizedOutput) {
      if (s.syncSince === 0) s.syncSince = now;
      if (now - s.syncSince < SYNC_OUTPUT_TIMEOUT_MS) {
        // Draw when the program ends its update, or when it has held it too long.
        if (!s.frameTimer) s.frameTimer = setTimeout(() => this.emitFrame(s), SYNC_OUTPUT_TIMEOUT_MS);
        return;
      }
    } else {
      s.syncSince = 0;
    }
    const interval = Math.min(MAX_FRAME_INTERVAL_MS, Math.max(this.frameInterval, DRAW_BUDGET_FACTOR * s.drawCost));
    if (s.inputPending || now - s.lastFrameAt >= interval) {
      this.emitFrame(s);
    } else if (!s.frameTimer) {
      s.frameTimer = setTimeout(() => this.emitFrame(s), interval - (now - s.lastFrameAt));
    }
  }

  private emitFrame(s: Session): void {
    if (s.frameTimer) clearTimeout(s.frameTimer);
    s.frameTimer = undefined;
    s.inputPending = false;
    const start = this.now();
    s.lastFrameAt = start;
    this.bumpFrame(s);
    // The UI draws in a microtask queued by the frame listeners; this one runs after it. Knowing
    // what a frame costs lets a streaming agent's frames be spaced so drawing stays under a
    // twelfth of the time (DRAW_BUDGET_FACTOR) and parsing its output keeps the rest.
    queueMicrotask(() => {
      s.drawCost = this.now() - start;
    });
  }

  /**
   * The screen changed (or is newly watched): the watched agent's frame is sent, its snapshot made
   * now rather than when the UI draws (which it then costs instead; made once per frame either way).
   */
  private bumpFrame(s: Session): void {
    s.frameVersion++;
    if (!s.watched) return;
    const snapshot = this.snapshotOf(s);
    // Parsing what was pending may have sent this frame already.
    if (snapshot === s.sentSnapshot) return;
    s.sentSnapshot = snapshot;
    this.frames.emit({ id: s.info.id, snapshot });
  }

  private sendFocus(s: Session, focused: boolean): void {
    if (s.pty && s.info.status === 'running' && s.screen.modes.sendFocus) s.pty.write(focused ? '\x1b[I' : '\x1b[O');
  }

  private detach(s: Session): void {
    for (const d of s.disposers) d();
    s.disposers = [];
    s.pty?.dispose?.();
    // Output of the program that is gone is not parsed any more (its exit parsed all it wrote).
    s.batch = [];
    s.batchBytes = 0;
    if (s.frameTimer) clearTimeout(s.frameTimer);
    if (s.screenTimer) clearTimeout(s.screenTimer);
    if (s.resumeTimer) clearTimeout(s.resumeTimer);
    s.resumeTimer = undefined;
    s.frameTimer = undefined;
    s.screenTimer = undefined;
    s.pty = undefined;
  }
}

/** Splits output pieces after `bytes` (a piece that straddles the limit is split too). */
function cut(chunks: Array<Uint8Array | string>, bytes: number): [Array<Uint8Array | string>, Array<Uint8Array | string>] {
  let size = 0;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (size + c.length < bytes) {
      size += c.length;
      continue;
    }
    const at = bytes - size;
    const head = c.slice(0, at);
    const tail = c.slice(at);
    return [[...chunks.slice(0, i), head], tail.length > 0 ? [tail, ...chunks.slice(i + 1)] : chunks.slice(i + 1)];
  }
  return [chunks, []];
}

/**
 * The screen's text for "has anything changed": spaces at the ends of rows left out, since a
 * program that loses focus may erase its own drawn cursor (Claude writes a styled space there).
 */
function screenWords(screen: Screen): string {
  return screen.liveText().map((l) => l.trimEnd()).join('\n');
}

/**
 * What a restart writes to the old screen: main screen, modes and attributes reset, the old rows
 * pushed into the scrollback with one rule under them, the cursor home on a clean screen. (Leaving
 * the alternate screen alone would restore a cursor the program saved with ESC 7, drawing the rule
 * and the new program over old rows.)
 */
export function restartRule(screen: Screen, rows: number, text: string): string {
  const lines = screen.mainText();
  let last = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.trim() !== '') {
      last = i;
      break;
    }
  }
  const rule = `\x1b[2m${text}\x1b[0m`;
  // The rule goes on the row under the last one written (a new row at the bottom when it is full).
  const place = last + 1 < rows ? `\x1b[${last + 2};1H${rule}` : `\x1b[${rows};1H\r\n${rule}`;
  const pushed = Math.min(last + 2, rows);
  return `\x1b[?1049l\x1b[!p\x1b[0m${place}\x1b[${rows};1H${'\n'.repeat(pushed)}\x1b[H\x1b[J`;
}
