// Terminal input bytes -> key tokens with canonical names ("shift+up", "ctrl+]", "alt+1", "a").
// Each token keeps its exact bytes so passthrough to an agent stays byte-for-byte.

export type KeyToken =
  | { kind: 'key'; name: string; seq: string }
  | { kind: 'paste'; text: string; seq: string };

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

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

/**
 * Splits raw terminal input into key tokens. Returns the tokens and any trailing bytes that
 * form an incomplete sequence (to be prefixed to the next chunk, or flushed as-is after a pause).
 */
export function tokenize(input: string): { tokens: KeyToken[]; rest: string } {
  const tokens: KeyToken[] = [];
  let i = 0;
  while (i < input.length) {
    if (input.startsWith(PASTE_START, i)) {
      const end = input.indexOf(PASTE_END, i + PASTE_START.length);
      if (end < 0) return { tokens, rest: input.slice(i) };
      const text = input.slice(i + PASTE_START.length, end);
      tokens.push({ kind: 'paste', text, seq: input.slice(i, end + PASTE_END.length) });
      i = end + PASTE_END.length;
      continue;
    }
    const ch = input[i]!;
    if (ch !== ESC) {
      const cp = input.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      tokens.push({ kind: 'key', name: plainName(s), seq: s });
      i += s.length;
      continue;
    }
    const next = input[i + 1];
    if (next === undefined) {
      // A lone ESC at the end of a read: terminals send whole sequences in one write, so it is the Esc key.
      tokens.push({ kind: 'key', name: 'escape', seq: ESC });
      i += 1;
      continue;
    }
    if (next === '[') {
      const m = readCsi(input, i);
      if (!m) return { tokens, rest: input.slice(i) };
      tokens.push({ kind: 'key', name: csiName(m), seq: m.seq });
      i += m.seq.length;
      continue;
    }
    if (next === 'O') {
      const f = input[i + 2];
      if (f === undefined) return { tokens, rest: input.slice(i) };
      const base = CSI_LETTER[f];
      tokens.push({ kind: 'key', name: base ?? 'unknown', seq: input.slice(i, i + 3) });
      i += 3;
      continue;
    }
    if (next === ESC) {
      // ESC ESC: alt+escape in some terminals; keep as two escapes for passthrough fidelity.
      tokens.push({ kind: 'key', name: 'escape', seq: ESC });
      i += 1;
      continue;
    }
    const cp = input.codePointAt(i + 1)!;
    const s = String.fromCodePoint(cp);
    const base = plainName(s);
    tokens.push({ kind: 'key', name: base.startsWith('ctrl+') ? base.replace('ctrl+', 'ctrl+alt+') : `alt+${base}`, seq: ESC + s });
    i += 1 + s.length;
  }
  return { tokens, rest: '' };
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
