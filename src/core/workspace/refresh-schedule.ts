// When each agent's worktree is looked at again: calls in between folded into one, one look per
// agent at a time (one asked for meanwhile follows it), and background looks held while the user
// types. A look starts git processes, and node stops its event loop to fork each one (5 ms on an
// idle machine, 25 to 100 ms on a busy one), long enough to hold back the echo of a key.
import type { KeyboardActivity } from '../util/index.js';

/** A background look waits for this long without a key, and at most MAX_KEYS_WAIT_MS. */
const KEYS_QUIET_MS = 1000;
const MAX_KEYS_WAIT_MS = 10_000;
/** A look asked for while one runs follows it this long after. */
const AGAIN_MS = 250;

interface Pending {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  /** When this background look began to wait for the keyboard to go quiet. */
  waitingSince?: number;
}

export interface RefreshScheduleOptions {
  /** Looks at the agent's worktree (never throws). */
  look: (agentId: string) => Promise<void>;
  keyboard?: KeyboardActivity;
  now?: () => number;
}

export class RefreshSchedule {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly o: RefreshScheduleOptions) {}

  /** A look after `delay` ms: 0 is one the user asked for (a commit, a new worktree), later ones are background. */
  schedule(agentId: string, delay: number): void {
    const p = this.pending.get(agentId) ?? { running: false, again: false };
    this.pending.set(agentId, p);
    if (p.running) {
      p.again = true;
      return;
    }
    if (p.timer && delay > 0) return;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => void this.run(agentId, p, delay > 0), delay);
    p.timer.unref();
  }

  cancel(agentId: string): void {
    clearTimeout(this.pending.get(agentId)?.timer);
    this.pending.delete(agentId);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }

  private async run(agentId: string, p: Pending, background: boolean): Promise<void> {
    p.timer = undefined;
    if (background && this.waitForKeys(agentId, p)) return;
    p.waitingSince = undefined;
    p.running = true;
    try {
      await this.o.look(agentId);
    } finally {
      p.running = false;
      if (p.again) {
        p.again = false;
        this.schedule(agentId, AGAIN_MS);
      }
    }
  }

  /** Keys first: while the user types, a background look waits for a quiet second (at most MAX_KEYS_WAIT_MS). */
  private waitForKeys(agentId: string, p: Pending): boolean {
    const wait = this.o.keyboard?.untilQuiet(KEYS_QUIET_MS) ?? 0;
    if (wait === 0) return false;
    const now = this.o.now?.() ?? performance.now();
    p.waitingSince ??= now;
    const left = p.waitingSince + MAX_KEYS_WAIT_MS - now;
    if (left <= 0) return false;
    p.timer = setTimeout(() => void this.run(agentId, p, true), Math.min(wait, left));
    p.timer.unref();
    return true;
  }
}
