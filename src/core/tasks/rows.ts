// The task board as rows of text for a given width: the arrows (layout.ts), then each task's id,
// title (cut to fit), owner and state, and for a blocked task the tasks that block it. Rows are
// runs tagged with what they show and the state of the task they belong to, so the UI can colour
// them; `text` is the same row plain.
import { ARROW_HEAD, type GraphLayout, type Gutter, layoutGraph } from './layout.js';
import { type Board, type Task, type TaskState, blockersOf, indexTasks, taskLabel, taskState } from './model.js';
import { ELLIPSIS, cutTo, fitTo, widthOf } from './text.js';

export type RunKind = 'graph' | 'arrow' | 'id' | 'title' | 'owner' | 'state' | 'blocker' | 'space';

export interface BoardRun {
  readonly text: string;
  readonly kind: RunKind;
  /** The task the run belongs to (a lane: the task it leaves from) and that task's state. */
  readonly task?: number;
  readonly state?: TaskState;
}

export interface BoardRow {
  readonly id: number;
  readonly state: TaskState;
  readonly runs: readonly BoardRun[];
  readonly text: string;
}

export const STATE_LABELS: Record<TaskState, string> = { ready: 'ready', blocked: 'blocked by', in_progress: 'in progress', completed: 'done' };

/** Owners longer than this are cut: the title keeps the room. */
const OWNER_MAX = 10;
/** The title keeps at least this much room while other columns can give some up. */
const TITLE_MIN = 12;
/** The owner column's narrowest when room is short. */
const OWNER_MIN = 4;
/** The longest state word ("in progress", "blocked by"): the state column is never cut below it. */
const STATE_WORD_MAX = Math.max(...Object.values(STATE_LABELS).map((l) => l.length));
/** The state column's widest: a long list of blockers is cut, the title keeps the room. */
const STATE_MAX = 22;

/** The board drawn for `width` columns (a layout already made can be passed to redraw at another width). */
export function boardRows(board: Board, width: number, layout: GraphLayout = layoutGraph(board)): BoardRow[] {
  const index = indexTasks(board);
  const states = new Map(board.tasks.map((t) => [t.id, taskState(t, index)]));
  const gutterWidth = layout.lanes * 2 + 1;
  const idWidth = Math.max(0, ...layout.order.map((id) => taskLabel(id).length));
  let stateTexts = new Map(board.tasks.map((t) => [t.id, stateColumn(states.get(t.id)!, blockersOf(t, index), states)]));
  // As wide as any state a task may come to (the longest word, or blocked by all it depends on),
  // so the columns stay put while tasks move on.
  const widest = (t: Task) => widthOf(stateColumn('blocked', t.deps, states).map((r) => r.text).join(''));
  const natural = {
    owner: Math.min(OWNER_MAX, Math.max(0, ...board.tasks.map((t) => widthOf(t.owner ?? '')))),
    state: Math.min(STATE_MAX, Math.max(STATE_WORD_MAX, ...board.tasks.filter((t) => t.deps.length > 0).map(widest))),
  };
  const { title: titleWidth, owner: ownerWidth, state: stateWidth } = columnWidths(width - gutterWidth - 1 - idWidth - 1, natural);
  // Short of room the blockers matter more than the words: "after #2 #3".
  if (stateWidth < natural.state) stateTexts = new Map(board.tasks.map((t) => [t.id, stateColumn(states.get(t.id)!, blockersOf(t, index), states, true)]));
  return layout.order.map((id, row) => {
    const task = index.get(id)!;
    const state = states.get(id)!;
    const runs: BoardRun[] = [];
    runs.push(...gutterRuns(layout.gutters[row]!, states, width));
    push(runs, { text: ' ', kind: 'space' });
    push(runs, { text: taskLabel(id).padStart(idWidth), kind: 'id', task: id, state });
    push(runs, { text: ' ', kind: 'space' });
    push(runs, { text: fitTo(task.title, titleWidth), kind: 'title', task: id, state });
    if (ownerWidth > 0) push(runs, { text: ` ${fitTo(task.owner ?? '', ownerWidth)}`, kind: 'owner', task: id, state });
    push(runs, { text: ' ', kind: 'space' });
    for (const run of cutRuns(stateTexts.get(id)!, stateWidth)) push(runs, run);
    const clipped = cutRuns(runs, width);
    return { id, state, runs: clipped, text: clipped.map((r) => r.text).join('').trimEnd() };
  });
}

/**
 * How the room right of the id is shared: the title first down to TITLE_MIN, then the list of
 * blockers is cut (down to the longest state word), then the owner, then the title again.
 */
function columnWidths(room: number, natural: { owner: number; state: number }): { title: number; owner: number; state: number } {
  const titleOf = (owner: number, state: number) => room - (owner > 0 ? owner + 1 : 0) - 1 - state;
  let { owner, state } = natural;
  const short = (): number => TITLE_MIN - titleOf(owner, state);
  if (short() > 0) state = Math.max(Math.min(state, STATE_WORD_MAX), state - short());
  if (short() > 0 && owner > 0) owner = Math.max(Math.min(owner, OWNER_MIN), owner - short());
  return { title: Math.max(0, titleOf(owner, state)), owner, state };
}

/** The state column: a word, or for a blocked task `blocked by #2 #3` with each id in its own state. */
function stateColumn(state: TaskState, blockers: readonly number[], states: ReadonlyMap<number, TaskState>, compact = false): BoardRun[] {
  const label: BoardRun = { text: compact && state === 'blocked' ? 'after' : STATE_LABELS[state], kind: 'state', state };
  if (state !== 'blocked') return [label];
  return [label, ...blockers.flatMap((b): BoardRun[] => [{ text: ' ', kind: 'space' }, { text: taskLabel(b), kind: 'blocker', task: b, state: states.get(b) }])];
}

/** The gutter's first `width` characters grouped into runs of one task (the arrow head a run of its own). */
function gutterRuns(gutter: Gutter, states: ReadonlyMap<number, TaskState>, width: number): BoardRun[] {
  const runs: BoardRun[] = [];
  const end = Math.min(width, gutter.text.length);
  for (let from = 0; from < end; ) {
    const task = gutter.tasks[from]!;
    const arrow = gutter.text[from] === ARROW_HEAD;
    let to = from + 1;
    while (to < end && gutter.tasks[to] === task && !arrow && gutter.text[to] !== ARROW_HEAD) to++;
    runs.push({ text: gutter.text.slice(from, to), kind: arrow ? 'arrow' : 'graph', task, state: states.get(task) });
    from = to;
  }
  return runs;
}

/** Columns a run takes: the drawing and the ids are narrow characters, text is measured. */
function runWidth(run: BoardRun): number {
  return run.kind === 'title' || run.kind === 'owner' ? widthOf(run.text) : run.text.length;
}

function cutRun(run: BoardRun, room: number): string {
  if (run.kind === 'title' || run.kind === 'owner') return cutTo(run.text, room);
  // The drawing is cut clean (an ellipsis would read as part of it); narrow characters only.
  return run.kind === 'graph' || run.kind === 'arrow' ? run.text.slice(0, room) : run.text.slice(0, room - 1) + ELLIPSIS;
}

/** Runs cut to `width` columns; a cut list of blockers ends in an ellipsis. */
function cutRuns(runs: readonly BoardRun[], width: number): BoardRun[] {
  const out: BoardRun[] = [];
  let used = 0;
  for (const run of runs) {
    const w = runWidth(run);
    if (used + w <= width) {
      out.push(run);
      used += w;
      continue;
    }
    const room = width - used;
    if (room > 0) out.push({ ...run, text: cutRun(run, room) });
    break;
  }
  return out;
}

/** Appends a run, merged with the previous one when they show the same thing of the same task. */
function push(runs: BoardRun[], run: BoardRun): void {
  const last = runs[runs.length - 1];
  if (last && last.kind === run.kind && last.task === run.task && last.state === run.state) runs[runs.length - 1] = { ...last, text: last.text + run.text };
  else runs.push(run);
}
