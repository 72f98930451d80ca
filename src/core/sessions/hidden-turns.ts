// Keys first: from a keystroke into the agent on screen until its echo is drawn, hidden agents'
// output waits unparsed. The echo's way through the event loop (the key, the program's answer, the
// frame) is then never behind a slice of their parsing; they lose a few milliseconds per key.

/** The longest a keystroke holds hidden agents back (a key that draws nothing must not stop them). */
const HOLD_MS = 25;

export class KeysFirst {
  private timer: NodeJS.Timeout | undefined;
  private waiting: (() => void)[] = [];

  /** A keystroke went to the agent on screen. */
  hold(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.release(), HOLD_MS);
    this.timer.unref();
  }

  get held(): boolean {
    return this.timer !== undefined;
  }

  /** Calls `resume` once the hold ends (at once when there is none). */
  after(resume: () => void): void {
    if (this.timer === undefined) resume();
    else this.waiting.push(resume);
  }

  /** The echo was drawn (or the hold ran out): hidden agents go on. */
  release(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) setImmediate(resume);
  }
}
