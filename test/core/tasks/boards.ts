// Small boards for task tests, written as one line per task: `3: after 1 2, in_progress by ada`.
import type { Board, Task, TaskStatus } from '../../../src/core/tasks/model.js';

/** Lines like `1`, `2: after 1`, `3: after 1 2, completed`, `4: in_progress by ada, title Write it`. */
export function boardOf(...lines: string[]): Board {
  const tasks = lines.map(parseLine);
  return { version: 1, nextId: Math.max(0, ...tasks.map((t) => t.id)) + 1, tasks };
}

function parseLine(line: string): Task {
  const [head, rest = ''] = line.split(':');
  const id = Number(head);
  const task: Task = { id, title: `Task ${id}`, description: '', status: 'pending', owner: null, deps: [], notes: [] };
  for (const part of rest.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [word, ...args] = part.split(' ');
    if (word === 'after') task.deps = args.map(Number);
    else if (word === 'title') task.title = args.join(' ');
    else {
      task.status = word as TaskStatus;
      if (args[0] === 'by') task.owner = args[1] ?? null;
    }
  }
  return task;
}

/** Edges of a board as `from→to` strings (from unblocks to), sorted. */
export function edgesOf(board: Board): string[] {
  return board.tasks.flatMap((t) => t.deps.map((d) => `${d}→${t.id}`)).sort();
}
