// Small presentation helpers: how long, what state, in which colour.
import type { Activity, ActivityState } from '../src/core/activity.js';
import type { SessionInfo } from '../src/core/sessions.js';
import { theme } from './theme.js';

/** "12s", "5m", "3h": coarse on purpose, so the clock ticks rarely. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h`;
}

/** When formatDuration(now - since) next changes. */
export function nextDurationChange(since: number, now: number): number {
  const age = Math.max(0, now - since);
  const step = age < 60_000 ? 1000 : age < 3_600_000 ? 60_000 : 3_600_000;
  return now + (step - (age % step));
}

/** States that show how long they have lasted. */
export function showsDuration(state: ActivityState): boolean {
  return state === 'working' || state === 'idle' || state === 'permission';
}

export interface StateLabel {
  readonly icon: string;
  readonly text: string;
  readonly color: string;
  /** Waiting agents stand out. */
  readonly bold: boolean;
}

export function stateLabel(activity: Activity, info: SessionInfo, short = false): StateLabel {
  switch (activity.state) {
    case 'starting':
      return { icon: '…', text: 'starting', color: theme.muted, bold: false };
    case 'working':
      return { icon: '◐', text: 'working', color: theme.working, bold: false };
    case 'idle':
      return { icon: '○', text: short ? 'waiting' : 'waiting for input', color: theme.ok, bold: Boolean(activity.finishedTurn) };
    case 'permission':
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
