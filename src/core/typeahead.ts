// Keys typed for an agent whose program does not read them yet: its worktree is being made, its
// setup runs, it is being spawned, restarted or resumed. They are held in order and written once
// the program has drawn its first screen, encoded for the terminal modes it asked for by then
// (bracketed paste, application cursor keys). Written earlier, the terminal's line discipline
// would still be in cooked mode: it would echo them, turn Enter into a newline and Ctrl+C into a
// signal.
import { encodeKeys } from './input-router.js';
import type { KeyToken } from './keys.js';
import type { SessionHost, SessionInfo } from './sessions.js';
import type { Store } from './store.js';

/** The most characters held for one agent; more is not kept (and the user is told). */
const HOLD_MAX_CHARS = 4 * 1024 * 1024;
/** A program that draws nothing this long after it started is taken to read its keys anyway. */
const FIRST_DRAW_WAIT_MS = 1000;
/** How much of undelivered text a notice quotes (the activity log keeps the notice whole). */
const QUOTE_CHARS = 200;

export interface TypeaheadOptions {
  host: SessionHost;
  store: Store;
  notice: (text: string, level: 'info' | 'warn' | 'error') => void;
  holdMaxChars?: number;
  firstDrawWaitMs?: number;
}

interface Held {
  keys: KeyToken[];
  chars: number;
  /** The cap was hit: later keys are not kept. */
  full: boolean;
}

export class Typeahead {
  private readonly held = new Map<string, Held>();
  /** Agents whose program runs and has drawn (or had the time to): their keys go straight in. */
  private readonly reading = new Set<string>();
  private readonly firstDraw = new Map<string, NodeJS.Timeout>();
  private readonly disposers: (() => void)[] = [];
  private readonly cap: number;

  constructor(private readonly o: TypeaheadOptions) {
    this.cap = o.holdMaxChars ?? HOLD_MAX_CHARS;
    this.disposers.push(
      o.host.onEvent((e) => {
        if (e.type === 'screen') this.drawn(e.id);
        else if (e.type === 'info') this.started(e.info);
        else if (e.type === 'removed') this.stopReading(e.id);
      }),
      o.store.subscribe(() => this.undeliverable()),
    );
  }

  dispose(): void {
    for (const d of this.disposers) d();
    for (const id of [...this.firstDraw.keys()]) this.stopReading(id);
  }

  /** Keys for agent `id`: written now if its program reads them, held if it is still starting. */
  write(id: string, keys: readonly KeyToken[]): void {
    if (this.reading.has(id) && !this.held.has(id)) {
      this.o.host.write(id, encodeKeys(keys, this.o.host.modes(id)));
      return;
    }
    const agent = this.o.store.getState().agents.find((a) => a.id === id);
    // An agent that exited or failed reads nothing (its screen says so, and how to restart it).
    if (agent?.info.status !== 'starting' && agent?.info.status !== 'running') return;
    this.hold(id, agent.info.spec.name, keys);
  }

  /** Characters held for an agent (for tests and the footer). */
  holding(id: string): number {
    return this.held.get(id)?.chars ?? 0;
  }

  private hold(id: string, name: string, keys: readonly KeyToken[]): void {
    let h = this.held.get(id);
    if (!h) {
      h = { keys: [], chars: 0, full: false };
      this.held.set(id, h);
      this.o.notice(`${name} is starting: what you type is sent once it runs.`, 'info');
    }
    if (h.full) return;
    for (const key of keys) {
      const size = key.kind === 'paste' ? key.text.length : key.seq.length;
      if (h.chars + size > this.cap) {
        h.full = true;
        this.o.notice(
          `${name} is still starting: only the first ${formatChars(this.cap)} typed for it are kept; ${key.kind === 'paste' ? `a paste of ${formatChars(size)}` : 'the rest'} and what follows are not sent.`,
          'warn',
        );
        return;
      }
      h.keys.push(key);
      h.chars += size;
    }
  }

  private started(info: SessionInfo): void {
    const { id } = info;
    if (info.status !== 'running') {
      this.stopReading(id);
      return;
    }
    if (this.reading.has(id) || this.firstDraw.has(id)) return;
    // A program that draws nothing at first (a plain `cat`) still gets its keys.
    const timer = setTimeout(() => this.drawn(id), this.o.firstDrawWaitMs ?? FIRST_DRAW_WAIT_MS);
    timer.unref();
    this.firstDraw.set(id, timer);
  }

  /** The program has drawn: it reads keys now; what was held for it goes first. */
  private drawn(id: string): void {
    if (this.o.host.get(id)?.status !== 'running') return;
    clearTimeout(this.firstDraw.get(id));
    this.firstDraw.delete(id);
    this.reading.add(id);
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    if (h.keys.length > 0) this.o.host.write(id, encodeKeys(h.keys, this.o.host.modes(id)));
  }

  private stopReading(id: string): void {
    clearTimeout(this.firstDraw.get(id));
    this.firstDraw.delete(id);
    this.reading.delete(id);
  }

  /** Held keys of an agent that failed to start or exited before reading them: said, never dropped silently. */
  private undeliverable(): void {
    if (this.held.size === 0) return;
    const agents = this.o.store.getState().agents;
    for (const [id, h] of this.held) {
      const agent = agents.find((a) => a.id === id);
      // Closed while starting: the user let it go, keys and all.
      if (!agent) {
        this.held.delete(id);
        continue;
      }
      const { status } = agent.info;
      if (status === 'starting' || status === 'running') continue;
      this.held.delete(id);
      const text = h.keys.map((k) => (k.kind === 'paste' ? k.text : k.seq)).join('');
      const why = status === 'failed' ? 'did not start' : 'exited before it read its input';
      this.o.notice(`${agent.info.spec.name} ${why}: what you typed for it was not sent (${formatChars(text.length)}: ${quote(text)}).`, 'warn');
    }
  }
}

function formatChars(n: number): string {
  if (n < 10_000) return `${n} character${n === 1 ? '' : 's'}`;
  return n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Typed text as a notice can show it: Enter as ⏎, other control keys left out. */
function quote(text: string): string {
  const shown = text.slice(0, QUOTE_CHARS).replace(/\r\n?|\n/g, '⏎').replace(/\x1b\[[\d;]*[~A-Za-z]|[\x00-\x1f\x7f]/g, '');
  return `"${shown}${text.length > QUOTE_CHARS ? '…' : ''}"`;
}
