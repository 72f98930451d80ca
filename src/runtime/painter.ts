// Draws the selected agent's terminal rows straight to the window as its frames come, without a
// React render and a whole Ink frame for each: a keystroke's echo reaches the screen in a tenth of
// the time. Ink still owns the frame: it draws these rows too whenever it renders (TerminalView
// asks rowAt as it writes them), and it is told where the painter drew (the cursor, and the lines
// to write whole once the rows are no longer there), through the calls the Ink patch adds.
//
// Why the two never disagree: while a region is shown, every frame of its agent is painted at once,
// so the screen's cells in the region always hold rowAt's text. Ink writes a line whole (with
// rowAt's text) or skips it because it equals what Ink wrote last, and then only the region's cells
// can differ from that, and they hold rowAt's text already.
import type { FrameCache } from '../core/sessions/index.js';
import type { ScreenSnapshot } from '../core/terminal/index.js';

/** Where the agent's terminal is in the frame. */
export interface PaintRegion {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The calls the Ink patch adds to an Ink instance (see patches/ink+6.8.0.patch). */
export interface InkCursorControl {
  /** Shows the cursor at `position` (in the frame), or hides it, until pinned again. */
  pinCursor(position: { x: number; y: number } | undefined): boolean;
  /** The lines from `from` to `to` were drawn over: the next frame writes them whole. */
  forgetLines(from: number, to: number): void;
}

/** Ink's stdout, as far as the painter writes to it. */
export type PaintTarget = Pick<NodeJS.WriteStream, 'write' | 'cork' | 'uncork'>;

const SAVE_CURSOR = '\x1b7';
const RESTORE_CURSOR = '\x1b8';
const RESET_STYLE = '\x1b[0m';
const moveTo = (x: number, y: number) => `\x1b[${y + 1};${x + 1}H`;

export class ScreenPainter {
  private region: PaintRegion | undefined;
  /** The agent's cursor shows (the user types into it): set apart from the region, which stays the same object. */
  private typing = false;
  /** What the region's rows show on screen now, by row. */
  private shown: (string | undefined)[] = [];
  private readonly blanks = new Map<number, string>();
  private readonly stop: () => void;

  /** `out` is the stream Ink draws to; `ink` is the instance drawing there now, if any. */
  constructor(
    private readonly frames: FrameCache,
    private readonly out: PaintTarget,
    private readonly ink: () => InkCursorControl | undefined,
  ) {
    this.stop = frames.onFrame((id) => {
      if (id === this.region?.id) this.paint();
    });
  }

  /** The region is on screen (set as Ink lays it out, before it draws it). Returns its removal. */
  show(region: PaintRegion): () => void {
    this.region = region;
    this.shown = [];
    this.placeCursor();
    return () => {
      if (this.region !== region) return;
      this.region = undefined;
      // Ink's record of these lines is older than what they show: the frame that takes the
      // region's place writes them whole, even where it equals that record.
      this.ink()?.forgetLines(region.y, region.y + region.height);
      this.ink()?.pinCursor(undefined);
    };
  }

  /** Whether the agent's cursor shows (typing into it), without moving the region. */
  showCursor(show: boolean): void {
    if (this.typing === show) return;
    this.typing = show;
    this.placeCursor();
  }

  /**
   * Row `i` of agent `id` in `width` columns: the frame's row, or blank while the frame is of
   * another width (the agent's screen is being resized). Ink calls it as it writes the row.
   */
  rowAt(id: string, width: number, i: number): string {
    const text = this.rowText(this.frames.get(id), width, i);
    const r = this.region;
    if (r && r.id === id && r.width === width) this.shown[i] = text;
    return text;
  }

  /** Draws the rows that changed, then the cursor. */
  paint(): void {
    const r = this.region;
    const ink = this.ink();
    if (!r || !ink) return;
    const snapshot = this.frames.get(r.id);
    let rows = '';
    for (let i = 0; i < r.height; i++) {
      const text = this.rowText(snapshot, r.width, i);
      if (text === this.shown[i]) continue;
      this.shown[i] = text;
      rows += moveTo(r.x, r.y + i) + text;
    }
    // The rows and the cursor reach the terminal in one write: a reader never sees the echo
    // without the cursor after it.
    this.out.cork();
    // Saved and restored around the rows: Ink moves the cursor relative to where it left it.
    if (rows) this.out.write(`${SAVE_CURSOR}\x1b[?25l${RESET_STYLE}${rows}${RESTORE_CURSOR}`);
    const cursorMoved = this.placeCursor();
    // Hidden for the rows above; shown again where it stayed.
    if (rows && !cursorMoved && this.cursorAt(r, snapshot)) this.out.write('\x1b[?25h');
    this.out.uncork();
  }

  dispose(): void {
    this.stop();
  }

  private placeCursor(): boolean {
    const r = this.region;
    return r ? (this.ink()?.pinCursor(this.cursorAt(r, this.frames.get(r.id))) ?? false) : false;
  }

  /** The agent's cursor in the frame, where it shows (typing, at the live screen, inside the region). */
  private cursorAt(r: PaintRegion, snapshot: ScreenSnapshot | undefined): { x: number; y: number } | undefined {
    const c = snapshot?.cursor;
    if (!this.typing || !c?.visible || snapshot?.scrollOffset !== 0 || snapshot.cols !== r.width) return undefined;
    if (c.x >= r.width || c.y >= r.height) return undefined;
    return { x: r.x + c.x, y: r.y + c.y };
  }

  private rowText(snapshot: ScreenSnapshot | undefined, width: number, i: number): string {
    return (snapshot?.cols === width ? snapshot.lines[i]?.ansi : undefined) ?? this.blank(width);
  }

  private blank(width: number): string {
    let text = this.blanks.get(width);
    if (text === undefined) {
      text = ' '.repeat(width);
      this.blanks.set(width, text);
    }
    return text;
  }
}
