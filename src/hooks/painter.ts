// The painter that draws the selected agent's rows between Ink's frames (runtime/painter.ts), where
// the app runs in a terminal. Component tests render without one, and the screen re-renders per frame.
import { createContext, useContext } from 'react';
import type { ScreenPainter } from '../runtime/painter.js';

export const PainterContext = createContext<ScreenPainter | undefined>(undefined);

export function usePainter(): ScreenPainter | undefined {
  return useContext(PainterContext);
}
