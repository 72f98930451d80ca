// Which bytes go where: in agent mode everything reaches the selected agent's pty verbatim except
// the chords the keymap reserves; in squadtui's own modes keys become commands, and text fields
// get the rest.
import { type KeyToken, tokenize } from './keys.js';
import type { ScreenModes } from './screen.js';
import type { Mode } from './store.js';

export type Routed =
  | { readonly kind: 'command'; readonly id: string }
  | { readonly kind: 'agent'; readonly data: string }
  | { readonly kind: 'ui'; readonly data: string };

export type BindingLookup = (mode: Mode, key: string) => string | undefined;

/** Cursor keys and their final letters (ESC [ x, or ESC O x in application mode). */
const CURSOR_KEYS: Readonly<Record<string, string>> = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };
/** What a text field takes besides printable characters. */
const FIELD_KEYS = new Set(['backspace', 'delete', 'left', 'right', 'home', 'end', 'space']);

/** Printable text and the editing keys a text field understands; other keys are not text. */
function fieldInput(token: KeyToken): string | undefined {
  if (token.kind === 'paste') return token.text.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
  if (FIELD_KEYS.has(token.name)) return token.seq;
  return token.name.length === 1 || /^[^\x00-\x1f\x7f]$/u.test(token.seq) ? token.seq : undefined;
}

/** Re-encodes a key for the agent's terminal modes, as a terminal would for that program. */
export function encodeForAgent(token: KeyToken, modes: ScreenModes | undefined): string {
  if (token.kind === 'paste') return modes?.bracketedPaste ? token.seq : token.text;
  const final = CURSOR_KEYS[token.name];
  if (final) {
    // DECCKM: programs that asked for application cursor keys expect ESC O x, the others ESC [ x
    // (whatever the outer terminal sent: tmux and the Linux console send Home as ESC [ 1 ~).
    return modes?.applicationCursorKeys ? `\x1bO${final}` : `\x1b[${final}`;
  }
  return token.seq;
}

/**
 * Routes tokens one at a time, reading the mode before each: a command can change the mode, and
 * the keys after it in the same chunk must follow the new mode. Consecutive bytes for the same
 * destination are delivered as one write. With `stopAfterUi`, stops after a command or a key for a
 * text field; returns how many tokens were routed.
 */
export function routeTokens(
  tokens: readonly KeyToken[],
  mode: () => Mode,
  lookup: BindingLookup,
  agentModes: () => ScreenModes | undefined,
  deliver: (routed: Routed) => void,
  stopAfterUi = false,
): number {
  let pending: { kind: 'agent' | 'ui'; data: string } | undefined;
  const flush = () => {
    if (pending && pending.data !== '') deliver(pending);
    pending = undefined;
  };
  const push = (kind: 'agent' | 'ui', data: string) => {
    if (pending && pending.kind !== kind) flush();
    pending = { kind, data: (pending?.data ?? '') + data };
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const current = mode();
    if (token.kind === 'key') {
      // Focus and mouse reports from the outer terminal are not keys for anyone.
      if (token.name === 'focusin' || token.name === 'focusout' || token.name === 'mouse') continue;
      const command = lookup(current, token.name);
      if (command) {
        flush();
        deliver({ kind: 'command', id: command });
        if (stopAfterUi) return i + 1;
        continue;
      }
    }
    switch (current) {
      case 'agent':
        push('agent', encodeForAgent(token, agentModes()));
        break;
      case 'add':
      case 'message':
      case 'commit': {
        // One key per write: Ink reads each write as one keypress.
        const text = fieldInput(token);
        if (text) {
          flush();
          deliver({ kind: 'ui', data: text });
          if (stopAfterUi) return i + 1;
        }
        break;
      }
      case 'squad':
      case 'help':
      case 'confirm':
      case 'inbox':
      case 'log':
      case 'diff':
        break;
      default: {
        const unreachable: never = current;
        return unreachable;
      }
    }
  }
  flush();
  return tokens.length;
}

export interface InputRouter {
  /** Routes a chunk of raw input; an incomplete escape sequence waits for the next chunk. */
  feed(chunk: string): void;
  /** Routes whatever was held back (called after a short pause with no input). */
  flush(): void;
  readonly pending: boolean;
}

/**
 * `settle`, when given, is called after each command and each key delivered to a text field, and
 * routing waits until it calls back: React draws a command's effect and a field takes its key
 * asynchronously, and the keys behind them must meet the result (keys arrive together over ssh or
 * on a busy machine: the Enter after a message must submit that message).
 */
export function createInputRouter(
  mode: () => Mode,
  lookup: BindingLookup,
  agentModes: () => ScreenModes | undefined,
  deliver: (routed: Routed) => void,
  settle?: (resume: () => void) => void,
): InputRouter {
  let rest = '';
  let backlog: KeyToken[] = [];
  let waiting = false;
  let uiChanged = false;
  const track = (routed: Routed) => {
    uiChanged = routed.kind !== 'agent';
    deliver(routed);
  };
  const run = () => {
    while (backlog.length > 0 && !waiting) {
      uiChanged = false;
      backlog = backlog.slice(routeTokens(backlog, mode, lookup, agentModes, track, settle !== undefined));
      if (uiChanged && settle) {
        waiting = true;
        settle(() => {
          waiting = false;
          run();
        });
      }
    }
  };
  const route = (input: string, final: boolean) => {
    const { tokens, rest: r } = tokenize(input);
    let all = tokens;
    rest = r;
    if (r && final) {
      // Held too long: not the start of a sequence after all; pass the bytes on as they are.
      all = [...tokens, { kind: 'key', name: 'unknown', seq: r }];
      rest = '';
    }
    backlog.push(...all);
    run();
  };
  return {
    feed: (chunk) => route(rest + chunk, false),
    flush: () => {
      if (rest) route(rest, true);
    },
    get pending() {
      return rest.length > 0;
    },
  };
}
