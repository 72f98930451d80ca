// Containers that follow the selected agent's frames. In a terminal the painter draws each frame's
// rows as it comes (runtime/painter.ts) and React renders the screen once per size; without one
// (component tests) each frame re-renders the terminal, never the sidebar or the footer. Either way
// they draw the frames the host sent (services.frames), never asking the host while rendering.
import { useCursor } from 'ink';
import React, { useCallback, useInsertionEffect, useSyncExternalStore } from 'react';
import { ScrollNote } from '../components/AgentPanel.js';
import { LiveTerminalView, TerminalView } from '../components/TerminalView.js';
import type { ScreenPainter } from './runtime/painter.js';
import { usePainter } from './hooks/painter.js';
import { useScreen } from './hooks/use-screen.js';
import { useServices } from './hooks/services.js';

export interface LiveScreenProps {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Where the terminal's top-left cell is in the frame, for the cursor. */
  readonly origin: { readonly x: number; readonly y: number };
  /** Show the agent's cursor (while the user types into a running agent). */
  readonly showCursor: boolean;
}

export function LiveScreen(props: LiveScreenProps) {
  const painter = usePainter();
  return painter ? <PaintedScreen painter={painter} {...props} /> : <RenderedScreen {...props} />;
}

function PaintedScreen({ painter, id, width, height, origin, showCursor }: LiveScreenProps & { readonly painter: ScreenPainter }) {
  const { x, y } = origin;
  // Insertion effects run before Ink draws the commit: the region is known when its rows are asked for.
  useInsertionEffect(() => painter.show({ id, x, y, width, height }), [painter, id, x, y, width, height]);
  useInsertionEffect(() => painter.showCursor(showCursor), [painter, showCursor]);
  const rowAt = useCallback((i: number) => painter.rowAt(id, width, i), [painter, id, width]);
  return <LiveTerminalView rowAt={rowAt} width={width} height={height} />;
}

function RenderedScreen({ id, width, height, origin, showCursor }: LiveScreenProps) {
  const { frames } = useServices();
  const snapshot = useScreen(frames, id);
  const { setCursorPosition } = useCursor();
  // The agent's own cursor, where its terminal would show it.
  const cursor = snapshot?.cursor;
  setCursorPosition(
    showCursor && cursor?.visible && snapshot?.scrollOffset === 0 ? { x: origin.x + cursor.x, y: origin.y + cursor.y } : undefined,
  );
  return snapshot ? <TerminalView snapshot={snapshot} width={width} height={height} /> : null;
}

/** The header's note while the view is scrolled back: re-renders when the offset changes, not per frame. */
export function LiveScrollNote({ id }: { readonly id: string }) {
  const { frames } = useServices();
  const subscribe = useCallback((notify: () => void) => frames.onFrame((frameId) => frameId === id && notify()), [frames, id]);
  const offset = useCallback(() => frames.get(id)?.scrollOffset ?? 0, [frames, id]);
  return <ScrollNote offset={useSyncExternalStore(subscribe, offset, offset)} />;
}
