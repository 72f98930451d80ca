// Small presentation helpers: how long, what state, in which colour, how wide.
import type { Activity, ActivityState } from '../src/core/agents/index.js';
import type { SessionInfo } from '../src/core/sessions/index.js';
import stringWidth from 'string-width';
import { theme } from './theme.js';

/**
 * "12s", "5m", "3h"; `fine` false gives "<1m" for the first minute. Coarse on purpose, so the
 * clock ticks rarely: by the second only while an agent works or asks.
 */
export function formatDuration(ms: number, fine = true): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return fine ? `${s}s` : '<1m';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h`;
}

/** How often formatDuration's text changes at this age. */
function durationStep(age: number, fine: boolean): number {
  return age < 60_000 ? (fine ? 1000 : 60_000) : age < 3_600_000 ? 60_000 : 3_600_000;
}

/** When formatDuration(now - since, fine) next changes. */
export function nextDurationChange(since: number, now: number, fine = true): number {
  const age = Math.max(0, now - since);
  const step = durationStep(age, fine);
  return now + (step - (age % step));
}

/** How late a changed minute or hour may show, so that changes close together share one frame. */
const SHARED_FRAME_MS = 5000;

/**
 * When the durations of these activities next need a frame: at the first change, or at the last
 * one that follows it within its step (a second; 5 s for minutes and hours), so that agents
 * started moments apart tick together instead of one frame each. Infinity without activities.
 */
export function nextClockTick(activities: readonly Pick<Activity, 'state' | 'since'>[], now: number): number {
  const changes = activities.map((a) => {
    const fine = finePrecision(a.state);
    return { at: nextDurationChange(a.since, now, fine), step: durationStep(Math.max(0, now - a.since), fine) };
  });
  let first = changes[0];
  for (const c of changes) if (c.at < first!.at) first = c;
  if (!first) return Infinity;
  const until = first.at + Math.min(first.step, SHARED_FRAME_MS);
  return Math.max(...changes.filter((c) => c.at < until).map((c) => c.at));
}

/** Every state shows how long it has lasted; only the active ones count seconds. */
export function finePrecision(state: ActivityState): boolean {
  return state === 'working' || state === 'permission';
}

/** How long the agent has been in its state, as the sidebar and the header show it. */
export function stateDuration(activity: Activity, now: number): string {
  return formatDuration(now - activity.since, finePrecision(activity.state));
}

export interface StateLabel {
  readonly icon: string;
  readonly text: string;
  readonly color: string;
  /** Waiting agents stand out. */
  readonly bold: boolean;
}

/** A question (AskUserQuestion, "Exit plan mode?") waits rather than a permission. */
export function asksQuestion(activity: Activity): boolean {
  if (activity.prompt) return activity.prompt.kind === 'question';
  return activity.request?.question === true;
}

export function stateLabel(activity: Activity, info: SessionInfo, short = false, paused = false): StateLabel {
  // squadtui ended it to pause it: not an exit to worry about.
  if (paused && activity.state === 'exited') return { icon: '⏸', text: 'paused', color: theme.muted, bold: false };
  switch (activity.state) {
    case 'starting':
      return { icon: '…', text: 'starting', color: theme.muted, bold: false };
    case 'working':
      return { icon: '◐', text: 'working', color: theme.working, bold: false };
    case 'idle':
      return { icon: '○', text: short ? 'waiting' : 'waiting for input', color: theme.ok, bold: Boolean(activity.finishedTurn) };
    case 'permission':
      if (asksQuestion(activity)) return { icon: '◆', text: short ? 'question' : 'asks a question', color: theme.error, bold: true };
      return { icon: '◆', text: short ? 'permission' : 'needs permission', color: theme.error, bold: true };
    case 'unknown':
      return { icon: '?', text: 'unknown', color: theme.muted, bold: false };
    case 'exited':
      return {
        icon: '■',
        text: info.signal ? `killed (${info.signal})` : short ? `exit ${info.exitCode ?? '?'}` : `exited with code ${info.exitCode ?? '?'}`,
        color: info.exitCode === 0 && !info.signal ? theme.muted : theme.warn,
        bold: false,
      };
    case 'failed':
      return { icon: '✗', text: short ? 'failed' : 'failed to start', color: theme.error, bold: true };
    default: {
      const unreachable: never = activity.state;
      return unreachable;
    }
  }
}

/** `text` cut to `width` columns, ending with "…" + `more` when it had to be cut (wide characters count double). */
export function cutToWidth(text: string, width: number, more = ''): string {
  if (stringWidth(text) <= width) return text;
  const room = width - 1 - stringWidth(more);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return `${out}…${more}`;
}

/** Exactly `width` columns: cut with an ellipsis, or padded. */
export function fitToWidth(text: string, width: number): string {
  const cut = cutToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}
