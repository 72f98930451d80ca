// The option rows of a menu around its marker: numbered rows ("❯ 1. Yes"), the lines that carry
// on their labels or describe them, unnumbered action rows ("Submit") and the rules drawn between
// rows ("4. Chat about this" under a rule). Unnumbered menus keep one row per line at one column.
import type { CompiledMenu } from './compile.js';
import { indentOf, isBlank } from './lines.js';

/** "1. Yes"; in a narrow panel Claude may leave out the space ("2.Yes, and always allow…"). */
export const NUMBERED = /^(\d{1,2})[.)]\s*(\S.*)$/u;

export interface MenuRow {
  text: string;
  /** The row's own line, without the lines under it (a description, or the rest of a wrapped label). */
  head: string;
  selected: boolean;
  /** An unnumbered row inside a numbered menu, matched by the definition's `action`. */
  action: boolean;
}

export interface MenuBlock {
  readonly rows: MenuRow[];
  readonly numbered: boolean;
  /** The column the rows' text starts at (after the marker). */
  readonly column: number;
  /** First and last line of the rows. */
  readonly start: number;
  readonly end: number;
}

/**
 * Reads the rows around the marker line in lines[floor, endIdx). `markerText` is what follows the
 * marker; the rows' column is where it starts, or the column of the numbered rows above when the
 * marker sits on an action row.
 */
export function readBlock(
  lines: readonly string[],
  floor: number,
  endIdx: number,
  markerIdx: number,
  markerText: string,
  m: CompiledMenu,
): MenuBlock | undefined {
  const isAction = (text: string) => m.action?.test(text.trim()) === true;
  let numbered = NUMBERED.test(markerText);
  let itemCol = lines[markerIdx]!.length - markerText.length;
  const markerIsAction = !numbered && isAction(markerText);
  if (markerIsAction) {
    const row = nearestNumberedAbove(lines, floor, markerIdx);
    if (row < 0) return undefined;
    numbered = true;
    itemCol = indentOf(lines[row]!);
  }
  const isRow = (line: string) => indentOf(line) === itemCol && (!numbered || NUMBERED.test(line.slice(itemCol)));
  // A rule between rows belongs to the menu only when rows go on past it.
  const separatorAt = (i: number, next: number) =>
    m.separator !== undefined && m.separator.test(lines[i]!) && next >= floor && next < endIdx && !isBlank(lines[next]) && indentOf(lines[next]!) >= itemCol;

  const above: MenuRow[] = [];
  let pending: string[] = [];
  let start = markerIdx;
  for (let i = markerIdx - 1; i >= floor; i--) {
    const line = lines[i]!;
    if (isBlank(line)) break;
    if (separatorAt(i, i - 1)) continue;
    const indent = indentOf(line);
    const text = line.slice(indent).trimEnd();
    if (isRow(line)) {
      above.unshift({ text: [text, ...pending].join(' '), head: text, selected: false, action: false });
      pending = [];
      start = i;
    } else if (numbered && indent > itemCol && isAction(text)) {
      above.unshift({ text, head: text, selected: false, action: true });
      pending = [];
      start = i;
    } else if (indent > itemCol || (numbered && indent === itemCol)) {
      // Carries on the label of the row above it (numbered menus also describe rows at their column).
      pending.unshift(line.trim());
    } else {
      break;
    }
  }

  const rows: MenuRow[] = [...above, { text: markerText.trimEnd(), head: markerText.trimEnd(), selected: true, action: markerIsAction }];
  let end = markerIdx;
  for (let i = markerIdx + 1; i < endIdx; i++) {
    const line = lines[i]!;
    if (isBlank(line)) break;
    if (separatorAt(i, i + 1)) continue;
    const indent = indentOf(line);
    const text = line.slice(indent).trimEnd();
    if (isRow(line)) rows.push({ text, head: text, selected: false, action: false });
    else if (numbered && indent > itemCol && isAction(text)) rows.push({ text, head: text, selected: false, action: true });
    else if (indent > itemCol || (numbered && indent === itemCol)) {
      const last = rows[rows.length - 1]!;
      if (last.action) break;
      last.text = `${last.text} ${line.trim()}`;
    } else break;
    end = i;
  }
  return { rows, numbered, column: itemCol, start, end };
}

function nearestNumberedAbove(lines: readonly string[], floor: number, from: number): number {
  for (let i = from - 1; i >= floor; i--) {
    const line = lines[i]!;
    if (isBlank(line)) return -1;
    if (NUMBERED.test(line.trimStart())) return i;
  }
  return -1;
}
