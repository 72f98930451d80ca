import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../src/core/agents/activity.js';
import type { SessionInfo } from '../../../src/core/sessions/host.js';
import { type State, agentById, inbox, inboxTarget, initialState, reduce, selectedAgent } from '../../../src/core/state/index.js';

const info = (id: string): SessionInfo => ({ id, spec: { name: id, command: 'x', args: [], cwd: '/' }, status: 'running', startedAt: 0 });
const asking = (since: number): Activity => ({ state: 'permission', since });

function squadOf(waiting: Record<string, number>, ids: string[]): State {
  let s = initialState({ cols: 100, rows: 30 });
  for (const id of ids) s = reduce(s, { type: 'agent/info', info: info(id) });
  for (const [id, since] of Object.entries(waiting)) s = reduce(s, { type: 'agent/activity', id, activity: asking(since) });
  return s;
}

describe('selectors', () => {
  it('finds agents by id and the selected one', () => {
    const s = squadOf({}, ['a', 'b']);
    expect(agentById(s.squad, 'b')?.id).toBe('b');
    expect(agentById(s.squad, 'x')).toBeUndefined();
    expect(agentById(s.squad, undefined)).toBeUndefined();
    expect(selectedAgent(s)?.id).toBe('a');
  });

  it('lists the inbox oldest first', () => {
    const s = squadOf({ c: 5, a: 9, b: 1 }, ['a', 'b', 'c', 'd']);
    expect(inbox(s.squad).map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });

  it('targets the selected agent’s prompt, else the oldest; in the inbox view the cursor', () => {
    let s = squadOf({ b: 5, c: 1 }, ['a', 'b', 'c']);
    expect(inboxTarget(s)?.id).toBe('c');
    s = reduce(s, { type: 'select', id: 'b' });
    expect(inboxTarget(s)?.id).toBe('b');
    s = reduce(s, { type: 'view/toggle', view: 'inbox' });
    expect(inboxTarget(s)?.id).toBe('c');
    s = reduce(s, { type: 'inbox/cursor', id: 'b' });
    expect(inboxTarget(s)?.id).toBe('b');
  });
});
