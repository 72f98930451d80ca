// Raw stdin → the input router → Ink. Ink reads keys only from a stream of squadtui's own: the
// router decides what reaches it, what goes to the agent verbatim and what runs a command.
import { PassThrough } from 'node:stream';
import type { Composed } from '../compose.js';
import { FIELD_PASTE_MAX, type InputRouter, createInputRouter } from '../core/terminal/index.js';
import { selectedAgent } from '../core/state/index.js';

/** How long an incomplete escape sequence may wait for the rest of its bytes. */
const ESCAPE_FLUSH_MS = 15;
/** The longest keys typed behind a command wait for it to open its dialog. */
const COMMAND_WAIT_MS = 2000;

/** The stream Ink reads keys from: a TTY as far as Ink can tell, fed only by the router. */
export function createInkInput(): NodeJS.ReadStream & PassThrough {
  const inkInput = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => inkInput,
    ref: () => inkInput,
    unref: () => inkInput,
  });
  return inkInput as unknown as NodeJS.ReadStream & PassThrough;
}

/**
 * Routes input for the composed app: commands to the command table, keys to the selected agent (through
 * the typeahead), and what a field or dialog reads to `toInk`.
 */
export function createAppRouter(app: Composed, toInk: (data: string) => void): InputRouter {
  const { store, commands, keymap, typeahead, notices } = app;
  const uiQueue: string[] = [];
  const flushUi = () => {
    for (const data of uiQueue.splice(0)) toInk(data);
  };
  const router = createInputRouter(
    () => store.getState().view.mode,
    (mode, key) => keymap.bindings.get(mode)?.get(key),
    (routed) => {
      app.keyboard.pressed();
      if (routed.kind === 'command') {
        notices.clear();
        commands.run(routed.id);
      } else if (routed.kind === 'agent') {
        const selected = selectedAgent(store.getState());
        if (selected) {
          typeahead.write(selected.id, routed.keys);
          app.monitor.typed(selected.id);
          // An agent's message must not land in the middle of the user's line.
          app.messages.typed(selected.id);
        }
      } else if (routed.kind === 'unpasted') {
        notices.notice(
          routed.why === 'too-long'
            ? `Not pasted: ${routed.chars} characters is more than this field takes (${FIELD_PASTE_MAX}).`
            : `Not pasted (${routed.chars} characters): what is open here takes keys, not text. Close it, then paste again.`,
          'warn',
        );
      } else {
        // After React has drawn what a command before it changed (it renders in a microtask;
        // Ink would read the key earlier, against the old field value).
        uiQueue.push(routed.data);
        if (uiQueue.length === 1) setImmediate(flushUi);
      }
    },
    // The keys after a field's key wait until Ink has read it (on the tick after flushUi); the
    // keys after a command, until it has opened what it opens (git may run first; capped).
    (resume) => {
      const pending = commands.pending;
      if (!pending) return void setImmediate(resume);
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        clearTimeout(cap);
        setImmediate(resume);
      };
      const cap = setTimeout(go, COMMAND_WAIT_MS);
      pending.then(go, go);
    },
  );
  // Keys that came in one burst with the detach key were typed in the window that is going (the
  // rest of "Ctrl+] d echo hi ⏎"): they must not reach the agent once the mode is back to typing.
  app.onDetach(() => router.discard());
  return router;
}

/** Feeds raw stdin to the router; an escape sequence cut short is routed after a short pause. */
export function connectStdin(stdin: NodeJS.ReadStream, router: InputRouter): void {
  let flushTimer: NodeJS.Timeout | undefined;
  stdin.setEncoding('utf8');
  stdin.on('data', (chunk: string) => {
    clearTimeout(flushTimer);
    router.feed(chunk);
    if (router.pending) flushTimer = setTimeout(() => router.flush(), ESCAPE_FLUSH_MS);
  });
}
