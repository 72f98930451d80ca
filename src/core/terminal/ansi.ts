// Screen rows back to SGR-styled strings, the form Ink's <Text> draws fastest (one node per row).
import { Attr, DEFAULT_COLOR, type Run, TRUECOLOR } from './cell.js';

function colorParams(color: number, base: number, brightBase: number, extended: number): string {
  if (color === DEFAULT_COLOR) return '';
  if (color >= TRUECOLOR) {
    const rgb = color & 0xffffff;
    return `;${extended};2;${rgb >> 16};${(rgb >> 8) & 0xff};${rgb & 0xff}`;
  }
  if (color < 8) return `;${base + color}`;
  if (color < 16) return `;${brightBase + color - 8}`;
  return `;${extended};5;${color}`;
}

const FLAG_CODES: readonly [number, string][] = [
  [Attr.bold, ';1'], [Attr.dim, ';2'], [Attr.italic, ';3'], [Attr.underline, ';4'],
  [Attr.blink, ';5'], [Attr.inverse, ';7'], [Attr.invisible, ';8'], [Attr.strikethrough, ';9'],
];

export function sgr(fg: number, bg: number, flags: number): string {
  let params = '0';
  if (flags !== 0) for (const [bit, code] of FLAG_CODES) if (flags & bit) params += code;
  params += colorParams(fg, 30, 90, 38) + colorParams(bg, 40, 100, 48);
  return `\x1b[${params}m`;
}

export function runsToAnsi(runs: readonly Run[]): string {
  let out = '';
  let styled = false;
  for (const run of runs) {
    const plain = run.fg === DEFAULT_COLOR && run.bg === DEFAULT_COLOR && run.flags === 0;
    if (plain) {
      if (styled) out += '\x1b[0m';
      styled = false;
    } else {
      out += sgr(run.fg, run.bg, run.flags);
      styled = true;
    }
    out += run.text;
  }
  return styled ? `${out}\x1b[0m` : out;
}
