// Picking on the task board: the task the selected one depends on (or no longer), or the agent
// it goes to. A list with a cursor, scrolled to keep it visible.
import { Box, Text } from 'ink';
import React from 'react';
import { firstRow } from './TaskBoard.js';
import { theme } from './theme.js';

export interface TaskPickerProps {
  readonly question: string;
  readonly choices: readonly string[];
  readonly cursor: number;
  readonly hint: string;
  readonly width: number;
  readonly height: number;
}

export function TaskPicker({ question, choices, cursor, hint, width, height }: TaskPickerProps) {
  const capacity = Math.max(1, height - 3);
  const start = firstRow(choices.length, cursor, capacity);
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">{question}</Text>
      <Box flexDirection="column" height={capacity} marginTop={1} overflow="hidden">
        {choices.slice(start, start + capacity).map((choice, i) => {
          const isCursor = start + i === cursor;
          return (
            <Text key={start + i} wrap="truncate-end" inverse={isCursor}>
              {`${isCursor ? '›' : ' '} ${choice}`}
            </Text>
          );
        })}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">{hint}</Text>
    </Box>
  );
}
