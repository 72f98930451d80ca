// When hidden agents' output is parsed. Keys first: from a keystroke into the agent on screen until
// its echo is drawn, their output waits unparsed, so the echo's way through the event loop (the
// key, the program's answer, the frame) is never behind their parsing. And one slice of one hidden
// agent per turn of the event loop, taken in turn: between two slices the loop reads the keyboard
// and the watched agent, which otherwise waited for a slice of every streaming agent at once.

/** The longest a keystroke holds hidden agents back (a key that draws nothing must not stop them). */
const HOLD_MS = 25;

export class HiddenTurns {
  private timer: NodeJS.Timeout | undefined;
  /** Slices waiting for a turn, oldest first (an agent with more to parse queues again at the end). */
  private queue: (() => void)[] = [];
  private scheduled = false;

  /** A keystroke went to the agent on screen. */
  hold(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.release(), HOLD_MS);
    this.timer.unref();
  }

  get held(): boolean {
    return this.timer !== undefined;
  }

  /** Runs `slice` (one piece of a hidden agent's parsing) on a turn of its own, once no keystroke holds. */
  turn(slice: () => void): void {
    this.queue.push(slice);
    this.next();
  }

  /** The echo was drawn (or the hold ran out): hidden agents go on. */
  release(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.next();
  }

  private next(): void {
    if (this.scheduled || this.held || this.queue.length === 0) return;
    this.scheduled = true;
    // An immediate queued by an immediate runs on the next turn, after the loop has polled.
    setImmediate(this.runOne);
  }

  private readonly runOne = (): void => {
    this.scheduled = false;
    if (this.held) return;
    this.queue.shift()?.();
    this.next();
  };
}
