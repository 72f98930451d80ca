// Cutting text to terminal columns (wide characters count twice), for rows of a fixed width.
import stringWidth from 'string-width';

export const ELLIPSIS = '…';

/** Printable ASCII: one column a character, no need to ask string-width (slow: it segments graphemes). */
const NARROW = /^[\x20-\x7e]*$/;

export function widthOf(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

/** `text` cut to at most `width` columns, with an ellipsis where it was cut. */
export function cutTo(text: string, width: number): string {
  if (width <= 0) return '';
  if (widthOf(text) <= width) return text;
  if (NARROW.test(text)) return text.slice(0, width - 1) + ELLIPSIS;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + ELLIPSIS;
}

/** `text` cut or padded with spaces to exactly `width` columns. */
export function fitTo(text: string, width: number): string {
  const cut = cutTo(text, width);
  return cut + ' '.repeat(Math.max(0, width - widthOf(cut)));
}
