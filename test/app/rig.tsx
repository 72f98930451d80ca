// The App-level test rig: the composed app (compose() with a fake host, no pty) rendered by
// ink-testing-library, keys fed through the same input router as in the terminal.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React from 'react';
import { App } from '../../src/app.js';
import { type Composed, type EditorReturn, compose } from '../../src/compose.js';
import { Emitter } from '../../src/core/util/emitter.js';
import { WorktreeService } from '../../src/core/git/index.js';
import { keyBytes } from '../../src/core/terminal/keys.js';
import { createLogger } from '../../src/core/util/log.js';
import type { AgentSpec } from '../../src/core/sessions/host.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import type { Mode } from '../../src/core/state/index.js';
import type { CommandId } from '../../src/keymap.js';
import { ServicesContext } from '../../src/hooks/services.js';
import { buildKeymap } from '../../src/keymap.js';
import { createAppRouter } from '../../src/runtime/stdin.js';
import { TaskStore } from '../../src/core/tasks/index.js';
import { FakeSessionHost } from '../helpers/fake-host.js';
import { waitFor } from '../helpers/wait-for.js';

/** ink-testing-library's stdout is 100 columns wide; the store is told so. */
const SIZE = { cols: 100, rows: 30 };

export interface Rig {
  readonly app: Composed;
  readonly host: FakeSessionHost;
  /** The task list the app shows (another TaskStore on the same file acts as another process). */
  readonly tasksFile: string;
  /** Files the app asked the editor to open. */
  readonly edited: string[];
  /** The editor exits (or fails to start), as the runtime's editor reports it. */
  editorReturns(back: EditorReturn): void;
  /** How many times the app asked to quit. */
  quits(): number;
  /** How many times the app asked to detach (hosted rigs only). */
  detaches(): number;
  /** The last frame as plain text. */
  frame(): string;
  /** Waits until the frame contains `text`. */
  see(text: string): Promise<string>;
  /** Presses the first key bound to a command in a mode, through the input router. */
  press(command: CommandId, mode?: Mode): void;
  /** The bytes of the first key bound to a command in a mode. */
  keyOf(command: CommandId, mode?: Mode): string;
  /** Types raw input (text keys), through the input router. */
  type(text: string): void;
  /** Starts an agent the way start-up does; resolves once the host runs it. */
  spawn(spec: Partial<AgentSpec> & { name: string }): Promise<string>;
  done(): void;
}

/** `hosted`: composed as the background host composes it (the window can detach). */
export function appRig({ hosted = false }: { hosted?: boolean } = {}): Rig {
  let detachCount = 0;
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'squadtui-app-'));
  const host = new FakeSessionHost({ cols: 70, rows: 26 });
  const edited: string[] = [];
  const editorReturns = new Emitter<EditorReturn>();
  const keymap = buildKeymap();
  const tasksFile = path.join(cwd, '.tasks', 'tasks.json');
  const app = compose({
    host,
    log: createLogger(undefined),
    settings: DEFAULT_SETTINGS,
    keymap,
    worktrees: new WorktreeService({ branchPrefix: 'squad/', env: process.env }),
    editor: { open: (target) => edited.push(target), onReturn: (listener) => editorReturns.on(listener) },
    tasks: new TaskStore(tasksFile),
    cwd,
    program: 'sh',
    env: { ...process.env, SHELL: '/bin/sh' },
    size: SIZE,
    worktreesByDefault: false,
    demoRepo: false,
    hookScript: '/nonexistent/hook.js',
    writeToTerminal: () => {},
    startHookServer: () => Promise.reject(new Error('no hook server in App tests')),
    watchGit: false,
    onDetach: hosted ? () => detachCount++ : undefined,
  });
  let quitCount = 0;
  app.onQuitRequest(() => quitCount++);
  const ink = render(
    <ServicesContext.Provider value={app.services}>
      <App />
    </ServicesContext.Provider>,
  );
  const router = createAppRouter(app, (data) => ink.stdin.write(data));
  const frame = () => plain(ink.lastFrame() ?? '');
  const keyOf = (command: CommandId, mode: Mode = 'agent') => {
    const key = keymap.keysFor(command, mode)[0];
    if (!key) throw new Error(`${command} has no key in ${mode} mode`);
    return keyBytes(key);
  };
  return {
    app,
    host,
    tasksFile,
    edited,
    editorReturns: (back) => editorReturns.emit(back),
    quits: () => quitCount,
    detaches: () => detachCount,
    frame,
    see: (text) => waitFor(() => frame().includes(text) && frame(), { timeout: 5000, message: () => `"${text}" not in:\n${frame()}` }),
    press(command, mode = 'agent') {
      router.feed(keyOf(command, mode));
    },
    keyOf,
    type: (text) => router.feed(text),
    async spawn(spec) {
      const id = await app.commands.spawn({ command: 'sh', args: [], cwd, ...spec }, { startup: true });
      await waitFor(() => host.get(id)?.status === 'running');
      return id;
    },
    done() {
      ink.unmount();
      host.shutdownSync();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
