// The current time for durations on screen. Re-renders only when a shown duration would change:
// every second while an agent works or asks, every minute otherwise, never without agents.
import { useEffect, useState } from 'react';
import { finePrecision, nextDurationChange } from '../../components/format.js';
import type { AgentView } from '../core/state/index.js';

export function useClock(agents: readonly AgentView[]): number {
  const [tick, setTick] = useState(0);
  const now = Date.now();
  useEffect(() => {
    const current = Date.now();
    let next = Infinity;
    for (const a of agents) {
      next = Math.min(next, nextDurationChange(a.activity.since, current, finePrecision(a.activity.state)));
    }
    if (next === Infinity) return undefined; // no agents
    const timer = setTimeout(() => setTick((t) => t + 1), Math.max(50, next - current));
    return () => clearTimeout(timer);
  }, [agents, tick]);
  return now;
}
