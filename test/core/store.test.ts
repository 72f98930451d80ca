import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/core/sessions/host.js';
import { type State, createStore, initialState, reduce, selectedAgent, squadStore } from '../../src/core/state/index.js';

const info = (id: string, status: SessionInfo['status'] = 'running'): SessionInfo => ({
  id, spec: { name: id, command: 'x', args: [], cwd: '/' }, status, startedAt: 0,
});

function withAgents(...ids: string[]): State {
  return ids.reduce((s, id) => reduce(s, { type: 'agent/info', info: info(id) }), initialState({ cols: 80, rows: 24 }));
}

describe('store', () => {
  it('selects the first agent added and keeps the order stable', () => {
    const s = withAgents('a', 'b', 'c');
    expect(s.view.selectedId).toBe('a');
    const updated = reduce(s, { type: 'agent/info', info: info('b', 'exited') });
    expect(updated.squad.agents.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('steps through agents with wrap-around, both ways', () => {
    let s = withAgents('a', 'b', 'c');
    s = reduce(s, { type: 'select/step', delta: -1 });
    expect(s.view.selectedId).toBe('c');
    s = reduce(s, { type: 'select/step', delta: 1 });
    expect(s.view.selectedId).toBe('a');
    s = reduce(s, { type: 'select/index', index: 1 });
    expect(s.view.selectedId).toBe('b');
    expect(reduce(s, { type: 'select/index', index: 9 })).toBe(s);
  });

  it('marks output on hidden agents as unseen until they are selected', () => {
    let s = withAgents('a', 'b');
    s = reduce(s, { type: 'agent/output', id: 'b', at: 1 });
    s = reduce(s, { type: 'agent/output', id: 'a', at: 1 });
    expect(s.view.unseen).toEqual(['b']);
    s = reduce(s, { type: 'select', id: 'b' });
    expect(s.view.unseen).toEqual([]);
  });

  it('selects a neighbour when the selected agent is removed', () => {
    let s = withAgents('a', 'b', 'c');
    s = reduce(s, { type: 'select', id: 'c' });
    s = reduce(s, { type: 'agent/removed', id: 'c' });
    expect(s.view.selectedId).toBe('b');
    expect(selectedAgent(s)?.id).toBe('b');
  });

  it('returns to the mode it came from when help or a dialog closes', () => {
    let s = withAgents('a');
    s = reduce(s, { type: 'mode', mode: 'squad' });
    s = reduce(s, { type: 'view/toggle', view: 'help' });
    expect(s.view.mode).toBe('help');
    s = reduce(s, { type: 'view/toggle', view: 'help' });
    expect(s.view.mode).toBe('squad');
    s = reduce(s, { type: 'dialog/open', dialog: { kind: 'confirm', title: 't', body: [], yesLabel: 'y', onYes: { kind: 'quit' } } });
    expect(s.view.mode).toBe('confirm');
    s = reduce(s, { type: 'dialog/close' });
    expect(s.view.mode).toBe('squad');
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

  it('tells the squad half’s listeners of squad changes only', () => {
    const store = createStore(withAgents('a'));
    const squad = squadStore(store);
    let calls = 0;
    squad.subscribe(() => calls++);
    store.dispatch({ type: 'mode', mode: 'squad' });
    store.dispatch({ type: 'resize', cols: 100, rows: 30 });
    expect(calls).toBe(0);
    squad.dispatch({ type: 'log/add', entry: { at: 0, text: 'hello', kind: 'notice' } });
    expect(calls).toBe(1);
    expect(squad.getState()).toBe(store.getState().squad);
  });
});
