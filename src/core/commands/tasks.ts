// The task board's keys: moving the cursor, adding, editing and deleting tasks, dependencies and
// assignments picked from a list, done and reopen, and auto-dispatch. Every change goes through
// TaskStore.change (synchronous, under a short lock) from here, never from a render.
import type { CommandId } from '../../keymap.js';
import type { State, TaskDialog, TaskPick } from '../state/index.js';
import { type Task, dependentsOf, taskLabel } from '../tasks/index.js';
import { boardOrder, changeTasks, pickChoices, selectedTask } from './task-board.js';
import type { Command, CommandContext, CommandTable } from './types.js';

type TasksId = Extract<CommandId, `tasks.${string}`>;

/** Runs `act` on the task under the cursor. */
function onTask(act: (ctx: CommandContext, task: Task) => void, disabled: (state: State, task: Task) => string | undefined = () => undefined): Command {
  return {
    run: (ctx) => {
      const task = selectedTask(ctx.state);
      if (task) act(ctx, task);
    },
    disabledReason: (state) => {
      const task = selectedTask(state);
      return task ? disabled(state, task) : 'no tasks yet';
    },
  };
}

function move({ state, store }: CommandContext, delta: number): void {
  const pick = state.view.pick;
  if (pick) {
    const n = pickChoices(state).length;
    if (n > 0) store.dispatch({ type: 'tasks/pick', pick: { ...pick, cursor: (pick.cursor + delta + n) % n } });
    return;
  }
  const order = boardOrder(state);
  if (order.length === 0) return;
  const at = Math.max(0, order.indexOf(selectedTask(state)?.id ?? order[0]!));
  store.dispatch({ type: 'tasks/cursor', id: order[Math.max(0, Math.min(order.length - 1, at + delta))] });
}

const page = (state: State) => Math.max(1, state.view.size.rows - 6);

function openPick(ctx: CommandContext, task: Task, purpose: TaskPick['purpose']): void {
  const pick: TaskPick = { purpose, taskId: task.id, cursor: 0 };
  if (pickChoices({ ...ctx.state, view: { ...ctx.state.view, pick } }).length === 0) {
    const why = { depend: `${taskLabel(task.id)} could depend on no other task.`, undepend: `${taskLabel(task.id)} depends on nothing.`, assign: 'No agent to assign it to: add one first.' };
    return ctx.notices.notice(why[purpose], 'warn');
  }
  ctx.store.dispatch({ type: 'tasks/pick', pick });
}

/** The pick's choice under its cursor: the dependency added or removed, or the agent assigned. */
function choose(ctx: CommandContext): void {
  const { state, store } = ctx;
  const pick = state.view.pick;
  const choice = pickChoices(state)[pick?.cursor ?? 0];
  store.dispatch({ type: 'tasks/pick', pick: undefined });
  if (!pick || !choice) return;
  const id = pick.taskId;
  if (pick.purpose === 'depend') changeTasks(ctx, { kind: 'dep-add', id, on: Number(choice.value) }, `${taskLabel(id)} now depends on ${taskLabel(Number(choice.value))}`);
  else if (pick.purpose === 'undepend') changeTasks(ctx, { kind: 'dep-remove', id, on: Number(choice.value) }, `${taskLabel(id)} no longer depends on ${taskLabel(Number(choice.value))}`);
  else assign(ctx, id, String(choice.value));
}

/** Gives a task to an agent: dispatch types its prompt into the agent once it is idle. */
function assign(ctx: CommandContext, id: number, agent: string): void {
  const task = ctx.state.squad.tasks.board.tasks.find((t) => t.id === id);
  // A task another agent works on comes back first: the new owner starts it afresh.
  if (task?.status === 'in_progress' && task.owner !== agent && !changeTasks(ctx, { kind: 'assign', id, agent: null }).ok) return;
  changeTasks(ctx, { kind: 'assign', id, agent }, `${taskLabel(id)} assigned to ${agent}: its prompt goes in once ${agent} is idle`);
}

function askDelete(ctx: CommandContext, task: Task): void {
  const dependents = dependentsOf(ctx.state.squad.tasks.board).get(task.id) ?? [];
  const edges = dependents.map((d) => `${taskLabel(task.id)} → ${taskLabel(d)}`).join(', ');
  const body = dependents.length > 0
    ? [`${dependents.map(taskLabel).join(', ')} ${dependents.length === 1 ? 'depends' : 'depend'} on it: deleting it removes ${edges}.`]
    : ['Nothing depends on it.'];
  ctx.ask({ title: `Delete ${taskLabel(task.id)} ${task.title}?`, body, yesLabel: 'delete', onYes: { kind: 'task-delete', id: task.id } });
}

function openDialog(ctx: CommandContext, task?: Task): void {
  const dialog: TaskDialog = task
    ? { kind: 'task', id: task.id, title: task.title, description: task.description, field: 'title' }
    : { kind: 'task', title: '', description: '', field: 'title' };
  ctx.store.dispatch({ type: 'dialog/open', dialog });
}

/** The task dialog confirmed: the task added or changed, or why not, in the dialog. */
export function submitTask(ctx: CommandContext, dialog: TaskDialog): void {
  const change = dialog.id === undefined
    ? { kind: 'create' as const, title: dialog.title, description: dialog.description.trim() }
    : { kind: 'update' as const, id: dialog.id, title: dialog.title, description: dialog.description.trim() };
  const result = ctx.tasks.change(change);
  if (!result.ok) return ctx.store.dispatch({ type: 'task/patch', patch: { error: result.reason } });
  ctx.store.dispatch({ type: 'dialog/close' });
  ctx.store.dispatch({ type: 'tasks/board', board: result.board });
  ctx.store.dispatch({ type: 'tasks/cursor', id: result.id });
  ctx.notices.notice(dialog.id === undefined ? `Added ${taskLabel(result.id)} ${dialog.title.trim()}.` : `Saved ${taskLabel(result.id)}.`);
}

export function deleteTask(ctx: CommandContext, id: number): void {
  changeTasks(ctx, { kind: 'delete', id, force: true }, `Deleted ${taskLabel(id)}`);
}

const pickCommand = (purpose: TaskPick['purpose']): Command => onTask((ctx, task) => openPick(ctx, task, purpose));

export const tasks: CommandTable<TasksId> = {
  'tasks.open': { run: ({ store }) => store.dispatch({ type: 'view/toggle', view: 'tasks' }) },
  'tasks.down': { run: (ctx) => move(ctx, 1) },
  'tasks.up': { run: (ctx) => move(ctx, -1) },
  'tasks.pageDown': { run: (ctx) => move(ctx, page(ctx.state)) },
  'tasks.pageUp': { run: (ctx) => move(ctx, -page(ctx.state)) },
  'tasks.add': { run: (ctx) => openDialog(ctx) },
  'tasks.edit': onTask(openDialog),
  'tasks.delete': onTask(askDelete),
  'tasks.depend': pickCommand('depend'),
  'tasks.undepend': onTask((ctx, task) => openPick(ctx, task, 'undepend'), (_s, task) => (task.deps.length > 0 ? undefined : 'it depends on nothing')),
  'tasks.assign': onTask((ctx, task) => openPick(ctx, task, 'assign'), (state, task) => {
    if (task.status === 'completed') return 'it is done';
    return state.squad.agents.length > 0 ? undefined : 'no agents';
  }),
  'tasks.unassign': onTask(
    (ctx, task) => changeTasks(ctx, { kind: 'assign', id: task.id, agent: null }, `${taskLabel(task.id)} taken back from ${task.owner ?? 'nobody'}`),
    (_s, task) => (task.status === 'completed' ? 'it is done' : task.owner ? undefined : 'nobody has it'),
  ),
  'tasks.done': onTask((ctx, task) => changeTasks(ctx, { kind: 'done', id: task.id }, `${taskLabel(task.id)} done`), (_s, task) => (task.status === 'completed' ? 'already done' : undefined)),
  'tasks.reopen': onTask((ctx, task) => changeTasks(ctx, { kind: 'reopen', id: task.id }, `${taskLabel(task.id)} reopened`), (_s, task) => (task.status === 'pending' ? 'not started' : undefined)),
  'tasks.auto': {
    run: ({ state, store, notices }) => {
      const on = !state.squad.tasks.autoDispatch;
      store.dispatch({ type: 'tasks/auto', on });
      notices.notice(on ? 'Auto-dispatch on: each ready task goes to an idle agent without a task, lowest id first.' : 'Auto-dispatch off: tasks go to the agents you assign them to.');
    },
  },
  'tasks.pick': { run: choose },
  'tasks.cancel': { run: ({ store }) => store.dispatch({ type: 'tasks/pick', pick: undefined }) },
};
