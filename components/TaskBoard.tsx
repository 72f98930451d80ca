// The task board: the rows of the task graph (arrows, id, title, owner, state) coloured by each
// task's state, a cursor that scrolls with the selection, and the selected task's description.
import { Box, Text } from 'ink';
import React from 'react';
import type { BoardRow, BoardRun } from '../src/core/tasks/index.js';
import { theme, taskColors } from './theme.js';

export interface TaskBoardProps {
  readonly rows: readonly BoardRow[];
  readonly selectedId: number | undefined;
  /** In-progress tasks whose agent ended its turn without completing them. */
  readonly stalled: ReadonlySet<number>;
  readonly title: string;
  /** Under the list: the selected task's description, or how to begin. */
  readonly detail: string;
  readonly width: number;
  readonly height: number;
}

/** Rows of the panel that are not tasks: the title and the detail line. */
export const BOARD_CHROME_ROWS = 2;

/** The first row to draw so that the selected one stays visible (kept near the middle). */
export function firstRow(count: number, selected: number, capacity: number): number {
  if (count <= capacity || selected < 0) return 0;
  return Math.min(Math.max(0, selected - Math.floor(capacity / 2)), count - capacity);
}

/** What the state column says of a task whose agent ended its turn: as wide as "in progress". */
export const STALLED_LABEL = 'turn ended';

function Run({ run, stalled }: { readonly run: BoardRun; readonly stalled: boolean }) {
  const color = run.state ? taskColors[run.state] : undefined;
  switch (run.kind) {
    case 'graph':
    case 'arrow':
    case 'blocker':
      return <Text color={color}>{run.text}</Text>;
    case 'state':
      return stalled && run.state === 'in_progress' ? <Text color={theme.warn} bold>{STALLED_LABEL.padEnd(run.text.length)}</Text> : <Text color={color}>{run.text}</Text>;
    case 'id':
      return <Text bold color={color}>{run.text}</Text>;
    case 'title':
      return <Text color={run.state === 'completed' ? theme.muted : undefined}>{run.text}</Text>;
    case 'owner':
      return <Text color={theme.accent}>{run.text}</Text>;
    case 'space':
      return <Text>{run.text}</Text>;
  }
}

export function TaskBoard({ rows, selectedId, stalled, title, detail, width, height }: TaskBoardProps) {
  const capacity = Math.max(1, height - BOARD_CHROME_ROWS);
  const selected = rows.findIndex((r) => r.id === selectedId);
  const start = firstRow(rows.length, selected, capacity);
  const shown = rows.slice(start, start + capacity);
  const more = `${start > 0 ? ' ↑' : ''}${start + capacity < rows.length ? ' ↓' : ''}`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">{`${title}${more}`}</Text>
      <Box flexDirection="column" height={capacity} overflow="hidden">
        {shown.map((row) => {
          const isSelected = row.id === selectedId;
          return (
            <Text key={row.id} wrap="truncate-end" inverse={isSelected}>
              <Text color={theme.accent}>{isSelected ? '›' : ' '}</Text>
              {row.runs.map((run, i) => (
                <Run key={i} run={run} stalled={stalled.has(row.id)} />
              ))}
            </Text>
          );
        })}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">{detail}</Text>
    </Box>
  );
}
