// Cutting text to terminal columns (wide characters count twice), for rows of a fixed width.
import stringWidth from 'string-width';

export const ELLIPSIS = '…';

export function widthOf(text: string): number {
  return stringWidth(text);
}

/** `text` cut to at most `width` columns, with an ellipsis where it was cut. */
export function cutTo(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
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
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}
