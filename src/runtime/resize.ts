// Terminal resizes: agents take the new size at once, the frame is redrawn from a clean screen once
// the size settles.
import type { Composed } from '../compose.js';
import { computeLayout } from '../core/util/index.js';
import type { Editor } from './editor.js';
import type { Ui } from './ui.js';

/** How long the terminal's size must stay put before the frame is redrawn from a clean screen. */
const RESIZE_SETTLE_MS = 50;

export function terminalSize(stdout: NodeJS.WriteStream): { cols: number; rows: number } {
  return { cols: stdout.columns || 80, rows: stdout.rows || 24 };
}

export function followResizes(stdout: NodeJS.WriteStream, app: Composed, ui: Ui, editor: Editor): void {
  let remountTimer: NodeJS.Timeout | undefined;
  stdout.on('resize', () => {
    const next = terminalSize(stdout);
    const l = computeLayout(next.cols, next.rows);
    // Below the minimum size nothing is drawn: agents keep their size rather than being squashed.
    if (!l.tooSmall) app.host.resize(l.term.cols, l.term.rows);
    app.store.dispatch({ type: 'resize', ...next });
    // Start the frame from a clean screen: terminals differ in what they keep on resize. Once
    // the size settles: dragging a window edge sends a resize for every step.
    clearTimeout(remountTimer);
    remountTimer = setTimeout(() => {
      if (!editor.busy) ui.remount();
    }, RESIZE_SETTLE_MS);
  });
}
