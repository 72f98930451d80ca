// Where an @xterm/headless terminal's cursor is, and whether it shows (xterm keeps that flag
// private: read here, in one place).
import type xtermHeadless from '@xterm/headless';

export function terminalCursor(term: InstanceType<typeof xtermHeadless.Terminal>): { x: number; y: number; shown: boolean } {
  const hidden = (term as unknown as { _core: { coreService: { isCursorHidden: boolean } } })._core.coreService.isCursorHidden;
  return { x: term.buffer.active.cursorX, y: term.buffer.active.cursorY, shown: !hidden };
}
