// Task board benchmark: laying out and drawing a 500-task graph (target ≤ 30 ms). Part of
// `npm run bench` (run.ts, `--only=tasks`); on its own:
//   npx esbuild bench/tasks.ts --bundle --platform=node --format=esm --outfile=.bench/tasks.mjs && node .bench/tasks.mjs
import { layoutGraph } from '../src/core/tasks/layout.js';
import type { Board, Task } from '../src/core/tasks/model.js';
import { boardRows } from '../src/core/tasks/rows.js';
import { prng } from '../test/helpers/random.js';

export const TASK_LAYOUT_TARGET_MS = 30;


/**
 * `n` tasks, each after up to three earlier ones; `reach` is how far back a dependency may be
 * (a plan's tasks mostly depend on recent ones; `n` makes every edge a possible long lane).
 */
export function benchBoard(n: number, reach: number, seed = 500): Board {
  const random = prng(seed);
  const tasks: Task[] = [];
  for (let id = 1; id <= n; id++) {
    const deps = new Set<number>();
    const count = id === 1 ? 0 : Math.floor(random() * 4);
    for (let i = 0; i < count; i++) deps.add(Math.max(1, id - 1 - Math.floor(random() * Math.min(reach, id - 1))));
    const status = random() < 0.3 ? 'completed' : random() < 0.2 ? 'in_progress' : 'pending';
    tasks.push({ id, title: `Task number ${id} with a title of some length`, description: '', status, owner: status === 'pending' ? null : `agent-${id % 5}`, deps: [...deps], notes: [] });
  }
  return { version: 1, nextId: n + 1, tasks };
}

/** Median milliseconds to lay out and draw `board` at `width` columns. */
export function measureLayout(board: Board, width: number, rounds = 30): { medianMs: number; lanes: number } {
  let lanes = 0;
  for (let i = 0; i < 5; i++) boardRows(board, width);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const layout = layoutGraph(board);
    boardRows(board, width, layout);
    times.push(performance.now() - start);
    lanes = layout.lanes;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, lanes };
}

const isMain = process.argv[1]?.endsWith('tasks.mjs') ?? false;
if (isMain) {
  for (const [name, reach] of [
    ['500 tasks, dependencies on recent tasks', 20],
    ['500 tasks, dependencies anywhere before', 500],
  ] as const) {
    const { medianMs, lanes } = measureLayout(benchBoard(500, reach), 50);
    const ok = medianMs <= TASK_LAYOUT_TARGET_MS;
    console.log(`${name}: ${medianMs.toFixed(2)} ms median (${lanes} lanes, 50 columns), target ≤ ${TASK_LAYOUT_TARGET_MS} ms ${ok ? 'ok' : 'MISSED'}`);
  }
}
