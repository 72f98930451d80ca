import { describe, expect, it } from 'vitest';
import { KeyReader, type KeyToken, keyBytes, keyLabel, normalizeKeySpec } from '../../src/core/terminal/keys.js';

/** Every token of one read, then what a pause flushes. */
function tokenize(input: string): KeyToken[] {
  const reader = new KeyReader();
  return [...reader.read(input), ...reader.flush()];
}
const names = (input: string) => tokenize(input).map((t) => (t.kind === 'key' ? t.name : `paste:${t.text}`));

describe('tokenize', () => {
  it('names plain, control and escape-prefixed keys', () => {
    expect(names('a\r\t\x7f\x1b')).toEqual(['a', 'enter', 'tab', 'backspace', 'escape']);
    expect(names('\x03\x04\x1d\x1c')).toEqual(['ctrl+c', 'ctrl+d', 'ctrl+]', 'ctrl+\\']);
    expect(names('\x1b1\x1bx')).toEqual(['alt+1', 'alt+x']);
    // Esc then Ctrl+] in one read: two keys, so the menu key is seen (not "ctrl+alt+]").
    expect(names('\x1b\x1d1')).toEqual(['escape', 'ctrl+]', '1']);
    expect(tokenize('\x1b\x1d').map((t) => t.seq).join('')).toBe('\x1b\x1d');
  });

  it('reads xterm modifier encodings of arrows, pages and Shift+Tab', () => {
    expect(names('\x1b[A\x1b[1;2A\x1b[1;2B\x1b[1;3A\x1b[1;5C')).toEqual(['up', 'shift+up', 'shift+down', 'alt+up', 'ctrl+right']);
    expect(names('\x1b[5~\x1b[6;2~\x1b[Z\x1bOA')).toEqual(['pageup', 'shift+pagedown', 'shift+tab', 'up']);
  });

  it('keeps the exact bytes of each token', () => {
    const input = 'x\x1b[1;2Aé🙂\x1b[200~pa\x1bste\x1b[201~\x1b';
    expect(tokenize(input).map((t) => t.seq).join('')).toBe(input);
  });

  it('keeps a bracketed paste whole, escape bytes and all', () => {
    const tokens = tokenize('\x1b[200~line1\rline2\x1b[A\x1b[201~');
    expect(tokens).toEqual([{ kind: 'paste', text: 'line1\rline2\x1b[A', seq: '\x1b[200~line1\rline2\x1b[A\x1b[201~' }]);
  });

  it('holds back an incomplete sequence for the next chunk', () => {
    const reader = new KeyReader();
    expect(reader.read('a\x1b[1;')).toEqual([{ kind: 'key', name: 'a', seq: 'a' }]);
    expect(reader.unfinished).toBe('\x1b[1;');
    const pasting = new KeyReader();
    expect(pasting.read('\x1b[200~half a paste')).toEqual([]);
    expect(pasting.unfinished).toBe('\x1b[200~half a paste');
  });
});

describe('KeyReader', () => {
  const START = '\x1b[200~';
  const END = '\x1b[201~';
  const read = (chunks: readonly string[], reader = new KeyReader()) => chunks.flatMap((c) => reader.read(c));

  it('reads a paste split at any point, inside its markers too, as one paste with the keys around it', () => {
    const content = 'a\x1b[A\x1d x y\r\x1b\x1b[20\x1b[201\x1b[2é🙂z';
    const input = `k${START}${content}${END}\x1b[1;2B`;
    const expected: KeyToken[] = [
      { kind: 'key', name: 'k', seq: 'k' },
      { kind: 'paste', text: content, seq: START + content + END },
      { kind: 'key', name: 'shift+down', seq: '\x1b[1;2B' },
    ];
    for (let i = 0; i <= input.length; i++) {
      for (let j = i; j <= input.length; j += 3) {
        const reader = new KeyReader();
        expect(read([input.slice(0, i), input.slice(i, j), input.slice(j)], reader), `split at ${i}, ${j}`).toEqual(expected);
        expect(reader.unfinished).toBe('');
      }
    }
    // One character per read, as a slow link would deliver it.
    expect(read([...input])).toEqual(expected);
  });

  it('never lets a pause split a paste: nothing is flushed until its end marker', () => {
    const reader = new KeyReader();
    expect(reader.read(`${START}first half \x1d`)).toEqual([]);
    expect(reader.pasting).toBe(true);
    expect(reader.waiting).toBe(false);
    expect(reader.flush()).toEqual([]);
    expect(reader.read('x y\x1b[20')).toEqual([]);
    expect(reader.flush()).toEqual([]);
    expect(reader.read('1~q')).toEqual([
      { kind: 'paste', text: 'first half \x1dx y', seq: `${START}first half \x1dx y${END}` },
      { kind: 'key', name: 'q', seq: 'q' },
    ]);
    expect(reader.pasting).toBe(false);
  });

  it('still flushes an incomplete escape sequence outside a paste', () => {
    const reader = new KeyReader();
    expect(reader.read('\x1b[1;')).toEqual([]);
    expect(reader.waiting).toBe(true);
    expect(reader.flush()).toEqual([{ kind: 'key', name: 'unknown', seq: '\x1b[1;' }]);
  });

  it('does not hold input behind an endless escape sequence', () => {
    const tokens = new KeyReader().read(`\x1b[${'1;'.repeat(100)}`);
    expect(tokens.length).toBeGreaterThan(1);
  });
});

describe('key specs, labels and bytes', () => {
  it('normalises user-written specs', () => {
    expect(normalizeKeySpec('Shift+Up')).toBe('shift+up');
    expect(normalizeKeySpec('C-]')).toBe('ctrl+]');
    expect(normalizeKeySpec('ctrl+A')).toBe('ctrl+a');
    expect(normalizeKeySpec('G')).toBe('G');
    expect(normalizeKeySpec('Esc')).toBe('escape');
    expect(normalizeKeySpec('alt+pgup')).toBe('alt+pageup');
  });

  it('labels keys for people', () => {
    expect(keyLabel('shift+up')).toBe('Shift+↑');
    expect(keyLabel('ctrl+]')).toBe('Ctrl+]');
    expect(keyLabel('alt+1')).toBe('Alt+1');
  });

  it('encodes every name back to the bytes tokenize reads', () => {
    for (const name of ['a', 'enter', 'escape', 'tab', 'shift+tab', 'ctrl+c', 'ctrl+]', 'alt+1', 'shift+up', 'alt+down', 'pageup', 'shift+pageup', 'alt+pagedown', 'home', 'f5']) {
      expect(names(keyBytes(name))).toEqual([name]);
    }
  });
});
