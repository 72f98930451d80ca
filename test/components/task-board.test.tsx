// The task board component: exact rows of a diamond at 80 columns, and a cursor that keeps the
// selected task on screen in a list longer than the panel.
import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { TaskBoard } from '../../components/TaskBoard.js';
import { type Board, type Task, boardRows } from '../../src/core/tasks/index.js';

const task = (id: number, title: string, patch: Partial<Task> = {}): Task => ({ id, title, description: '', status: 'pending', owner: null, deps: [], notes: [], ...patch });
const boardOf = (tasks: Task[]): Board => ({ version: 1, nextId: tasks.length + 1, tasks });

const diamond = boardOf([
  task(1, 'Design the schema', { status: 'completed', owner: 'ada' }),
  task(2, 'Backend', { deps: [1], status: 'in_progress', owner: 'bob' }),
  task(3, 'Frontend', { deps: [1] }),
  task(4, 'Release', { deps: [2, 3] }),
]);

function draw(board: Board, width: number, height: number, selectedId?: number, stalled: number[] = []): string[] {
  const rows = boardRows(board, width - 1);
  const { lastFrame } = render(<TaskBoard rows={rows} selectedId={selectedId} stalled={new Set(stalled)} title="Tasks" detail="detail" width={width} height={height} />);
  return plain(lastFrame() ?? '').split('\n').map((l) => l.trimEnd());
}

describe('TaskBoard', () => {
  it('draws a diamond at 80 columns: arrows, ids, titles, owners, states and what blocks', () => {
    expect(draw(diamond, 80, 7, 3)).toEqual([
      'Tasks',
      ' ┌────── #1 Design the schema                               ada done',
      ' ├─┬───▶ #2 Backend                                         bob in progress',
      '›└─│─┬─▶ #3 Frontend                                            ready',
      '   └─┴─▶ #4 Release                                             blocked by #2 #3',
      '',
      'detail',
    ]);
  });

  it("says 'turn ended' of an in-progress task whose agent stopped without completing it", () => {
    expect(draw(diamond, 80, 7, 1, [2])[2]).toBe(' ├─┬───▶ #2 Backend                                         bob turn ended');
  });

  it('scrolls to keep the selected task visible in a list longer than the panel', () => {
    const chain = boardOf(Array.from({ length: 40 }, (_, i) => task(i + 1, `Step ${i + 1}`, { deps: i > 0 ? [i] : [] })));
    const frame = draw(chain, 57, 10, 30);
    expect(frame).toHaveLength(10);
    expect(frame[0]).toBe('Tasks ↑ ↓');
    expect(frame.find((l) => l.startsWith('›'))).toMatch(/#30 Step 30/);
    expect(frame.join('\n')).not.toContain('#1 Step 1 ');
    const last = draw(chain, 57, 10, 40);
    expect(last[0]).toBe('Tasks ↑');
    expect(last[8]).toMatch(/^›.*#40 Step 40/);
  });
});
