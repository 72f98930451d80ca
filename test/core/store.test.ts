import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/core/sessions.js';
import { type State, createStore, initialState, reduce, selectedAgent } from '../../src/core/store.js';

const info = (id: string, status: SessionInfo['status'] = 'running'): SessionInfo => ({
  id, spec: { name: id, command: 'x', args: [], cwd: '/' }, status, startedAt: 0,
});

function withAgents(...ids: string[]): State {
  return ids.reduce((s, id) => reduce(s, { type: 'agent/info', info: info(id) }), initialState({ cols: 80, rows: 24 }));
}

describe('store', () => {
  it('selects the first agent added and keeps the order stable', () => {
    const s = withAgents('a', 'b', 'c');
    expect(s.selectedId).toBe('a');
    const updated = reduce(s, { type: 'agent/info', info: info('b', 'exited') });
    expect(updated.agents.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('steps through agents with wrap-around, both ways', () => {
    let s = withAgents('a', 'b', 'c');
    s = reduce(s, { type: 'select/step', delta: -1 });
    expect(s.selectedId).toBe('c');
    s = reduce(s, { type: 'select/step', delta: 1 });
    expect(s.selectedId).toBe('a');
    s = reduce(s, { type: 'select/index', index: 1 });
    expect(s.selectedId).toBe('b');
    expect(reduce(s, { type: 'select/index', index: 9 })).toBe(s);
  });

  it('marks output on hidden agents as unseen until they are selected', () => {
    let s = withAgents('a', 'b');
    s = reduce(s, { type: 'agent/output', id: 'b', at: 1 });
    s = reduce(s, { type: 'agent/output', id: 'a', at: 1 });
    expect(s.agents.map((a) => a.unseen)).toEqual([false, true]);
    s = reduce(s, { type: 'select', id: 'b' });
    expect(s.agents.map((a) => a.unseen)).toEqual([false, false]);
  });

  it('selects a neighbour when the selected agent is removed', () => {
    let s = withAgents('a', 'b', 'c');
    s = reduce(s, { type: 'select', id: 'c' });
    s = reduce(s, { type: 'agent/removed', id: 'c' });
    expect(s.selectedId).toBe('b');
    expect(selectedAgent(s)?.id).toBe('b');
  });

  it('returns to the mode it came from when help or a dialog closes', () => {
    let s = withAgents('a');
    s = reduce(s, { type: 'mode', mode: 'squad' });
    s = reduce(s, { type: 'help/toggle' });
    expect(s.mode).toBe('help');
    s = reduce(s, { type: 'help/toggle' });
    expect(s.mode).toBe('squad');
    s = reduce(s, { type: 'dialog/open', dialog: { kind: 'confirm', title: 't', body: [], yesLabel: 'y', onYes: { action: 'quit' } } });
    expect(s.mode).toBe('confirm');
    s = reduce(s, { type: 'dialog/close' });
    expect(s.mode).toBe('squad');
  });

  it('notifies subscribers only when the state changes', () => {
    const store = createStore(withAgents('a'));
    let calls = 0;
    store.subscribe(() => calls++);
    store.dispatch({ type: 'select', id: 'missing' });
    expect(calls).toBe(0);
    store.dispatch({ type: 'mode', mode: 'squad' });
    expect(calls).toBe(1);
  });
});
