// Mounting the UI: Ink renders <App/> with the composed services, and starts over on a clean screen
// when the screen was wiped (an editor ran, the terminal was resized).
import { type Instance, render } from 'ink';
import React from 'react';
import { App } from '../app.js';
import { ServicesContext, type Services } from '../hooks/services.js';
import { trace, tracing } from './trace.js';

export interface Ui {
  /** Draws the app for the first time. */
  mount(services: Services): void;
  /** Ink only ever draws what changed since its last frame: after a wipe it must start over. */
  remount(): void;
  unmount(): void;
}

export function createUi(stdout: NodeJS.WriteStream, inkInput: NodeJS.ReadStream): Ui {
  let services: Services | undefined;
  let ink: Instance | undefined;
  const draw = (s: Services) =>
    render(
      <ServicesContext.Provider value={s}>
        <App />
      </ServicesContext.Provider>,
      {
        stdin: inkInput,
        stdout,
        exitOnCtrlC: false,
        patchConsole: false,
        incrementalRendering: true,
        // Frames are paced by the session host; Ink should draw each one as it comes.
        maxFps: 1000,
        onRender: tracing ? ({ renderTime }) => trace(`frame(${renderTime.toFixed(1)})`) : undefined,
      },
    );
  return {
    mount(s) {
      services = s;
      ink = draw(s);
    },
    remount() {
      ink?.unmount();
      stdout.write('\x1b[H\x1b[2J');
      if (services) ink = draw(services);
    },
    unmount() {
      const current = ink;
      ink = undefined;
      current?.unmount();
    },
  };
}
