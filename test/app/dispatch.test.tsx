// Dispatch in the composed app against the fake host: a task's prompt is typed into its agent only
// once the agent is idle, auto-dispatch hands out the lowest ready id first, a turn that ends
// without the task done is reported, and an agent that exits gives its task back.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityState } from '../../src/core/agents/index.js';
import { TaskStore } from '../../src/core/tasks/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { type Rig, appRig } from './rig.js';

let rig: Rig;
afterEach(() => rig?.done());

const other = () => new TaskStore(rig.tasksFile);
const board = () => other().read().board;
const task = (id: number) => board().tasks.find((t) => t.id === id);

/** What the monitor would report of the agent's screen. */
function activity(id: string, state: ActivityState, finishedTurn = false): void {
  rig.app.store.dispatch({ type: 'agent/activity', id, activity: { state, since: Date.now(), finishedTurn } });
}

/** The squad menu on the board, so no agent is being typed into. */
async function openBoard(): Promise<void> {
  rig.press('mode.squad', 'agent');
  rig.press('tasks.open', 'squad');
  await rig.see('Tasks ·');
}

describe('dispatch', () => {
  it('types an assigned task into its agent once it is idle, never while it works', async () => {
    rig = appRig();
    const coder = await rig.spawn({ name: 'coder' });
    activity(coder, 'working');
    other().change({ kind: 'create', title: 'Design the schema', description: 'Tables for users\nand teams' });
    await openBoard();
    await rig.see('#1 Design the schema');
    rig.press('tasks.assign', 'tasks');
    await rig.see('Assign #1 to which agent?');
    rig.press('tasks.pick', 'task-pick');
    await rig.see('#1 assigned to coder');
    expect(task(1)).toMatchObject({ owner: 'coder', status: 'pending' });
    // Still working: nothing typed. (The next state change is the proof that dispatch looked.)
    activity(coder, 'permission');
    await waitFor(() => rig.app.store.getState().squad.agents[0]?.activity.state === 'permission');
    expect(rig.host.writtenTo(coder)).toBe('');
    activity(coder, 'idle');
    await waitFor(() => rig.host.writtenTo(coder) !== '');
    expect(rig.host.writtenTo(coder)).toBe(
      "Task #1 from the squad's board: Design the schema. Tables for users and teams. When it is done, run `squadtui task done 1` (or the task_done tool with id 1); `squadtui task show 1` shows it, `squadtui task list` the whole board.\r",
    );
    expect(task(1)).toMatchObject({ owner: 'coder', status: 'in_progress' });
    await rig.see('in progress');
    // Once: idle again later types nothing more.
    activity(coder, 'working');
    // A turn takes longer than a tick: dispatch sees it start.
    await new Promise((resolve) => setImmediate(resolve));
    activity(coder, 'idle', true);
    await rig.see('coder turn ended');
    // The footer says so (the activity log keeps it whole).
    expect(rig.frame()).toContain('coder finished its turn without');
    expect(rig.app.store.getState().squad.log.at(-1)?.text).toMatch(/^coder finished its turn without completing #1 Design the schema: it is still in progress/);
    expect(rig.host.written.get(coder)).toHaveLength(1);
  });

  it('takes a task done in the file just before the turn ended as done, not as left in progress', async () => {
    rig = appRig();
    const coder = await rig.spawn({ name: 'coder' });
    activity(coder, 'working');
    other().change({ kind: 'create', title: 'Design the schema', description: '' });
    other().change({ kind: 'claim', id: 1 }, { agent: 'coder' });
    await openBoard();
    await rig.see('in progress');
    // `squadtui task done 1` in the agent, and its turn ends at once: before the file's watch tells.
    other().change({ kind: 'done', id: 1 }, { agent: 'coder' });
    activity(coder, 'idle', true);
    // Dispatch looks in a microtask after the change: by the next turn it has.
    await new Promise((resolve) => setImmediate(resolve));
    expect(rig.app.store.getState().squad.tasks.board.tasks[0]?.status).toBe('completed');
    await rig.see('done');
    expect(rig.app.store.getState().squad.log.some((e) => /without completing/.test(e.text))).toBe(false);
    expect(rig.frame()).not.toContain('without completing');
  });

  it('never types into the agent the user is typing into', async () => {
    rig = appRig();
    const coder = await rig.spawn({ name: 'coder' });
    other().change({ kind: 'create', title: 'Write docs' });
    other().change({ kind: 'assign', id: 1, agent: 'coder' });
    // The app starts typing into the selected agent.
    expect(rig.app.store.getState().view).toMatchObject({ mode: 'agent', selectedId: coder });
    activity(coder, 'idle');
    await waitFor(() => rig.app.store.getState().squad.tasks.board.tasks.length === 1);
    expect(rig.host.writtenTo(coder)).toBe('');
    rig.press('mode.squad', 'agent');
    await waitFor(() => rig.host.writtenTo(coder).startsWith('Task #1'));
  });

  it('auto-dispatch hands ready tasks to idle agents without one, lowest id first', async () => {
    rig = appRig();
    const ada = await rig.spawn({ name: 'ada' });
    const bob = await rig.spawn({ name: 'bob' });
    activity(ada, 'working');
    activity(bob, 'working');
    const store = other();
    store.change({ kind: 'create', title: 'Later', deps: [] });
    store.change({ kind: 'create', title: 'Blocked', deps: [1] });
    store.change({ kind: 'create', title: 'Also ready' });
    await openBoard();
    rig.press('tasks.auto', 'tasks');
    await rig.see('auto-dispatch on');
    activity(bob, 'idle');
    await waitFor(() => task(1)?.owner === 'bob');
    expect(rig.host.writtenTo(bob)).toContain('Task #1');
    activity(ada, 'idle');
    await waitFor(() => task(3)?.owner === 'ada');
    expect(rig.host.writtenTo(ada)).toContain('Task #3');
    // #2 waits for #1; done from a shell, it unblocks and goes to the first agent free.
    store.change({ kind: 'done', id: 3 }, { agent: 'ada' });
    await waitFor(() => task(2)?.status === 'pending' && task(1)?.status === 'in_progress');
    store.change({ kind: 'done', id: 1 }, { agent: 'bob' });
    await waitFor(() => task(2)?.owner === 'ada' || task(2)?.owner === 'bob');
    expect(task(2)?.status).toBe('in_progress');
  });

  it('an agent that exits gives its in-progress task back, and the log says so', async () => {
    rig = appRig();
    const coder = await rig.spawn({ name: 'coder' });
    other().change({ kind: 'create', title: 'Refactor' });
    other().change({ kind: 'claim', id: 1 }, { agent: 'coder' });
    await waitFor(() => rig.app.store.getState().squad.tasks.board.tasks[0]?.status === 'in_progress');
    rig.host.exit(coder, 1);
    await waitFor(() => task(1)?.status === 'pending');
    expect(task(1)?.owner).toBeNull();
    expect(rig.app.store.getState().squad.log.map((e) => e.text)).toContain('coder exited: #1 Refactor goes back on the board (pending, no owner).');
  });
});

describe('an agent closed while it works', () => {
  it('gives its in-progress task back', async () => {
    rig = appRig();
    const coder = await rig.spawn({ name: 'coder' });
    other().change({ kind: 'create', title: 'Refactor' });
    other().change({ kind: 'claim', id: 1 }, { agent: 'coder' });
    await waitFor(() => rig.app.store.getState().squad.tasks.board.tasks[0]?.status === 'in_progress');
    rig.host.remove(coder);
    await waitFor(() => task(1)?.status === 'pending');
    expect(task(1)?.owner).toBeNull();
    expect(rig.app.store.getState().squad.log.map((e) => e.text)).toContain('coder was removed: #1 Refactor goes back on the board (pending, no owner).');
  });
});

describe('the sidebar', () => {
  it("shows each agent's current task under it", async () => {
    rig = appRig();
    await rig.spawn({ name: 'ada' });
    await rig.spawn({ name: 'bob' });
    other().change({ kind: 'create', title: 'Design the schema for users, teams and their many roles' });
    other().change({ kind: 'claim', id: 1 }, { agent: 'bob' });
    const frame = await rig.see('#1 Design the');
    // Under bob, cut to the sidebar's width; ada has none.
    expect(frame).toMatch(/2 bob[^\n]*\n[^\n]*\n {2}#1 Design the sche…/);
    expect(frame).not.toMatch(/1 ada[^\n]*\n[^\n]*\n {2}#/);
  });
});
