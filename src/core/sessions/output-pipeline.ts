// An agent's output on its way from the pty into its screen: reads batched per turn of the event
// loop, a hidden agent's parsed a slice at a time on the turns HiddenTurns gives it and within a
// budget (its pty paused beyond it), how far the pty thread may read ahead, and the fallback for
// an emulator that can only parse through its own queue. This is the per-chunk path: plain
// fields, no allocation per read.
import type { PtyLike } from '../pty/index.js';
import type { Screen } from '../terminal/index.js';
import type { HiddenTurns } from './hidden-turns.js';

/** Reads gathered before they are parsed at once (within one turn of the event loop). */
const BATCH_BYTES = 64 * 1024;
/** A hidden agent's output parsed in one slice (one to three milliseconds of xterm's parse). */
const HIDDEN_SLICE_BYTES = 24 * 1024;
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

type Chunk = Uint8Array | string;

/** What the pipeline asks and tells the session it belongs to. */
export interface OutputOwner {
  /** Its program runs: flow control applies only then. */
  readonly running: boolean;
  /** Output was parsed into the screen. */
  outputParsed(): void;
}

export class OutputPipeline {
  /** The pty whose output this is (none while the program starts, or after it is let go). */
  pty: PtyLike | undefined;
  /** The agent is on screen: its output is parsed at once and not throttled, and read far ahead. */
  watched = false;
  /** A keystroke went in: its echo is parsed (and drawn) at once. */
  inputPending = false;
  /** Settles once everything written so far is parsed (the queued path; the other parses at once). */
  parsed: Promise<void> = Promise.resolve();
  private inflight = 0;
  private paused = false;
  private batch: Chunk[] = [];
  private batchBytes = 0;
  private batchScheduled = false;
  private windowStart = 0;
  private windowBytes = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly settleSlice = () => this.settle(false);

  /** `now` is the clock of a hidden agent's budget; `hidden` gives a hidden agent its turns to parse. */
  constructor(
    private readonly screen: Screen,
    private readonly owner: OutputOwner,
    private readonly now: () => number,
    private readonly hidden: HiddenTurns,
  ) {}

  /** A new run's pty: its output comes here from now on. */
  attach(pty: PtyLike): void {
    this.pty = pty;
    this.inflight = 0;
    this.paused = false;
  }

  /** Tells the pty thread how far it may read ahead of parsing. */
  readAhead(): void {
    this.pty?.readAhead?.(this.watched ? WATCHED_READ_AHEAD : HIDDEN_READ_AHEAD);
  }

  receive(pty: PtyLike, data: Chunk): void {
    if (this.screen.canParseNow) {
      // A pty hands over a few KB per read; the reads of one turn of the event loop are parsed
      // together (the emulator works faster on larger pieces). Anything that looks at the screen
      // settles the batch first, so nobody sees it half parsed.
      this.batch.push(data);
      this.batchBytes += data.length;
      if (!this.watched) this.throttleHidden(pty, data.length);
      // The echo of a keystroke is parsed (and drawn) at once. Hidden agents' output is parsed
      // on a later turn, never here: output of several agents may arrive together, and the echo
      // must not wait behind theirs.
      if (this.watched && (this.inputPending || this.batchBytes >= BATCH_BYTES)) this.settle();
      else if (!this.batchScheduled) {
        this.batchScheduled = true;
        if (this.watched) setImmediate(this.settleSlice);
        else this.hidden.turn(this.settleSlice);
      }
      return;
    }
    // Fallback for emulators without a synchronous parse: bounded queue with pty flow control.
    const size = data.length;
    this.inflight += size;
    this.updateFlow();
    this.parsed = this.screen.write(data).then(() => {
      pty.consumed?.(size);
      if (this.pty !== pty) return;
      this.inflight -= size;
      this.updateFlow();
      this.owner.outputParsed();
    });
  }

  /** Parses what has been read but not parsed yet (`all`: everything, for whoever looks at the screen now). */
  settle(all = true): void {
    this.batchScheduled = false;
    if (this.batch.length === 0) return;
    if (!all && !this.watched && this.hidden.held) {
      this.batchScheduled = true;
      this.hidden.turn(this.settleSlice);
      return;
    }
    let chunks = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (!this.watched && !all) {
      // A hidden agent's output is parsed a slice per turn it is given, so that the selected
      // agent's echo, arriving meanwhile, is never more than one slice away.
      const [now, later] = cut(chunks, HIDDEN_SLICE_BYTES);
      if (later.length > 0) {
        chunks = now;
        this.batch = later;
        this.batchBytes = later.reduce((n, c) => n + c.length, 0);
        this.batchScheduled = true;
        this.hidden.turn(this.settleSlice);
      }
    }
    const data = chunks.length === 1
      ? chunks[0]!
      : chunks.every((c) => typeof c === 'string')
        ? chunks.join('')
        : Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
    this.screen.parseNow(data);
    // Parsed: a pty read ahead by another thread may read that much more.
    this.pty?.consumed?.(data.length);
    this.owner.outputParsed();
  }

  /** Shown or hidden: a shown agent reads further ahead (and is unthrottled, see unthrottle). */
  watch(watched: boolean): void {
    this.watched = watched;
    this.readAhead();
  }

  /** Selected: no longer throttled. */
  unthrottle(): void {
    if (this.resumeTimer && this.pty) {
      clearTimeout(this.resumeTimer);
      this.resumeTimer = undefined;
      this.paused = false;
      this.pty.resume();
    }
    this.updateFlow();
  }

  /** The program exited and all it wrote is parsed: a pty paused for it is let go. */
  ended(pty: PtyLike): void {
    if (this.paused) pty.resume();
  }

  /** The pty is let go: output of the program that is gone is not parsed any more (its exit parsed all it wrote). */
  detach(): void {
    this.batch = [];
    this.batchBytes = 0;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.pty = undefined;
  }

  /**
   * A hidden agent may parse HIDDEN_BYTES_PER_WINDOW per window; beyond that its pty is paused
   * until the window ends. Its program slows down (backpressure) instead of taking the CPU the
   * selected agent and the keyboard need.
   */
  private throttleHidden(pty: PtyLike, size: number): void {
    const now = this.now();
    if (now - this.windowStart >= HIDDEN_WINDOW_MS) {
      this.windowStart = now;
      this.windowBytes = 0;
    }
    this.windowBytes += size;
    if (this.windowBytes < HIDDEN_BYTES_PER_WINDOW || this.paused) return;
    this.paused = true;
    pty.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      if (this.pty !== pty || !this.paused) return;
      this.paused = false;
      pty.resume();
    }, HIDDEN_WINDOW_MS - (now - this.windowStart));
  }

  private updateFlow(): void {
    const pty = this.pty;
    if (!pty || !this.owner.running) return;
    const high = this.watched ? WATCHED_HIGH_WATER : HIDDEN_HIGH_WATER;
    const low = this.watched ? WATCHED_LOW_WATER : 0;
    if (!this.paused && this.inflight >= high) {
      this.paused = true;
      pty.pause();
    } else if (this.paused && this.inflight <= low) {
      this.paused = false;
      pty.resume();
    }
  }
}

/** Splits output pieces after `bytes` (a piece that straddles the limit is split too). */
export function cut(chunks: Chunk[], bytes: number): [Chunk[], Chunk[]] {
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
