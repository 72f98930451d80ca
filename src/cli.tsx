// Entry of the app: `squadtui --no-host` runs the squad in this window (arguments → settings →
// compose() → the runtime → start); `squadtui __host` is the background host the windows attach to.
import { createEditor } from './runtime/editor.js';
import { createLifecycle } from './runtime/lifecycle.js';
import { followResizes, terminalSize } from './runtime/resize.js';
import { readOptions } from './runtime/args.js';
import { bundleDir, createSquad } from './runtime/squad.js';
import { connectStdin, createAppRouter, createInkInput } from './runtime/stdin.js';
import { createTerminalControl } from './runtime/terminal.js';
import { trace, traced, tracing } from './runtime/trace.js';
import { createUi } from './runtime/ui.js';

declare const SQUADTUI_VERSION: string;
const version = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';

export { hostMain } from './host/host-main.js';

export async function main(argv: readonly string[]): Promise<void> {
  const options = readOptions(argv, version);
  trace('args');
  const { stdin, stdout } = process;
  const terminal = createTerminalControl(stdin, stdout);
  const inkInput = createInkInput();
  const ui = createUi(stdout, inkInput);
  const squad = createSquad(options, bundleDir(import.meta.url), (setup) => ({
    size: terminalSize(stdout),
    editor: createEditor(setup.env, terminal, ui),
    write: (data: string) => stdout.write(data),
  }));
  const { app, log, setup } = squad;
  const { editor } = squad.terminal;
  createLifecycle({ app, log, terminal, ui, editor, cleanup: () => setup.demoRepo?.remove() }).install();
  trace('handlers');
  terminal.enter();
  ui.mount(app.services);
  trace('render');
  connectStdin(stdin, createAppRouter(app, (data) => inkInput.write(data)));
  followResizes(stdout, app, ui, editor);
  trace('wired');
  await squad.start();
  trace('spawned');
  if (tracing) setTimeout(() => log.info(`startup: ${traced()}`), 1000);
}
