// Keys typed for an agent whose program does not read them yet: its worktree is being made, its
// setup runs, it is being spawned, restarted or resumed. They are held in order and written once
// the program has drawn something (the monitor's reading of its screen is no longer "starting"),
// encoded for the terminal modes it asked for by then (bracketed paste, application cursor keys).
// Written earlier they are lost or worse: the terminal's line discipline, still in cooked mode,
// echoes them, turns Enter into a newline and Ctrl+C into a signal, and Claude drops what comes
// before its first screen. If that screen asks a question (Claude's folder-trust dialog), they
// wait until it is answered: text meant for the agent's input must not answer it (Enter = trust).
import { encodeKeys } from '../terminal/index.js';
import type { KeyToken } from '../terminal/index.js';
import type { SessionHost, SessionInfo } from './host.js';
import { type AgentView, type SquadStore, agentById, findAgent } from '../state/index.js';

/** The most characters held for one agent; more is not kept (and the user is told). */
const HOLD_MAX_CHARS = 4 * 1024 * 1024;
/** A program whose screen stays blank this long after it started is taken to read its keys anyway (a plain `cat`). */
const BLANK_WAIT_MS = 5000;
/** How much of undelivered text a notice quotes (the activity log keeps the notice whole). */
const QUOTE_CHARS = 200;

export interface TypeaheadOptions {
  host: SessionHost;
  store: SquadStore;
  notice: (text: string, level: 'info' | 'warn' | 'error') => void;
  /** Takes a notice down if it is still shown (it said keys wait, and they went in). */
  clearNotice?: (text: string) => void;
  holdMaxChars?: number;
  blankWaitMs?: number;
  /** The keys that restart an exited agent, from typing into it ("Ctrl+] r"). */
  restartKeys?: () => string | undefined;
}

interface Held {
  keys: KeyToken[];
  chars: number;
  /** The cap was hit: later keys are not kept. */
  full: boolean;
  /** The user was told that the agent's question comes first. */
  toldQuestion: boolean;
  /** What the user was told while the keys waited. */
  told: string[];
}

export class Typeahead {
  private readonly held = new Map<string, Held>();
  /** Agents whose screen stayed blank for BLANK_WAIT_MS since their program started. */
  private readonly waitedOut = new Set<string>();
  private readonly blankTimers = new Map<string, NodeJS.Timeout>();
  private readonly disposers: (() => void)[] = [];
  private readonly cap: number;
  /** Agents told that they read nothing since they exited or failed (once, until they run again). */
  private readonly toldNotRunning = new Set<string>();

  constructor(private readonly o: TypeaheadOptions) {
    this.cap = o.holdMaxChars ?? HOLD_MAX_CHARS;
    this.disposers.push(
      o.host.onEvent((e) => {
        if (e.type === 'info') this.started(e.info);
        else if (e.type === 'removed') {
          this.reset(e.id);
          this.toldNotRunning.delete(e.id);
        }
      }),
      o.store.subscribe(() => this.review()),
    );
  }

  dispose(): void {
    for (const d of this.disposers) d();
    for (const id of [...this.blankTimers.keys()]) this.reset(id);
  }

  /** Keys for agent `id`: written now if its program reads them, held if it is still starting. */
  write(id: string, keys: readonly KeyToken[]): void {
    const agent = agentById(this.o.store.getState(), id);
    if (!agent) return;
    // Straight in once it reads, unless keys wait before them; while its first question is open,
    // what is typed now answers it (the held text waits for the input behind the question).
    if (this.reads(agent) && (!this.held.has(id) || agent.activity.state === 'permission')) {
      this.o.host.write(id, encodeKeys(keys, this.o.host.modes(id)));
      return;
    }
    // An agent that exited or failed reads nothing: said once, with how to restart it.
    if (agent.info.status !== 'starting' && agent.info.status !== 'running') return this.notRunning(agent);
    this.hold(id, agent.info.spec.name, keys);
  }

  /** Characters held for an agent. */
  holding(id: string): number {
    return this.held.get(id)?.chars ?? 0;
  }

  private notRunning(agent: AgentView): void {
    if (this.toldNotRunning.has(agent.id)) return;
    this.toldNotRunning.add(agent.id);
    const restart = this.o.restartKeys?.();
    // The keys first: a narrow footer cuts the end of a notice.
    const how = restart ? `${restart} restarts it; ` : '';
    this.o.notice(`${agent.info.spec.name} ${agent.info.status === 'failed' ? 'did not start' : 'has exited'}: ${how}what you type goes nowhere.`, 'warn');
  }

  private reads(agent: AgentView): boolean {
    return agent.info.status === 'running' && (agent.activity.state !== 'starting' || this.waitedOut.has(agent.id));
  }

  private hold(id: string, name: string, keys: readonly KeyToken[]): void {
    let h = this.held.get(id);
    if (!h) {
      h = { keys: [], chars: 0, full: false, toldQuestion: false, told: [] };
      this.held.set(id, h);
      this.tell(h, `${name} is starting: what you type is sent once it runs.`);
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
    if (info.status === 'running' || info.status === 'starting') this.toldNotRunning.delete(id);
    if (info.status !== 'running') {
      this.reset(id);
      return;
    }
    if (this.blankTimers.has(id)) return;
    const timer = setTimeout(() => {
      this.blankTimers.delete(id);
      this.waitedOut.add(id);
      this.review();
    }, this.o.blankWaitMs ?? BLANK_WAIT_MS);
    timer.unref();
    this.blankTimers.set(id, timer);
  }

  private reset(id: string): void {
    clearTimeout(this.blankTimers.get(id));
    this.blankTimers.delete(id);
    this.waitedOut.delete(id);
  }

  /**
   * Writes what was held for agents that now read it (after the question their first screen
   * asked, if any), and says what can't be delivered: it is never dropped silently.
   */
  private review(): void {
    if (this.held.size === 0) return;
    const agents = this.o.store.getState().agents;
    for (const [id, h] of this.held) {
      const agent = findAgent(agents, id);
      // Closed while starting: the user let it go, keys and all.
      if (!agent) {
        this.held.delete(id);
        continue;
      }
      const { status, spec } = agent.info;
      if (status === 'failed' || status === 'exited') {
        this.held.delete(id);
        const text = h.keys.map((k) => (k.kind === 'paste' ? k.text : k.seq)).join('');
        const why = status === 'failed' ? 'did not start' : 'exited before it read its input';
        this.o.notice(`${spec.name} ${why}: what you typed for it was not sent (${formatChars(text.length)}: ${quote(text)}).`, 'warn');
        continue;
      }
      if (!this.reads(agent)) continue;
      if (agent.activity.state === 'permission') {
        if (!h.toldQuestion) {
          h.toldQuestion = true;
          this.tell(h, `${spec.name} asks something first: answer it; what you typed before (${formatChars(h.chars)}) follows once it is answered.`);
        }
        continue;
      }
      // Deleted before writing: writing may report output, which comes back here.
      this.held.delete(id);
      if (h.keys.length > 0) this.o.host.write(id, encodeKeys(h.keys, this.o.host.modes(id)));
      for (const text of h.told) this.o.clearNotice?.(text);
    }
  }

  private tell(h: Held, text: string): void {
    h.told.push(text);
    this.o.notice(text, 'info');
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
