// The task board in the composed app: opened from the squad menu, fed by the task file (another
// process's change shows at once), and changed by its keys through the task store.
import { afterEach, describe, expect, it } from 'vitest';
import { TaskStore } from '../../src/core/tasks/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { type Rig, appRig } from './rig.js';

let rig: Rig;
afterEach(() => rig?.done());

/** Another process's writes: the CLI or an agent on the same file. */
const other = () => new TaskStore(rig.tasksFile);

function diamond(): void {
  const store = other();
  store.change({ kind: 'create', title: 'Design the schema', description: 'Tables for users and teams' });
  store.change({ kind: 'create', title: 'Backend', deps: [1] });
  store.change({ kind: 'create', title: 'Frontend', deps: [1] });
  store.change({ kind: 'create', title: 'Release', deps: [2, 3] });
}

describe('the task board', () => {
  it('opens from the squad menu with its arrows, and shows another process\'s change within 200 ms', async () => {
    rig = appRig();
    diamond();
    rig.press('mode.squad', 'agent');
    rig.press('tasks.open', 'squad');
    await rig.see('Tasks · 4 · 1 ready');
    expect(rig.frame()).toMatch(/┌─+ #1 Design the schema/);
    expect(rig.frame()).toMatch(/└─┴─▶ #4 Release\s+blocked by #2 #3/);
    expect(rig.frame()).toContain('#1 Tables for users and teams');
    const started = Date.now();
    other().change({ kind: 'done', id: 1 });
    await rig.see('Tasks · 4 · 2 ready');
    expect(Date.now() - started).toBeLessThan(200);
    expect(rig.frame()).toMatch(/#2 Backend\s+ready/);
    // The same key closes it.
    rig.press('tasks.open', 'tasks');
    await waitFor(() => !rig.frame().includes('Tasks · 4'));
    expect(rig.app.store.getState().view.mode).toBe('squad');
  });

  it('adds a task from its dialog, makes it depend on another by picking, and refuses a cycle by name', async () => {
    rig = appRig();
    rig.press('mode.squad', 'agent');
    rig.press('tasks.open', 'squad');
    await rig.see('No tasks yet');
    rig.press('tasks.add', 'tasks');
    await rig.see('Add a task');
    rig.type('Write the parser');
    rig.press('dialog.next', 'task');
    rig.type('Tokens first');
    await rig.see('Tokens first');
    rig.press('dialog.submit', 'task');
    await rig.see('#1 Write the parser');
    rig.press('tasks.add', 'tasks');
    await rig.see('Add a task');
    rig.type('Test the parser');
    rig.press('dialog.submit', 'task');
    await rig.see('#2 Test the parser');
    // #2 is selected (the new task): it depends on #1.
    rig.press('tasks.depend', 'tasks');
    await rig.see('#2 depends on which task?');
    rig.press('tasks.pick', 'task-pick');
    await rig.see('blocked by #1');
    expect(other().read().board.tasks.find((t) => t.id === 2)?.deps).toEqual([1]);
    // #1 on #2 would close the cycle.
    rig.press('tasks.up', 'tasks');
    rig.press('tasks.depend', 'tasks');
    await rig.see('#1 depends on which task?');
    rig.press('tasks.pick', 'task-pick');
    await rig.see('that would make a cycle');
    expect(rig.frame()).toContain('Tasks · 2');
  });

  it('asks before deleting a task others depend on, naming the edges that go', async () => {
    rig = appRig();
    diamond();
    rig.press('mode.squad', 'agent');
    rig.press('tasks.open', 'squad');
    await rig.see('Tasks · 4');
    rig.press('tasks.delete', 'tasks');
    await rig.see('Delete #1 Design the schema?');
    expect(rig.frame()).toContain('#2, #3 depend on it: deleting it removes #1 → #2, #1 → #3.');
    rig.press('dialog.submit', 'confirm');
    await rig.see('Tasks · 3 · 2 ready');
    expect(rig.app.store.getState().view.mode).toBe('tasks');
  });

  it('opens with Ctrl+T from the other views too, and refuses to complete a blocked task, saying why', async () => {
    rig = appRig();
    diamond();
    rig.press('mode.squad', 'agent');
    rig.press('log.open', 'squad');
    await rig.see('Activity log');
    rig.press('tasks.open', 'log');
    await rig.see('Tasks · 4 · 1 ready');
    rig.press('tasks.down', 'tasks');
    rig.press('tasks.done', 'tasks');
    await rig.see('#2 is blocked by #1: complete it first.');
    expect(other().read().board.tasks.find((t) => t.id === 2)?.status).toBe('pending');
  });

  it('marks done and reopens: the dependents unblock and block again', async () => {
    rig = appRig();
    diamond();
    rig.press('mode.squad', 'agent');
    rig.press('tasks.open', 'squad');
    await rig.see('Tasks · 4 · 1 ready');
    rig.press('tasks.done', 'tasks');
    await rig.see('#1 done · unblocked #2 · unblocked #3');
    expect(rig.frame()).toContain('Tasks · 4 · 2 ready');
    rig.press('tasks.reopen', 'tasks');
    await rig.see('Tasks · 4 · 1 ready');
  });
});
