// The Ink patch (patches/ink+<version>.patch): applied to the Ink the tests run, baked into the
// bundle squadtui ships, and doing what each hunk says. Without it squadtui still runs, only slower
// (and a frame after one that ends with a newline drawn a row low), so no other test notices it.
import '../helpers/outside-ci.js';
import { readdirSync, readFileSync } from 'node:fs';
import xtermHeadless from '@xterm/headless';
import { Box, Text, Transform, render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { TerminalView } from '../../components/TerminalView.js';
import type { ScreenSnapshot } from '../../src/core/terminal/screen.js';
import { WindowScreen } from '../../src/host/window-io.js';
import { terminalCursor } from '../helpers/terminal-cursor.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const inkVersion = (JSON.parse(read('node_modules/ink/package.json')) as { version: string }).version;
const patchName = readdirSync(new URL('patches/', root)).find((name) => name.startsWith('ink+'));

interface Hunk {
  readonly file: string;
  readonly header: string;
  /** Each run of consecutive added lines, as it must appear in the patched file. */
  readonly added: readonly string[];
}

function hunks(patch: string): Hunk[] {
  const out: { file: string; header: string; added: string[] }[] = [];
  let file = '';
  let run: string[] = [];
  const endRun = () => {
    if (run.length > 0) out.at(-1)?.added.push(run.join('\n'));
    run = [];
  };
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ b/')) file = line.slice('+++ b/'.length);
    else if (line.startsWith('@@')) {
      endRun();
      out.push({ file, header: line, added: [] });
    } else if (line.startsWith('+') && out.length > 0) run.push(line.slice(1));
    else endRun();
  }
  endRun();
  return out;
}

const patch = patchName ? read(`patches/${patchName}`) : '';

describe('the Ink patch', () => {
  it('is written for the Ink installed, which package.json pins exactly', () => {
    expect(patchName).toBe(`ink+${inkVersion}.patch`);
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.ink).toBe(inkVersion);
  });

  it('is applied to node_modules/ink, every hunk, each with a comment on what it is for', () => {
    const all = hunks(patch);
    expect(all.length).toBeGreaterThan(0);
    const missing = all.flatMap((hunk) => hunk.added.filter((run) => !read(hunk.file).includes(run)).map((run) => `${hunk.file}: ${run}`));
    expect(missing).toEqual([]);
    const uncommented = all.filter((hunk) => !hunk.added.some((run) => run.includes('// squadtui patch')));
    expect(uncommented.map((hunk) => `${hunk.file} ${hunk.header}`)).toEqual([]);
  });

  it('is baked into the bundle in dist/ (built by npm test), every line of code it adds', () => {
    const bundle = ['dist/', 'dist/chunks/']
      .flatMap((dir) => readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.js')).map((f) => read(dir + f)))
      .join('\n');
    // esbuild drops comments, reformats (4000 → 4e3, const → var, x => … → (x) => …, undefined →
    // void 0, a last comma), requotes, renames clashing names (cache → cache2) and gives imported
    // bindings names of its own (ansiEscapes → base_exports).
    const squeeze = (code: string) =>
      code
        .replace(/\/\*\s*@__PURE__\s*\*\//g, '')
        .replace(/\b(?:const|let)\s/g, 'var ')
        .replace(/\bvoid 0\b/g, 'undefined')
        .replace(/\b(\d+)e(\d+)\b/g, (_, n: string, e: string) => String(Number(n) * 10 ** Number(e)))
        .replace(/\s+/g, '')
        .replace(/'/g, '"')
        .replace(/\(([\w$]+)\)=>/g, '$1=>');
    const flat = squeeze(bundle);
    const missing: string[] = [];
    let lines = 0;
    for (const hunk of hunks(patch)) {
      const imported = new Set([...read(hunk.file).matchAll(/^import\s+([^'"]+?)\s+from/gm)].flatMap((m) => m[1]!.match(/[A-Za-z_$][\w$]*/g) ?? []));
      const code = hunk.added.flatMap((run) => run.split('\n')).map((line) => line.trim());
      for (const line of code.filter((l) => l.length > 3 && !l.startsWith('//'))) {
        lines++;
        const pattern = squeeze(line)
          .replace(/[,;]$/, '')
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/[A-Za-z_$][\w$]*/g, (name) => (imported.has(name) ? '[\\w$]+' : `${name}\\d*`));
        if (!new RegExp(pattern).test(flat)) missing.push(`${hunk.file}: ${line}`);
      }
    }
    expect(lines).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

/** A terminal that was written `chunks`. */
async function terminal(chunks: readonly string[], rows = 6): Promise<InstanceType<typeof xtermHeadless.Terminal>> {
  // convertEol: a terminal's line discipline turns \n into \r\n.
  const term = new xtermHeadless.Terminal({ cols: 20, rows, allowProposedApi: true, convertEol: true });
  for (const chunk of chunks) await new Promise<void>((resolve) => term.write(chunk, resolve));
  return term;
}

/** Output written to a stream, as a terminal shows it. */
async function shown(chunks: readonly string[], rows = 6): Promise<string[]> {
  const buffer = (await terminal(chunks, rows)).buffer.active;
  return Array.from({ length: rows }, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '');
}

/** Where the cursor is after `chunks`, and whether it shows. */
async function cursorAfter(chunks: readonly string[]): Promise<{ x: number; y: number; shown: boolean }> {
  return terminalCursor(await terminal(chunks));
}

describe('what the Ink patch does', () => {
  it('log-update: a frame after one that ended with a newline starts on the same row', async () => {
    // Ink's module, by path (its package exports only the entry point).
    const { default: logUpdate } = (await import(new URL('node_modules/ink/build/log-update.js', root).href)) as {
      default: { create: (stream: { write: (s: string) => void }, options: { incremental: boolean }) => (s: string) => void };
    };
    const chunks: string[] = [];
    const update = logUpdate.create({ write: (s) => chunks.push(s) }, { incremental: true });
    update('a\nb\n');
    update('a\nc\n');
    expect((await shown(chunks)).slice(0, 3)).toEqual(['a', 'c', '']);
  });

  it('log-update: a pinned cursor moves at once and stays through the next frames; forgotten lines are written whole', async () => {
    const { default: logUpdate } = (await import(new URL('node_modules/ink/build/log-update.js', root).href)) as {
      default: {
        create: (stream: { write: (s: string) => void }, options: { incremental: boolean }) => ((s: string) => void) & {
          pinCursor: (p: { x: number; y: number } | undefined) => boolean;
          forgetLines: (from: number, to: number) => void;
        };
      };
    };
    const chunks: string[] = [];
    const update = logUpdate.create({ write: (s) => chunks.push(s) }, { incremental: true });
    const cursor = () => cursorAfter(chunks);
    update('a\nb\n');
    expect(update.pinCursor({ x: 1, y: 0 })).toBe(true);
    expect(await cursor()).toEqual({ x: 1, y: 0, shown: true });
    // Unpatched, a frame without setCursorPosition hides it.
    update('a\nc\n');
    expect(await cursor()).toEqual({ x: 1, y: 0, shown: true });
    expect(update.pinCursor({ x: 1, y: 0 })).toBe(false);
    expect(update.pinCursor(undefined)).toBe(true);
    expect((await cursor()).shown).toBe(false);
    // Someone draws over line 1; the same frame again rewrites it once forgotten.
    chunks.push('\x1b7\x1b[2;1Hzz\x1b8');
    update('a\nc\n');
    expect((await shown(chunks)).slice(0, 2)).toEqual(['a', 'zz']);
    update.forgetLines(1, 2);
    update('a\nc\n');
    expect((await shown(chunks)).slice(0, 2)).toEqual(['a', 'c']);
  });

  it('render: the instance passes a pinned cursor and forgotten lines to its log-update', async () => {
    const chunks: string[] = [];
    const stdout = new WindowScreen((data) => chunks.push(data.toString()), 20, 6).asStdout();
    const instance = inkRender(<Text>{'a\nb'}</Text>, { stdout, patchConsole: false, incrementalRendering: true, maxFps: 1000 }) as ReturnType<typeof inkRender> & {
      pinCursor: (p: { x: number; y: number } | undefined) => boolean;
      forgetLines: (from: number, to: number) => void;
    };
    try {
      expect(instance.pinCursor({ x: 1, y: 1 })).toBe(true);
      chunks.push('\x1b7\x1b[1;1Hzz\x1b8');
      instance.forgetLines(0, 1);
      instance.rerender(<Text>{'a\nb'}</Text>);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await shown(chunks)).slice(0, 2)).toEqual(['a', 'b']);
    } finally {
      instance.unmount();
    }
  });

  // The protocol TerminalView uses: a transform that says the row is final and this many columns wide.
  const prerendered = (width: number) => Object.assign((line: string) => line, { inkPrerendered: width });

  it('dom: a pre-rendered row is laid out as wide as it says, not measured', () => {
    const { lastFrame } = render(
      <Box borderStyle="single" alignSelf="flex-start">
        <Transform transform={prerendered(6)}>ab</Transform>
      </Box>,
    );
    expect(lastFrame()?.split('\n')[0]).toBe('┌──────┐');
  });

  const snapshot = (cols: number, ansi: string): ScreenSnapshot => ({
    cols, rows: 1, lines: [{ runs: [], ansi }], cursor: { x: 0, y: 0, visible: false }, scrollOffset: 0, scrollback: 0, altScreen: false,
  });

  it('render-node-to-output: a pre-rendered row is never wrapped, even in a narrower box', () => {
    const { lastFrame } = render(<TerminalView snapshot={snapshot(6, 'abcdef')} width={3} height={1} />);
    expect(lastFrame()).toBe('abcdef');
  });

  it('output: a pre-rendered row is placed whole, its SGR text byte for byte', () => {
    const row = '\x1b[1;31mab\x1b[0m';
    const { lastFrame } = render(<TerminalView snapshot={snapshot(2, row)} width={2} height={1} />);
    // Unpatched, Ink splits it into styled characters and writes their styles again its own way.
    expect(lastFrame()).toBe(row);
  });
});
