// The live snapshot of one agent's screen; re-renders on that agent's frames only.
import { useCallback, useSyncExternalStore } from 'react';
import type { ScreenSnapshot } from '../core/screen.js';
import type { SessionHost } from '../core/sessions.js';

export function useScreen(host: SessionHost, id: string | undefined): ScreenSnapshot | undefined {
  const subscribe = useCallback(
    (notify: () => void) => host.onFrame(({ id: frameId }) => {
      if (frameId === id) notify();
    }),
    [host, id],
  );
  const get = useCallback(() => (id ? host.snapshot(id) : undefined), [host, id]);
  return useSyncExternalStore(subscribe, get, get);
}
