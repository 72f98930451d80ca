import { describe, expect, it } from 'vitest';
import { Attr, DEFAULT_COLOR, Screen, TRUECOLOR, fitCell } from '../../src/core/terminal/screen.js';

async function screenWith(data: string, cols = 20, rows = 5, scrollback?: number): Promise<Screen> {
  const s = new Screen({ cols, rows, scrollback });
  await s.write(data);
  return s;
}

describe('Screen', () => {
  // Sessions parse each pty read at once through xterm's private `_core.writeSync` (see Screen);
  // without it they fall back to xterm's queue, which works but is slower and stalls the pty
  // while it parses. An @xterm/headless version without that entry must fail here, not slow
  // squadtui down unnoticed.
  it('parses synchronously with the pinned @xterm/headless (the fast path is there)', () => {
    const s = new Screen({ cols: 20, rows: 3 });
    expect(s.canParseNow).toBe(true);
    expect(s.parseNow('one\r\n\x1b[1mtwo\x1b[0m\x1b[?25l')).toBe(true);
    // No await: the buffer already shows it, and the parser hooks have run.
    expect(s.text().slice(0, 2)).toEqual(['one', 'two']);
    expect(s.snapshot().cursor.visible).toBe(false);
    // A character split across two reads (ptys hand over bytes) is joined.
    const bytes = new TextEncoder().encode('中!');
    s.parseNow(bytes.subarray(0, 2));
    s.parseNow(bytes.subarray(2));
    expect(s.text()[1]).toBe('two中!');
  });

  it('queues like write() when told to, and says so', async () => {
    const s = new Screen({ cols: 20, rows: 2, queuedOnly: true });
    expect(s.canParseNow).toBe(false);
    expect(s.parseNow('lost?')).toBe(false);
    await s.write('queued');
    expect(s.text()[0]).toBe('queued');
  });

  it('reads 16, 256 and true colours and attributes into merged runs', async () => {
    const s = await screenWith('\x1b[31mred\x1b[0m \x1b[1;38;5;208mor\x1b[0m\x1b[3;4;7m\x1b[38;2;1;2;3mx\x1b[0m');
    const runs = s.snapshot().lines[0]!.runs;
    expect(runs[0]).toEqual({ text: 'red', fg: 1, bg: DEFAULT_COLOR, flags: 0 });
    expect(runs[1]).toMatchObject({ text: ' ', fg: DEFAULT_COLOR, flags: 0 });
    expect(runs[2]).toEqual({ text: 'or', fg: 208, bg: DEFAULT_COLOR, flags: Attr.bold });
    expect(runs[3]).toEqual({ text: 'x', fg: TRUECOLOR | 0x010203, bg: DEFAULT_COLOR, flags: Attr.italic | Attr.underline | Attr.inverse });
  });

  it('renders rows back to SGR strings that say the same', async () => {
    const s = await screenWith('\x1b[32;41mok\x1b[0m plain \x1b[2;9mgone\x1b[0m', 20, 2);
    const ansi = s.snapshot().lines[0]!.ansi;
    expect(ansi).toContain('\x1b[0;32;41mok');
    expect(ansi).toContain('\x1b[0m plain ');
    expect(ansi).toContain('\x1b[0;2;9mgone');
  });

  it('gives wide characters two cells and no phantom cell after them', async () => {
    const s = await screenWith('中文🙂|', 20, 2);
    expect(s.snapshot().lines[0]!.runs[0]!.text.startsWith('中文🙂|')).toBe(true);
    expect(s.text()[0]).toBe('中文🙂|');
  });

  it('keeps every row exactly as wide as the screen, even where width tables disagree', async () => {
    const s = await screenWith('❤️ ok 🇺🇸 done', 20, 2);
    const { default: stringWidth } = await import('string-width');
    expect(stringWidth(s.snapshot().lines[0]!.runs.map((r) => r.text).join(''))).toBe(20);
    expect(fitCell('❤️', 1)).toBe('❤');
  });

  it('tracks the cursor and its visibility', async () => {
    const s = await screenWith('ab\r\ncde');
    expect(s.snapshot().cursor).toEqual({ x: 3, y: 1, visible: true });
    await s.write('\x1b[?25l');
    expect(s.snapshot().cursor.visible).toBe(false);
    await s.write('\x1b[?25h\x1b[3;5H');
    expect(s.snapshot().cursor).toEqual({ x: 4, y: 2, visible: true });
  });

  it('keeps scrollback and scrolls through it', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\r\n');
    const s = await screenWith(lines, 20, 5, 1000);
    expect(s.text()[4]).toBe('line 49');
    s.scrollPage(-1);
    expect(s.snapshot().scrollOffset).toBe(4);
    expect(s.text()[4]).toBe('line 45');
    s.scrollToTop();
    expect(s.text()[0]).toBe('line 0');
    s.scrollToBottom();
    expect(s.snapshot().scrollOffset).toBe(0);
    // The live text ignores the scroll position.
    s.scrollToTop();
    expect(s.liveText()[4]).toBe('line 49');
  });

  it('keeps at least 10,000 lines by default', async () => {
    const s = new Screen({ cols: 20, rows: 5 });
    await s.write(Array.from({ length: 10_100 }, (_, i) => `${i}`).join('\r\n'));
    s.scrollToTop();
    expect(Number(s.text()[0])).toBeLessThanOrEqual(100);
  });

  it('resizes, reflowing nothing it should not lose', async () => {
    const s = await screenWith('hello\r\nworld', 20, 5);
    s.resize(10, 3);
    const snap = s.snapshot();
    expect(snap.cols).toBe(10);
    expect(snap.rows).toBe(3);
    expect(s.text().join('\n')).toContain('world');
  });

  it('answers device attribute and cursor position queries, so programs do not hang', async () => {
    const s = new Screen({ cols: 20, rows: 5 });
    const replies: string[] = [];
    s.onReply((r) => replies.push(r));
    await s.write('abc\x1b[6n\x1b[c');
    expect(replies[0]).toBe('\x1b[1;4R');
    expect(replies[1]).toMatch(/^\x1b\[\?\d/);
  });

  it('survives binary garbage', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const s = await screenWith(garbage);
    await s.write('\x1b[0m\x1bc after');
    expect(s.text()[0]).toContain('after');
  });

  it('reuses unchanged rows between snapshots (memoised rows skip them)', async () => {
    const s = await screenWith('one\r\ntwo\r\nthree');
    const a = s.snapshot();
    await s.write('\x1b[2;1Hxxx');
    const b = s.snapshot();
    expect(b.lines[0]).toBe(a.lines[0]);
    expect(b.lines[1]).not.toBe(a.lines[1]);
    expect(b.lines[2]).toBe(a.lines[2]);
  });

  it('reports title, bell and the modes that change how keys are encoded', async () => {
    const s = new Screen({ cols: 20, rows: 5 });
    const titles: string[] = [];
    let bells = 0;
    s.onTitle((t) => titles.push(t));
    s.onBell(() => bells++);
    await s.write('\x1b]0;my title\x07\x07\x1b[?1h\x1b[?2004h');
    expect(titles).toEqual(['my title']);
    expect(bells).toBe(1);
    expect(s.modes).toMatchObject({ applicationCursorKeys: true, bracketedPaste: true });
  });
});
