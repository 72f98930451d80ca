// What `squadtui task list` and `show` print: the drawn board, one task in full, or JSON for scripts.
import { type Board, type Task, blockersOf, dependentsOf, indexTasks, taskLabel, taskState } from './model.js';
import { type TaskEvent, describeEvent } from './rules.js';
import { boardRows } from './rows.js';

/** A task as scripts read it: the stored fields and what follows from them. */
export function taskJson(task: Task, board: Board): Record<string, unknown> {
  const index = indexTasks(board);
  const blockedBy = blockersOf(task, index);
  const state = taskState(task, index);
  return { ...task, state, ready: state === 'ready', blockedBy, dependents: dependentsOf(board).get(task.id) ?? [] };
}

export function listText(board: Board, width: number): string {
  if (board.tasks.length === 0) return 'No tasks yet: add one with `squadtui task add TITLE`.\n';
  return `${boardRows(board, width).map((r) => r.text).join('\n')}\n`;
}

export function showText(task: Task, board: Board): string {
  const index = indexTasks(board);
  const blockers = blockersOf(task, index);
  const state = taskState(task, index);
  const dependents = dependentsOf(board).get(task.id) ?? [];
  const ids = (list: readonly number[]) => (list.length > 0 ? list.map(taskLabel).join(' ') : '-');
  const lines = [
    `${taskLabel(task.id)} ${task.title}`,
    `state:      ${state === 'blocked' ? `blocked by ${ids(blockers)}` : state.replace('_', ' ')}`,
    `owner:      ${task.owner ?? '-'}`,
    `depends on: ${ids([...task.deps].sort((a, b) => a - b))}`,
    `unblocks:   ${ids(dependents)}`,
  ];
  if (task.description) lines.push('', task.description);
  if (task.notes.length > 0) lines.push('', 'notes:', ...task.notes.map((n) => `  ${n.at} ${n.by}: ${n.text}`));
  return `${lines.join('\n')}\n`;
}

/** The line after a change: what it did, and what it unblocked or blocked. */
export function changedText(what: string, events: readonly TaskEvent[]): string {
  const follow = events.filter((e) => e.type !== 'created').map(describeEvent);
  return `${[what, ...follow].join('; ')}\n`;
}
