// An agent's screen: one memoised row per line, drawn from a plain snapshot.
import { Box, Transform } from 'ink';
import React, { memo } from 'react';
import type { ScreenRow, ScreenSnapshot } from '../src/core/screen.js';

/**
 * Marks a row as pre-rendered: its SGR text is final and exactly as wide as the panel (the
 * screen model guarantees both), so the renderer may place it whole (see patches/ink) instead of
 * splitting it into styled characters every frame. Unpatched, it is the identity.
 */
const prerendered = Object.assign((line: string) => line, { inkPrerendered: true });

const Row = memo(function Row({ row }: { readonly row: ScreenRow }) {
  return <Transform transform={prerendered}>{row.ansi}</Transform>;
});

export interface TerminalViewProps {
  readonly snapshot: ScreenSnapshot;
  readonly width: number;
  readonly height: number;
}

export function TerminalView({ snapshot, width, height }: TerminalViewProps) {
  const rows = snapshot.lines.slice(0, height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.map((row, i) => (
        <Row key={i} row={row} />
      ))}
    </Box>
  );
}
