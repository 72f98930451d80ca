// An agent's screen: one memoised <Text> per row, drawn from a plain snapshot.
import { Box, Text } from 'ink';
import React, { memo } from 'react';
import type { ScreenRow, ScreenSnapshot } from '../src/core/screen.js';

const Row = memo(function Row({ row }: { readonly row: ScreenRow }) {
  return <Text wrap="truncate-end">{row.ansi}</Text>;
});

export interface TerminalViewProps {
  readonly snapshot: ScreenSnapshot;
  readonly width: number;
  readonly height: number;
}

export function TerminalView({ snapshot, width, height }: TerminalViewProps) {
  const rows = snapshot.lines.slice(0, height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.map((row, i) => (
        <Row key={i} row={row} />
      ))}
    </Box>
  );
}
