import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src/core/sessions/host.js';
import { LOG_LIMIT, initialSquadState, initialViewState, reduceSquad, reduceView } from '../../../src/core/state/index.js';

const info = (id: string, status: SessionInfo['status'] = 'running'): SessionInfo => ({ id, spec: { name: id, command: 'x', args: [], cwd: '/' }, status, startedAt: 0 });

describe('the squad reducer', () => {
  it('lists a pending agent with what is being prepared, until its program starts', () => {
    let s = reduceSquad(initialSquadState(), { type: 'agent/pending', info: info('a', 'starting'), title: 'Creating a worktree…' });
    s = reduceSquad(s, { type: 'agent/preparing', id: 'a', line: 'npm install' });
    expect(s.agents[0]!.preparing).toEqual({ title: 'Creating a worktree…', lines: ['npm install'] });
    s = reduceSquad(s, { type: 'agent/info', info: info('a') });
    expect(s.agents[0]!.preparing).toBeUndefined();
  });

  it('keeps no view of its own: output changes nothing in the squad', () => {
    const s = reduceSquad(initialSquadState(), { type: 'agent/info', info: info('a') });
    expect(reduceSquad(s, { type: 'agent/output', id: 'a', at: 1 })).toBe(s);
    expect(reduceSquad(s, { type: 'agent/removed', id: 'x' })).toBe(s);
  });

  it('keeps the newest log entries only', () => {
    let s = initialSquadState();
    for (let i = 0; i < LOG_LIMIT + 5; i++) s = reduceSquad(s, { type: 'log/add', entry: { at: i, text: `${i}`, kind: 'notice' } });
    expect(s.log).toHaveLength(LOG_LIMIT);
    expect(s.log[0]!.text).toBe('5');
  });

  it('is serialisable: a squad survives JSON', () => {
    let s = reduceSquad(initialSquadState(), { type: 'agent/info', info: info('a') });
    s = reduceSquad(s, { type: 'agent/worktree', id: 'a', worktree: { path: '/w', branch: 'squad/a', base: 'main' } });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('the view reducer', () => {
  const squad = reduceSquad(initialSquadState(), { type: 'agent/info', info: info('a') });

  it('lets the name follow the command until the user types one', () => {
    const dialog = { kind: 'add' as const, values: { name: 'bash', command: 'bash', cwd: '/', base: '', prompt: '' }, field: 'name' as const, worktree: false };
    let v = reduceView(initialViewState({ cols: 80, rows: 24 }), { type: 'dialog/open', dialog }, squad);
    expect(v.mode).toBe('add');
    v = reduceView(v, { type: 'dialog/value', field: 'name', value: 'claude', auto: true }, squad);
    expect(v.dialog).toMatchObject({ nameEdited: false });
    v = reduceView(v, { type: 'dialog/value', field: 'name', value: 'mine' }, squad);
    expect(v.dialog).toMatchObject({ nameEdited: true, values: { name: 'mine' } });
  });

  it('goes back from a file to the list, then out of the changes view', () => {
    let v = reduceView({ ...initialViewState({ cols: 80, rows: 24 }), baseMode: 'squad' }, { type: 'diff/open', agentId: 'a' }, squad);
    v = reduceView(v, { type: 'diff/files', agentId: 'a', files: [{ path: 'x.ts', change: 'modified' }] as never }, squad);
    v = reduceView(v, { type: 'diff/show', agentId: 'a', path: 'x.ts', lines: [], binary: false }, squad);
    v = reduceView(v, { type: 'diff/back' }, squad);
    expect(v.mode).toBe('diff');
    expect(v.diff?.open).toBeUndefined();
    v = reduceView(v, { type: 'diff/back' }, squad);
    expect(v.mode).toBe('squad');
    expect(v.diff).toBeUndefined();
  });

  it('drops answers from git for another agent', () => {
    const v = reduceView(initialViewState({ cols: 80, rows: 24 }), { type: 'diff/open', agentId: 'a' }, squad);
    expect(reduceView(v, { type: 'diff/error', agentId: 'b', error: 'x' }, squad)).toBe(v);
  });
});
