// Replaying recorded pty streams through the emulator for the detector stream tests: whole
// sessions chunk by chunk with their timing and hook events, and frames cut mid-redraw.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { type DetectedPrompt, type Detection, type DetectorDefinition, detect, samePrompt } from '../../src/core/agents/detect/index.js';
import { Screen } from '../../src/core/terminal/screen.js';

export interface Chunk {
  readonly t: number;
  readonly data: Buffer;
}

export interface Hook {
  readonly event: string;
  readonly t_ms: number;
  readonly payload: Record<string, unknown> & { tool_name?: string; tool_input?: Record<string, string>; details?: Record<string, string> };
}

export interface Reading {
  readonly t: number;
  readonly d: Detection;
  /** Read inside a synchronized update (DEC 2026): a half-drawn frame no terminal would show. */
  readonly sync: boolean;
}

export const newScreen = () => new Screen({ cols: 120, rows: 40 });

export function fixtures(dir: string) {
  const files = readdirSync(dir);
  const bytes = (file: string): Buffer => readFileSync(path.join(dir, file));
  const text = (file: string): string[] => readFileSync(path.join(dir, file), 'utf8').split('\n');
  const sessions = files.filter((f) => f.endsWith('.session.raw')).map((f) => f.slice(0, -'.session.raw'.length)).sort();
  const chunks = (session: string): Chunk[] => {
    const raw = bytes(`${session}.session.raw`);
    return text(`${session}.session.timing`)
      .filter((l) => l.trim())
      .map((line) => {
        const [t, offset, length] = line.split(' ').map(Number) as [number, number, number];
        return { t, data: raw.subarray(offset, offset + length) };
      });
  };
  const hooks = (session: string): Hook[] =>
    text(`${session}.hooks.jsonl`)
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Hook);
  return { files, bytes, text, sessions, chunks, hooks };
}

/**
 * Snapshots written one after another from a whole frame: each renders to its .txt (trailing
 * spaces aside) and reads the same prompt as the .txt does.
 */
export async function checkWholeChain(chain: readonly string[], fx: ReturnType<typeof fixtures>, detector: DetectorDefinition): Promise<void> {
  const screen = newScreen();
  for (const name of chain) {
    await screen.write(fx.bytes(`${name}.raw`));
    const rendered = screen.liveText();
    const trim = (ls: readonly string[]) => ls.map((l) => l.trimEnd()).join('\n').trimEnd();
    expect(trim(rendered)).toBe(trim(fx.text(`${name}.txt`)));
    const a = detect(rendered, detector);
    const b = detect(fx.text(`${name}.txt`), detector);
    expect(a.state).toBe(b.state);
    if (b.prompt) expect(samePrompt(a.prompt, b.prompt)).toBe(true);
  }
  screen.dispose();
}

/** The detection after each chunk of a session, with its time. */
export async function replay(chunks: readonly Chunk[], detector: DetectorDefinition): Promise<Reading[]> {
  const screen = newScreen();
  const out: Reading[] = [];
  for (const c of chunks) {
    await screen.write(c.data);
    out.push({ t: c.t, d: detect(screen.liveText(), detector), sync: screen.modes.synchronizedOutput });
  }
  screen.dispose();
  return out;
}

/** Readings in (from, to]; `whole`: only those of frames a terminal would show. */
export const between = (states: readonly Reading[], from: number, to: number, whole = false) =>
  states.filter((s) => s.t > from && s.t <= to && !(whole && s.sync)).map((s) => s.d);

/**
 * Writes every chunk around a prompt cut before each escape sequence and line move (every
 * half-drawn state the emulator can show) and checks that any prompt read from such a frame is the
 * one a whole frame showed just before or just after: never another prompt's command or options.
 * Inside a synchronized update (DEC 2026, which Codex wraps every frame in) a terminal shows
 * nothing until it ends; a reading there may mix two prompts' rows, but then it is no prompt any
 * whole frame showed, so no answer queued for one can match it. Returns how many cuts were read.
 */
export async function checkTornFrames(
  chunks: readonly Chunk[],
  whole: readonly Pick<Reading, 'd'>[],
  detector: DetectorDefinition,
  accept: TornAccept = {},
): Promise<number> {
  const same = accept.same ?? sameAnswerable;
  const unshown = accept.unshown ?? ((_p: DetectedPrompt, screen: Screen) => screen.modes.synchronizedOutput);
  const shown = whole.flatMap((w) => (w.d.prompt ? [w.d.prompt] : []));
  const screen = newScreen();
  let cuts = 0;
  for (const [k, c] of chunks.entries()) {
    const before = whole[k - 1]?.d.prompt;
    const after = whole[k]!.d.prompt;
    if (!before && !after) {
      await screen.write(c.data);
      continue;
    }
    let from = 0;
    for (let i = 1; i < c.data.length; i++) {
      const b = c.data[i];
      if (b !== 0x1b && b !== 0x0d && b !== 0x0a) continue;
      await screen.write(c.data.subarray(from, i));
      from = i;
      cuts++;
      const d = detect(screen.liveText(), detector);
      if (!d.prompt) continue;
      const ok = same(d.prompt, before) || same(d.prompt, after) || (unshown(d.prompt, screen) && !shown.some((p) => samePrompt(p, d.prompt)));
      expect(ok, `cut at byte ${i} of chunk ${k}: ${d.prompt.title} / ${d.prompt.subject}`).toBe(true);
    }
    await screen.write(c.data.subarray(from));
  }
  screen.dispose();
  return cuts;
}

/**
 * What a torn reading may be: the same as far as an answer goes as the whole frame before or after
 * it (`same`), or, where `unshown` allows, a mix that no whole frame showed (so no queued answer can
 * match it). By default: the same prompt and keys; a mix only inside a synchronized update.
 */
export interface TornAccept {
  readonly same?: (a: DetectedPrompt, b: DetectedPrompt | undefined) => boolean;
  readonly unshown?: (p: DetectedPrompt, screen: Screen) => boolean;
}

/** The same prompt as far as an answer goes: what it asks about, and every option's label, role and keys. */
function sameAnswerable(a: DetectedPrompt, b: DetectedPrompt | undefined): boolean {
  if (!b || !samePrompt(a, b)) return false;
  return a.subject === b.subject && a.options.every((o, i) => o.keys === b.options[i]!.keys || o.pick === 'navigate');
}
