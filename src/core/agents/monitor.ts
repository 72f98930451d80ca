// Watches every agent: reads its screen when it changes (debounced by the host), takes Claude's
// hook events, keeps each agent's activity in the store, and acts on changes: notifications, the
// window title, auto-approval, the first prompt. Also answers permission prompts, safely.
import { type Activity, type Observation, isWaiting, observe } from './activity.js';
import { type ApproveRule, autoApprove } from '../approve/index.js';
import { type DetectedPrompt, type DetectorDefinition, detect, detectPrompt, samePrompt } from './detect/index.js';
import { HOOK_GRACE_MS } from './activity.js';
import type { HookEvent } from './claude-hooks/events.js';
import { type Logger, Waits } from '../util/index.js';
import type { Notifier } from './notifier.js';
import type { SessionHost, SessionInfo } from '../sessions/index.js';
import { type Choice, type PromptPort, choose, fieldTakesKeys, pick } from './prompt-answer.js';
import { type AgentView, type SquadStore, agentById } from '../state/index.js';
import { ScreenReadings } from './screen-readings.js';
import { type FocusedPrompt, withFocus } from './text-field.js';
import { describe, requestInput, requestSummary } from './requests.js';

export { describe } from './requests.js';

export interface ApproveConfig {
  readonly enabled: boolean;
  readonly rules: ReadonlyMap<string, readonly ApproveRule[]>;
}

export interface MonitorOptions {
  host: SessionHost;
  store: SquadStore;
  notifier: Notifier;
  log: Logger;
  /** The detector for an agent (chosen from its command line and the user's definitions). */
  detectorFor: (agentId: string) => DetectorDefinition;
  approve: () => ApproveConfig;
  /** The key that opens the message dialog, to name it when a message is kept. */
  messageKey?: () => string | undefined;
  now?: () => number;
}

export type AnswerResult = { readonly sent: true; readonly option: string } | { readonly sent: false; readonly reason: string };
export type { Choice } from './prompt-answer.js';

/** With no detector that can tell idle, the first prompt goes in once output has been quiet this long. */
const QUIET_MS = 700;
/** How long "deny with a message" waits for the agent's input box before typing. */
const MESSAGE_WAIT_MS = 5000;
/** How long an answered prompt still on screen is taken as the agent catching up, not a new question. */
const ANSWERED_HOLD_MS = 2000;

interface Watch {
  firstPromptSent: boolean;
  quietTimer?: NodeJS.Timeout;
  /** The prompt last considered for auto-approval, and whether the hook's account was known then. */
  judged?: { prompt: DetectedPrompt; withRequest: boolean };
  /** The prompt last answered, until the screen moves on: a second key press must not answer the next one. */
  answered?: { prompt: DetectedPrompt; at: number };
  /** Answers to this agent run one after the other. */
  answering: Promise<void>;
  /** Answers waiting on the screen (a key taken; the prompt changing after the user's typing); new prompts. */
  screen: ScreenReadings;
  /** A screen read again once a hook's grace window is over (an idle Claude draws nothing more). */
  graceTimer?: NodeJS.Timeout;
  /** A "deny with message" message that could not be typed, kept to be offered again. */
  keptMessage?: string;
  /** Waits for the agent's activity (back at its input after a denial). */
  activity: Waits<Activity>;
}

export class Monitor {
  private readonly watches = new Map<string, Watch>();
  private readonly disposers: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly o: MonitorOptions) {
    this.now = o.now ?? Date.now;
    this.disposers.push(
      o.host.onEvent((e) => {
        if (e.type === 'screen') this.readScreen(e.id);
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposers) d();
    for (const id of this.watches.keys()) this.forget(id);
  }

  /** A session started, exited or failed (called once the store knows the agent). */
  sessionChanged(info: SessionInfo): void {
    this.apply(info.id, { kind: 'session', info });
  }

  /** Feeds a hook event from the agent that sent it. */
  hook(event: HookEvent): void {
    this.apply(event.agentId, { kind: 'hook', event: event.event, payload: event.payload as unknown as Record<string, unknown> });
  }

  /** Reads an agent's screen as parsed so far, on its changes (parsing a hidden flood's rest here would hold the keys up). */
  readScreen(id: string): void {
    const detector = this.o.detectorFor(id);
    const detection = detect(this.o.host.screenText(id, true, detector.lines), detector);
    const watch = this.watch(id);
    if (watch.answered && !(detection.prompt && samePrompt(watch.answered.prompt, detection.prompt))) watch.answered = undefined;
    this.apply(id, { kind: 'screen', detection });
    watch.screen.read(detection.prompt);
    this.rereadAfterGrace(id, detection.state);
    this.maybeFirstPrompt(id, detector);
  }

  /**
   * A screen that disagrees with a hook inside its grace window is not taken (the screen lags the
   * hook by a frame). An idle Claude draws nothing more, so the screen is read again once the
   * window is over, or a stale hook would stand for good.
   */
  private rereadAfterGrace(id: string, screenState: string): void {
    const activity = this.agent(id)?.activity;
    const watch = this.watches.get(id);
    if (!activity || !watch || activity.hookAt === undefined || activity.state === screenState) return;
    const left = activity.hookAt + HOOK_GRACE_MS - this.now();
    if (left < 0) return;
    clearTimeout(watch.graceTimer);
    watch.graceTimer = setTimeout(() => this.readScreen(id), left + 1);
    watch.graceTimer.unref?.();
  }

  private agent(id: string): AgentView | undefined {
    return agentById(this.o.store.getState(), id);
  }

  /**
   * Answers the prompt an agent shows, the way the agent reads keys (see prompt-answer.ts).
   * `shown` is the prompt the user saw when they chose; just before each key the live screen is
   * read again, and if it no longer shows that prompt nothing (more) is sent. Answers to one agent
   * go one after the other.
   */
  answer(id: string, choice: Choice, shown?: DetectedPrompt): Promise<AnswerResult> {
    const watch = this.watch(id);
    const queued = shown ?? this.agent(id)?.activity.prompt;
    const run = watch.answering.then(() => this.answerNow(id, choice, queued));
    watch.answering = run.then(() => undefined);
    return run;
  }

  /** The user typed into the agent's own panel (an answer that follows waits for its prompt to change). */
  typed(id: string): void {
    this.watch(id).screen.typedInto();
  }

  private async answerNow(id: string, choice: Choice, queued: DetectedPrompt | undefined): Promise<AnswerResult> {
    await this.watch(id).screen.afterTyping();
    const agent = this.agent(id);
    if (!agent) return { sent: false, reason: 'That agent is gone.' };
    const name = agent.info.spec.name;
    const fresh = this.livePrompt(id);
    if (!queued || !fresh || !samePrompt(queued, fresh)) {
      this.readScreen(id);
      const why = !fresh ? 'it no longer shows that prompt' : !queued ? 'its prompt is not on its screen yet' : 'it now shows a different prompt';
      this.record(name, `not answered: ${why}; nothing was sent`, 'dropped');
      return { sent: false, reason: `${name}: ${why}; nothing was sent.` };
    }
    const watch = this.watch(id);
    if (watch.answered && samePrompt(watch.answered.prompt, fresh) && this.now() - watch.answered.at < ANSWERED_HOLD_MS) {
      return { sent: false, reason: `${name}'s prompt was just answered; nothing more was sent.` };
    }
    // A second key right after an answer is meant for that prompt, not for one the user has not read yet.
    if (watch.screen.newSinceAnswer(fresh)) {
      this.record(name, 'not answered: its prompt had only just appeared after the last answer; nothing was sent', 'dropped');
      return { sent: false, reason: `${name} shows a new prompt since your last answer; nothing was sent. Read it, then answer again.` };
    }
    const focused = await withFocus(this.o.host, id, fresh, () => this.livePrompt(id), (ms) => watch.screen.next(() => true, ms));
    try {
      return await this.send(id, name, choice, fresh, focused);
    } finally {
      focused.release();
    }
  }

  /** Sends the answer's keys, unless a text field of the prompt would take them. */
  private async send(id: string, name: string, choice: Choice, fresh: DetectedPrompt, focused: FocusedPrompt): Promise<AnswerResult> {
    if (!samePrompt(focused.prompt, fresh)) {
      this.record(name, 'not answered: its prompt changed as it was read again; nothing was sent', 'dropped');
      return { sent: false, reason: `${name}: its prompt changed as it was read again; nothing was sent.` };
    }
    if (focused.fieldOpen && fieldTakesKeys(fresh, choice)) {
      this.record(name, 'not answered: a text field of its prompt has the focus; nothing was sent', 'dropped');
      return { sent: false, reason: `${name}'s prompt has a text field open, which would take the keys as typed text; nothing was sent. Answer it in ${name}'s panel.` };
    }
    const watch = this.watch(id);
    const option = choose(fresh, choice);
    if (typeof option === 'string') {
      this.record(name, `not answered: its prompt ${option}; nothing was sent`, 'dropped');
      return { sent: false, reason: `${name}'s prompt ${option}; nothing was sent.` };
    }
    const outcome = await pick(this.port(id), fresh, option, choice.by === 'text' ? choice.text : undefined);
    if (!outcome.ok) {
      this.record(name, `not answered: ${outcome.reason}`, 'dropped');
      return { sent: false, reason: `${name}: ${outcome.reason}.` };
    }
    if (outcome.closes) {
      watch.answered = { prompt: fresh, at: this.now() };
      watch.screen.answered();
      // The hook's request was this prompt's: the next prompt must not inherit it (its tool may match).
      const current = this.agent(id)?.activity;
      if (current?.request) this.o.store.dispatch({ type: 'agent/activity', id, activity: { ...current, request: undefined } });
    }
    this.record(name, `answered "${outcome.label}" (${describe(fresh)})`, 'answer');
    return { sent: true, option: outcome.label };
  }

  /**
   * Rejects the prompt, then types `message` once the agent is back at its input. A message that
   * could not be typed is kept (`keptMessage`) to be offered again, never dropped.
   */
  async answerWithMessage(id: string, message: string, shown?: DetectedPrompt): Promise<AnswerResult> {
    const result = await this.answer(id, { by: 'role', role: 'no' }, shown);
    const text = message.trim();
    if (!text) return result;
    const watch = this.watch(id);
    const name = this.agent(id)?.info.spec.name ?? id;
    if (!result.sent) {
      watch.keptMessage = text;
      return { sent: false, reason: `${result.reason} Your message is kept: ${this.o.messageKey?.() ?? 'm'} offers it again.` };
    }
    const back = (a: Activity) => a.state === 'idle' || a.state === 'exited' || a.state === 'failed';
    const now = this.agent(id)?.activity;
    const ready = now && back(now) ? now : await watch.activity.next(back, MESSAGE_WAIT_MS);
    if (ready?.state !== 'idle') {
      watch.keptMessage = text;
      this.record(name, `did not come back to its input; the message was kept: "${text}"`, 'dropped');
      return { sent: false, reason: `${name} was denied but did not come back to its input, so your message was not typed. It is kept: ${this.o.messageKey?.() ?? 'm'} offers it again.` };
    }
    watch.keptMessage = undefined;
    this.o.host.typeLine(id, text);
    this.record(name, `told it instead: "${text}"`, 'answer');
    return result;
  }

  /** A message the agent could not be given, to offer again (and forget once taken). */
  takeKeptMessage(id: string): string | undefined {
    const watch = this.watches.get(id);
    const text = watch?.keptMessage;
    if (watch) watch.keptMessage = undefined;
    return text;
  }

  private livePrompt(id: string): DetectedPrompt | undefined {
    const detector = this.o.detectorFor(id);
    return detectPrompt(this.o.host.screenText(id, false, detector.lines), detector);
  }

  /** The agent's screen as an answer sees it: read now, write, wait for a change. */
  private port(id: string): PromptPort {
    return {
      read: () => this.livePrompt(id),
      write: (data) => this.o.host.write(id, data),
      until: (test, ms) => this.watch(id).screen.until(this.livePrompt(id), test, ms),
    };
  }

  private apply(id: string, o: Observation): void {
    const { store } = this.o;
    const agent = agentById(store.getState(), id);
    if (!agent) return;
    const prev = agent.activity;
    const next = observe(prev, o, this.now());
    if (next === prev) return;
    store.dispatch({ type: 'agent/activity', id, activity: next });
    const watch = this.watch(id);
    watch.activity.changed(next);
    const name = agent.info.spec.name;
    if (next.state === 'permission') {
      if (prev.state !== 'permission') this.o.notifier.notify(`${name} ${next.prompt?.kind === 'question' ? 'asks a question' : 'needs permission'}`, requestSummary(next));
      if (next.prompt) this.maybeAutoApprove(id, name, next);
    }
    if (next.state === 'idle' && next.finishedTurn && prev.state !== 'idle') this.o.notifier.notify(`${name} is done`, 'waiting for your next message');
    this.o.notifier.waiting(store.getState().agents.filter((a) => isWaiting(a.activity) && (a.activity.state === 'permission' || a.activity.finishedTurn)).length);
  }

  private maybeAutoApprove(id: string, name: string, activity: Activity): void {
    const prompt = activity.prompt!;
    const watch = this.watch(id);
    // One decision per prompt; decided again once the hook's exact input arrives (the screen's
    // reading of a command is abridged, and it includes the description).
    const withRequest = activity.request !== undefined;
    if (watch.judged && samePrompt(watch.judged.prompt, prompt) && (watch.judged.withRequest || !withRequest)) return;
    watch.judged = { prompt, withRequest };
    if (prompt.kind !== 'tool' || !prompt.options.some((o) => o.role === 'yes')) return;
    const config = this.o.approve();
    if (!config.enabled) return;
    const agent = agentById(this.o.store.getState(), id);
    if (!agent) return;
    const detector = this.o.detectorFor(id);
    const tool = activity.request?.tool ?? prompt.tool ?? prompt.title;
    const input = requestInput(activity, agent.info.spec.cwd) ?? prompt.input;
    const decision = autoApprove(config, detector.id, tool, input, agent.info.spec.cwd);
    if (!decision.approve) return;
    this.answer(id, { by: 'role', role: 'yes' }, prompt).then(
      (result) => {
        if (result.sent) this.record(name, `auto-approved ${tool}(${input.split('\n')[0]}) by rule ${decision.rules.join(', ')}`, 'auto-approve');
      },
      (error: unknown) => this.o.log.error(`auto-approving ${name}`, error),
    );
  }

  private maybeFirstPrompt(id: string, detector: DetectorDefinition): void {
    const agent = agentById(this.o.store.getState(), id);
    const prompt = agent?.info.spec.firstPrompt;
    const watch = this.watch(id);
    if (!agent || !prompt || watch.firstPromptSent || agent.info.status !== 'running') return;
    const send = () => {
      watch.firstPromptSent = true;
      this.o.host.typeLine(id, prompt);
      this.record(agent.info.spec.name, 'typed the first prompt', 'notice');
    };
    if (agent.activity.state === 'idle') {
      send();
      return;
    }
    if (detector.id !== 'generic') return;
    // A program squadtui cannot read: wait until its output has settled.
    clearTimeout(watch.quietTimer);
    watch.quietTimer = setTimeout(() => {
      if (!watch.firstPromptSent) send();
    }, QUIET_MS);
  }

  private record(agent: string, text: string, kind: 'auto-approve' | 'answer' | 'dropped' | 'notice'): void {
    this.o.store.dispatch({ type: 'log/add', entry: { at: this.now(), agent, text, kind } });
    this.o.log.info(`${agent}: ${text}`);
  }

  private watch(id: string): Watch {
    let w = this.watches.get(id);
    if (!w) {
      w = { firstPromptSent: false, answering: Promise.resolve(), screen: new ScreenReadings(this.now), activity: new Waits<Activity>() };
      this.watches.set(id, w);
    }
    return w;
  }

  forget(id: string): void {
    const w = this.watches.get(id);
    if (!w) return;
    clearTimeout(w.quietTimer);
    clearTimeout(w.graceTimer);
    this.watches.delete(id);
  }
}
