// The current time for durations on screen. Re-renders only when a shown duration would change
// (and never while no agent shows one), so idle squads cost nothing.
import { useEffect, useState } from 'react';
import { nextDurationChange, showsDuration } from '../../components/format.js';
import type { AgentView } from '../core/store.js';

export function useClock(agents: readonly AgentView[]): number {
  const [tick, setTick] = useState(0);
  const now = Date.now();
  useEffect(() => {
    const current = Date.now();
    let next = Infinity;
    for (const a of agents) {
      if (showsDuration(a.activity.state)) next = Math.min(next, nextDurationChange(a.activity.since, current));
    }
    if (next === Infinity) return undefined;
    const timer = setTimeout(() => setTick((t) => t + 1), Math.max(50, next - current));
    return () => clearTimeout(timer);
  }, [agents, tick]);
  return now;
}
