// $EDITOR for a hosted squad: the host has no terminal, so the attached window runs the editor on
// its own and says when it is done; the frame comes down meanwhile and is drawn again after.
import path from 'node:path';
import type { EditorReturn } from '../compose.js';
import { Emitter } from '../core/util/index.js';
import { type Editor, editorCommand } from '../runtime/editor.js';
import type { HostMessage } from './protocol.js';

export interface RemoteEditor extends Editor {
  /** The window reported the editor's end (`error`: it could not start). */
  returned(error?: string): void;
  /** The window went while its editor ran. */
  windowGone(): void;
}

export function createRemoteEditor(env: Readonly<Record<string, string | undefined>>, send: (message: HostMessage) => boolean, ui: { unmount(): void; remount(): void }): RemoteEditor {
  const returns = new Emitter<EditorReturn>();
  let current: { command: string; program: string } | undefined;
  const finish = (error?: Error, windowGone = false) => {
    const was = current;
    if (!was) return;
    current = undefined;
    if (!windowGone) ui.remount();
    returns.emit({ ...was, error, windowGone });
  };
  return {
    get busy() {
      return current !== undefined;
    },
    // The editor is the window's child: it ends with the window.
    kill: () => undefined,
    onReturn: (listener) => returns.on(listener),
    open(target) {
      if (current) return;
      const { command, parsed } = editorCommand(env);
      current = { command, program: path.basename(parsed.command) };
      ui.unmount();
      if (!send({ t: 'edit', command: parsed.command, args: [...parsed.args, target] })) finish(new Error('no window is attached'));
    },
    returned(error) {
      finish(error === undefined ? undefined : new Error(error));
    },
    windowGone() {
      finish(undefined, true);
    },
  };
}
