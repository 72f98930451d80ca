// What an agent is doing, merged from its screen (every program) and Claude Code's hook events
// (exact, and earlier than the screen). Pure: the monitor feeds it observations and a clock.
import { type AgentState, type DetectedPrompt, type Detection, samePrompt } from './detect/index.js';
import type { SessionInfo } from '../sessions/index.js';

export type ActivityState = AgentState | 'exited' | 'failed';

/** What a PermissionRequest hook said about the tool: precise where the screen is abridged. */
export interface HookRequest {
  readonly tool: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The tool asks the user a question (AskUserQuestion, ExitPlanMode) rather than for permission. */
  readonly question?: boolean;
  /** When it came (Date.now()). */
  readonly at: number;
}

export interface Activity {
  readonly state: ActivityState;
  /** When the agent entered this state (Date.now()). */
  readonly since: number;
  /** The prompt on screen, while state is 'permission' and the screen shows it. */
  readonly prompt?: DetectedPrompt;
  /** When this prompt was first seen on screen. */
  readonly promptAt?: number;
  /** The hook's account of the pending request, while state is 'permission'. */
  readonly request?: HookRequest;
  /** Whether the last word came from a hook, and when. */
  readonly hookAt?: number;
  /** The state the last hook event implied, for cross-checking the screen. */
  readonly hookState?: AgentState;
  /** A turn ended (working → idle): the agent waits for the user. */
  readonly finishedTurn?: boolean;
}

export type Observation =
  | { readonly kind: 'screen'; readonly detection: Detection }
  | { readonly kind: 'hook'; readonly event: string; readonly payload: Readonly<Record<string, unknown>> }
  | { readonly kind: 'session'; readonly info: SessionInfo };

/**
 * How long a hook's word outranks a screen that disagrees: the screen lags the hook by a frame
 * or two (PermissionRequest comes 60-150 ms before the prompt is drawn; Stop before the spinner
 * is cleared).
 */
export const HOOK_GRACE_MS = 600;

/** Claude's tools that ask the user something: their PermissionRequest is a question. */
const QUESTION_TOOLS = new Set(['AskUserQuestion', 'ExitPlanMode']);

export function initialActivity(now: number): Activity {
  return { state: 'starting', since: now };
}

function enter(prev: Activity, state: ActivityState, now: number, patch: Partial<Activity> = {}): Activity {
  const changed = prev.state !== state;
  const next: Activity = {
    ...prev,
    ...patch,
    state,
    since: changed ? now : prev.since,
    finishedTurn: state === 'idle' ? (changed ? prev.state === 'working' || prev.state === 'permission' : prev.finishedTurn) : false,
  };
  const entered = state === 'permission' ? next : { ...next, prompt: undefined, promptAt: undefined, request: undefined };
  // The same activity is the same object: every observation of an unchanged agent would
  // otherwise be a change of state, and a frame drawn for nothing.
  return sameActivity(prev, entered) ? prev : entered;
}

/** `entered` was spread from `prev`, so it has every key `prev` has: its own keys are all to compare. */
function sameActivity(prev: Activity, entered: Activity): boolean {
  for (const key of Object.keys(entered) as (keyof Activity)[]) if (prev[key] !== entered[key]) return false;
  return true;
}

/** The state a Claude Code hook event implies, if any. */
export function hookState(event: string, payload: Readonly<Record<string, unknown>>): AgentState | undefined {
  switch (event) {
    // SessionStart says nothing of the state: Claude fires it before its input box is drawn, and
    // "waiting" must mean the box is there (the screen says when).
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return 'working';
    case 'PermissionRequest':
      return 'permission';
    case 'Stop':
      return 'idle';
    case 'Notification': {
      // permission_prompt comes about 6 s after a prompt appeared, whose PermissionRequest came
      // already: it adds nothing, and after a quick answer it would bring back a prompt that has gone.
      const type = textOf(payload.notification_type ?? payload.type);
      if (type === 'idle_prompt') return 'idle';
      return undefined;
    }
    default:
      return undefined;
  }
}

export function observe(prev: Activity, o: Observation, now: number): Activity {
  if (o.kind === 'session') {
    const { status } = o.info;
    if (status === 'exited' || status === 'failed') return enter(prev, status, now);
    if (status === 'starting' || (status === 'running' && (prev.state === 'exited' || prev.state === 'failed'))) {
      return { state: 'starting', since: now };
    }
    return prev;
  }
  if (prev.state === 'exited' || prev.state === 'failed') return prev;

  if (o.kind === 'hook') {
    const state = hookState(o.event, o.payload);
    if (!state) return prev;
    // A prompt read on the screen stands until the screen moves on: a hook saying "working" that
    // comes in behind it (PreToolUse runs before the prompt, and hooks are slow processes) is stale,
    // and once the prompt is answered the screen shows the work anyway.
    if (state === 'working' && prev.state === 'permission' && prev.prompt) return prev;
    const patch: { -readonly [K in keyof Activity]?: Activity[K] } = { hookAt: now, hookState: state };
    if (state === 'permission' && o.event === 'PermissionRequest') {
      const input = (o.payload.tool_input ?? {}) as Record<string, unknown>;
      const tool = textOf(o.payload.tool_name);
      patch.request = { tool, input, at: now, ...(QUESTION_TOOLS.has(tool) ? { question: true } : {}) };
    }
    // A new request replaces whatever prompt was shown before it.
    if (state === 'permission' && prev.state !== 'permission') patch.prompt = undefined;
    return enter(prev, state, now, patch);
  }

  const { state, prompt } = o.detection;
  const hookFresh = prev.hookAt !== undefined && now - prev.hookAt < HOOK_GRACE_MS;
  if (state === 'permission' && prompt) {
    // The screen shows a prompt: that is the truth, whatever a hook said. The hook's account
    // belongs to it only if it came for this prompt: for a prompt that replaced another, a
    // request from before that other one appeared is stale, and so is one for another tool.
    const same = samePrompt(prev.prompt, prompt);
    const promptAt = same ? (prev.promptAt ?? now) : now;
    let request = prev.state === 'permission' ? prev.request : undefined;
    if (request && !same && prev.prompt && request.at <= (prev.promptAt ?? 0)) request = undefined;
    if (request && prompt.tool && request.tool.toLowerCase() !== prompt.tool.toLowerCase()) request = undefined;
    return enter(prev, 'permission', now, { prompt, promptAt, request });
  }
  if (hookFresh && prev.hookState !== state) {
    // The screen has not caught up with the hook yet.
    return prev;
  }
  if (state === 'unknown' || state === 'starting') {
    // A hook's last word stands until the screen says something definite; without hooks,
    // "unknown" is said as it is (never guessed as idle). But a prompt the screen showed and no
    // longer shows is gone, whatever the hook said: it must not wait in the inbox.
    if (prev.hookState !== undefined && !(prev.state === 'permission' && prev.prompt)) return prev;
    if (state === 'starting' && prev.state === 'starting') return prev;
    return enter(prev, 'unknown', now);
  }
  return enter(prev, state, now);
}

/** "Waiting" in the user's sense: needs an answer, or has finished and waits for the next task. */
export function isWaiting(a: Activity): boolean {
  return a.state === 'permission' || a.state === 'idle';
}

/** A hook payload's field as text: numbers as written, anything else (missing, an object) as ''. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
