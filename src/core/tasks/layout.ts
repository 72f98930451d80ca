// The arrows of the task graph, as `git log --graph` draws branches: one row per task in dependency
// order, and one vertical lane per task that others depend on, running from its row down to the
// last task it unblocks. On a task's row every lane that touches it joins one horizontal line to
// the task: lanes arriving from above end in the arrow head, a lane leaving for the tasks below
// starts with a corner. A lane that merely passes a row crosses its line as a plain `│`.
import { dependencyOrder } from './graph.js';
import type { Board } from './model.js';

/** A row's gutter: its characters (all one column wide), and per character the task it belongs to (a lane's source, or the row's task). */
export interface Gutter {
  readonly text: string;
  readonly tasks: readonly number[];
}

export interface GraphLayout {
  /** Task ids top to bottom. */
  readonly order: readonly number[];
  readonly lanes: number;
  /** Per row, the gutter left of the task: 2 characters per lane, then the arrow head. */
  readonly gutters: readonly Gutter[];
}

interface Lane {
  readonly source: number;
  readonly start: number;
  readonly end: number;
  /** Rows of the tasks it unblocks. */
  readonly targets: ReadonlySet<number>;
}

type Touch = 'start' | 'tee' | 'end' | 'pass' | 'none';

/** Lane characters by how the lane meets the row, without and with the row's line passing through. */
const GLYPHS: Record<Touch, readonly [string, string]> = {
  start: ['┌', '┬'],
  tee: ['├', '┼'],
  end: ['└', '┴'],
  pass: ['│', '│'],
  none: [' ', '─'],
};

export const ARROW_HEAD = '▶';

export function layoutGraph(board: Board): GraphLayout {
  const order = dependencyOrder(board);
  const rowOf = new Map(order.map((id, row) => [id, row]));
  const lanesBySlot = assignSlots(lanesOf(board, rowOf));
  const slots = lanesBySlot.length;
  const active: (Lane | undefined)[] = new Array<Lane | undefined>(slots).fill(undefined);
  const starting = new Map<number, [number, Lane]>();
  lanesBySlot.forEach((lanes, slot) => lanes.forEach((lane) => starting.set(lane.start, [slot, lane])));
  const gutters = order.map((id, row) => {
    const begins = starting.get(row);
    if (begins) active[begins[0]] = begins[1];
    const cells = rowGutter(id, row, active);
    active.forEach((lane, slot) => {
      if (lane && lane.end === row) active[slot] = undefined;
    });
    return cells;
  });
  return { order, lanes: slots, gutters };
}

/** One lane per task that others depend on (ignoring edges a hand-edited file may have pointing upwards). */
function lanesOf(board: Board, rowOf: ReadonlyMap<number, number>): Lane[] {
  const targets = new Map<number, Set<number>>();
  for (const task of board.tasks) {
    const to = rowOf.get(task.id)!;
    for (const dep of task.deps) {
      const from = rowOf.get(dep);
      if (from === undefined || from >= to) continue;
      let rows = targets.get(dep);
      if (!rows) targets.set(dep, (rows = new Set()));
      rows.add(to);
    }
  }
  const lanes = [...targets].map(([source, rows]) => ({ source, start: rowOf.get(source)!, end: Math.max(...rows), targets: rows }));
  return lanes.sort((a, b) => a.start - b.start);
}

/**
 * Places the lanes side by side (slot 0 next to the tasks). A row's line crosses every lane that
 * passes between its lanes and the task, so long lanes go far left and short ones near the tasks:
 * longest first, each lane takes the leftmost column free over its rows. A lane that ends on a row
 * and one that starts there never share a column, or the drawing would join them.
 */
function assignSlots(lanes: readonly Lane[]): Lane[][] {
  const columns: Lane[][] = [];
  const byLength = [...lanes].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const lane of byLength) {
    let column = columns.findIndex((taken) => taken.every((other) => other.end < lane.start || other.start > lane.end));
    if (column < 0) column = columns.push([]) - 1;
    columns[column]!.push(lane);
  }
  // Columns count from the left; slots from the tasks.
  return columns.reverse();
}

function touchOf(lane: Lane | undefined, row: number): Touch {
  if (!lane) return 'none';
  if (lane.start === row) return 'start';
  if (!lane.targets.has(row)) return 'pass';
  return lane.end === row ? 'end' : 'tee';
}

/** The gutter of one row: slots from the farthest (left) to the nearest, then the arrow head. */
function rowGutter(id: number, row: number, active: readonly (Lane | undefined)[]): Gutter {
  const touches = active.map((lane) => touchOf(lane, row));
  let farthest = -1;
  touches.forEach((touch, slot) => {
    if (touch !== 'none' && touch !== 'pass') farthest = slot;
  });
  // Built as arrays and joined once: a string grown a character at a time is slow to index later.
  const chars: string[] = [];
  const tasks: number[] = [];
  for (let slot = active.length - 1; slot >= 0; slot--) {
    const lane = active[slot];
    const touch = touches[slot]!;
    chars.push(GLYPHS[touch][slot < farthest ? 1 : 0], slot <= farthest ? '─' : ' ');
    tasks.push(lane && touch !== 'none' ? lane.source : id, id);
  }
  const incoming = touches.some((t) => t === 'tee' || t === 'end');
  chars.push(incoming ? ARROW_HEAD : farthest >= 0 ? '─' : ' ');
  tasks.push(id);
  return { text: chars.join(''), tasks };
}
