// Reading one emulator line into styled runs (equal attributes merged), the form snapshots and
// the scrollback archive share.
import type { IBufferCell, IBufferLine } from '@xterm/headless';
import stringWidth from 'string-width';
import { Attr, type Color, DEFAULT_COLOR, type Run, TRUECOLOR } from './cell.js';

/** The line's first `cols` cells as runs; every cell counts, so the text is `cols` wide. */
export function readRuns(line: IBufferLine, cols: number, cell: IBufferCell): Run[] {
  const runs: Run[] = [];
  let text = '';
  let fg = DEFAULT_COLOR;
  let bg = DEFAULT_COLOR;
  let flags = 0;
  const flush = () => {
    if (text.length === 0) return;
    runs.push({ text, fg, bg, flags });
    text = '';
  };
  for (let x = 0; x < cols; x++) {
    if (!line.getCell(x, cell)) break;
    const width = cell.getWidth();
    if (width === 0) continue; // the right half of a wide character
    const cfg = cellFg(cell);
    const cbg = cellBg(cell);
    const cflags = cellFlags(cell);
    if (cfg !== fg || cbg !== bg || cflags !== flags) {
      flush();
      fg = cfg;
      bg = cbg;
      flags = cflags;
    }
    const chars = cell.getChars();
    if (chars === '') text += ' ';
    else if (chars.charCodeAt(0) < 0x7f && chars.length === 1) text += chars;
    else text += fitCell(chars, width);
  }
  flush();
  return runs;
}

/** xterm's own line (internal): three words a cell (content, foreground, background). */
interface RawLine {
  readonly _data: Uint32Array;
  readonly _combined: Record<number, string>;
  readonly length: number;
}

// xterm's cell layout (common/buffer/Constants.ts).
const CODEPOINT = 0x1fffff;
const COMBINED = 0x200000;
const WIDTH_SHIFT = 22;
const COLOR_MODE = 0x3000000;
const RGB_MODE = 0x3000000;
const HAS_EXTENDED = 0x10000000;
/** Background bits snapshots show: colour, mode, italic, dim. */
const SHOWN_BG = 0xfffffff;

const rawColor = (word: number): Color => {
  const mode = word & COLOR_MODE;
  if (mode === 0) return DEFAULT_COLOR;
  return mode === RGB_MODE ? TRUECOLOR | (word & 0xffffff) : word & 0xff;
};

/** Attr bits from xterm's flag bits (foreground: bold, underline, inverse, blink, invisible, strikethrough; background: dim, italic). */
const rawFlags = (fg: number, bg: number): number =>
  (fg & 0x8000000 ? Attr.bold : 0) |
  (bg & 0x8000000 ? Attr.dim : 0) |
  (bg & 0x4000000 ? Attr.italic : 0) |
  (fg & 0x10000000 ? Attr.underline : 0) |
  (fg & 0x4000000 ? Attr.inverse : 0) |
  (fg & 0x80000000 ? Attr.strikethrough : 0) |
  (fg & 0x40000000 ? Attr.invisible : 0) |
  (fg & 0x20000000 ? Attr.blink : 0);

/**
 * readRuns straight from xterm's cell words: several times faster, for archiving every line a
 * flood scrolls by. Lines with extended attributes (underline styles), or an xterm build laid out
 * otherwise, go through readRuns. `trimmed`: without the unstyled blank cells at the line's end
 * (what the archive keeps), which are then never read.
 */
export function readRunsFast(line: IBufferLine, cols: number, cell: IBufferCell, trimmed = false): Run[] {
  const raw = (line as unknown as { _line?: RawLine })._line;
  if (!raw || !(raw._data instanceof Uint32Array)) return readRuns(line, cols, cell);
  const data = raw._data;
  let end = Math.min(cols, raw.length);
  if (trimmed) while (end > 0 && plainBlank(data, end - 1)) end--;
  if (codes.length < end) codes = new Uint16Array(end);
  const runs: Run[] = [];
  let text = '';
  /** ASCII codes read since `text` was last extended, made into a string at once. */
  let pending = 0;
  let fgWord = 0;
  let bgWord = 0;
  for (let x = 0; x < end; x++) {
    const content = data[x * 3]!;
    const fg = data[x * 3 + 1]!;
    const bg = data[x * 3 + 2]!;
    if (bg & HAS_EXTENDED) return readRuns(line, cols, cell);
    const width = content >>> WIDTH_SHIFT;
    if (width === 0) continue;
    if ((fg !== fgWord || bg !== bgWord) && !sameStyle(fg, bg, fgWord, bgWord)) {
      text += fromCodes(pending);
      pending = 0;
      if (text.length > 0) runs.push({ text, fg: rawColor(fgWord), bg: rawColor(bgWord), flags: rawFlags(fgWord, bgWord) });
      text = '';
      fgWord = fg;
      bgWord = bg;
    }
    const code = content & CODEPOINT;
    if (code < 0x7f && !(content & COMBINED)) {
      codes[pending++] = code === 0 ? 32 : code;
      continue;
    }
    text += fromCodes(pending);
    pending = 0;
    text += content & COMBINED ? fitCell(raw._combined[x] ?? ' ', width) : fitCell(String.fromCodePoint(code), width);
  }
  text += fromCodes(pending);
  if (text.length > 0) runs.push({ text, fg: rawColor(fgWord), bg: rawColor(bgWord), flags: rawFlags(fgWord, bgWord) });
  return runs;
}

/**
 * The ASCII cells of a run, gathered here and made into one string: adding them one by one made
 * an object per character, most of what parsing a hidden agent's output allocated (so most of the
 * garbage collections that stand between a key and its echo).
 */
let codes = new Uint16Array(256);

function fromCodes(count: number): string {
  return count === 0 ? '' : String.fromCharCode.apply(null, codes.subarray(0, count) as unknown as number[]);
}

/** Cell `x` is a blank (never written, or a space) in the default colours and no attributes. */
function plainBlank(data: Uint32Array, x: number): boolean {
  const content = data[x * 3]!;
  const code = content & CODEPOINT;
  return (code === 0 || code === 32) && !(content & COMBINED) && rawColor(data[x * 3 + 1]!) === DEFAULT_COLOR && rawColor(data[x * 3 + 2]!) === DEFAULT_COLOR && rawFlags(data[x * 3 + 1]!, data[x * 3 + 2]!) === 0;
}

/** Words that differ only in bits snapshots do not show (protected, overline) look the same. */
function sameStyle(fg: number, bg: number, fg2: number, bg2: number): boolean {
  return fg === fg2 && (bg & SHOWN_BG) === (bg2 & SHOWN_BG);
}

const fitted = new Map<string, string>();

/**
 * The emulator and the layout engine (string-width) disagree on some characters (emoji with
 * VS16, lone regional indicators). Rows must measure exactly the panel width, so a cell's text is
 * adjusted to the width the emulator gave it.
 */
export function fitCell(chars: string, width: number): string {
  const key = `${width}${chars}`;
  const cached = fitted.get(key);
  if (cached !== undefined) return cached;
  let out = chars;
  if (stringWidth(out) !== width) {
    out = chars.replace(/[\uFE0E\uFE0F\u200D]/g, '');
    const w = stringWidth(out);
    if (w < width) out += ' '.repeat(width - w);
    else if (w > width) out = '\uFFFD'.padEnd(width, ' ');
  }
  if (fitted.size > 4096) fitted.clear();
  fitted.set(key, out);
  return out;
}

function cellFg(cell: IBufferCell): Color {
  if (cell.isFgDefault()) return DEFAULT_COLOR;
  return cell.isFgRGB() ? TRUECOLOR | cell.getFgColor() : cell.getFgColor();
}

function cellBg(cell: IBufferCell): Color {
  if (cell.isBgDefault()) return DEFAULT_COLOR;
  return cell.isBgRGB() ? TRUECOLOR | cell.getBgColor() : cell.getBgColor();
}

function cellFlags(cell: IBufferCell): number {
  if (cell.isAttributeDefault()) return 0;
  return (
    (cell.isBold() ? Attr.bold : 0) |
    (cell.isDim() ? Attr.dim : 0) |
    (cell.isItalic() ? Attr.italic : 0) |
    (cell.isUnderline() ? Attr.underline : 0) |
    (cell.isInverse() ? Attr.inverse : 0) |
    (cell.isStrikethrough() ? Attr.strikethrough : 0) |
    (cell.isInvisible() ? Attr.invisible : 0) |
    (cell.isBlink() ? Attr.blink : 0)
  );
}
