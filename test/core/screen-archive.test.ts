// Scrollback older than the emulator's window lives in a compact archive: scrolling through it
// must show exactly what the emulator alone would have shown, text and colours.
import unicode11 from '@xterm/addon-unicode11';
import xtermHeadless from '@xterm/headless';
import { describe, expect, it, vi } from 'vitest';
import { runsToAnsi } from '../../src/core/terminal/ansi.js';
import { readRuns, readRunsFast } from '../../src/core/terminal/row-reader.js';
import { EMULATOR_WINDOW } from '../../src/core/terminal/scrollback.js';
import { DEFAULT_COLOR, Screen } from '../../src/core/terminal/screen.js';

/** Line n: plain, 16-colour, 256-colour, true colour, attributes, wide characters, a coloured tail. */
function styledLine(n: number): string {
  switch (n % 7) {
    case 0: return `line ${n}`;
    case 1: return `\x1b[31mline ${n}\x1b[0m red`;
    case 2: return `\x1b[1;38;5;208mline ${n}\x1b[0m \x1b[3;4mslanted\x1b[0m`;
    case 3: return `\x1b[38;2;10;20;30;48;5;17mline ${n}\x1b[0m`;
    case 4: return `line ${n} 中文🙂 e\u0301 \x1b[7minverse\x1b[27m`;
    case 5: return `line ${n} \x1b[44m blue to the end\x1b[K\x1b[0m`;
    default: return `\x1b[2;9mline ${n}\x1b[0m   `;
  }
}

const output = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => styledLine(from + i)).join('\r\n');

/** The same output in a bare @xterm/headless that keeps everything itself. */
function bareTerminal(cols: number, rows: number, scrollback: number, data: string): Promise<InstanceType<typeof xtermHeadless.Terminal>> {
  const term = new xtermHeadless.Terminal({ cols, rows, scrollback, allowProposedApi: true });
  // Wide characters as Screen measures them.
  term.loadAddon(new unicode11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  return new Promise((resolve) => term.write(data, () => resolve(term)));
}

function bareRows(term: InstanceType<typeof xtermHeadless.Terminal>): string[] {
  const b = term.buffer.active;
  const cell = b.getNullCell();
  return Array.from({ length: term.rows }, (_, y) => runsToAnsi(readRuns(b.getLine(b.viewportY + y)!, term.cols, cell)));
}

const screenRows = (s: Screen) => s.snapshot().lines.map((l) => l.ansi);

/** Scrolled back by every `step`-th offset from the oldest line to the live screen, both show the same rows. */
function sameAtEveryOffset(s: Screen, bare: InstanceType<typeof xtermHeadless.Terminal>, step: number): void {
  for (let offset = bare.buffer.active.baseY; offset >= 0; offset -= step) {
    s.scrollToBottom();
    s.scrollBy(-offset);
    bare.scrollToBottom();
    bare.scrollLines(-offset);
    expect(s.scrollOffset).toBe(offset);
    expect(screenRows(s), `offset ${offset}`).toEqual(bareRows(bare));
  }
}

describe('Screen scrollback archive', () => {
  it('shows archived history exactly as the emulator alone would, at every scroll position', async () => {
    const data = output(0, 3000);
    const s = new Screen({ cols: 40, rows: 6, scrollback: 5000 });
    await s.write(data);
    s.archiveHistory();
    expect(s.archivedLines).toBeGreaterThan(2000);
    const bare = await bareTerminal(40, 6, 5000, data);
    expect(s.snapshot().scrollback).toBe(bare.buffer.active.baseY);
    s.scrollToTop();
    bare.scrollToTop();
    expect(s.text()[0]).toBe('line 0');
    // Through the archive, across its edge into the emulator's window, to the live screen.
    sameAtEveryOffset(s, bare, 37);
    bare.dispose();
  });

  it('archives lines that scroll off above a bottom margin (a status line) as the emulator alone keeps them', async () => {
    // Rows 1-5 scroll, row 6 stays: xterm inserts each new line above the margin.
    const data = `\x1b[1;5r\x1b[6;1Hstatus line\x1b[5;1H${output(0, 1500)}`;
    const s = new Screen({ cols: 40, rows: 6, scrollback: 5000 });
    await s.write(data);
    s.archiveHistory();
    expect(s.archivedLines).toBeGreaterThan(1000);
    const bare = await bareTerminal(40, 6, 5000, data);
    expect(s.snapshot().scrollback).toBe(bare.buffer.active.baseY);
    sameAtEveryOffset(s, bare, 97);
    bare.dispose();
  });

  it('keeps the colours of an archived line in its runs', async () => {
    const s = new Screen({ cols: 40, rows: 4, scrollback: 5000 });
    await s.write(output(0, 2000));
    s.archiveHistory();
    s.scrollToTop();
    s.scrollBy(3);
    const runs = s.snapshot().lines[0]!.runs;
    expect(s.text()[0]).toBe('line 3');
    expect(runs[0]).toEqual({ text: 'line 3', fg: 0x1000000 | 0x0a141e, bg: 17, flags: 0 });
    expect(runs[1]).toMatchObject({ fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0 });
  });

  it('keeps a scrolled view on the same lines while output arrives and lines are archived', async () => {
    const s = new Screen({ cols: 30, rows: 5, scrollback: 5000 });
    await s.write(output(0, 1000));
    s.scrollBy(-200);
    const before = s.text();
    await s.write(`\r\n${output(1000, 1500)}`);
    s.archiveHistory();
    expect(s.text()).toEqual(before);
    expect(s.scrollOffset).toBe(700);
    s.scrollToBottom();
    expect(s.text()[4]).toBe('line 1499 red');
  });

  it('holds as many lines as the scrollback setting, the oldest going first', async () => {
    const s = new Screen({ cols: 40, rows: 5, scrollback: 1000 });
    const bare = await bareTerminal(40, 5, 1000, output(0, 5000));
    for (let i = 0; i < 5000; i += 700) {
      await s.write(`${i ? '\r\n' : ''}${output(i, Math.min(5000, i + 700))}`);
      s.archiveHistory();
    }
    expect(s.snapshot().scrollback).toBe(1000);
    s.scrollToTop();
    bare.scrollToTop();
    expect(s.text()[0]).toMatch(/^line 3995 /);
    expect(screenRows(s)).toEqual(bareRows(bare));
    bare.dispose();
  });

  it('forgets archived lines when the program clears the scrollback (ED 3) or resets the terminal', async () => {
    const s = new Screen({ cols: 40, rows: 5, scrollback: 5000 });
    await s.write(output(0, 2000));
    s.archiveHistory();
    await s.write('\x1b[2J\x1b[3J\x1b[H');
    expect(s.snapshot().scrollback).toBe(0);
    s.scrollToTop();
    expect(s.scrollOffset).toBe(0);
    await s.write(output(0, 2000));
    s.archiveHistory();
    await s.write('\x1bc');
    expect(s.snapshot().scrollback).toBe(0);
    // After a reset the emulator has new buffers: archiving goes on with them.
    await s.write(output(5000, 6500));
    s.archiveHistory();
    expect(s.archivedLines).toBeGreaterThan(0);
    s.scrollToTop();
    expect(s.text()[0]).toBe('line 5000 slanted');
  });

  it('does not scroll the alternate screen, and keeps the history for when the program leaves it', async () => {
    const s = new Screen({ cols: 40, rows: 5, scrollback: 5000 });
    await s.write(output(0, 2000));
    s.archiveHistory();
    await s.write('\x1b[?1049h\x1b[Hfull screen');
    s.scrollToTop();
    expect(s.scrollOffset).toBe(0);
    expect(s.snapshot().altScreen).toBe(true);
    expect(s.text()[0]).toBe('full screen');
    await s.write('\x1b[?1049l');
    s.scrollToTop();
    expect(s.text()[0]).toBe('line 0');
  });

  it('cuts archived lines at a narrower screen and shows them whole again when it widens', async () => {
    const long = (n: number) => `${'x'.repeat(25)} ${n}`;
    const s = new Screen({ cols: 40, rows: 5, scrollback: 5000 });
    await s.write(`${Array.from({ length: 2000 }, (_, n) => long(n)).join('\r\n')}\r\n`);
    s.archiveHistory();
    s.resize(20, 5);
    s.scrollToTop();
    expect(s.text()[0]).toBe('x'.repeat(20));
    expect(s.snapshot().lines[0]!.runs.map((r) => r.text).join('')).toHaveLength(20);
    // The emulator's own window reflows: the last line wraps onto two rows.
    s.scrollToBottom();
    expect(s.text().slice(-3, -1).join('')).toBe(long(1999));
    s.resize(40, 5);
    s.scrollToTop();
    expect(s.text()[0]).toBe(long(0));
  });

  it('archives each line as the emulator lets it go', async () => {
    const s = new Screen({ cols: 40, rows: 5, scrollback: 5000 });
    await s.write(output(0, EMULATOR_WINDOW + 300));
    expect(s.archivedLines).toBe(s.snapshot().scrollback - EMULATOR_WINDOW);
    s.scrollToTop();
    expect(s.text()[0]).toBe('line 0');
    s.dispose();
  });

  it('archives a flood too, once output pauses if it came faster than the archive takes it', async () => {
    const s = new Screen({ cols: 40, rows: 5, scrollback: 100_000 });
    for (let i = 0; i < 60_000; i += 2000) await s.write(`${i ? '\r\n' : ''}${output(i, i + 2000)}`);
    await vi.waitFor(() => expect(s.archivedLines).toBe(s.snapshot().scrollback - EMULATOR_WINDOW), { timeout: 20_000 });
    expect(s.snapshot().scrollback).toBe(60_000 - 5);
    s.scrollToTop();
    expect(s.text()[0]).toBe('line 0');
    s.scrollBy(30_000);
    expect(s.text()[0]).toMatch(/^line 30000\b/);
    s.dispose();
  });

  it('reads cells straight from xterm exactly as through its API', async () => {
    // ASCII around wide, combined and astral characters, in and out of colour: each ends a stretch of ASCII.
    const mixed = 'ab日本cd e\u0301f \x1b[31mg🙂h\x1b[0m i\u200dj \x1b[1mk\x1b[0m';
    const s = await bareTerminal(30, 5, 1000, `${output(0, 50)}\r\n${mixed}\r\n\x1b[4:3mcurly\x1b[0m \x1b[53moverline\x1b[0m`);
    const b = s.buffer.active;
    const cell = b.getNullCell();
    for (let y = 0; y < b.length; y++) expect(readRunsFast(b.getLine(y)!, 30, cell), `line ${y}`).toEqual(readRuns(b.getLine(y)!, 30, cell));
    s.dispose();
  });
});
