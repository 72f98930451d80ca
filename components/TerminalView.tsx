// An agent's screen: one memoised row per line, drawn from a plain snapshot.
import { Box, Transform } from 'ink';
import React, { memo } from 'react';
import type { ScreenRow, ScreenSnapshot } from '../src/core/terminal/index.js';

/**
 * Marks a row as pre-rendered: its SGR text is final and exactly `width` columns wide (the screen
 * model guarantees both), so the renderer may place it whole without measuring it (see
 * patches/ink) instead of splitting it into styled characters every frame. Unpatched, it is the
 * identity.
 */
const prerendered = new Map<number, (line: string) => string>();
function prerenderedRow(width: number): (line: string) => string {
  let fn = prerendered.get(width);
  if (!fn) {
    fn = Object.assign((line: string) => line, { inkPrerendered: width });
    prerendered.set(width, fn);
  }
  return fn;
}

const Row = memo(function Row({ row, width }: { readonly row: ScreenRow; readonly width: number }) {
  return <Transform transform={prerenderedRow(width)}>{row.ansi}</Transform>;
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
        <Row key={i} row={row} width={snapshot.cols} />
      ))}
    </Box>
  );
}
