import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../../src/core/tasks/graph.js';
import { type Board, indexTasks, isReady, readyTasks, taskState } from '../../../src/core/tasks/model.js';
import { type ChangeContext, type TaskChange, applyChange, describeEvent } from '../../../src/core/tasks/rules.js';
import { boardOf, edgesOf } from './boards.js';

const NOW = new Date('2026-12-05T05:00:00Z');
const chain = boardOf('1', '2: after 1', '3: after 2');
const diamond = boardOf('1', '2: after 1', '3: after 1', '4: after 2 3');

interface Refused {
  name: string;
  board: Board;
  change: TaskChange;
  as?: string;
  reason: string;
}

const refusals: Refused[] = [
  { name: 'a dependency that closes a cycle, naming it', board: chain, change: { kind: 'dep-add', id: 1, on: 3 }, reason: '#1 cannot depend on #3: that would make a cycle #3 → #1 → #2 → #3.' },
  { name: 'a two-task cycle', board: chain, change: { kind: 'dep-add', id: 1, on: 2 }, reason: 'that would make a cycle #2 → #1 → #2' },
  { name: 'a cycle through a diamond', board: diamond, change: { kind: 'dep-add', id: 2, on: 4 }, reason: 'cycle #4 → #2 → #4' },
  { name: 'a self-dependency', board: chain, change: { kind: 'dep-add', id: 2, on: 2 }, reason: '#2 cannot depend on itself.' },
  { name: 'a dependency on an unknown task', board: chain, change: { kind: 'dep-add', id: 2, on: 9 }, reason: 'There is no task #9.' },
  { name: 'a change to an unknown task', board: chain, change: { kind: 'done', id: 7 }, reason: 'There is no task #7.' },
  { name: 'a new task after an unknown one', board: chain, change: { kind: 'create', title: 'x', deps: [1, 8] }, reason: 'There is no task #8.' },
  { name: 'a new task without a title', board: chain, change: { kind: 'create', title: '  ' }, reason: 'A task needs a title.' },
  { name: 'removing a dependency that is not there', board: chain, change: { kind: 'dep-remove', id: 3, on: 1 }, reason: '#3 does not depend on #1.' },
  { name: 'claiming a blocked task', board: diamond, change: { kind: 'claim', id: 4 }, as: 'ada', reason: '#4 is blocked by #2, #3: it can start once those are completed.' },
  { name: 'starting a blocked task', board: chain, change: { kind: 'start', id: 2 }, reason: '#2 is blocked by #1' },
  { name: "claiming another agent's task", board: boardOf('1: in_progress by bob'), change: { kind: 'claim', id: 1 }, as: 'ada', reason: '#1 belongs to bob.' },
  { name: "starting another agent's task", board: boardOf('1: pending by bob'), change: { kind: 'start', id: 1 }, as: 'ada', reason: '#1 belongs to bob.' },
  { name: 'claiming without an agent', board: chain, change: { kind: 'claim', id: 1 }, reason: 'Who claims #1?' },
  { name: 'claiming a completed task', board: boardOf('1: completed'), change: { kind: 'claim', id: 1 }, as: 'ada', reason: 'already completed' },
  { name: 'completing a blocked task', board: chain, change: { kind: 'done', id: 2 }, reason: '#2 is blocked by #1: complete it first.' },
  { name: "an agent completing another's task", board: boardOf('1: in_progress by bob'), change: { kind: 'done', id: 1 }, as: 'ada', reason: '#1 belongs to bob' },
  { name: "an agent giving away another's task", board: boardOf('1: in_progress by bob'), change: { kind: 'assign', id: 1, agent: 'ada' }, as: 'ada', reason: '#1 belongs to bob' },
  { name: 'deleting a task others depend on, naming the edges', board: diamond, change: { kind: 'delete', id: 1 }, reason: '#2, #3 depend on #1: deleting it removes #1 → #2, #1 → #3. Confirm' },
];

describe('applyChange refuses', () => {
  it.each(refusals)('$name', ({ board, change, as, reason }) => {
    const result = applyChange(board, change, { agent: as, now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('returns the cycle as ids for the UI', () => {
    const result = applyChange(chain, { kind: 'dep-add', id: 1, on: 3 });
    expect(result).toMatchObject({ ok: false, code: 'cycle', cycle: [3, 1, 2, 3] });
  });
});

interface Applied {
  name: string;
  board: Board;
  changes: TaskChange[];
  as?: string;
  events: string[];
  /** `id:state[:owner]` of the tasks after the changes */
  states?: string[];
  edges?: string[];
}

const applied: Applied[] = [
  { name: 'completing a task unblocks its dependents', board: diamond, changes: [{ kind: 'done', id: 1 }], events: ['unblocked #2', 'unblocked #3'], states: ['1:completed', '2:ready', '3:ready', '4:blocked'] },
  { name: 'a fan-in unblocks only when its last dependency completes', board: boardOf('1: completed', '2: completed', '3', '4: after 2 3'), changes: [{ kind: 'done', id: 3 }], events: ['unblocked #4'] },
  { name: 'reopening re-blocks the dependents', board: boardOf('1: completed', '2: after 1', '3: after 1, in_progress by ada'), changes: [{ kind: 'reopen', id: 1 }], events: ['blocked #2 (by #1)', 'blocked #3 (by #1)'], states: ['1:ready', '2:blocked', '3:in_progress:ada'] },
  { name: 'a claim starts the task for the agent', board: chain, changes: [{ kind: 'claim', id: 1 }], as: 'ada', events: [], states: ['1:in_progress:ada', '2:blocked', '3:blocked'] },
  { name: 'claiming a task assigned to oneself', board: boardOf('1: pending by ada'), changes: [{ kind: 'claim', id: 1 }], as: 'ada', events: [], states: ['1:in_progress:ada'] },
  { name: 'the user starts a task for its owner', board: boardOf('1: pending by bob'), changes: [{ kind: 'start', id: 1 }], events: [], states: ['1:in_progress:bob'] },
  { name: 'creating after tasks', board: chain, changes: [{ kind: 'create', title: 'Four', deps: [1, 3] }], events: ['created #4'], edges: ['1→2', '1→4', '2→3', '3→4'] },
  { name: 'a new dependency on an open task blocks a ready one', board: boardOf('1', '2'), changes: [{ kind: 'dep-add', id: 2, on: 1 }], events: ['blocked #2 (by #1)'], edges: ['1→2'] },
  { name: 'removing the last open dependency unblocks', board: chain, changes: [{ kind: 'dep-remove', id: 2, on: 1 }], events: ['unblocked #2'], edges: ['2→3'] },
  {
    name: 'a forced delete takes the edges away and unblocks',
    board: diamond,
    changes: [{ kind: 'delete', id: 1, force: true }],
    events: ['removed the dependency #1 → #2', 'removed the dependency #1 → #3', 'unblocked #2', 'unblocked #3'],
    edges: ['2→4', '3→4'],
  },
  { name: 'unassigning an in-progress task gives it back', board: boardOf('1: in_progress by ada'), changes: [{ kind: 'assign', id: 1, agent: null }], events: [], states: ['1:ready'] },
  { name: 'assigning a blocked task plans ahead', board: chain, changes: [{ kind: 'assign', id: 3, agent: 'bob' }], events: [], states: ['1:ready', '2:blocked', '3:blocked:bob'] },
  { name: 'completing twice changes nothing the second time', board: chain, changes: [{ kind: 'done', id: 1 }, { kind: 'done', id: 1 }], events: [] },
];

describe('applyChange applies', () => {
  it.each(applied)('$name', ({ board, changes, as, events, states, edges }) => {
    let current = board;
    let last: string[] = [];
    for (const change of changes) {
      const result = applyChange(current, change, { agent: as, now: NOW });
      if (!result.ok) throw new Error(result.reason);
      current = result.board;
      last = result.events.map(describeEvent);
    }
    expect(last).toEqual(events);
    const index = indexTasks(current);
    if (states) expect(current.tasks.map((t) => [t.id, taskState(t, index), t.owner].filter((x) => x !== null).join(':'))).toEqual(states);
    if (edges) expect(edgesOf(current)).toEqual(edges);
  });

  it('never changes the board it is given', () => {
    const before = JSON.stringify(diamond);
    applyChange(diamond, { kind: 'done', id: 1 });
    applyChange(diamond, { kind: 'delete', id: 1, force: true });
    expect(JSON.stringify(diamond)).toBe(before);
  });

  it('never reuses an id, even after a delete', () => {
    const context: ChangeContext = { now: NOW };
    const deleted = applyChange(boardOf('1', '2'), { kind: 'delete', id: 2 }, context);
    if (!deleted.ok) throw new Error(deleted.reason);
    expect(applyChange(deleted.board, { kind: 'create', title: 'again' }, context)).toMatchObject({ ok: true, id: 3 });
  });

  it('gives a new task an id past every id in use, even when the file says otherwise', () => {
    expect(applyChange({ ...chain, nextId: 2 }, { kind: 'create', title: 'Four' })).toMatchObject({ ok: true, id: 4, board: { nextId: 5 } });
  });

  it('notes who did what, and when', () => {
    const claimed = applyChange(chain, { kind: 'claim', id: 1 }, { agent: 'ada', now: NOW });
    if (!claimed.ok) throw new Error(claimed.reason);
    const noted = applyChange(claimed.board, { kind: 'update', id: 1, note: 'schema drafted' }, { agent: 'ada', now: NOW });
    if (!noted.ok) throw new Error(noted.reason);
    expect(noted.board.tasks[0]!.notes).toEqual([
      { at: NOW.toISOString(), by: 'ada', text: 'claimed' },
      { at: NOW.toISOString(), by: 'ada', text: 'schema drafted' },
    ]);
  });
});

describe('ready and order', () => {
  it('ready: pending, every dependency completed, unowned or owned by the agent asking', () => {
    const board = boardOf('1: completed', '2: after 1', '3: after 1, pending by bob', '4: after 2', '5: in_progress by ada');
    expect(readyTasks(board).map((t) => t.id)).toEqual([2, 3]);
    expect(readyTasks(board, 'ada').map((t) => t.id)).toEqual([2]);
    expect(readyTasks(board, 'bob').map((t) => t.id)).toEqual([2, 3]);
    expect(isReady(board.tasks[3]!, indexTasks(board))).toBe(false);
  });

  it('orders dependencies first, lowest id first among the free ones', () => {
    expect(dependencyOrder(boardOf('1: after 4', '2', '3: after 2', '4', '5: after 1 3'))).toEqual([2, 3, 4, 1, 5]);
  });
});
