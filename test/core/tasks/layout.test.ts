// The board's drawing: exact rows for the shapes a squad plans, and properties over random graphs.
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../../src/core/tasks/layout.js';
import type { Board } from '../../../src/core/tasks/model.js';
import { boardRows } from '../../../src/core/tasks/rows.js';
import { widthOf } from '../../../src/core/tasks/text.js';
import { boardOf, edgesOf } from './boards.js';
import { checkDrawing } from './drawing-check.js';
import { prng } from '../../helpers/random.js';

const draw = (width: number, ...lines: string[]) => boardRows(boardOf(...lines), width).map((r) => r.text);

describe('the board drawn at 50 columns', () => {
  it('a chain', () => {
    expect(draw(50, '1: completed by ada, title Schema', '2: after 1, in_progress by ada, title API', '3: after 2, title Client')).toEqual([
      '┌──── #1 Schema                  ada done',
      '└─┬─▶ #2 API                     ada in progress',
      '  └─▶ #3 Client                      blocked by #2',
    ]);
  });

  it('a fan-out', () => {
    expect(draw(50, '1: completed, title Plan', '2: after 1, title Part A', '3: after 1, title Part B', '4: after 1, title Part C')).toEqual([
      '┌── #1 Plan                          done',
      '├─▶ #2 Part A                        ready',
      '├─▶ #3 Part B                        ready',
      '└─▶ #4 Part C                        ready',
    ]);
  });

  it('a fan-in: long lanes on the left, so no line crosses them', () => {
    expect(draw(50, '1: title Part A', '2: completed, title Part B', '3: title Part C', '4: after 1 2 3, title Merge them')).toEqual([
      '┌────── #1 Part A              ready',
      '│ ┌──── #2 Part B              done',
      '│ │ ┌── #3 Part C              ready',
      '└─┴─┴─▶ #4 Merge them          blocked by #1 #3',
    ]);
  });

  it('a diamond: the lane that must cross a line does so as a plain │', () => {
    expect(draw(50, '1: title Design', '2: after 1, title Backend', '3: after 1, title Frontend', '4: after 2 3, title Release')).toEqual([
      '┌────── #1 Design                 ready',
      '├─┬───▶ #2 Backend                blocked by #1',
      '└─│─┬─▶ #3 Frontend               blocked by #1',
      '  └─┴─▶ #4 Release                blocked by #2 #3',
    ]);
  });

  it('independent groups, and a task on its own', () => {
    expect(draw(50, '1: title Docs', '2: title Lint', '3: after 2, title Fix lint', '4: after 1, title Publish docs', '5: title Alone')).toEqual([
      '┌──── #1 Docs                        ready',
      '│ ┌── #2 Lint                        ready',
      '│ └─▶ #3 Fix lint                    blocked by #2',
      '└───▶ #4 Publish docs                blocked by #1',
      '      #5 Alone                       ready',
    ]);
  });

  it('long titles and owners are cut, wide characters counted twice', () => {
    const rows = draw(50, '1: in_progress by a-very-long-agent-name, title Rewrite the whole persistence layer so that it survives crashes', '2: after 1, title 日本語のタイトルはとても長いのでここで切られます');
    expect(rows).toEqual([
      '┌── #1 Rewrite the whole… a-very-lo… in progress',
      '└─▶ #2 日本語のタイトル…             blocked by #1',
    ]);
    for (const row of rows) expect(widthOf(row)).toBeLessThanOrEqual(50);
  });
});

describe('the board as tasks move on', () => {
  it('keeps its columns where they are while the states change', () => {
    const shapes = [
      ['1: title Design', '2: after 1, title Backend', '3: after 1 2, title Release'],
      ['1: in_progress by ada, title Design', '2: after 1, title Backend', '3: after 1 2, title Release'],
      ['1: completed by ada, title Design', '2: after 1, in_progress by ada, title Backend', '3: after 1 2, title Release'],
      ['1: completed by ada, title Design', '2: after 1, completed by ada, title Backend', '3: after 1 2, completed by ada, title Release'],
    ];
    const stateAt = shapes.map((lines) => draw(60, ...lines).map((row) => row.search(/ (ready|blocked by|in progress|done)/)));
    expect(new Set(stateAt.flat()).size).toBe(1);
  });
});

describe('the board drawn narrow', () => {
  it('at 30 columns the blockers stay, the words go', () => {
    expect(draw(30, '1: title Design', '2: after 1, title Backend', '3: after 1, title Frontend', '4: after 2 3, title Release')).toEqual([
      '┌────── #1 Design  ready',
      '├─┬───▶ #2 Backend after #1',
      '└─│─┬─▶ #3 Fronte… after #1',
      '  └─┴─▶ #4 Release after #2 #3',
    ]);
  });
});

describe('runs for the UI', () => {
  it('tags the lanes with the task they leave from and the blockers with their own state', () => {
    const [, , row3] = boardRows(boardOf('1: completed', '2: after 1', '3: after 1 2'), 50);
    expect(row3!.runs.filter((r) => r.kind === 'graph').map((r) => [r.text, r.task, r.state])).toEqual([
      ['└', 1, 'completed'],
      ['─', 3, 'blocked'],
      ['┴', 2, 'ready'],
      ['─', 3, 'blocked'],
    ]);
    expect(row3!.runs.find((r) => r.kind === 'arrow')).toMatchObject({ text: '▶', task: 3 });
    expect(row3!.runs.filter((r) => r.kind === 'blocker').map((r) => [r.text, r.state])).toEqual([['#2', 'ready']]);
    expect(row3!.runs.map((r) => r.text).join('').trimEnd()).toBe(row3!.text);
  });
});


/** A random DAG: edges only from a lower to a higher position of a shuffled id list, so no cycle. */
function randomBoard(random: () => number): Board {
  const n = 1 + Math.floor(random() * 24);
  const ids = Array.from({ length: n }, (_, i) => i + 1).sort(() => random() - 0.5);
  const density = random() * 0.4;
  const tasks = ids.map((id, at) => ({
    id,
    title: `Task ${id}`,
    description: '',
    status: 'pending' as const,
    owner: null,
    deps: ids.slice(0, at).filter(() => random() < density),
    notes: [],
  }));
  return { version: 1, nextId: n + 1, tasks: tasks.sort((a, b) => a.id - b.id) };
}

describe('random graphs', () => {
  it('the drawing check catches a broken lane, a lane that joins nothing and a missing arrow head', () => {
    const board = boardOf('1', '2: after 1', '3: after 1', '4: after 2 3');
    const { order, lanes } = layoutGraph(board);
    const rows = boardRows(board, 50).map((r) => r.text);
    expect(checkDrawing(rows, order, lanes).sort()).toEqual(edgesOf(board));
    const broken = (row: number, x: number, c: string) => rows.map((r, i) => (i === row ? [...r].map((ch, j) => (j === x ? c : ch)).join('') : r));
    expect(() => checkDrawing(broken(2, 2, ' '), order, lanes)).toThrow(/breaks/);
    expect(() => checkDrawing(broken(0, 4, '├'), order, lanes)).toThrow(/breaks/);
    expect(() => checkDrawing(broken(1, 6, '─'), order, lanes)).toThrow(/arrow head/);
  });

  it('200 DAGs: every edge drawn exactly once, order respects every edge, no lane strays from its rows', () => {
    const random = prng(10);
    let edges = 0;
    for (let i = 0; i < 200; i++) {
      const board = randomBoard(random);
      const layout = layoutGraph(board);
      const rowOf = new Map(layout.order.map((id, row) => [id, row]));
      for (const task of board.tasks) for (const dep of task.deps) expect(rowOf.get(dep)!).toBeLessThan(rowOf.get(task.id)!);
      const rows = boardRows(board, 200, layout);
      const drawn = checkDrawing(rows.map((r) => r.text), layout.order, layout.lanes);
      expect(drawn.sort(), `graph ${i}:\n${rows.map((r) => r.text).join('\n')}`).toEqual(edgesOf(board));
      edges += drawn.length;
    }
    expect(edges).toBeGreaterThan(1000);
  });
});
