// When the watched agent's next frame is drawn. A frame after a keystroke is never held back; a
// streaming agent's frames are spaced so that drawing them takes at most a twelfth of the time and
// parsing its output keeps the rest; and a program that synchronises its output (DEC 2026) is drawn
// when it ends its update, not half way through.

const FRAME_INTERVAL_MS = 33;
const MAX_FRAME_INTERVAL_MS = 100;
const DRAW_BUDGET_FACTOR = 12;
/** A program that keeps its output synchronised (DEC 2026) longer than this is drawn anyway. */
const SYNC_OUTPUT_TIMEOUT_MS = 150;

export class FramePacer {
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  /** How long the last frame took to draw (ms). */
  private drawCost = 0;
  /** When the program began its synchronised update (0: it is not in one). */
  private syncSince = 0;
  private readonly minInterval: number;

  /**
   * `draw` sends the frame (the UI draws it in a microtask); `now` is the clock the draw cost is
   * measured with; `minInterval` the least time between frames of a streaming agent.
   */
  constructor(
    private readonly draw: () => void,
    private readonly now: () => number,
    minInterval = FRAME_INTERVAL_MS,
  ) {
    this.minInterval = minInterval;
  }

  /** The screen changed: a frame now or later. `synchronized`: the program is inside an update; `urgent`: it echoes a keystroke. */
  schedule(synchronized: boolean, urgent: boolean): void {
    const now = this.now();
    if (synchronized) {
      if (this.syncSince === 0) this.syncSince = now;
      if (now - this.syncSince < SYNC_OUTPUT_TIMEOUT_MS) {
        // Draw when the program ends its update, or when it has held it too long.
        if (!this.timer) this.timer = setTimeout(() => this.frame(), SYNC_OUTPUT_TIMEOUT_MS);
        return;
      }
    } else {
      this.syncSince = 0;
    }
    const interval = Math.min(MAX_FRAME_INTERVAL_MS, Math.max(this.minInterval, DRAW_BUDGET_FACTOR * this.drawCost));
    if (urgent || now - this.lastFrameAt >= interval) {
      this.frame();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.frame(), interval - (now - this.lastFrameAt));
    }
  }

  /** Draws a frame now. */
  frame(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const start = this.now();
    this.lastFrameAt = start;
    this.draw();
    // The UI draws in a microtask queued by the frame listeners; this one runs after it. Knowing
    // what a frame costs lets a streaming agent's frames be spaced so drawing stays under a
    // twelfth of the time (DRAW_BUDGET_FACTOR) and parsing its output keeps the rest.
    queueMicrotask(() => {
      this.drawCost = this.now() - start;
    });
  }

  /** No frame pending any more (the program is gone). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
