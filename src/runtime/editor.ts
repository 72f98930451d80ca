// $EDITOR hand-off: the frame comes down, the editor gets the terminal, and on its exit the frame
// is drawn again on a clean screen. Agents, hooks and prompts go on meanwhile.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { EditorPort, EditorReturn } from '../compose.js';
import { parseCommandLine } from '../core/util/index.js';
import { Emitter } from '../core/util/index.js';
import type { TerminalControl } from './terminal.js';
import type { Ui } from './ui.js';

export interface Editor extends EditorPort {
  /** Whether an editor has the terminal (squadtui writes nothing to it then). */
  readonly busy: boolean;
  /** Ends the editor (exit paths). */
  kill(): void;
}

export function createEditor(env: Readonly<Record<string, string | undefined>>, terminal: TerminalControl, ui: Ui): Editor {
  const returns = new Emitter<EditorReturn>();
  let current: ChildProcess | undefined;
  return {
    get busy() {
      return current !== undefined;
    },
    kill: () => current?.kill('SIGTERM'),
    onReturn: (listener) => returns.on(listener),
    open(target) {
      const { command, parsed } = editorCommand(env);
      if (current) return;
      ui.unmount();
      terminal.suspend();
      // Not spawnSync: agents, hooks and prompts go on while the editor is open.
      const child = spawn(parsed.command, [...parsed.args, target], { stdio: 'inherit', env });
      current = child;
      const program = path.basename(parsed.command);
      const back = (error?: Error) => {
        if (current !== child) return;
        current = undefined;
        terminal.resume();
        ui.remount();
        returns.emit({ command, program, error });
      };
      child.on('error', back);
      child.on('exit', () => back());
    },
  };
}

/** The editor as configured ($VISUAL, $EDITOR or vi), and its program and arguments. */
export function editorCommand(env: Readonly<Record<string, string | undefined>>): { command: string; parsed: { command: string; args: readonly string[] } } {
  const command = env.VISUAL || env.EDITOR || 'vi';
  try {
    return { command, parsed: parseCommandLine(command) };
  } catch {
    return { command, parsed: { command, args: [] } };
  }
}
