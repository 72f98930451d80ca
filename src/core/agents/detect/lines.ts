// Small helpers over screen lines that allocate nothing for the common checks.

const NON_BLANK = /\S/;

export function isBlank(line: string | undefined): boolean {
  return line === undefined || !NON_BLANK.test(line);
}

/** Column of the first non-space character (the line's length when blank). */
export function indentOf(line: string): number {
  const i = line.search(NON_BLANK);
  return i < 0 ? line.length : i;
}

/** Index of the last non-blank line in [start, end), or -1. */
export function lastNonBlank(lines: readonly string[], start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (!isBlank(lines[i])) return i;
  return -1;
}

/** Removes the indentation all non-blank lines share, and trailing spaces. */
export function dedent(lines: readonly string[]): string[] {
  let common = Infinity;
  for (const l of lines) if (!isBlank(l)) common = Math.min(common, indentOf(l));
  if (common === Infinity) common = 0;
  return lines.map((l) => (isBlank(l) ? '' : l.slice(common).trimEnd()));
}

/** Dedents each paragraph (runs of non-blank lines) on its own; blank lines become "". */
export function dedentParagraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !isBlank(lines[i])) continue;
    if (i > from) out.push(...dedent(lines.slice(from, i)));
    if (i < lines.length) out.push('');
    from = i + 1;
  }
  return out;
}
