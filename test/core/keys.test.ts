import { describe, expect, it } from 'vitest';
import { keyBytes, keyLabel, normalizeKeySpec, tokenize } from '../../src/core/keys.js';

const names = (input: string) => tokenize(input).tokens.map((t) => (t.kind === 'key' ? t.name : `paste:${t.text}`));

describe('tokenize', () => {
  it('names plain, control and escape-prefixed keys', () => {
    expect(names('a\r\t\x7f\x1b')).toEqual(['a', 'enter', 'tab', 'backspace', 'escape']);
    expect(names('\x03\x04\x1d\x1c')).toEqual(['ctrl+c', 'ctrl+d', 'ctrl+]', 'ctrl+\\']);
    expect(names('\x1b1\x1bx')).toEqual(['alt+1', 'alt+x']);
  });

  it('reads xterm modifier encodings of arrows, pages and Shift+Tab', () => {
    expect(names('\x1b[A\x1b[1;2A\x1b[1;2B\x1b[1;3A\x1b[1;5C')).toEqual(['up', 'shift+up', 'shift+down', 'alt+up', 'ctrl+right']);
    expect(names('\x1b[5~\x1b[6;2~\x1b[Z\x1bOA')).toEqual(['pageup', 'shift+pagedown', 'shift+tab', 'up']);
  });

  it('keeps the exact bytes of each token', () => {
    const input = 'x\x1b[1;2Aé🙂\x1b[200~pa\x1bste\x1b[201~\x1b';
    expect(tokenize(input).tokens.map((t) => t.seq).join('')).toBe(input);
  });

  it('keeps a bracketed paste whole, escape bytes and all', () => {
    const { tokens } = tokenize('\x1b[200~line1\rline2\x1b[A\x1b[201~');
    expect(tokens).toEqual([{ kind: 'paste', text: 'line1\rline2\x1b[A', seq: '\x1b[200~line1\rline2\x1b[A\x1b[201~' }]);
  });

  it('holds back an incomplete sequence for the next chunk', () => {
    expect(tokenize('a\x1b[1;')).toEqual({ tokens: [{ kind: 'key', name: 'a', seq: 'a' }], rest: '\x1b[1;' });
    expect(tokenize('\x1b[200~half a paste').rest).toBe('\x1b[200~half a paste');
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
