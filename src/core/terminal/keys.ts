// Terminal input bytes -> key tokens with canonical names ("shift+up", "ctrl+]", "alt+1", "a").
// Each token keeps its exact bytes so passthrough to an agent stays byte-for-byte.

export type KeyToken =
  | { kind: 'key'; name: string; seq: string }
  | { kind: 'paste'; text: string; seq: string };

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
/** Longest CSI sequence read as one key: anything longer is not a key, and waiting for its end would hold input. */
const MAX_CSI = 64;

const CSI_LETTER: Record<string, string> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', E: 'clear', Z: 'tab',
  P: 'f1', Q: 'f2', R: 'f3', S: 'f4', I: 'focusin', O: 'focusout',
};
const CSI_TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5', '17': 'f6', '18': 'f7', '19': 'f8', '20': 'f9',
  '21': 'f10', '23': 'f11', '24': 'f12',
};

/** Modifier parameter of xterm-style sequences: 1 + (shift 1 | alt 2 | ctrl 4). */
function withModifiers(name: string, param: number | undefined, extraShift = false): string {
  const bits = param && param > 1 ? param - 1 : 0;
  const shift = extraShift || (bits & 1) !== 0;
  return keyName(name, { ctrl: (bits & 4) !== 0, alt: (bits & 2) !== 0, shift });
}

export function keyName(base: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean }): string {
  return `${mods.ctrl ? 'ctrl+' : ''}${mods.alt ? 'alt+' : ''}${mods.shift ? 'shift+' : ''}${base}`;
}

/** The name of a single byte or character typed without escape prefix. */
function plainName(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\r') return 'enter';
  if (ch === '\n') return 'ctrl+j';
  if (ch === '\t') return 'tab';
  if (code === 0x7f) return 'backspace';
  if (code === 0x08) return 'ctrl+h';
  if (code === 0) return 'ctrl+space';
  if (code === 0x1b) return 'escape';
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  if (code === 0x1c) return 'ctrl+\\';
  if (code === 0x1d) return 'ctrl+]';
  if (code === 0x1e) return 'ctrl+^';
  if (code === 0x1f) return 'ctrl+_';
  if (ch === ' ') return 'space';
  return ch;
}

interface CsiMatch { seq: string; params: string; final: string }

/** Reads a CSI sequence at `i` (input[i..] starts with ESC [). Returns undefined if incomplete. */
function readCsi(input: string, i: number): CsiMatch | undefined {
  let j = i + 2;
  // Legacy mouse: ESC [ M b x y (three raw bytes follow).
  if (input[j] === 'M' && !/[\d;<]/.test(input[j - 1] ?? '')) {
    if (j + 3 >= input.length) return undefined;
    return { seq: input.slice(i, j + 4), params: '', final: 'M' };
  }
  while (j < input.length) {
    if (j - i > MAX_CSI) return { seq: input.slice(i, j), params: input.slice(i + 2, j), final: '' };
    const c = input.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) {
      return { seq: input.slice(i, j + 1), params: input.slice(i + 2, j), final: input[j]! };
    }
    if (c < 0x20 || c > 0x3f) {
      // Not a parameter/intermediate byte: malformed, end the sequence before it.
      return { seq: input.slice(i, j), params: input.slice(i + 2, j), final: '' };
    }
    j++;
  }
  return undefined;
}

function csiName(m: CsiMatch): string {
  const parts = m.params.split(';');
  const mod = parts[1] ? Number.parseInt(parts[1], 10) : undefined;
  if (m.final === '~') {
    const base = CSI_TILDE[parts[0] ?? ''];
    return base ? withModifiers(base, mod) : 'unknown';
  }
  if (m.final === 'Z') return withModifiers('tab', mod, true);
  if (m.final === 'M' || m.final === 'm') return m.params.startsWith('<') || m.final === 'M' ? 'mouse' : 'unknown';
  const base = CSI_LETTER[m.final];
  if (!base || /[<>=?]/.test(m.params)) return 'unknown';
  return withModifiers(base, mod);
}

/** How many characters at the end of `input` (from `from`) could begin the paste end marker. */
function endMarkerPrefix(input: string, from: number): number {
  for (let k = Math.min(PASTE_END.length - 1, input.length - from); k > 0; k--) {
    if (input.endsWith(PASTE_END.slice(0, k))) return k;
  }
  return 0;
}

/**
 * Reads raw terminal input, chunk by chunk, into key tokens. State crosses chunks: an incomplete
 * escape sequence waits for its next bytes, and a bracketed paste (ESC [200~ … ESC [201~) is
 * gathered until its end marker, however many chunks and however long that takes, so it becomes
 * one paste token and none of its bytes is ever read as a key. Linear in the input.
 */
export class KeyReader {
  /** The start of an escape sequence (or, in a paste, of the end marker) whose rest has not come yet. */
  private held = '';
  /** The pieces of a paste whose end marker has not come yet. */
  private paste: string[] | undefined;

  /** Tokens completed by this chunk. */
  read(chunk: string): KeyToken[] {
    const input = this.held + chunk;
    this.held = '';
    const tokens: KeyToken[] = [];
    let i = 0;
    while (i < input.length) {
      if (this.paste) {
        const end = input.indexOf(PASTE_END, i);
        if (end < 0) {
          // The end marker may be split across reads: keep what could be its start.
          const k = endMarkerPrefix(input, i);
          if (input.length - k > i) this.paste.push(input.slice(i, input.length - k));
          this.held = input.slice(input.length - k);
          return tokens;
        }
        this.paste.push(input.slice(i, end));
        const text = this.paste.join('');
        this.paste = undefined;
        tokens.push({ kind: 'paste', text, seq: PASTE_START + text + PASTE_END });
        i = end + PASTE_END.length;
        continue;
      }
      const read = readKey(input, i);
      if (!read) {
        this.held = input.slice(i);
        return tokens;
      }
      i += read.length;
      if (read.token.seq === PASTE_START) this.paste = [];
      else tokens.push(read.token);
    }
    return tokens;
  }

  /**
   * An escape sequence waits for its rest. Never true inside a paste: a paste waits for its end
   * marker, and no pause in the input may split it.
   */
  get waiting(): boolean {
    return this.held !== '' && !this.paste;
  }

  /** Whether a paste has begun and not ended. */
  get pasting(): boolean {
    return this.paste !== undefined;
  }

  /** What is held back, as it came (a paste's start marker and text included). */
  get unfinished(): string {
    return this.paste ? PASTE_START + this.paste.join('') + this.held : this.held;
  }

  /** The held bytes of an escape sequence that never completed, passed on as they are (a lone ESC is the Esc key). */
  flush(): KeyToken[] {
    if (!this.waiting) return [];
    const seq = this.held;
    this.held = '';
    return [{ kind: 'key', name: seq === ESC ? 'escape' : 'unknown', seq }];
  }
}

/** The key at `i` and how many characters it takes; undefined when its sequence is incomplete. */
function readKey(input: string, i: number): { token: KeyToken; length: number } | undefined {
  const ch = input[i]!;
  if (ch !== ESC) {
    const s = String.fromCodePoint(input.codePointAt(i)!);
    return { token: { kind: 'key', name: plainName(s), seq: s }, length: s.length };
  }
  const next = input[i + 1];
  // A lone ESC at the end of a read waits for the next read (or the pause that makes it the Esc
  // key): it may begin a sequence split across reads, a paste's start marker among them.
  if (next === undefined) return undefined;
  // ESC ESC (alt+escape in some terminals) stays two escapes for passthrough fidelity. So does ESC
  // then a control key (a terminal's Ctrl+Alt+X): an Esc for the agent and Ctrl+] pressed right
  // after it can arrive in one read (ssh, a busy machine), and the menu key must not be lost in
  // it (the next key, a digit, went to the agent's prompt). The agent gets the same bytes.
  if (next === ESC || next < ' ') return { token: { kind: 'key', name: 'escape', seq: ESC }, length: 1 };
  if (next === '[') {
    const m = readCsi(input, i);
    if (!m) return undefined;
    return { token: { kind: 'key', name: csiName(m), seq: m.seq }, length: m.seq.length };
  }
  if (next === 'O') {
    const f = input[i + 2];
    if (f === undefined) return undefined;
    return { token: { kind: 'key', name: CSI_LETTER[f] ?? 'unknown', seq: input.slice(i, i + 3) }, length: 3 };
  }
  const s = String.fromCodePoint(input.codePointAt(i + 1)!);
  const base = plainName(s);
  return { token: { kind: 'key', name: base.startsWith('ctrl+') ? base.replace('ctrl+', 'ctrl+alt+') : `alt+${base}`, seq: ESC + s }, length: 1 + s.length };
}

/** Normalises a user-written key spec ("Shift+Up", "C-]", "alt+1") to the canonical token name. */
export function normalizeKeySpec(spec: string): string {
  const raw = spec.trim();
  if (raw.length === 1) return plainName(raw);
  const parts = raw.split(/\+|-(?=.)/).map((p) => p.trim()).filter((p) => p.length > 0);
  const base = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const ctrl = mods.has('ctrl') || mods.has('c') || mods.has('control');
  const alt = mods.has('alt') || mods.has('m') || mods.has('meta') || mods.has('option');
  const shift = mods.has('shift') || mods.has('s');
  const lowered = base.length === 1 ? base : base.toLowerCase();
  const aliases: Record<string, string> = { esc: 'escape', return: 'enter', pgup: 'pageup', pgdn: 'pagedown', del: 'delete', bs: 'backspace' };
  const name = aliases[lowered] ?? (ctrl && lowered.length === 1 ? lowered.toLowerCase() : lowered);
  return keyName(name, { ctrl, alt, shift });
}

const LABELS: Record<string, string> = {
  up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', tab: 'Tab', space: 'Space',
  pageup: 'PgUp', pagedown: 'PgDn', backspace: 'Backspace', delete: 'Del', home: 'Home', end: 'End',
};

/** Human label for a canonical key name: "shift+up" -> "Shift+↑". */
export function keyLabel(name: string): string {
  const parts = name.split('+');
  let base = parts.pop() ?? '';
  if (base === '' && name.endsWith('+')) base = '+';
  const mods = parts.filter((p) => p !== '').map((p) => p[0]!.toUpperCase() + p.slice(1));
  const label = LABELS[base] ?? (base.length === 1 ? base : base[0]!.toUpperCase() + base.slice(1));
  return [...mods, label].join('+');
}

const LETTER_OF: Record<string, string> = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };
const TILDE_OF: Record<string, string> = {
  insert: '2', delete: '3', pageup: '5', pagedown: '6', f5: '15', f6: '17', f7: '18', f8: '19', f9: '20', f10: '21', f11: '23', f12: '24',
};
const SS3_OF: Record<string, string> = { f1: 'P', f2: 'Q', f3: 'R', f4: 'S' };
const SIMPLE_OF: Record<string, string> = { enter: '\r', escape: '\x1b', tab: '\t', backspace: '\x7f', space: ' ' };

/** The bytes an xterm-compatible terminal sends for a canonical key name (the inverse of tokenize). */
export function keyBytes(name: string): string {
  const parts = name.length > 1 && name.endsWith('+') ? [...name.slice(0, -2).split('+'), '+'] : name.split('+');
  const base = parts.pop()!;
  const ctrl = parts.includes('ctrl');
  const alt = parts.includes('alt');
  const shift = parts.includes('shift');
  const mod = 1 + (shift ? 1 : 0) + (alt ? 2 : 0) + (ctrl ? 4 : 0);
  if (LETTER_OF[base]) return mod > 1 ? `\x1b[1;${mod}${LETTER_OF[base]}` : `\x1b[${LETTER_OF[base]}`;
  if (TILDE_OF[base]) return mod > 1 ? `\x1b[${TILDE_OF[base]};${mod}~` : `\x1b[${TILDE_OF[base]}~`;
  if (SS3_OF[base]) return mod > 1 ? `\x1b[1;${mod}${SS3_OF[base]}` : `\x1bO${SS3_OF[base]}`;
  if (base === 'tab' && shift) return alt ? '\x1b\x1b[Z' : '\x1b[Z';
  let bytes = SIMPLE_OF[base] ?? base;
  if (ctrl) {
    const special: Record<string, string> = { ']': '\x1d', '\\': '\x1c', '^': '\x1e', _: '\x1f', space: '\x00' };
    bytes = special[base] ?? String.fromCharCode(base.toLowerCase().charCodeAt(0) & 0x1f);
  }
  return alt ? `\x1b${bytes}` : bytes;
}
