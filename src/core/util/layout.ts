// Size math, done once at the root: where the sidebar, the agent panel and the footer go.

export const MIN_COLS = 60;
export const MIN_ROWS = 12;

/** Rows of the changes view around its diff: its title, its key line and a blank (DiffView draws them). */
const DIFF_CHROME_ROWS = 3;

export interface Layout {
  readonly tooSmall: boolean;
  /** Rows Ink draws: one less than the terminal, so frames are updated in place, never with a full clear. */
  readonly frameRows: number;
  readonly cols: number;
  readonly sidebarWidth: number;
  /** Rows of the sidebar and panel (everything above the footer). */
  readonly bodyRows: number;
  /** The agent's terminal size: every pty and emulator is kept at this size. */
  readonly term: { readonly cols: number; readonly rows: number };
  /** Diff lines the changes view shows at once (paging moves by this much). */
  readonly diffRows: number;
}

export function computeLayout(cols: number, rows: number): Layout {
  const frameRows = Math.max(1, rows - 1);
  const tooSmall = cols < MIN_COLS || rows < MIN_ROWS;
  const sidebarWidth = cols >= 120 ? 28 : 22;
  const bodyRows = Math.max(1, frameRows - 1);
  return {
    tooSmall,
    frameRows,
    cols,
    sidebarWidth,
    bodyRows,
    // Panel = separator column + agent screen; one header row above the screen.
    term: { cols: Math.max(20, cols - sidebarWidth - 1), rows: Math.max(4, bodyRows - 1) },
    diffRows: Math.max(1, bodyRows - DIFF_CHROME_ROWS),
  };
}
