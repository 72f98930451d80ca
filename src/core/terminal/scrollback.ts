// The main screen's history and the view scrolled over it. The emulator keeps the newest lines of
// scrollback itself (they reflow when the screen is resized); once output pauses, older ones move
// to a LineArchive, which keeps them in a fraction of the memory. While output streams the
// emulator keeps everything, as it would alone, so parsing runs at its full speed. Lines are
// numbered through both, from the first line ever seen, so a scrolled view stays on the same lines
// while output arrives.
import type { IBufferCell, IBufferLine, Terminal as XTerminal } from '@xterm/headless';
import type { Run } from './cell.js';
import { LineArchive } from './line-archive.js';
import { readRuns, readRunsFast } from './row-reader.js';

/** Lines of scrollback the emulator keeps itself once output has paused. */
export const EMULATOR_WINDOW = 200;
/** How long after output the archive catches up (again each such delay while output streams). */
const ARCHIVE_DELAY_MS = 1000;
/** Lines archived in one go (a few milliseconds), so other agents' output and keys wait little. */
const ARCHIVE_CHUNK = 2000;
/**
 * Beyond this many lines over the window, lines are archived as output arrives, up to
 * ARCHIVE_RATE lines a second: the emulator does not grow to its full size (memory freed after
 * such a peak is seldom given back to the system). Output faster than that is a flood: the
 * emulator keeps it, at its full speed (a full emulator reuses its oldest lines, a trimmed one
 * allocates new ones), until output pauses.
 */
const EAGER_SLACK = 500;
const ARCHIVE_RATE = 20_000;

/** The parts of xterm's line list the archive needs (internal; ED 3 trims the same way). */
interface XtermLines {
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
  private archiving = false;
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
    this.watchTrims();
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
    this.watchTrims();
    // The emulator took lines in: the oldest archived ones make room, so the history stays `capacity` long.
    const excess = this.archive.length + this.term.buffer.normal.baseY - this.capacity;
    if (excess > 0) this.archive.dropOldest(excess);
    if (this.viewTop !== undefined && this.top() === undefined) this.viewTop = undefined;
    const now = performance.now();
    this.budget = Math.min(ARCHIVE_RATE, this.budget + ((now - this.lastOutput) * ARCHIVE_RATE) / 1000);
    this.lastOutput = now;
    const over = this.term.buffer.normal.baseY - EMULATOR_WINDOW;
    if (this.archive.capacity > 0 && over > EAGER_SLACK && !this.flooding) {
      if (this.budget >= over) this.budget -= this.archiveChunk(over);
      else this.flooding = true;
    }
    if (this.archive.capacity > 0 && this.timer === undefined && this.term.buffer.normal.baseY > EMULATOR_WINDOW) {
      this.timer = setTimeout(() => this.archiveSome(), ARCHIVE_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Moves every line the emulator need not keep into the archive now (else it happens after output pauses). */
  archiveNow(): void {
    while (this.archiveChunk() > 0);
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
   * The emulator drops its oldest lines itself when full (then it holds the newest `capacity`
   * lines and the archive is due to be empty) and on ED 3; a reset gives it new buffers.
   */
  private watchTrims(): void {
    const lines = this.normalBuffer().lines;
    if (this.watched?.lines === lines) return;
    this.watched?.trims.dispose();
    const trims = lines.onTrim((count) => {
      if (!this.archiving) this.archive.skip(count);
    });
    this.watched = { lines, trims };
  }

  private archiveSome(): void {
    this.timer = undefined;
    const paused = performance.now() - this.lastOutput >= ARCHIVE_DELAY_MS;
    if (paused) this.flooding = false;
    // A flood goes on: look again later. Otherwise a chunk now, and the next one right after.
    const moved = this.flooding ? 0 : this.archiveChunk();
    if (this.term.buffer.normal.baseY <= EMULATOR_WINDOW) return;
    this.timer = setTimeout(() => this.archiveSome(), moved > 0 && paused ? 10 : ARCHIVE_DELAY_MS);
    this.timer.unref();
  }

  /** Archives up to `most` of the emulator's oldest lines; how many it moved. */
  private archiveChunk(most = ARCHIVE_CHUNK): number {
    const normal = this.term.buffer.normal;
    if (this.archive.capacity === 0 || normal.baseY <= EMULATOR_WINDOW) return 0;
    let count = Math.min(most, normal.baseY - EMULATOR_WINDOW);
    // Whole lines only: the emulator's first line must not continue an archived one.
    while (count < normal.baseY && normal.getLine(count)?.isWrapped) count++;
    const cols = this.term.cols;
    for (let i = 0; i < count; i++) this.archive.push(readRunsFast(normal.getLine(i)!, cols, this.cell));
    const buffer = this.normalBuffer();
    const lines = buffer.lines;
    this.archiving = true;
    lines.trimStart(count);
    this.archiving = false;
    // trimStart leaves the lines in the ring's slots, where they would stay alive until reused.
    for (let i = 1; i <= count; i++) lines._array[(lines._startIndex - i + lines._maxLength) % lines._maxLength] = undefined;
    buffer.ybase -= count;
    buffer.ydisp = Math.max(0, buffer.ydisp - count);
    return count;
  }
}
