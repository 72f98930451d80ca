// One agent's terminal: an @xterm/headless emulator and plain-value snapshots of what it shows.
import xtermHeadless from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import type { IBuffer, IBufferCell, Terminal as XTerminal } from '@xterm/headless';
import { runsToAnsi } from './ansi.js';
import { DEFAULT_COLOR, type Run } from './cell.js';
import { Scrollback } from './scrollback.js';

const { Terminal } = xtermHeadless;
const { Unicode11Addon } = unicode11;

export { Attr, type Color, DEFAULT_COLOR, type Run, TRUECOLOR } from './cell.js';
export { fitCell } from './row-reader.js';

export interface ScreenRow {
  readonly runs: readonly Run[];
  /** The row as SGR-styled text: what Ink draws, and equal strings mean the row looks the same. */
  readonly ansi: string;
}

export interface ScreenSnapshot {
  readonly cols: number;
  readonly rows: number;
  readonly lines: readonly ScreenRow[];
  readonly cursor: { readonly x: number; readonly y: number; readonly visible: boolean };
  /** Lines scrolled back from the live bottom (0 = live). */
  readonly scrollOffset: number;
  /** Lines of history above the screen. */
  readonly scrollback: number;
  readonly altScreen: boolean;
}

export interface ScreenModes {
  applicationCursorKeys: boolean;
  bracketedPaste: boolean;
  sendFocus: boolean;
  synchronizedOutput: boolean;
  mouseTracking: boolean;
}

export interface ScreenOptions {
  cols: number;
  rows: number;
  scrollback?: number;
  /** Never parse synchronously (the path for emulator builds without it; tests use it). */
  queuedOnly?: boolean;
}

export const DEFAULT_SCROLLBACK = 10_000;

export class Screen {
  private readonly term: XTerminal;
  private readonly cell: IBufferCell;
  private cursorHidden = false;
  private previousRows: ScreenRow[] = [];
  private readonly replyListeners = new Set<(data: string) => void>();
  private readonly bellListeners = new Set<() => void>();
  private readonly titleListeners = new Set<(title: string) => void>();
  private currentTitle = '';
  /** xterm's synchronous parse entry (internal, kept for headless use); absent in other builds. */
  private readonly syncWrite: ((data: string | Uint8Array) => void) | undefined;
  private readonly history: Scrollback;

  constructor(options: ScreenOptions) {
    this.term = new Terminal({
      cols: Math.max(2, options.cols),
      rows: Math.max(1, options.rows),
      scrollback: options.scrollback ?? DEFAULT_SCROLLBACK,
      allowProposedApi: true,
      // Lets programs that ask for the text area size (CSI 18 t) get an answer.
      windowOptions: { getWinSizeChars: true },
      // xterm logs through console, which would draw over the frame.
      logLevel: 'off',
    });
    const core = (this.term as unknown as { _core?: { writeSync?: (data: string | Uint8Array) => void } })._core;
    this.syncWrite = typeof core?.writeSync === 'function' && !options.queuedOnly ? core.writeSync.bind(core) : undefined;
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.cell = this.term.buffer.active.getNullCell();
    this.history = new Scrollback(this.term, this.cell, options.scrollback ?? DEFAULT_SCROLLBACK);
    // DECTCEM is not in the public modes; follow it through the parser hooks (the handler
    // returns false so xterm still applies the mode itself).
    const track = (visible: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorHidden = !visible;
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, track(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, track(false));
    this.term.parser.registerEscHandler({ final: 'c' }, () => {
      this.cursorHidden = false;
      this.history.cleared();
      return false;
    });
    // ED 3 clears the scrollback of the screen it is on: the archive belongs to the main one.
    this.term.parser.registerCsiHandler({ final: 'J' }, (params) => {
      if (params[0] === 3 && this.term.buffer.active.type === 'normal') this.history.cleared();
      return false;
    });
    this.term.onData((data) => this.replyListeners.forEach((l) => l(data)));
    this.term.onBell(() => this.bellListeners.forEach((l) => l()));
    this.term.onTitleChange((title) => {
      this.currentTitle = title;
      this.titleListeners.forEach((l) => l(title));
    });
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  get title(): string {
    return this.currentTitle;
  }

  /** Feeds program output; resolves once the emulator has parsed it. */
  write(data: string | Uint8Array): Promise<void> {
    if (this.parseNow(data)) return Promise.resolve();
    return new Promise((resolve) =>
      this.term.write(data, () => {
        this.history.settle();
        resolve();
      }),
    );
  }

  /** Whether parseNow() parses synchronously here. */
  get canParseNow(): boolean {
    return this.syncWrite !== undefined;
  }

  /**
   * Parses output right away when the emulator allows it (true), else queues it like write().
   * Parsing each read as it arrives keeps the pty drained between small slices of work: xterm's
   * own queue parses in 12 ms slices, during which nobody reads the pty and the program stalls,
   * and a hidden agent's flood would hold up the selected agent's echo for as long.
   */
  parseNow(data: string | Uint8Array): boolean {
    if (!this.syncWrite) return false;
    this.syncWrite(data);
    this.history.settle();
    return true;
  }

  /**
   * Moves the scrollback the emulator need not keep into the compact archive now. Lines go there
   * by themselves as they age; what a flood or a resize left in the emulator follows a second
   * after output pauses (tests and benchmarks call this to not wait).
   */
  archiveHistory(): void {
    this.history.archiveNow();
  }

  resize(cols: number, rows: number): void {
    if (cols === this.term.cols && rows === this.term.rows) return;
    this.term.resize(Math.max(2, cols), Math.max(1, rows));
    this.history.settle();
    this.previousRows = [];
  }

  /** Scrolls the view by `lines` (negative = back in history). */
  scrollBy(lines: number): void {
    this.history.scrollBy(lines);
  }

  /** Pages overlap by one line, as in xterm. */
  scrollPage(pages: number): void {
    this.history.scrollBy(pages * (this.term.rows - 1));
  }

  scrollToTop(): void {
    this.history.scrollToTop();
  }

  scrollToBottom(): void {
    this.history.scrollToBottom();
  }

  /** Lines of history kept in the compact archive rather than in the emulator. */
  get archivedLines(): number {
    return this.history.archived;
  }

  get scrollOffset(): number {
    return this.history.offset;
  }

  get modes(): ScreenModes {
    const m = this.term.modes;
    return {
      applicationCursorKeys: m.applicationCursorKeysMode,
      bracketedPaste: m.bracketedPasteMode,
      sendFocus: m.sendFocusMode,
      synchronizedOutput: m.synchronizedOutputMode,
      mouseTracking: m.mouseTrackingMode !== 'none',
    };
  }

  /** Answers the emulator gives to queries (device attributes, cursor position): send them to the program. */
  onReply(listener: (data: string) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  onBell(listener: () => void): () => void {
    this.bellListeners.add(listener);
    return () => this.bellListeners.delete(listener);
  }

  onTitle(listener: (title: string) => void): () => void {
    this.titleListeners.add(listener);
    return () => this.titleListeners.delete(listener);
  }

  /** The visible lines as plain text (right-trimmed), for detectors and tests. */
  text(): string[] {
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) out.push(this.history.text(y));
    return out;
  }

  /** The main screen's live rows as plain text, also while a program shows its alternate screen. */
  mainText(): string[] {
    const b = this.term.buffer.normal;
    return this.rowsText(b, b.baseY);
  }

  /**
   * The live screen (ignoring scrollback position) as plain text; with `history`, up to that many
   * lines of scrollback above it first (a prompt taller than the screen has its title up there).
   */
  liveText(history = 0): string[] {
    const b = this.term.buffer.active;
    const above = Math.min(history, b.baseY);
    return this.rowsText(b, b.baseY - above, above);
  }

  /**
   * Whether the row `up` rows above the screen's last shows an inverse-video cell: how a program
   * that hides the terminal's cursor (Claude, any Ink app) draws the cursor of a focused text field.
   */
  inverseOnRow(up: number): boolean {
    const b = this.term.buffer.active;
    const line = b.getLine(b.baseY + this.term.rows - 1 - up);
    if (!line) return false;
    for (let x = 0; x < line.length; x++) if (line.getCell(x, this.cell)?.isInverse()) return true;
    return false;
  }

  private rowsText(b: IBuffer, top: number, extra = 0): string[] {
    const out: string[] = [];
    for (let y = 0; y < this.term.rows + extra; y++) out.push(b.getLine(top + y)?.translateToString(true) ?? '');
    return out;
  }

  snapshot(): ScreenSnapshot {
    const b = this.term.buffer.active;
    const rows = this.term.rows;
    const cols = this.term.cols;
    const lines: ScreenRow[] = [];
    for (let y = 0; y < rows; y++) {
      const runs = this.history.runs(y, cols);
      const row = runs ? { runs, ansi: runsToAnsi(runs) } : blankRow(cols);
      const prev = this.previousRows[y];
      // Keep the previous object when nothing changed, so memoised row components skip it.
      lines.push(prev && prev.ansi === row.ansi ? prev : row);
    }
    this.previousRows = lines;
    const offset = this.history.offset;
    const cursorRow = b.cursorY + offset;
    return {
      cols,
      rows,
      lines,
      cursor: { x: Math.min(b.cursorX, cols - 1), y: cursorRow, visible: !this.cursorHidden && cursorRow < rows },
      scrollOffset: offset,
      scrollback: b.type === 'alternate' ? 0 : this.history.lines,
      altScreen: b.type === 'alternate',
    };
  }

  dispose(): void {
    this.history.dispose();
    this.term.dispose();
    this.replyListeners.clear();
    this.bellListeners.clear();
    this.titleListeners.clear();
  }
}

function blankRow(cols: number): ScreenRow {
  const text = ' '.repeat(cols);
  return { runs: [{ text, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0 }], ansi: text };
}
