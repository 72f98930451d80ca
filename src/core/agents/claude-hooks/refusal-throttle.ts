// Keeps a flood of refused hook messages from flooding the log: the first of each kind is reported at
// once, the rest of its window are counted and reported as one line when the window ends (and again
// each window while they keep coming), and what is still counted is reported on close.

export class RefusalThrottle<T> {
  private readonly windows = new Map<string, { last: T; more: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly report: (item: T, more?: number) => void,
  ) {}

  push(kind: string, item: T): void {
    const open = this.windows.get(kind);
    if (open) {
      open.more++;
      open.last = item;
      return;
    }
    this.report(item);
    this.open(kind, item);
  }

  /** Reports what is still counted and stops the timers. */
  flush(): void {
    for (const [kind, w] of this.windows) {
      clearTimeout(w.timer);
      this.windows.delete(kind);
      if (w.more > 0) this.report(w.last, w.more);
    }
  }

  private open(kind: string, item: T): void {
    const timer = setTimeout(() => {
      const w = this.windows.get(kind);
      this.windows.delete(kind);
      if (w && w.more > 0) {
        this.report(w.last, w.more);
        this.open(kind, w.last);
      }
    }, this.windowMs);
    // A pending report never keeps the process alive.
    timer.unref();
    this.windows.set(kind, { last: item, more: 0, timer });
  }
}
