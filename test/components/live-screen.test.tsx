// The selected agent's screen is drawn from the frames the host sent, never read from the host
// while rendering: a host in another process, with only its messages to go by, draws the same.
import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/core/util/emitter.js';
import { FrameCache } from '../../src/core/sessions/frame-cache.js';
import { Screen } from '../../src/core/terminal/screen.js';
import type { Frame, SessionEvent, SessionHost } from '../../src/core/sessions/host.js';
import { type Services, ServicesContext } from '../../src/hooks/services.js';
import { LiveScreen, LiveScrollNote } from '../../src/live-screen.js';
import { waitFor } from '../helpers/wait-for.js';

/** A host that only sends messages: any read of it fails the test. */
function messagesOnlyHost() {
  const frames = new Emitter<Frame>();
  const events = new Emitter<SessionEvent>();
  const host = new Proxy({ onFrame: (l: (f: Frame) => void) => frames.on(l), onEvent: (l: (e: SessionEvent) => void) => events.on(l) }, {
    get(target, name) {
      if (name in target) return target[name as keyof typeof target];
      throw new Error(`read host.${String(name)} while rendering`);
    },
  }) as unknown as SessionHost;
  return { host, frames, events };
}

function frame(id: string, text: string, scrollOffset = 0): Frame {
  const screen = new Screen({ cols: 20, rows: 2 });
  screen.parseNow(text);
  return { id, snapshot: { ...screen.snapshot(), scrollOffset } };
}

describe('LiveScreen', () => {
  it('draws the last frame sent for its agent, and each new one', async () => {
    const { host, frames: sent, events } = messagesOnlyHost();
    const frames = new FrameCache(host);
    // Sent before anything was drawn (the agent was selected while the window was busy).
    sent.emit(frame('a', 'first'));
    const services = { host, frames } as unknown as Services;
    const { lastFrame } = render(
      <ServicesContext.Provider value={services}>
        <LiveScrollNote id="a" />
        <LiveScreen id="a" width={20} height={2} origin={{ x: 0, y: 0 }} showCursor={false} />
      </ServicesContext.Provider>,
    );
    expect(plain(lastFrame() ?? '')).toContain('first');
    sent.emit(frame('b', 'other agent'));
    sent.emit(frame('a', 'second', 3));
    await waitFor(() => plain(lastFrame() ?? '').includes('second'));
    expect(plain(lastFrame() ?? '')).toContain('scrolled back 3 lines');
    expect(plain(lastFrame() ?? '')).not.toContain('other agent');
    // A removed agent's frames are forgotten.
    events.emit({ type: 'removed', id: 'a' });
    expect(frames.get('a')).toBeUndefined();
    expect(frames.get('b')).toBeDefined();
  });
});
