// Messages between agents (the message_send tool): each waits in its addressee's queue and is typed
// into it, the way a user would, only while it is idle at its input: never while it works or shows
// a prompt, nor while the user is typing into it (their half-written line would be sent with it).
import type { SessionHost } from '../sessions/local-host.js';
import type { AgentView, LogEntry, SquadStore } from '../state/index.js';
import type { SendResult } from './agent-calls.js';

export interface MessagesOptions {
  readonly host: Pick<SessionHost, 'typeLine' | 'onEvent'>;
  readonly store: SquadStore;
  /** The log file (the activity log in the store gets the same line). */
  readonly log: (text: string) => void;
  /** How long after the user's last key into an agent it counts as being typed into. */
  readonly typingHoldMs?: number;
  readonly now?: () => number;
}

interface Pending {
  readonly from: string;
  readonly text: string;
}

/**
 * Keys with no Enter behind them may be a half-written line: a message waits this long after the
 * last one (or until the agent starts working, which means the line was sent).
 */
const TYPING_HOLD_MS = 15_000;

export class Messages {
  private readonly queues = new Map<string, Pending[]>();
  private readonly lastKey = new Map<string, number>();
  private readonly disposers: (() => void)[] = [];
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly holdMs: number;
  private readonly now: () => number;

  constructor(private readonly o: MessagesOptions) {
    this.holdMs = o.typingHoldMs ?? TYPING_HOLD_MS;
    this.now = o.now ?? Date.now;
    this.disposers.push(
      o.store.subscribe(() => this.review()),
      o.host.onEvent((e) => {
        if (e.type === 'removed') this.dropFor(e.id);
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposers) d();
    clearTimeout(this.holdTimer);
  }

  /** From `from` to the agent named `to`: typed in now if it is free, else queued. */
  send(from: string, to: string, text: string): SendResult {
    const agents = this.o.store.getState().agents;
    const target = agents.find((a) => a.info.spec.name === to);
    if (!target) {
      const names = agents.map((a) => a.info.spec.name).filter((n) => n !== from);
      return { ok: false, reason: `There is no agent named "${to}". ${names.length > 0 ? `The others are: ${names.join(', ')}.` : 'You are the only agent.'}` };
    }
    if (to === from) return { ok: false, reason: `You are ${from}: send the message to another agent.` };
    if (!text.trim()) return { ok: false, reason: 'The message is empty.' };
    const queue = this.queues.get(target.id) ?? [];
    queue.push({ from, text: text.trim() });
    this.queues.set(target.id, queue);
    this.record(to, `message from ${from}: "${text.trim()}"`);
    this.review();
    return { ok: true, delivered: !this.queues.has(target.id) };
  }

  /** The user typed keys into agent `id` (from the input router). */
  typed(id: string): void {
    this.lastKey.set(id, this.now());
  }

  /** Messages waiting for agent `id`. */
  pending(id: string): number {
    return this.queues.get(id)?.length ?? 0;
  }

  private review(): void {
    if (this.queues.size === 0) return;
    for (const agent of this.o.store.getState().agents) {
      if (agent.activity.state === 'working') this.lastKey.delete(agent.id);
      if (this.queues.has(agent.id) && this.free(agent)) this.deliver(agent);
    }
  }

  private free(agent: AgentView): boolean {
    if (agent.info.status !== 'running' || agent.activity.state !== 'idle') return false;
    const key = this.lastKey.get(agent.id);
    if (key === undefined) return true;
    const left = key + this.holdMs - this.now();
    if (left <= 0) return true;
    // Nothing else may change in the store when the user just stops typing: look again then.
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.review(), left + 1);
    this.holdTimer.unref?.();
    return false;
  }

  /** One message per turn: the next waits until the agent is idle again after reading this one. */
  private deliver(agent: AgentView): void {
    const queue = this.queues.get(agent.id)!;
    const message = queue.shift()!;
    if (queue.length === 0) this.queues.delete(agent.id);
    // Held like the user's keys until the agent works on it, so no second message lands in the
    // same line (set first: the log entry below runs review() again).
    this.lastKey.set(agent.id, this.now());
    this.o.host.typeLine(agent.id, `Message from ${message.from} (sent with squadtui's message_send; reply the same way): ${message.text}`);
    this.record(agent.info.spec.name, `message from ${message.from} typed in`);
  }

  private dropFor(id: string): void {
    const queue = this.queues.get(id);
    if (!queue) return;
    this.queues.delete(id);
    this.lastKey.delete(id);
    this.record(undefined, `${queue.length} message(s) for a removed agent dropped (from ${[...new Set(queue.map((m) => m.from))].join(', ')})`);
  }

  private record(agent: string | undefined, text: string): void {
    const entry: LogEntry = { at: this.now(), ...(agent ? { agent } : {}), text, kind: 'notice' };
    this.o.store.dispatch({ type: 'log/add', entry });
    this.o.log(agent ? `${agent}: ${text}` : text);
  }
}
