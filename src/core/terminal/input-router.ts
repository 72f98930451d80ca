// Which bytes go where: in agent mode everything reaches the selected agent's pty verbatim except
// the chords the keymap reserves; in squadtui's own modes keys become commands, and text fields
// get the rest.
import { KeyReader, type KeyToken } from './keys.js';
import type { ScreenModes } from './screen.js';
import type { Mode } from '../state/index.js';

export type Routed<Id extends string = string> =
  | { readonly kind: 'command'; readonly id: Id }
  /** Keys for the selected agent: encoded for its terminal modes when written (encodeKeys). */
  | { readonly kind: 'agent'; readonly keys: readonly KeyToken[] }
  | { readonly kind: 'ui'; readonly data: string }
  /** A paste nothing here takes as text: never read as keys, so not used at all (the user is told). */
  | { readonly kind: 'unpasted'; readonly chars: number; readonly why: 'no-field' | 'too-long' };

export type BindingLookup<Id extends string = string> = (mode: Mode, key: string) => Id | undefined;

/** Cursor keys and their final letters (ESC [ x, or ESC O x in application mode). */
const CURSOR_KEYS: Readonly<Record<string, string>> = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };
/** What a text field takes besides printable characters. */
const FIELD_KEYS = new Set(['backspace', 'delete', 'left', 'right', 'home', 'end', 'space']);
/** The longest paste a one-line text field takes (a name, a branch, a message); Ink redraws the whole line per key. */
export const FIELD_PASTE_MAX = 10_000;

/** Printable text and the editing keys a text field understands; other keys are not text. */
function fieldInput(token: KeyToken): string | undefined {
  if (token.kind === 'paste') return token.text.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
  if (FIELD_KEYS.has(token.name)) return token.seq;
  return token.name.length === 1 || /^[^\x00-\x1f\x7f]$/u.test(token.seq) ? token.seq : undefined;
}

/** Re-encodes a key for the agent's terminal modes, as a terminal would for that program. */
export function encodeForAgent(token: KeyToken, modes: ScreenModes | undefined): string {
  // Paste markers only for a program that asked for them (DECSET 2004); the others get the text.
  if (token.kind === 'paste') return modes?.bracketedPaste ? token.seq : token.text;
  const final = CURSOR_KEYS[token.name];
  if (final) {
    // DECCKM: programs that asked for application cursor keys expect ESC O x, the others ESC [ x
    // (whatever the outer terminal sent: tmux and the Linux console send Home as ESC [ 1 ~).
    return modes?.applicationCursorKeys ? `\x1bO${final}` : `\x1b[${final}`;
  }
  return token.seq;
}

/** The bytes of keys for a program in these terminal modes. */
export function encodeKeys(keys: readonly KeyToken[], modes: ScreenModes | undefined): string {
  if (keys.length === 1) return encodeForAgent(keys[0]!, modes);
  let out = '';
  for (const key of keys) out += encodeForAgent(key, modes);
  return out;
}

/**
 * Routes tokens from `from` one at a time, reading the mode before each: a command can change
 * the mode, and the keys after it in the same chunk must follow the new mode. Consecutive keys
 * for the agent are delivered together. With `stopAfterUi`, stops after a command or a key for a
 * text field; returns the index of the first token not routed.
 */
function routeTokens<Id extends string>(
  tokens: readonly KeyToken[],
  from: number,
  mode: () => Mode,
  lookup: BindingLookup<Id>,
  deliver: (routed: Routed<Id>) => void,
  stopAfterUi: boolean,
): number {
  let forAgent: KeyToken[] = [];
  const flush = () => {
    if (forAgent.length > 0) deliver({ kind: 'agent', keys: forAgent });
    forAgent = [];
  };
  for (let i = from; i < tokens.length; i++) {
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
        forAgent.push(token);
        break;
      case 'add':
      case 'message':
      case 'commit':
      case 'task': {
        if (token.kind === 'paste' && token.text.length > FIELD_PASTE_MAX) {
          deliver({ kind: 'unpasted', chars: token.text.length, why: 'too-long' });
          break;
        }
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
        // The menu's keys are commands, but a paste is text: it goes to the agent on screen.
        if (token.kind === 'paste') forAgent.push(token);
        break;
      case 'help':
      case 'confirm':
      case 'inbox':
      case 'log':
      case 'diff':
      case 'tasks':
      case 'task-pick':
        if (token.kind === 'paste') deliver({ kind: 'unpasted', chars: token.text.length, why: 'no-field' });
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
  /** Routes a chunk of raw input; an incomplete escape sequence waits for the next chunk, a paste for its end. */
  feed(chunk: string): void;
  /** Routes an escape sequence held back (called after a short pause with no input); never splits a paste. */
  flush(): void;
  /** An incomplete escape sequence waits (flush it after a pause). False inside a paste. */
  readonly pending: boolean;
  /** Drops every key not routed yet: the window they were typed in has gone (detached). */
  discard(): void;
}

/**
 * `settle`, when given, is called after each command and each key delivered to a text field, and
 * routing waits until it calls back: React draws a command's effect and a field takes its key
 * asynchronously, and the keys behind them must meet the result (keys arrive together over ssh or
 * on a busy machine: the Enter after a message must submit that message).
 */
export function createInputRouter<Id extends string = string>(
  mode: () => Mode,
  lookup: BindingLookup<Id>,
  deliver: (routed: Routed<Id>) => void,
  settle?: (resume: () => void) => void,
): InputRouter {
  const reader = new KeyReader();
  // Tokens not routed yet, from `head` on (an index, not shifting: a paste of a million keys
  // typed without bracketing must not cost a copy of the rest per command).
  let backlog: KeyToken[] = [];
  let head = 0;
  let waiting = false;
  let uiChanged = false;
  const track = (routed: Routed<Id>) => {
    uiChanged = routed.kind === 'command' || routed.kind === 'ui';
    deliver(routed);
  };
  const run = () => {
    while (head < backlog.length && !waiting) {
      uiChanged = false;
      head = routeTokens(backlog, head, mode, lookup, track, settle !== undefined);
      if (uiChanged && settle) {
        waiting = true;
        settle(() => {
          waiting = false;
          run();
        });
      }
    }
    if (head >= backlog.length) {
      backlog = [];
      head = 0;
    }
  };
  const route = (tokens: readonly KeyToken[]) => {
    for (const token of tokens) backlog.push(token);
    run();
  };
  return {
    feed: (chunk) => route(reader.read(chunk)),
    flush: () => route(reader.flush()),
    get pending() {
      return reader.waiting;
    },
    discard() {
      reader.flush();
      backlog = [];
      head = 0;
    },
  };
}
