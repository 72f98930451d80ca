// One clock for the durations on screen ("working 12s", "waiting 3m"), shared by every part that
// shows one: a frame only when a shown duration changes (every second while an agent works or
// asks, every minute otherwise, never without agents), and changes close together share one
// frame (components/format.ts, nextClockTick). A clock per part and per agent cost a squad of 8
// idle agents about 24 renders a minute; this one costs one.
import React, { createContext, useContext, useEffect, useState } from 'react';
import { nextClockTick } from '../../components/format.js';
import type { State } from '../core/state/index.js';
import { useServices } from './services.js';
import { useStore } from './use-store.js';

const ClockContext = createContext(0);
const selectAgents = (s: State) => s.squad.agents;

export function ClockProvider({ children }: { readonly children: React.ReactNode }) {
  const { store } = useServices();
  const agents = useStore(store, selectAgents);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const now = Date.now();
    const next = nextClockTick(agents.map((a) => a.activity), now);
    if (next === Infinity) return undefined;
    const timer = setTimeout(() => setTick((t) => t + 1), Math.max(50, next - now));
    return () => clearTimeout(timer);
  }, [agents, tick]);
  return <ClockContext.Provider value={tick}>{children}</ClockContext.Provider>;
}

/** The current time, for durations; the part re-renders when the clock ticks. */
export function useClock(): number {
  useContext(ClockContext);
  return Date.now();
}
