// When the user last pressed a key, for background work that can wait while they type. Starting a
// process is such work: node forks the whole of squadtui to start one, which stops its event loop
// for 5 ms on an idle machine and 25 to 100 ms on a busy one, long enough to hold back a key's echo.

export class KeyboardActivity {
  private last = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A key came in. */
  pressed(): void {
    this.last = this.now();
  }

  /** Milliseconds until no key will have come for `quietMs` (0: it is that quiet now). */
  untilQuiet(quietMs: number): number {
    return Math.max(0, this.last + quietMs - this.now());
  }
}
