// The window's copy of the agents' screens: the last frame the host sent for each. The UI draws
// from it and never asks the host while rendering, so a host in another process, whose frames
// come over a socket, is drawn the same way.
import { Emitter } from '../util/index.js';
import type { ScreenSnapshot } from '../terminal/index.js';
import type { SessionHost } from './host.js';

export class FrameCache {
  private readonly last = new Map<string, ScreenSnapshot>();
  private readonly changed = new Emitter<string>();
  private readonly disposers: (() => void)[];

  /** Created with the host, before any agent starts, so that no frame is missed. */
  constructor(host: Pick<SessionHost, 'onFrame' | 'onEvent'>) {
    this.disposers = [
      host.onFrame(({ id, snapshot }) => {
        this.last.set(id, snapshot);
        this.changed.emit(id);
      }),
      host.onEvent((e) => {
        if (e.type === 'removed') this.last.delete(e.id);
      }),
    ];
  }

  /** The last frame of agent `id`, if it was ever watched. */
  get(id: string): ScreenSnapshot | undefined {
    return this.last.get(id);
  }

  /** Called with the agent's id whenever a frame of it arrives. */
  onFrame(listener: (id: string) => void): () => void {
    return this.changed.on(listener);
  }

  dispose(): void {
    for (const d of this.disposers) d();
    this.changed.clear();
  }
}
