// The live snapshot of one agent's screen, from the frames the host sent; re-renders on that agent's frames only.
import { useCallback, useSyncExternalStore } from 'react';
import type { FrameCache } from '../core/sessions/index.js';
import type { ScreenSnapshot } from '../core/terminal/index.js';

export function useScreen(frames: FrameCache, id: string | undefined): ScreenSnapshot | undefined {
  const subscribe = useCallback(
    (notify: () => void) => frames.onFrame((frameId) => {
      if (frameId === id) notify();
    }),
    [frames, id],
  );
  const get = useCallback(() => (id ? frames.get(id) : undefined), [frames, id]);
  return useSyncExternalStore(subscribe, get, get);
}
