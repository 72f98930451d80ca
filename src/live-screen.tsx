// Containers that follow the selected agent's frames, so a frame re-renders only the terminal (and
// the header's scroll note), never the sidebar or the footer. They draw the frames the host sent
// (services.frames), never asking the host while rendering.
import { useCursor } from 'ink';
import React from 'react';
import { ScrollNote } from '../components/AgentPanel.js';
import { TerminalView } from '../components/TerminalView.js';
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

export function LiveScreen({ id, width, height, origin, showCursor }: LiveScreenProps) {
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

export function LiveScrollNote({ id }: { readonly id: string }) {
  const { frames } = useServices();
  const snapshot = useScreen(frames, id);
  return <ScrollNote offset={snapshot?.scrollOffset ?? 0} />;
}
