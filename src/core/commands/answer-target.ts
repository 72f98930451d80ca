// Which agent's prompt the squad menu's answer keys act on (the selected agent's, else the oldest),
// and whether it has only just become that one. After the prompt it named was answered (from the
// menu, or in the agent's own panel) or dismissed, the keys fall to another agent's prompt at once:
// a key pressed a moment later was meant for the one before, and must not answer the new one.
import type { Store } from '../state/index.js';
import { inboxTarget } from '../state/index.js';

/** How long the keys' new target waits before they answer it, when it took over from another. */
const SWITCH_MS = 500;

export class AnswerTarget {
  private id: string | undefined;
  /** When the target last went with no other in its place. */
  private goneAt: number | undefined;
  private switched: { from: string; at: number } | undefined;
  private selected: string | undefined;

  constructor(
    store: Store,
    private readonly now: () => number = Date.now,
  ) {
    const read = () => this.update(inboxTarget(store.getState())?.id, store.getState().view.selectedId);
    this.off = store.subscribe(read);
    read();
  }

  readonly off: () => void;

  /** The agent whose prompt the keys answered until a moment ago, when the target has just changed from it. */
  justTookOverFrom(): string | undefined {
    return this.switched && this.now() - this.switched.at < SWITCH_MS ? this.switched.from : undefined;
  }

  private update(id: string | undefined, selected: string | undefined): void {
    const now = this.now();
    // The user chose another agent: its prompt is the one they are looking at.
    if (selected !== this.selected) {
      this.selected = selected;
      this.switched = undefined;
      this.id = id;
      this.goneAt = undefined;
      return;
    }
    if (id === undefined) {
      if (this.id !== undefined) this.goneAt ??= now;
      return;
    }
    if (this.id !== undefined && id !== this.id && now - (this.goneAt ?? now) < SWITCH_MS) this.switched = { from: this.id, at: now };
    this.id = id;
    this.goneAt = undefined;
  }
}
