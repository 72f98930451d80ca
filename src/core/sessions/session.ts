// One agent as LocalSessionHost keeps it: its screen, the pty of its current run, the output
// pipeline and frame pacer between them, and the events and frames it sends.
import type { Emitter } from '../util/index.js';
import { type PtyLike, leftoverSession } from '../pty/index.js';
import type { Screen, ScreenSnapshot } from '../terminal/index.js';
import type { Frame, Launch, SessionEvent, SessionInfo } from './host.js';
import { OutputPipeline, type OutputOwner } from './output-pipeline.js';
import { FramePacer } from './frame-pacer.js';
import type { HiddenTurns } from './hidden-turns.js';

const SCREEN_DEBOUNCE_MS = 50;
/** Output within this long of the last 'output' event is part of the same stream. */
const OUTPUT_QUIET_MS = 250;
/** Between a typed line's echo and its Enter (and its text and Enter, for a program still starting). */
export const ENTER_GAP_MS = 120;
/** The longest gap after a slow echo. */
const ENTER_MAX_GAP_MS = 1500;
/** Enter goes anyway this long after the text when the program never shows it. */
const ENTER_MAX_WAIT_MS = 3000;
/** How Codex and Gemini CLI show a long paste in their input. */
const PASTE_PLACEHOLDER = /\[Pasted (?:Text|Content)\b/;

/** What a row shows of typed text: the end of its last line (short, so a wrapped row still holds it). */
function typedProbe(text: string): string {
  const last = text.split(/\r\n?|\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  return last.slice(-12);
}

/** What every session of a host shares: where its events and frames go, and the clock. */
export interface SessionContext {
  readonly events: Emitter<SessionEvent>;
  readonly frames: Emitter<Frame>;
  readonly now: () => number;
  /** Minimum time between frames of a streaming agent (see FramePacer). */
  readonly frameIntervalMs?: number;
  /** When hidden agents' output is parsed: a slice a turn, never while a keystroke's echo is due. */
  readonly hidden: HiddenTurns;
}

export class Session implements OutputOwner {
  info: SessionInfo;
  readonly screen: Screen;
  readonly output: OutputPipeline;
  readonly pacer: FramePacer;
  private screenTimer: NodeJS.Timeout | undefined;
  private frameVersion = 0;
  private snapshotCache: { version: number; snapshot: ScreenSnapshot } | undefined;
  /** The last frame sent, so a frame sent from inside another is not sent twice. */
  private sentSnapshot: ScreenSnapshot | undefined;
  private lastOutputEventAt = Number.NEGATIVE_INFINITY;
  /** Waiting for the program to show what was typed (see afterTyped); each says when it is done. */
  private echoWaiters: (() => boolean)[] = [];
  /**
   * The screen's text when the user left this agent: output that only redraws it (Claude redraws
   * when it loses focus) is not new. Dropped once the text changes.
   */
  private leftText: string | undefined;
  disposers: (() => void)[] = [];
  /** Counts spawns: a pty that arrives for an earlier one (the agent was removed meanwhile) is not this run's. */
  run = 0;
  /** Input written while the program was starting, in order. */
  pendingInput: string[] = [];
  /** Killed while starting: ended as soon as its program runs. */
  killWhenStarted = false;
  /** Every session (process group) this agent led, restarts included: what it left running ends with squadtui. */
  readonly sids: number[] = [];

  constructor(
    info: SessionInfo,
    screen: Screen,
    public launch: Launch,
    private readonly context: SessionContext,
  ) {
    this.info = info;
    this.screen = screen;
    this.output = new OutputPipeline(screen, this, context.now, context.hidden);
    this.pacer = new FramePacer(() => {
      if (this.output.inputPending) context.hidden.release();
      this.output.inputPending = false;
      this.bumpFrame();
    }, context.now, context.frameIntervalMs);
  }

  /** The current run's pty (none while its program starts). */
  get pty(): PtyLike | undefined {
    return this.output.pty;
  }

  get watched(): boolean {
    return this.output.watched;
  }

  get running(): boolean {
    return this.info.status === 'running';
  }

  setInfo(patch: Partial<SessionInfo>): void {
    this.info = { ...this.info, ...patch };
    this.context.events.emit({ type: 'info', info: this.info });
  }

  /** The screen now, everything read parsed; made once per change. */
  snapshot(): ScreenSnapshot {
    this.output.settle();
    if (this.snapshotCache?.version !== this.frameVersion) {
      this.snapshotCache = { version: this.frameVersion, snapshot: this.screen.snapshot() };
    }
    return this.snapshotCache.snapshot;
  }

  /**
   * The screen changed (or is newly watched): the watched agent's frame is sent, its snapshot made
   * now rather than when the UI draws (which it then costs instead; made once per frame either way).
   */
  bumpFrame(): void {
    this.frameVersion++;
    if (!this.output.watched) return;
    const snapshot = this.snapshot();
    // Parsing what was pending may have sent this frame already.
    if (snapshot === this.sentSnapshot) return;
    this.sentSnapshot = snapshot;
    this.context.frames.emit({ id: this.info.id, snapshot });
  }

  outputParsed(): void {
    if (this.echoWaiters.length > 0) this.echoWaiters = this.echoWaiters.filter((waiter) => !waiter());
    const now = this.context.now();
    // One 'output' event per quiet period keeps hidden floods from costing renders.
    if (now - this.lastOutputEventAt > OUTPUT_QUIET_MS) {
      // A redraw of what the user saw last is not new output.
      if (!this.output.watched && this.leftText !== undefined && screenWords(this.screen) === this.leftText) return this.parsedRedraw();
      this.leftText = undefined;
      this.context.events.emit({ type: 'output', id: this.info.id, at: Date.now() });
    }
    this.lastOutputEventAt = now;
    this.parsedRedraw();
  }

  /**
   * Calls `then` (to send Enter) once the program shows `text` it was just sent, and ENTER_GAP_MS
   * (or twice as long as the echo took) more have passed; after ENTER_MAX_WAIT_MS when it never
   * shows it. Shown means: one more row holds the end of its last line, or a paste placeholder
   * ("[Pasted Text: 6 lines]"). Any output is not enough: a program busy starting draws other
   * things before it reads the text (seen on Gemini CLI 0.61 connecting its MCP servers), and Enter
   * read too soon after a paste is a newline.
   */
  afterTyped(text: string, then: () => void): void {
    const run = this.run;
    const probe = typedProbe(text);
    const count = () => this.screen.liveText().filter((l) => (probe !== '' && l.includes(probe)) || PASTE_PLACEHOLDER.test(l)).length;
    const before = count();
    const sentAt = this.context.now();
    let done = false;
    const fire = () => {
      if (done) return;
      done = true;
      clearTimeout(cap);
      if (this.run === run && this.running) then();
    };
    const cap = setTimeout(fire, ENTER_MAX_WAIT_MS);
    cap.unref();
    const waiter = () => {
      if (done || count() <= before) return false;
      // A program slow to show the text is busy (a loaded machine): its own handling of the paste
      // may lag as much again, so the gap grows with how long the echo took.
      const echoMs = this.context.now() - sentAt;
      setTimeout(fire, Math.min(Math.max(ENTER_GAP_MS, 2 * echoMs), ENTER_MAX_GAP_MS)).unref();
      return true;
    };
    this.echoWaiters.push(waiter);
  }

  /** Shown or hidden in the window. */
  watch(watched: boolean): void {
    this.output.watch(watched);
    if (watched) {
      this.bumpFrame();
      this.output.unthrottle();
    } else {
      // Output from now on is unseen, even in the middle of a stream that never paused.
      this.lastOutputEventAt = Number.NEGATIVE_INFINITY;
      this.leftText = screenWords(this.screen);
    }
    this.sendFocus(watched);
  }

  /** The sessions (process groups) still ours: the running leader's, and earlier ones whose number was not reused. */
  ownSessions(): number[] {
    const leader = this.pty && this.running ? this.info.pid : undefined;
    return this.sids.filter((sid) => sid === leader || leftoverSession(sid));
  }

  /** Lets the current run's pty go: no more output, timers or listeners of it. */
  detach(): void {
    this.echoWaiters = [];
    for (const d of this.disposers) d();
    this.disposers = [];
    this.pty?.dispose?.();
    this.output.detach();
    this.pacer.stop();
    if (this.screenTimer) clearTimeout(this.screenTimer);
    this.screenTimer = undefined;
  }

  /** After any parsed output: the debounced screen event, and a frame for the agent on screen. */
  private parsedRedraw(): void {
    if (!this.screenTimer) {
      this.screenTimer = setTimeout(() => {
        this.screenTimer = undefined;
        this.context.events.emit({ type: 'screen', id: this.info.id });
      }, SCREEN_DEBOUNCE_MS);
    }
    if (this.output.watched) this.pacer.schedule(this.screen.modes.synchronizedOutput, this.output.inputPending);
  }

  /**
   * Tells a hidden agent's program it has the focus (true) or has lost it again (false), as the
   * selected agent's is told: for a moment, to see what it draws when focused. False when it is
   * the selected one, or takes no focus reports.
   */
  lendFocus(focused: boolean): boolean {
    if (this.watched || !this.pty || !this.running || !this.screen.modes.sendFocus) return false;
    this.sendFocus(focused);
    return true;
  }

  private sendFocus(focused: boolean): void {
    if (this.pty && this.running && this.screen.modes.sendFocus) this.pty.write(focused ? '\x1b[I' : '\x1b[O');
  }
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
