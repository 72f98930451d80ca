// Mounting the UI: Ink renders <App/> with the composed services, and starts over on a clean screen
// when the screen was wiped (an editor ran, the terminal was resized). The painter draws the
// selected agent's rows between Ink's frames (painter.ts).
import { type Instance, render } from 'ink';
import React from 'react';
import { App } from '../app.js';
import { PainterContext } from '../hooks/painter.js';
import { ServicesContext, type Services } from '../hooks/services.js';
import { type InkCursorControl, ScreenPainter } from './painter.js';
import { trace, tracing } from './trace.js';

export interface Ui {
  /** Draws the app for the first time. */
  mount(services: Services): void;
  /** Ink only ever draws what changed since its last frame: after a wipe it must start over. */
  remount(): void;
  unmount(): void;
}

/** The Ink instance, with the calls the Ink patch adds where it is applied (see painter.ts). */
type PatchedInstance = Instance & Partial<InkCursorControl>;

const cursorControl = (ink: PatchedInstance | undefined): InkCursorControl | undefined =>
  ink?.pinCursor && ink.forgetLines ? (ink as InkCursorControl) : undefined;

/** `root` is what is drawn: the app (tests draw less). */
export function createUi(stdout: NodeJS.WriteStream, inkInput: NodeJS.ReadStream, root: React.ReactElement = <App />): Ui {
  let services: Services | undefined;
  let ink: PatchedInstance | undefined;
  let painter: ScreenPainter | undefined;
  const tree = (s: Services, p: ScreenPainter | undefined) => (
    <ServicesContext.Provider value={s}>
      <PainterContext.Provider value={p}>{root}</PainterContext.Provider>
    </ServicesContext.Provider>
  );
  const draw = (s: Services) => {
    // A painter for each time the UI is drawn after it was taken down (the editor does that).
    painter ??= new ScreenPainter(s.frames, stdout, () => cursorControl(ink));
    const instance: PatchedInstance = render(tree(s, painter), {
      stdin: inkInput,
      stdout,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: true,
      // Frames are paced by the session host; Ink should draw each one as it comes.
      maxFps: 1000,
      onRender: tracing ? ({ renderTime }) => trace(`frame(${renderTime.toFixed(1)})`) : undefined,
    });
    // An Ink without the patch cannot be drawn around: each frame is then rendered.
    if (!cursorControl(instance)) instance.rerender(tree(s, undefined));
    return instance;
  };
  const stopPainting = () => {
    painter?.dispose();
    painter = undefined;
  };
  return {
    mount(s) {
      services = s;
      stopPainting();
      ink = draw(s);
      // Its first frame was drawn before the painter could reach it: the cursor goes on now.
      painter?.paint();
    },
    remount() {
      ink?.unmount();
      stdout.write('\x1b[H\x1b[2J');
      if (services) ink = draw(services);
      painter?.paint();
    },
    unmount() {
      const current = ink;
      ink = undefined;
      current?.unmount();
      stopPainting();
    },
  };
}
