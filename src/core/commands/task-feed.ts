// Keeps the squad's tasks slice in step with the task file: read once at start, then on every
// change another process makes (the CLI, an agent, another squadtui), within the watch's debounce.
import type { Notices, Store } from '../state/index.js';
import { type LoadedBoard, type TaskStore, describeProblem } from '../tasks/index.js';

export interface TaskFeedOptions {
  readonly tasks: TaskStore;
  readonly store: Store;
  readonly notices: Notices;
  readonly autoDispatch?: boolean;
}

/** Starts feeding the board into the state; returns what stops it. */
export function feedTasks({ tasks, store, notices, autoDispatch }: TaskFeedOptions): () => void {
  let told: string | undefined;
  const take = (loaded: LoadedBoard) => {
    const problem = loaded.problem ? describeProblem(loaded.problem) : undefined;
    // A file that stays broken is told once, not on every write to it.
    if (problem && problem !== told) notices.notice(problem, 'error');
    told = problem;
    store.dispatch({ type: 'tasks/board', board: loaded.board, problem });
  };
  if (autoDispatch) store.dispatch({ type: 'tasks/auto', on: true });
  take(tasks.read());
  return tasks.watch(take);
}
