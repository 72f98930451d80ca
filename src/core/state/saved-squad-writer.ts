// Keeps the saved squad (saved-squad.ts) in step with the squad: after a change, at most one write
// per short interval and only when what is saved changed; flushSync for exit paths, so the last
// change is never lost. A write that fails (a full disk) keeps the previous file whole, is logged
// and told once, and is tried again at the next change.
import { type ProcessId, selfId } from '../pty/index.js';
import { type Logger, fsReason, writeFileAtomic } from '../util/index.js';
import { snapshotOf } from './saved-squad.js';
import type { SquadStore } from './store.js';

export interface SquadSaverOptions {
  readonly file: string;
  readonly store: SquadStore;
  readonly log: Logger;
  /** Tells the user (a notice), once per run of failures. */
  readonly warn: (text: string) => void;
  readonly owner?: ProcessId;
  /** How long changes gather before one write. */
  readonly delayMs?: number;
  /** Writes the text (tests make it fail); atomic by default. */
  readonly write?: (file: string, text: string) => void;
}

/** Default gathering interval: a burst of changes (an agent starting) is one write. */
const DELAY_MS = 200;

export class SquadSaver {
  private unsubscribe: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The text on disk (or last tried and failed: tried again only when it changes). */
  private written: string | undefined;
  private stopped = false;
  private failing = false;
  private readonly owner: ProcessId;

  constructor(private readonly o: SquadSaverOptions) {
    this.owner = o.owner ?? selfId();
  }

  get file(): string {
    return this.o.file;
  }

  get saving(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** Saves now and after every change from here on; the file is this process's from now. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.o.store.subscribe(() => this.schedule());
    this.flushSync();
  }

  /** The user ended the squad on purpose: saved so, at once, and nothing will be offered back. */
  markStopped(): void {
    this.stopped = true;
    this.flushSync();
  }

  /** Writes what is pending now (exit paths); nothing when not saving or nothing changed. */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.unsubscribe) return;
    const text = `${JSON.stringify(snapshotOf(this.o.store.getState(), this.owner, this.stopped), null, 1)}\n`;
    if (text === this.written) return;
    this.written = text;
    try {
      (this.o.write ?? writeFileAtomic)(this.o.file, text);
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.failing) {
      this.failing = false;
      this.o.log.info(`saved the squad to ${this.o.file} again`);
    }
  }

  /** Stops saving (a pending change is written first). */
  dispose(): void {
    this.flushSync();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private schedule(): void {
    // Not pushed back by later changes: a squad that changes all the time is still saved.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushSync();
    }, this.o.delayMs ?? DELAY_MS);
    this.timer.unref?.();
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    const text = `Could not save the squad to ${this.o.file} (${fsReason(error)}): the previous save is kept; squadtui tries again at the next change.`;
    this.o.log.error(text, error);
    this.o.warn(text);
  }
}
