// The main screen's history and the view scrolled over it. The emulator keeps the newest lines of
// scrollback itself (they reflow when the screen is resized); each older line moves to a
// LineArchive as the emulator lets it go, where it takes a fraction of the memory. The emulator's
// line list is kept exactly full, so it reuses its oldest line for each new one instead of
// allocating (freed line buffers fragment the process's memory, which is then not given back).
// Output faster than the archive's budget is a flood: the emulator keeps it, at its full speed, and
// the archive catches up once output pauses. Lines are numbered through both, from the first line
// ever seen, so a scrolled view stays on the same lines while output arrives.
import type { IBufferCell, IBufferLine, Terminal as XTerminal } from '@xterm/headless';
import type { Run } from './cell.js';
import { LineArchive } from './line-archive.js';
import { readRuns, readRunsFast } from './row-reader.js';

/** Lines of scrollback the emulator keeps itself once output has paused. */
export const EMULATOR_WINDOW = 200;
/** How long after a flood's last output the archive catches up. */
const ARCHIVE_DELAY_MS = 1000;
/** Lines archived in one go (a few milliseconds), so other agents' output and keys wait little. */
const ARCHIVE_CHUNK = 2000;
/** Lines a second archived as output arrives; faster output is a flood. */
const ARCHIVE_RATE = 20_000;

/** The parts of xterm's line list the archive needs (internal; ED 3 trims the same way). */
interface XtermLines {
  readonly length: number;
  maxLength: number;
  recycle(): unknown;
  splice(start: number, deleteCount: number, ...items: unknown[]): void;
  trimStart(count: number): void;
  onTrim(listener: (count: number) => void): { dispose(): void };
  _array: unknown[];
  _startIndex: number;
  _maxLength: number;
}
interface XtermBuffer {
  lines: XtermLines;
  ybase: number;
  ydisp: number;
}

export class Scrollback {
  private readonly archive: LineArchive;
  /** Line number of the view's top row while scrolled back; undefined: the live screen. */
  private viewTop: number | undefined;
  private watched: { lines: XtermLines; trims: { dispose(): void } } | undefined;
  /** Lines archived just before the emulator drops them: its next trims are not losses. */
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastOutput = 0;
  /** Lines that may still be archived while output arrives (refilled at ARCHIVE_RATE a second). */
  private budget = ARCHIVE_RATE;
  /** Output outran the budget: nothing is archived until it pauses. */
  private flooding = false;

  constructor(
    private readonly term: XTerminal,
    private readonly cell: IBufferCell,
    private readonly capacity: number,
  ) {
    this.archive = new LineArchive(Math.max(0, capacity - EMULATOR_WINDOW));
    this.settle();
  }

  /** Lines of history above the live screen. */
  get lines(): number {
    return this.archive.length + this.term.buffer.normal.baseY;
  }

  get archived(): number {
    return this.archive.length;
  }

  /** Lines the view is scrolled back from the live screen (0 on the alternate screen). */
  get offset(): number {
    const top = this.top();
    return top === undefined ? 0 : this.liveTop() - top;
  }

  scrollBy(lines: number): void {
    if (this.onAltScreen()) return;
    const live = this.liveTop();
    const top = Math.min(live, Math.max(this.archive.start, (this.top() ?? live) + lines));
    this.viewTop = top === live ? undefined : top;
  }

  scrollToTop(): void {
    this.scrollBy(-Infinity);
  }

  scrollToBottom(): void {
    this.viewTop = undefined;
  }

  /** After output was parsed or the screen resized. */
  settle(): void {
    this.watchRing();
    // The emulator took lines in: the oldest archived ones make room, so the history stays `capacity` long.
    const excess = this.archive.length + this.term.buffer.normal.baseY - this.capacity;
    if (excess > 0) this.archive.dropOldest(excess);
    if (this.viewTop !== undefined && this.top() === undefined) this.viewTop = undefined;
    const now = performance.now();
    this.budget = Math.min(ARCHIVE_RATE, this.budget + ((now - this.lastOutput) * ARCHIVE_RATE) / 1000);
    this.lastOutput = now;
    if (this.archive.capacity === 0) return;
    if (!this.flooding && this.budget < 0) {
      this.flooding = true;
      this.normalBuffer().lines.maxLength = this.capacity + this.term.rows;
    }
    if (!this.flooding && this.fitRing()) return;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.archiveSome(), ARCHIVE_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Moves every line the emulator need not keep into the archive now (else it happens after output pauses). */
  archiveNow(): void {
    this.flooding = false;
    while (this.archiveChunk() > 0);
    this.fitRing();
  }

  /** The program cleared the main screen's scrollback (ED 3) or reset the terminal. */
  cleared(): void {
    this.archive.clear();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watched?.trims.dispose();
  }

  /** Row `y` of the view as runs exactly `cols` wide; undefined where there is no line. */
  runs(y: number, cols: number): Run[] | undefined {
    const at = this.at(y);
    if (typeof at === 'number') return this.archive.runs(at, cols);
    return at ? readRuns(at, cols, this.cell) : undefined;
  }

  /** Row `y` of the view as plain text without trailing blanks. */
  text(y: number): string {
    const at = this.at(y);
    if (typeof at === 'number') return this.archive.runs(at, this.term.cols).map((r) => r.text).join('').trimEnd();
    return at?.translateToString(true).trimEnd() ?? '';
  }

  private at(y: number): IBufferLine | number | undefined {
    const top = this.top();
    if (top === undefined) {
      const b = this.term.buffer.active;
      return b.getLine(b.baseY + y);
    }
    const line = top + y;
    return line < this.archive.end ? line : this.term.buffer.normal.getLine(line - this.archive.end);
  }

  private onAltScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  private liveTop(): number {
    return this.archive.end + this.term.buffer.normal.baseY;
  }

  /** The view's top line, kept within the history; undefined when live or on the alternate screen. */
  private top(): number | undefined {
    if (this.viewTop === undefined || this.onAltScreen()) return undefined;
    const top = Math.max(this.viewTop, this.archive.start);
    return top >= this.liveTop() ? undefined : top;
  }

  private normalBuffer(): XtermBuffer {
    return (this.term as unknown as { _core: { buffers: { normal: XtermBuffer } } })._core.buffers.normal;
  }

  /**
   * Archives each line just before the emulator reuses it (recycle: a new line at the bottom;
   * splice: a line inserted above a bottom margin). Other trims drop lines from the history: ED 3,
   * a full emulator in a flood (then the archive is due to be empty), a reset (new buffers).
   */
  private watchRing(): void {
    const lines = this.normalBuffer().lines;
    if (this.watched?.lines === lines) return;
    this.watched?.trims.dispose();
    this.pending = 0;
    const recycle = lines.recycle.bind(lines);
    const splice = lines.splice.bind(lines);
    lines.recycle = () => {
      this.leaving(1);
      return recycle();
    };
    lines.splice = (start, deleteCount, ...items) => {
      const over = lines.length - deleteCount + items.length - lines.maxLength;
      if (over > 0) this.leaving(Math.min(over, start));
      splice(start, deleteCount, ...items);
    };
    const trims = lines.onTrim((count) => {
      const archived = Math.min(count, this.pending);
      this.pending -= archived;
      if (count > archived) this.archive.skip(count - archived);
    });
    this.watched = { lines, trims };
  }

  /** The emulator is about to drop its `count` oldest lines. */
  private leaving(count: number): void {
    if (this.flooding || this.archive.capacity === 0) return;
    this.archiveOldest(count);
    this.budget -= count;
  }

  /** Copies the emulator's `count` oldest lines into the archive (the emulator drops them next). */
  private archiveOldest(count: number): void {
    const normal = this.term.buffer.normal;
    const cols = this.term.cols;
    for (let i = 0; i < count; i++) this.archive.push(readRunsFast(normal.getLine(i)!, cols, this.cell, true));
    this.pending += count;
  }

  /**
   * Makes the emulator's line list hold exactly the window and the screen, so it reuses lines;
   * false while it holds more than that (after a flood or a resize), which archiveSome moves out.
   */
  private fitRing(): boolean {
    const lines = this.normalBuffer().lines;
    const size = EMULATOR_WINDOW + this.term.rows;
    if (lines.length > size) return false;
    if (lines.maxLength !== size) lines.maxLength = size;
    return true;
  }

  private archiveSome(): void {
    this.timer = undefined;
    const paused = performance.now() - this.lastOutput >= ARCHIVE_DELAY_MS;
    if (this.flooding && !paused) {
      this.timer = setTimeout(() => this.archiveSome(), ARCHIVE_DELAY_MS);
      this.timer.unref();
      return;
    }
    this.flooding = false;
    // A chunk now and the next one right after, so other agents' output and keys wait little.
    if (this.archiveChunk() > 0 && !this.fitRing()) {
      this.timer = setTimeout(() => this.archiveSome(), 10);
      this.timer.unref();
    } else this.fitRing();
  }

  /** Archives up to `most` of the emulator's oldest lines beyond its window; how many it moved. */
  private archiveChunk(most = ARCHIVE_CHUNK): number {
    const normal = this.term.buffer.normal;
    if (this.archive.capacity === 0 || normal.baseY <= EMULATOR_WINDOW) return 0;
    let count = Math.min(most, normal.baseY - EMULATOR_WINDOW);
    // Whole lines only: the emulator's first line must not continue an archived one.
    while (count < normal.baseY && normal.getLine(count)?.isWrapped) count++;
    this.archiveOldest(count);
    const buffer = this.normalBuffer();
    const lines = buffer.lines;
    lines.trimStart(count);
    // trimStart leaves the lines in the ring's slots, where they would stay alive until reused.
    for (let i = 1; i <= count; i++) lines._array[(lines._startIndex - i + lines._maxLength) % lines._maxLength] = undefined;
    buffer.ybase -= count;
    buffer.ydisp = Math.max(0, buffer.ydisp - count);
    return count;
  }
}
