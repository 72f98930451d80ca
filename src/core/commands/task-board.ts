// Reading the task board for commands and the UI: the task under the cursor, what a pick offers,
// and one way to change the board (through TaskStore.change) that reports what happened.
import type { State, Store, Notices } from '../state/index.js';
import { type StoreChangeResult, type Task, type TaskChange, type TaskStore, dependencyOrder, describeEvent, describeProblem, taskLabel } from '../tasks/index.js';

/** Task ids top to bottom, as the board draws them. */
export function boardOrder(state: State): number[] {
  return dependencyOrder(state.squad.tasks.board);
}

/** The task under the board's cursor: the one it names, else the first. */
export function selectedTask(state: State): Task | undefined {
  const { board } = state.squad.tasks;
  const byCursor = board.tasks.find((t) => t.id === state.view.taskCursor);
  if (byCursor) return byCursor;
  const first = boardOrder(state)[0];
  return board.tasks.find((t) => t.id === first);
}

export interface PickChoice {
  readonly label: string;
  /** A task id (a dependency) or an agent's name. */
  readonly value: number | string;
}

/** What the open pick offers: tasks the selected one may depend on, its dependencies, or the agents. */
export function pickChoices(state: State): PickChoice[] {
  const pick = state.view.pick;
  if (!pick) return [];
  const { board } = state.squad.tasks;
  const task = board.tasks.find((t) => t.id === pick.taskId);
  if (!task) return [];
  const titled = (id: number): PickChoice => ({ label: `${taskLabel(id)} ${board.tasks.find((t) => t.id === id)?.title ?? ''}`, value: id });
  switch (pick.purpose) {
    case 'depend':
      return boardOrder(state).filter((id) => id !== task.id && !task.deps.includes(id)).map(titled);
    case 'undepend':
      return [...task.deps].sort((a, b) => a - b).map(titled);
    case 'assign':
      return state.squad.agents.map((a) => ({ label: a.info.spec.name, value: a.info.spec.name }));
  }
}

/** "#1 done · unblocked #2, #3": what a change did, in a few words. */
function summary(what: string, result: Extract<StoreChangeResult, { ok: true }>): string {
  const events = result.events.filter((e) => e.type !== 'created').map(describeEvent);
  return [what, ...events].join(' · ');
}

export interface ChangePorts {
  readonly tasks: TaskStore;
  readonly store: Store;
  readonly notices: Notices;
}

/**
 * Changes the board on disk (short, under its lock) and in the state. A refusal is told in the
 * footer; with `what`, so is the change. Returns the result for callers that follow up.
 */
export function changeTasks(ports: ChangePorts, change: TaskChange, what?: string, agent?: string): StoreChangeResult {
  const result = ports.tasks.change(change, agent ? { agent } : {});
  if (result.problem) ports.notices.notice(describeProblem(result.problem), 'error');
  if (!result.ok) {
    ports.notices.notice(result.reason, 'warn');
    return result;
  }
  ports.store.dispatch({ type: 'tasks/board', board: result.board });
  if (what) ports.notices.notice(summary(what, result));
  return result;
}
