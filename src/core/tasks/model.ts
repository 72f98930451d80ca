// The squad's task list as plain values: tasks, their dependencies, and what follows from them
// (blocked, ready). Every change goes through rules.ts; this file only reads.
import * as z from '../util/zod.js';

export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const TaskId = z.number().check(z.int(), z.minimum(1));

export const NoteSchema = z.object({ at: z.string(), by: z.string(), text: z.string() });

export const TaskSchema = z.object({
  id: TaskId,
  title: z.string(),
  description: z.string(),
  status: z.enum(TASK_STATUSES),
  owner: z.nullable(z.string()),
  deps: z.array(TaskId),
  notes: z.array(NoteSchema),
});

export const BoardSchema = z.object({
  version: z.literal(1),
  /** The id the next task gets: ids are never reused, even after a delete. */
  nextId: TaskId,
  tasks: z.array(TaskSchema),
});

export type TaskNote = z.infer<typeof NoteSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Board = z.infer<typeof BoardSchema>;

export function emptyBoard(): Board {
  return { version: 1, nextId: 1, tasks: [] };
}

/** What a row shows: the stored status, with a pending task split into ready and blocked. */
export type TaskState = 'ready' | 'blocked' | 'in_progress' | 'completed';

/** Tasks by id, for boards read many times in one pass. */
export type TaskIndex = ReadonlyMap<number, Task>;

export function indexTasks(board: Board): Map<number, Task> {
  return new Map(board.tasks.map((t) => [t.id, t]));
}

/** The dependencies of `task` not completed yet, lowest id first. */
export function blockersOf(task: Task, index: TaskIndex): number[] {
  return task.deps.filter((d) => index.get(d)?.status !== 'completed').sort((a, b) => a - b);
}

export function isBlocked(task: Task, index: TaskIndex): boolean {
  return blockersOf(task, index).length > 0;
}

/**
 * Ready: pending, every dependency completed, and free for `agent` (unowned or owned by it). Without
 * an agent, ownership is not asked about (a task assigned ahead of time is still ready for its owner).
 */
export function isReady(task: Task, index: TaskIndex, agent?: string): boolean {
  if (task.status !== 'pending' || isBlocked(task, index)) return false;
  return agent === undefined || task.owner === null || task.owner === agent;
}

export function taskState(task: Task, index: TaskIndex): TaskState {
  if (task.status !== 'pending') return task.status;
  return isBlocked(task, index) ? 'blocked' : 'ready';
}

/** The tasks `agent` may take now, lowest id first (what dispatch hands out). */
export function readyTasks(board: Board, agent?: string): Task[] {
  const index = indexTasks(board);
  return board.tasks.filter((t) => isReady(t, index, agent)).sort((a, b) => a.id - b.id);
}

/** For each task, the tasks that depend on it (the arrows leaving it), lowest id first. */
export function dependentsOf(board: Board): Map<number, number[]> {
  const out = new Map<number, number[]>(board.tasks.map((t) => [t.id, []]));
  for (const task of [...board.tasks].sort((a, b) => a.id - b.id)) {
    for (const dep of task.deps) out.get(dep)?.push(task.id);
  }
  return out;
}

export function taskLabel(id: number): string {
  return `#${id}`;
}
