// What one cell of an agent's screen looks like: colours and attributes in a compact form.

/** Colour of a cell: -1 default, 0..255 palette, TRUECOLOR | 0xRRGGBB. */
export type Color = number;
export const DEFAULT_COLOR = -1;
export const TRUECOLOR = 0x1000000;

export const Attr = {
  bold: 1, dim: 2, italic: 4, underline: 8, inverse: 16, strikethrough: 32, invisible: 64, blink: 128,
} as const;

export interface Run {
  readonly text: string;
  readonly fg: Color;
  readonly bg: Color;
  readonly flags: number;
}
