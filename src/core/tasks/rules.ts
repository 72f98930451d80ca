// The one function every change to the task list goes through, from the UI, the CLI or an agent:
// it checks the rules and returns the new board with what happened, or the reason it refused.
import { cycleThrough } from './graph.js';
import { type Board, type Task, blockersOf, dependentsOf, indexTasks, taskLabel } from './model.js';

export type TaskChange =
  | { readonly kind: 'create'; readonly title: string; readonly description?: string; readonly deps?: readonly number[] }
  | { readonly kind: 'update'; readonly id: number; readonly title?: string; readonly description?: string; readonly note?: string }
  | { readonly kind: 'dep-add'; readonly id: number; readonly on: number }
  | { readonly kind: 'dep-remove'; readonly id: number; readonly on: number }
  /** Take a task and start it: in progress, owned by the acting agent. */
  | { readonly kind: 'claim'; readonly id: number }
  /** Start a task (its owner, or the user): in progress, the owner kept (or the acting agent). */
  | { readonly kind: 'start'; readonly id: number }
  | { readonly kind: 'done'; readonly id: number }
  /** Back to pending (from completed or in progress); the owner is kept. */
  | { readonly kind: 'reopen'; readonly id: number }
  /** `force`: also when other tasks depend on it (their edges to it go). */
  | { readonly kind: 'delete'; readonly id: number; readonly force?: boolean }
  /** Give a task to an agent (null: to nobody; an in-progress task goes back to pending). */
  | { readonly kind: 'assign'; readonly id: number; readonly agent: string | null };

/** Who makes the change and when. `agent` is set when an agent acts (it may act only as itself). */
export interface ChangeContext {
  readonly agent?: string;
  readonly now?: Date;
}

export type TaskEvent =
  | { readonly type: 'created'; readonly id: number }
  | { readonly type: 'unblocked'; readonly id: number }
  | { readonly type: 'blocked'; readonly id: number; readonly by: readonly number[] }
  | { readonly type: 'edge-removed'; readonly from: number; readonly to: number };

export type RefusalCode = 'unknown-task' | 'self-dependency' | 'cycle' | 'blocked' | 'owned' | 'no-agent' | 'has-dependents' | 'invalid' | 'state';

export type ChangeResult =
  | { readonly ok: true; readonly board: Board; readonly events: readonly TaskEvent[]; /** the task changed or created */ readonly id: number }
  | { readonly ok: false; readonly code: RefusalCode; readonly reason: string; /** for a cycle: the ids around it */ readonly cycle?: readonly number[] };

export function describeEvent(event: TaskEvent): string {
  switch (event.type) {
    case 'created':
      return `created ${taskLabel(event.id)}`;
    case 'unblocked':
      return `unblocked ${taskLabel(event.id)}`;
    case 'blocked':
      return `blocked ${taskLabel(event.id)} (by ${event.by.map(taskLabel).join(', ')})`;
    case 'edge-removed':
      return `removed the dependency ${taskLabel(event.from)} → ${taskLabel(event.to)}`;
  }
}

export function formatCycle(ids: readonly number[]): string {
  return ids.map(taskLabel).join(' → ');
}

function refuse(code: RefusalCode, reason: string, cycle?: readonly number[]): ChangeResult {
  return cycle ? { ok: false, code, reason, cycle } : { ok: false, code, reason };
}

/** Applies `change` to `board` if the rules allow it. Pure: `board` is never modified. */
export function applyChange(board: Board, change: TaskChange, context: ChangeContext = {}): ChangeResult {
  const at = (context.now ?? new Date()).toISOString();
  const by = context.agent ?? 'user';
  if (change.kind === 'create') return create(board, change, { at, by });
  const index = indexTasks(board);
  const task = index.get(change.id);
  if (!task) return refuse('unknown-task', `There is no task ${taskLabel(change.id)}.`);
  const step = { board, task, at, by, agent: context.agent };
  switch (change.kind) {
    case 'update':
      return update(step, change);
    case 'dep-add':
      return addDependency(step, change.on);
    case 'dep-remove':
      return removeDependency(step, change.on);
    case 'claim':
      return claim(step);
    case 'start':
      return start(step);
    case 'done':
      return complete(step);
    case 'reopen':
      return reopen(step);
    case 'delete':
      return remove(step, change.force === true);
    case 'assign':
      return assign(step, change.agent);
  }
}

interface Step {
  readonly board: Board;
  readonly task: Task;
  readonly at: string;
  readonly by: string;
  readonly agent: string | undefined;
}

/** The board with `task` replaced, a note of `what` added to it, and the dependents whose blocked state changed. */
function commit(step: Step, changed: Task, what?: string, extra: readonly TaskEvent[] = []): ChangeResult {
  const withNote = what ? { ...changed, notes: [...changed.notes, { at: step.at, by: step.by, text: what }] } : changed;
  const board = { ...step.board, tasks: step.board.tasks.map((t) => (t.id === changed.id ? withNote : t)) };
  return { ok: true, board, events: [...extra, ...blockingChanges(step.board, board)], id: changed.id };
}

/** Tasks that became unblocked or blocked between two boards, lowest id first. */
function blockingChanges(before: Board, after: Board): TaskEvent[] {
  const was = indexTasks(before);
  const now = indexTasks(after);
  const events: TaskEvent[] = [];
  for (const task of [...after.tasks].sort((a, b) => a.id - b.id)) {
    const old = was.get(task.id);
    if (!old || task.status === 'completed') continue;
    const blockedBefore = blockersOf(old, was);
    const blockedNow = blockersOf(task, now);
    if (blockedBefore.length > 0 && blockedNow.length === 0) events.push({ type: 'unblocked', id: task.id });
    if (blockedBefore.length === 0 && blockedNow.length > 0) events.push({ type: 'blocked', id: task.id, by: blockedNow });
  }
  return events;
}

function create(board: Board, change: Extract<TaskChange, { kind: 'create' }>, who: { at: string; by: string }): ChangeResult {
  const title = change.title.trim();
  if (!title) return refuse('invalid', 'A task needs a title.');
  const index = indexTasks(board);
  const deps = [...new Set(change.deps ?? [])];
  const unknown = deps.filter((d) => !index.has(d));
  if (unknown.length > 0) return refuse('unknown-task', `There is no task ${unknown.map(taskLabel).join(', ')}.`);
  // Past every id in use, even should a hand-edited file hold a nextId too low.
  const id = Math.max(board.nextId, ...board.tasks.map((t) => t.id + 1));
  const task: Task = { id, title, description: change.description ?? '', status: 'pending', owner: null, deps, notes: [{ ...who, text: 'created' }] };
  return { ok: true, board: { ...board, nextId: id + 1, tasks: [...board.tasks, task] }, events: [{ type: 'created', id }], id };
}

function update(step: Step, change: Extract<TaskChange, { kind: 'update' }>): ChangeResult {
  const title = change.title?.trim();
  if (title === '') return refuse('invalid', 'A task needs a title.');
  const changed = { ...step.task, title: title ?? step.task.title, description: change.description ?? step.task.description };
  return commit(step, changed, change.note?.trim() || undefined);
}

function addDependency(step: Step, on: number): ChangeResult {
  const { task, board } = step;
  if (on === task.id) return refuse('self-dependency', `${taskLabel(task.id)} cannot depend on itself.`);
  if (!board.tasks.some((t) => t.id === on)) return refuse('unknown-task', `There is no task ${taskLabel(on)}.`);
  if (task.deps.includes(on)) return { ok: true, board, events: [], id: task.id };
  const cycle = cycleThrough(board, task.id, on);
  if (cycle) return refuse('cycle', `${taskLabel(task.id)} cannot depend on ${taskLabel(on)}: that would make a cycle ${formatCycle(cycle)}.`, cycle);
  return commit(step, { ...task, deps: [...task.deps, on] }, `now depends on ${taskLabel(on)}`);
}

function removeDependency(step: Step, on: number): ChangeResult {
  const { task } = step;
  if (!task.deps.includes(on)) return refuse('unknown-task', `${taskLabel(task.id)} does not depend on ${taskLabel(on)}.`);
  return commit(step, { ...task, deps: task.deps.filter((d) => d !== on) }, `no longer depends on ${taskLabel(on)}`);
}

/** Why the acting agent may not take `task` now, if it may not. */
function whyNotTake(step: Step, agent: string): ChangeResult | undefined {
  const { task, board } = step;
  if (task.status === 'completed') return refuse('state', `${taskLabel(task.id)} is already completed (reopen it first).`);
  if (task.owner !== null && task.owner !== agent) return refuse('owned', `${taskLabel(task.id)} belongs to ${task.owner}.`);
  const blockers = blockersOf(task, indexTasks(board));
  if (blockers.length > 0) return refuse('blocked', `${taskLabel(task.id)} is blocked by ${blockers.map(taskLabel).join(', ')}: it can start once ${blockers.length === 1 ? 'that is' : 'those are'} completed.`);
  return undefined;
}

function claim(step: Step): ChangeResult {
  if (!step.agent) return refuse('no-agent', `Who claims ${taskLabel(step.task.id)}? Name the agent (e.g. --as NAME).`);
  const refusal = whyNotTake(step, step.agent);
  if (refusal) return refusal;
  if (step.task.status === 'in_progress' && step.task.owner === step.agent) return { ok: true, board: step.board, events: [], id: step.task.id };
  return commit(step, { ...step.task, status: 'in_progress', owner: step.agent }, 'claimed');
}

function start(step: Step): ChangeResult {
  // The user starts a task for its owner; an agent starts it for itself.
  const owner = step.agent ?? step.task.owner;
  const refusal = whyNotTake(step, owner ?? '');
  if (refusal) return refusal;
  if (step.task.status === 'in_progress') return { ok: true, board: step.board, events: [], id: step.task.id };
  return commit(step, { ...step.task, status: 'in_progress', owner }, 'started');
}

function complete(step: Step): ChangeResult {
  const { task, agent } = step;
  if (task.status === 'completed') return { ok: true, board: step.board, events: [], id: task.id };
  if (agent && task.owner !== null && task.owner !== agent) return refuse('owned', `${taskLabel(task.id)} belongs to ${task.owner}: only it (or the user) can complete it.`);
  const blockers = blockersOf(task, indexTasks(step.board));
  if (blockers.length > 0) return refuse('blocked', `${taskLabel(task.id)} is blocked by ${blockers.map(taskLabel).join(', ')}: complete ${blockers.length === 1 ? 'it' : 'them'} first.`);
  return commit(step, { ...task, status: 'completed', owner: task.owner ?? agent ?? null }, 'completed');
}

function reopen(step: Step): ChangeResult {
  const { task, agent } = step;
  if (task.status === 'pending') return { ok: true, board: step.board, events: [], id: task.id };
  if (agent && task.owner !== null && task.owner !== agent) return refuse('owned', `${taskLabel(task.id)} belongs to ${task.owner}.`);
  return commit(step, { ...task, status: 'pending' }, 'reopened');
}

function assign(step: Step, agent: string | null): ChangeResult {
  const { task } = step;
  if (task.status === 'completed') return refuse('state', `${taskLabel(task.id)} is completed (reopen it first).`);
  // An agent hands out unowned tasks and its own, never another agent's.
  if (step.agent && task.owner !== null && task.owner !== step.agent) return refuse('owned', `${taskLabel(task.id)} belongs to ${task.owner}: an agent hands out only its own tasks and unowned ones.`);
  if (task.owner === agent) return { ok: true, board: step.board, events: [], id: task.id };
  const status = agent === null && task.status === 'in_progress' ? 'pending' : task.status;
  return commit(step, { ...task, owner: agent, status }, agent === null ? `given back by ${task.owner}` : `assigned to ${agent}`);
}

function remove(step: Step, force: boolean): ChangeResult {
  const { task, board } = step;
  const dependents = dependentsOf(board).get(task.id) ?? [];
  if (dependents.length > 0 && !force) {
    const edges = dependents.map((d) => `${taskLabel(task.id)} → ${taskLabel(d)}`).join(', ');
    return refuse('has-dependents', `${dependents.map(taskLabel).join(', ')} ${dependents.length === 1 ? 'depends' : 'depend'} on ${taskLabel(task.id)}: deleting it removes ${edges}. Confirm to delete it anyway (--force).`);
  }
  const tasks = board.tasks.filter((t) => t.id !== task.id).map((t) => (t.deps.includes(task.id) ? { ...t, deps: t.deps.filter((d) => d !== task.id) } : t));
  const after = { ...board, tasks };
  const removed: TaskEvent[] = dependents.map((d) => ({ type: 'edge-removed', from: task.id, to: d }));
  return { ok: true, board: after, events: [...removed, ...blockingChanges(board, after)], id: task.id };
}
