import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React, { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import type { Commands } from '../../src/core/commands/index.js';
import type { SessionInfo } from '../../src/core/sessions/host.js';
import { createStore, initialState } from '../../src/core/state/index.js';
import { App } from '../../src/app.js';
import { FrameCache } from '../../src/core/sessions/frame-cache.js';
import { FakeSessionHost } from '../helpers/fake-host.js';
import { ServicesContext } from '../../src/hooks/services.js';
import { buildKeymap } from '../../src/keymap.js';
import { waitFor } from '../helpers/wait-for.js';

const info = (id: string): SessionInfo => ({ id, spec: { name: id, command: 'x', args: [], cwd: '/' }, status: 'running', startedAt: Date.now() });

/** A host with no screens: the panels draw only what the store holds. */
const host = new FakeSessionHost();

/** The whole App over `store`, counting React's commits of it. */
function renderApp(store: ReturnType<typeof createStore>) {
  let commits = 0;
  const rendered = render(
    <ServicesContext.Provider value={{ host, frames: new FrameCache(host), store, commands: {} as Commands, keymap: buildKeymap() }}>
      <Profiler id="app" onRender={() => void commits++}>
        <App />
      </Profiler>
    </ServicesContext.Provider>,
  );
  return { ...rendered, commits: () => commits };
}

describe('App', () => {
  it('re-renders nothing for a log line or output on screen, and only what shows it otherwise', async () => {
    const store = createStore(initialState({ cols: 120, rows: 30 }));
    store.dispatch({ type: 'agent/info', info: info('planner') });
    store.dispatch({ type: 'agent/info', info: info('coder') });
    store.dispatch({ type: 'mode', mode: 'squad' });
    const { lastFrame, unmount, commits } = renderApp(store);
    await waitFor(() => plain(lastFrame() ?? '').includes('squad menu'));
    const settled = commits();
    store.dispatch({ type: 'log/add', entry: { at: 0, text: 'answered', kind: 'answer' } });
    store.dispatch({ type: 'agent/output', id: 'planner', at: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(commits()).toBe(settled);
    // Output off screen marks the agent in the sidebar.
    store.dispatch({ type: 'agent/output', id: 'coder', at: 1 });
    await waitFor(() => /coder\s+●/.test(plain(lastFrame() ?? '')));
    unmount();
  });

  it('ticks the first minute of agents started moments apart in one frame, for every part that shows it', async () => {
    const store = createStore(initialState({ cols: 120, rows: 30 }));
    for (let i = 1; i <= 8; i++) store.dispatch({ type: 'agent/info', info: info(`agent-${i}`) });
    const { lastFrame, unmount, commits } = renderApp(store);
    // Eight idle agents whose first minute ends 200 ms apart, as a squad's agents start.
    const start = Date.now() - 60_000 + 1000;
    for (let i = 1; i <= 8; i++) store.dispatch({ type: 'agent/activity', id: `agent-${i}`, activity: { state: 'idle', since: start + i * 200 } });
    const shown = (duration: string) => (plain(lastFrame() ?? '').match(new RegExp(`waiting ${duration}`, 'g')) ?? []).length;
    await waitFor(() => shown('<1m') === 8);
    const settled = commits();
    // The sidebar's eight and the selected agent's header.
    await waitFor(() => shown('1m') === 8 && plain(lastFrame() ?? '').includes('waiting for input 1m'), { timeout: 5000 });
    expect(commits()).toBe(settled + 1);
    unmount();
  });

  it('draws each mode with its own panel', async () => {
    const store = createStore(initialState({ cols: 120, rows: 30 }));
    store.dispatch({ type: 'agent/info', info: info('coder') });
    const { lastFrame, unmount } = renderApp(store);
    store.dispatch({ type: 'mode', mode: 'squad' });
    store.dispatch({ type: 'view/toggle', view: 'log' });
    store.dispatch({ type: 'log/add', entry: { at: 0, text: 'a line for the log', kind: 'notice' } });
    await waitFor(() => plain(lastFrame() ?? '').includes('a line for the log'));
    store.dispatch({ type: 'view/toggle', view: 'log' });
    store.dispatch({ type: 'view/toggle', view: 'help' });
    await waitFor(() => plain(lastFrame() ?? '').includes('Esc/q/? closes'));
    unmount();
  });
});
