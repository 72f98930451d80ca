// The services the UI needs, handed in once through context (tests pass fakes the same way).
import { createContext, useContext } from 'react';
import type { FrameCache } from '../core/sessions/index.js';
import type { Commands } from '../core/commands/index.js';
import type { SessionHost } from '../core/sessions/index.js';
import type { Store } from '../core/state/index.js';
import type { Keymap } from '../keymap.js';

export interface Services {
  readonly host: SessionHost;
  /** The host's frames as they came: what the agents' screens are drawn from. */
  readonly frames: FrameCache;
  readonly store: Store;
  readonly commands: Commands;
  readonly keymap: Keymap;
  /** Where squadtui logs, shown in the activity log view. */
  readonly logFile?: string;
  /** Prefix of agents' branches (e.g. "squad/"). */
  readonly branchPrefix?: string;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
  return services;
}
