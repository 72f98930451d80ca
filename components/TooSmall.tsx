// Shown instead of a broken frame when the terminal is below the minimum size.
import { Box, Text } from 'ink';
import React from 'react';
import { theme } from './theme.js';

export interface TooSmallProps {
  readonly cols: number;
  readonly rows: number;
  readonly minCols: number;
  readonly minRows: number;
  /** What is open and takes the keys though it can't be shown (a question, a dialog), if anything. */
  readonly open?: string;
}

export function TooSmall({ cols, rows, minCols, minRows, open }: TooSmallProps) {
  return (
    <Box flexDirection="column" width={cols}>
      <Text color={theme.warn} bold wrap="truncate-end">Terminal too small</Text>
      <Text wrap="truncate-end">{`${cols}x${rows}, need ${minCols}x${minRows}.`}</Text>
      {open ? <Text color={theme.warn} wrap="wrap">{`Open, and taking keys: ${open}.`}</Text> : null}
      <Text wrap="truncate-end" color={theme.muted}>Agents keep running.</Text>
    </Box>
  );
}
