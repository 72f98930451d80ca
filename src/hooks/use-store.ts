// Reads a slice of the store; re-renders only when that slice changes.
import { useCallback, useSyncExternalStore } from 'react';
import type { State, Store } from '../core/state/index.js';

export function useStore<T>(store: Store, selector: (state: State) => T): T {
  const get = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(store.subscribe, get, get);
}
