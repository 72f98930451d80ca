// An agent's screen: one memoised row per line, drawn from a plain snapshot, or asked for row by
// row as Ink writes the frame (LiveTerminalView).
import { Box, Transform } from 'ink';
import React, { memo, useMemo } from 'react';
import type { ScreenRow, ScreenSnapshot } from '../src/core/terminal/index.js';

type RowTransform = ((line: string) => string) & { readonly inkPrerendered: number };

/**
 * Marks a row as pre-rendered: its SGR text is final and exactly `width` columns wide (the screen
 * model guarantees both), so the renderer may place it whole without measuring it (see
 * patches/ink) instead of splitting it into styled characters every frame. Unpatched, it is the
 * identity.
 */
const prerendered = new Map<number, RowTransform>();
function prerenderedRow(width: number): RowTransform {
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

export interface LiveTerminalViewProps {
  /** Row `i` as SGR text exactly `width` columns wide, asked for each time Ink writes the frame. */
  readonly rowAt: (i: number) => string;
  readonly width: number;
  readonly height: number;
}

/**
 * The screen whose rows are read as Ink writes each frame, not as React renders: it renders once
 * per size, and whatever frame Ink writes has the rows as they are then.
 */
export function LiveTerminalView({ rowAt, width, height }: LiveTerminalViewProps) {
  const rows = useMemo(
    () => Array.from({ length: height }, (_, i): RowTransform => Object.assign(() => rowAt(i), { inkPrerendered: width })),
    [rowAt, width, height],
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.map((transform, i) => (
        <Transform key={i} transform={transform}>
          {' '}
        </Transform>
      ))}
    </Box>
  );
}
