// Dispatch: hands the board's tasks to the agents. A task assigned to an agent (or, with
// auto-dispatch, any ready task nobody has) is claimed for it and its prompt typed in once the
// agent is idle: never while it works, shows a prompt, or the user types into it. An owner that
// ends its turn without completing its task is reported (never marked done by guessing); an agent
// that exits or is removed gives its in-progress tasks back.
import type { ActivityState } from '../agents/index.js';
import type { SessionHost } from '../sessions/index.js';
import { type AgentView, type Notices, type Store, type ViewState, hasEnded } from '../state/index.js';
import { type Board, type Task, type TaskStore, indexTasks, isReady, taskLabel } from '../tasks/index.js';
import type { Logger } from '../util/index.js';
import { changeTasks } from './task-board.js';
import { taskPrompt } from './task-prompt.js';

export interface DispatchOptions {
  readonly store: Store;
  readonly host: SessionHost;
  readonly tasks: TaskStore;
  readonly notices: Notices;
  readonly log: Logger;
}

/** What dispatch last saw of an agent, to tell what changed. */
interface Seen {
  readonly name: string;
  readonly state: ActivityState;
  /** When it entered that state: a turn that came and went between two looks still shows here. */
  readonly since: number;
  readonly ended: boolean;
}

/** Starts dispatching on every change of the state; returns what stops it. */
export function startDispatch(o: DispatchOptions): () => void {
  const seen = new Map<string, Seen>();
  let scheduled = false;
  const run = () => {
    scheduled = false;
    followAgents(o, seen);
    deliver(o);
  };
  // After the change that woke it: what dispatch does changes the state again.
  const wake = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(run);
  };
  wake();
  return o.store.subscribe(wake);
}

/** The state takes the board on disk when it differs from `board` (its watch tells later); whether it did. */
function catchUp(o: DispatchOptions, board: Board): boolean {
  const onDisk = o.tasks.read().board;
  if (JSON.stringify(onDisk) === JSON.stringify(board)) return false;
  o.store.dispatch({ type: 'tasks/board', board: onDisk });
  return true;
}

const inProgressOf = (board: Board, name: string): Task[] => board.tasks.filter((t) => t.status === 'in_progress' && t.owner === name);
const titled = (task: Task) => `${taskLabel(task.id)} ${task.title}`;

/** Exits, removals, turns ended and turns started since the last look. */
function followAgents(o: DispatchOptions, seen: Map<string, Seen>): void {
  const { agents } = o.store.getState().squad;
  for (const agent of agents) {
    const before = seen.get(agent.id);
    const now: Seen = { name: agent.info.spec.name, state: agent.activity.state, since: agent.activity.since, ended: hasEnded(agent) };
    seen.set(agent.id, now);
    if (now.ended && !before?.ended) giveBack(o, now.name, 'exited');
    else if (before && (before.state !== now.state || before.since !== now.since)) turnChanged(o, agent);
  }
  for (const [id, was] of seen) {
    if (agents.some((a) => a.id === id)) continue;
    seen.delete(id);
    if (!was.ended) giveBack(o, was.name, 'was removed');
  }
}

/** An agent gone gives its in-progress tasks back: pending, no owner, for another to take. */
function giveBack(o: DispatchOptions, name: string, why: string): void {
  for (const task of inProgressOf(o.store.getState().squad.tasks.board, name)) {
    const result = changeTasks(o, { kind: 'assign', id: task.id, agent: null });
    if (result.ok) o.notices.notice(`${name} ${why}: ${titled(task)} goes back on the board (pending, no owner).`, 'warn');
  }
}

/** A turn ended with the task still in progress: said on the board and in the footer. A new turn clears it. */
function turnChanged(o: DispatchOptions, agent: AgentView): void {
  let { tasks } = o.store.getState().squad;
  let mine = inProgressOf(tasks.board, agent.info.spec.name).map((t) => t.id);
  if (mine.length === 0) return;
  if (agent.activity.state === 'working') {
    const left = tasks.stalled.filter((id) => !mine.includes(id));
    if (left.length !== tasks.stalled.length) o.store.dispatch({ type: 'tasks/stalled', ids: left });
    return;
  }
  if (agent.activity.state !== 'idle' || !agent.activity.finishedTurn) return;
  // `squadtui task done` run just before the turn ended is in the file before its watch tells
  // (25 ms later): read it now, or a task done would be reported as left in progress.
  if (catchUp(o, tasks.board)) {
    tasks = o.store.getState().squad.tasks;
    mine = inProgressOf(tasks.board, agent.info.spec.name).map((t) => t.id);
  }
  const fresh = mine.filter((id) => !tasks.stalled.includes(id));
  if (fresh.length === 0) return;
  o.store.dispatch({ type: 'tasks/stalled', ids: [...tasks.stalled, ...fresh] });
  const list = fresh.map((id) => titled(tasks.board.tasks.find((t) => t.id === id)!)).join(', ');
  o.notices.notice(`${agent.info.spec.name} finished its turn without completing ${list}: it is still in progress (mark it done on the board if it is).`, 'warn');
}

/** Idle, running, and not being typed into by the user. */
function canTakeWork(agent: AgentView, view: ViewState): boolean {
  if (agent.info.status !== 'running' || agent.activity.state !== 'idle') return false;
  return !(view.mode === 'agent' && view.selectedId === agent.id);
}

/** The task for an idle agent without one: its own ready task first, else (auto-dispatch) the lowest ready one nobody has. */
function nextTask(board: Board, name: string, auto: boolean): Task | undefined {
  const index = indexTasks(board);
  const ready = board.tasks.filter((t) => isReady(t, index, name)).sort((a, b) => a.id - b.id);
  return ready.find((t) => t.owner === name) ?? (auto ? ready.find((t) => t.owner === null) : undefined);
}

function deliver(o: DispatchOptions): void {
  const { squad, view } = o.store.getState();
  let board = squad.tasks.board;
  for (const agent of squad.agents) {
    const name = agent.info.spec.name;
    if (!canTakeWork(agent, view) || inProgressOf(board, name).length > 0) continue;
    const task = nextTask(board, name, squad.tasks.autoDispatch);
    if (!task) continue;
    const result = o.tasks.change({ kind: 'claim', id: task.id }, { agent: name });
    if (!result.ok) {
      // The board changed on disk since it was read: the state catches up, and dispatch looks again.
      o.log.info(`dispatch: ${name} could not take ${taskLabel(task.id)}: ${result.reason}`);
      catchUp(o, board);
      return;
    }
    board = result.board;
    o.store.dispatch({ type: 'tasks/board', board });
    o.host.typeLine(agent.id, taskPrompt(task));
    o.notices.notice(`${name} took ${titled(task)}: its prompt was typed in.`);
  }
}
