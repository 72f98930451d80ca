// Scrollback that has left the emulator. The emulator keeps 12 bytes for every cell of the width
// whatever a line holds; here a line is one string: its style runs in a short header, then its
// text without the blank cells at its end. Every BLOCK_LINES lines are packed into one compressed
// block (about 20 bytes a line of code, where the strings took 130), unpacked again to be read.
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import stringWidth from 'string-width';
import { type Color, DEFAULT_COLOR, type Run } from './cell.js';

/** First character of a line with styles; never in a row's text (cells hold no control characters). */
const STYLED = 1;
/** First character of a line without styles. */
const PLAIN_LINE = '\x02';
/** A style id meaning "this run's style is written out in full" (the style table is full). */
const INLINE = 0xffff;
/** Lines packed together: a block is unpacked (a few hundredths of a millisecond) to read any of them. */
const BLOCK_LINES = 256;

/** BLOCK_LINES lines, compressed: their strings joined, and where each one ends. */
interface Block {
  readonly data: Buffer;
  readonly ends: Uint32Array;
  /** Every character is Latin-1 (one byte each); else the text is packed as UTF-16. */
  readonly latin1: boolean;
}

function pack(lines: readonly string[]): Block {
  const text = lines.join('');
  const latin1 = !/[^\x00-\xff]/.test(text);
  const ends = new Uint32Array(lines.length);
  let end = 0;
  lines.forEach((line, i) => (ends[i] = end += line.length));
  const deflated = deflateRawSync(Buffer.from(text, latin1 ? 'latin1' : 'utf16le'), { level: zlib.Z_BEST_SPEED });
  // Copied: zlib hands back a view of its 16 KB output buffer, which would stay whole behind it.
  return { data: Buffer.from(deflated), ends, latin1 };
}

function unpack(block: Block): string[] {
  const text = inflateRawSync(block.data).toString(block.latin1 ? 'latin1' : 'utf16le');
  return Array.from(block.ends, (end, i) => text.slice(i === 0 ? 0 : block.ends[i - 1], end));
}

interface Style {
  readonly fg: Color;
  readonly bg: Color;
  readonly flags: number;
}

const PLAIN: Style = { fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0 };
const isPlain = (s: Style) => s.fg === DEFAULT_COLOR && s.bg === DEFAULT_COLOR && s.flags === 0;

export class LineArchive {
  /** Packed lines, oldest first; the first block's `dropped` oldest lines are no longer kept. */
  private blocks: Block[] = [];
  private dropped = 0;
  /** The newest lines, not packed yet (fewer than BLOCK_LINES). */
  private open: string[] = [];
  /** The block read last, unpacked: reading a screenful of lines unpacks it once. */
  private unpacked: { block: Block; lines: string[] } | undefined;
  private count = 0;
  /** Where the oldest line kept is in the program's whole output (lines archived before it). */
  private first = 0;
  private readonly styles: Style[] = [];
  private readonly styleIds = new Map<string, number>();

  constructor(readonly capacity: number) {}

  /** Index of the oldest line kept; lines are numbered from the first one ever archived. */
  get start(): number {
    return this.first;
  }

  /** Index the next archived line gets. */
  get end(): number {
    return this.first + this.count;
  }

  get length(): number {
    return this.count;
  }

  /** Drops every line kept (the program cleared its scrollback, or reset the terminal). */
  clear(): void {
    if (this.count === 0) return;
    this.blocks = [];
    this.dropped = 0;
    this.open = [];
    this.unpacked = undefined;
    this.first += this.count;
    this.count = 0;
  }

  /** `n` lines went by that are too old to keep: they, and every line kept before them, are gone. */
  skip(n: number): void {
    this.clear();
    this.first += n;
  }

  /** Forgets the `n` oldest lines kept. */
  dropOldest(n: number): void {
    let drop = Math.min(n, this.count);
    this.count -= drop;
    this.first += drop;
    while (drop > 0 && this.blocks.length > 0) {
      const left = this.blocks[0]!.ends.length - this.dropped;
      if (drop < left) {
        this.dropped += drop;
        return;
      }
      drop -= left;
      this.blocks.shift();
      this.dropped = 0;
    }
    if (drop > 0) this.open.splice(0, drop);
  }

  push(runs: readonly Run[]): void {
    if (this.capacity === 0) {
      this.first++;
      return;
    }
    this.open.push(this.encode(runs));
    this.count++;
    if (this.count > this.capacity) this.dropOldest(1);
    if (this.open.length === BLOCK_LINES) {
      this.blocks.push(pack(this.open));
      this.open = [];
    }
  }

  /** Line `index` (start ≤ index < end) as runs exactly `cols` wide: cut, or padded with blanks. */
  runs(index: number, cols: number): Run[] {
    return fitRuns(this.decode(this.line(index)), cols);
  }

  private line(index: number): string {
    if (index < this.first || index >= this.end) throw new RangeError(`line ${index} is not archived`);
    let at = index - this.first + this.dropped;
    for (const block of this.blocks) {
      if (at < block.ends.length) return this.linesOf(block)[at]!;
      at -= block.ends.length;
    }
    return this.open[at]!;
  }

  private linesOf(block: Block): string[] {
    if (this.unpacked?.block !== block) this.unpacked = { block, lines: unpack(block) };
    return this.unpacked.lines;
  }

  private encode(input: readonly Run[]): string {
    const runs = trimBlankEnd(input);
    if (runs.length === 0) return '';
    // join() copies into one flat string of its own (a one-part join would hand back the part:
    // a rope of every cell's text, or a slice keeping the whole row alive).
    if (runs.length === 1 && isPlain(runs[0]!)) return [PLAIN_LINE, runs[0]!.text].join('');
    const parts = [String.fromCharCode(STYLED), word(runs.length, 2)];
    for (const run of runs) {
      const id = this.styleId(run);
      parts.push(word(run.text.length, 2), word(id, 2));
      if (id === INLINE) parts.push(word(run.fg + 1, 4), word(run.bg + 1, 4), word(run.flags, 1));
    }
    for (const run of runs) parts.push(run.text);
    return parts.join('');
  }

  private decode(line: string): Run[] {
    if (line.length === 0) return [];
    if (line.charCodeAt(0) !== STYLED) return [{ text: line.slice(1), ...PLAIN }];
    let at = 1;
    const read = (chars: number) => {
      let n = 0;
      for (let i = chars - 1; i >= 0; i--) n = n * 256 + line.charCodeAt(at + i);
      at += chars;
      return n;
    };
    const spans: { length: number; style: Style }[] = [];
    for (let count = read(2); count > 0; count--) {
      const length = read(2);
      const id = read(2);
      const style = id === INLINE ? { fg: read(4) - 1, bg: read(4) - 1, flags: read(1) } : this.styles[id]!;
      spans.push({ length, style });
    }
    return spans.map(({ length, style }) => {
      const text = line.slice(at, at + length);
      at += length;
      return { text, ...style };
    });
  }

  private styleId(s: Style): number {
    const key = `${s.fg},${s.bg},${s.flags}`;
    let id = this.styleIds.get(key);
    if (id === undefined) {
      if (this.styles.length >= INLINE) return INLINE;
      id = this.styles.length;
      this.styles.push({ fg: s.fg, bg: s.bg, flags: s.flags });
      this.styleIds.set(key, id);
    }
    return id;
  }
}

/** `n` as `chars` characters of one byte each, lowest first (keeps the string one byte a character). */
function word(n: number, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += String.fromCharCode(n & 0xff);
    n = Math.floor(n / 256);
  }
  return out;
}

/** The runs without the unstyled blanks at the end of the line, which padding gives back. */
function trimBlankEnd(runs: readonly Run[]): readonly Run[] {
  const last = runs.at(-1);
  if (!last || !isPlain(last)) return runs;
  let end = last.text.length;
  while (end > 0 && last.text.charCodeAt(end - 1) === 32) end--;
  if (end === last.text.length) return runs;
  const rest = runs.slice(0, -1);
  return end > 0 ? [...rest, { ...last, text: last.text.slice(0, end) }] : rest;
}

const ASCII = /^[\x20-\x7e]*$/;
const textWidth = (text: string) => (ASCII.test(text) ? text.length : stringWidth(text));
let graphemes: Intl.Segmenter | undefined;

/** `text` cut to at most `room` columns (a wide character that would straddle the edge goes), padded to `room`. */
function cutToWidth(text: string, room: number): string {
  if (ASCII.test(text)) return text.slice(0, room);
  graphemes ??= new Intl.Segmenter();
  let out = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (width + w > room) break;
    out += segment;
    width += w;
  }
  return out + ' '.repeat(room - width);
}

/** Runs exactly `cols` wide: an archived line is cut at a narrower screen and padded on a wider one. */
export function fitRuns(runs: readonly Run[], cols: number): Run[] {
  const out: Run[] = [];
  let width = 0;
  for (const run of runs) {
    const w = textWidth(run.text);
    if (width + w <= cols) {
      out.push(run);
      width += w;
      continue;
    }
    const cut = cutToWidth(run.text, cols - width);
    if (cut.length > 0) out.push({ ...run, text: cut });
    width = cols;
    break;
  }
  if (width < cols) {
    const last = out.at(-1);
    const pad = ' '.repeat(cols - width);
    if (last && isPlain(last)) out[out.length - 1] = { ...last, text: last.text + pad };
    else out.push({ text: pad, ...PLAIN });
  }
  return out;
}
