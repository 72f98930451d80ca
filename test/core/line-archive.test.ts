// The archive packs its lines into compressed blocks: every line must read back exactly, whichever
// block it is in, after the oldest ones went, and whatever characters it holds.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOR, type Run } from '../../src/core/terminal/cell.js';
import { LineArchive } from '../../src/core/terminal/line-archive.js';

const COLS = 30;
const plain = (text: string): Run => ({ text, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0 });

/** Line n: plain, coloured, or with characters beyond Latin-1 (packed another way). */
function line(n: number): Run[] {
  if (n % 3 === 0) return [plain(`line ${n}`)];
  if (n % 3 === 1) return [{ text: `red ${n}`, fg: 1, bg: DEFAULT_COLOR, flags: 1 }, plain(' after')];
  return [plain(`wide ${n} 中文 🙂 é`)];
}

const text = (a: LineArchive, i: number) => a.runs(i, COLS).map((r) => r.text).join('').trimEnd();
const expected = (n: number) => line(n).map((r) => r.text).join('');

describe('LineArchive', () => {
  it('reads back every line kept, across its blocks and the lines not packed yet, the oldest going first', () => {
    const a = new LineArchive(1000);
    for (let n = 0; n < 2345; n++) a.push(line(n));
    expect([a.start, a.end, a.length]).toEqual([1345, 2345, 1000]);
    for (let i = a.start; i < a.end; i++) expect(text(a, i), `line ${i}`).toBe(expected(i));
    expect(a.runs(1348, COLS)[0]).toEqual({ text: 'red 1348', fg: 1, bg: DEFAULT_COLOR, flags: 1 });
    expect(() => a.runs(1344, COLS)).toThrow(RangeError);
  });

  it('forgets the oldest lines a few at a time, and all of them when cleared', () => {
    const a = new LineArchive(5000);
    for (let n = 0; n < 1000; n++) a.push(line(n));
    for (const n of [3, 250, 1, 300]) a.dropOldest(n);
    expect([a.start, a.length]).toEqual([554, 446]);
    for (let i = a.start; i < a.end; i++) expect(text(a, i)).toBe(expected(i));
    a.clear();
    expect([a.start, a.end, a.length]).toEqual([1000, 1000, 0]);
    a.push(line(7));
    expect(text(a, 1000)).toBe(expected(7));
  });
});
