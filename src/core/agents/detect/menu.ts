// Reads a menu prompt (Claude's permission prompts and trust dialog, and look-alikes) from the
// bottom of a screen. Every part must be in place — end line at the bottom, options contiguous
// under one marker, an opening line above — so a half-redrawn frame reads as no prompt at all.
import { normalizeKeySpec, keyBytes } from '../../terminal/index.js';
import { ARROW_DOWN, ARROW_UP, ENTER, type CompiledMenu } from './compile.js';
import { dedentParagraphs, indentOf, isBlank } from './lines.js';
import { type MenuBlock, type MenuRow, NUMBERED, readBlock } from './menu-block.js';
import { buildPrompt, defaultKind, kindRuleOf, roleOf, toolOf } from './options.js';
import type { DetectedPrompt, PromptOption } from './types.js';

/** Reads the menu in lines[start, end) or returns undefined. */
export function readMenu(source: readonly string[], start: number, end: number, m: CompiledMenu): DetectedPrompt | undefined {
  const lines = m.strip ? stripped(source, start, end, m.strip) : source;
  const endIdx = findEnd(lines, start, end, m);
  if (endIdx < 0) return undefined;
  const floor = Math.max(start, endIdx - m.maxLines);
  const found = findMarker(lines, floor, endIdx, m);
  if (!found) return undefined;
  const block = readBlock(lines, floor, endIdx, found.index, found.marker[2]!, m);
  if (!block) return undefined;
  // Nothing but blank lines between the options and the end line; without an end line, at most
  // `below` status lines under the options.
  let trailing = 0;
  for (let i = block.end + 1; i < endIdx; i++) if (!isBlank(lines[i])) trailing++;
  if (trailing > (m.end === undefined ? m.below : 0)) return undefined;
  if (block.rows.length < 2 || (m.numbered && !block.numbered)) return undefined;
  const parsed = numberRows(block.rows, block.numbered, m);
  if (!parsed) return undefined;
  const opening = findTitle(lines, floor, block, m);
  if (!opening) return undefined;
  for (let i = opening.top; i <= Math.min(endIdx, end - 1); i++) {
    for (const f of m.forbid) if (f.test(lines[i]!)) return undefined;
  }
  const { question, detail } = readText(lines, opening.title, block.start, m);
  const title = lines[opening.title]!.trim();
  if (m.when && !m.when.test(title) && !m.when.test(question)) return undefined;

  const kindRule = kindRuleOf([title, ...detail, question, ...parsed.map((p) => p.label)], m);
  const options = optionsOf(parsed, block.numbered && (kindRule?.pick ?? m.pick) === 'digit', m);
  if (m.lastRole && options.at(-1)?.role !== m.lastRole) return undefined;
  return buildPrompt({
    kind: kindRule?.kind ?? defaultKind(options.map((o) => o.role)),
    title,
    about: m.subject ? subjectOf(title, detail, m.subject) : undefined,
    tool: toolOf(title, m),
    detail,
    question,
    options,
    cancel: m.cancel,
    multiSelect: options.some((o) => o.checked !== undefined),
    ...(m.fieldCursor ? { fieldRow: source.length - 1 - found.index } : {}),
  });
}

/**
 * The subject named by the title or a detail line (group 1, or the first group that matched), with
 * the rest of its paragraph when it is a detail line: a command wrapped onto the lines under it.
 */
function subjectOf(title: string, detail: readonly string[], subject: RegExp): { subject: string; input: string } | undefined {
  const named = (line: string) => {
    const hit = subject.exec(line);
    return hit?.slice(1).find((g) => g !== undefined)?.trim();
  };
  const inTitle = named(title);
  if (inTitle) return { subject: inTitle, input: inTitle };
  for (const [k, line] of detail.entries()) {
    const first = named(line);
    if (!first) continue;
    const rest: string[] = [];
    for (const more of detail.slice(k + 1)) {
      if (more === '') break;
      rest.push(more.trim());
    }
    return { subject: first, input: [first, ...rest].join('\n') };
  }
  return undefined;
}

/**
 * The end line (footer) sits at the bottom, under at most `below` non-blank lines; in a narrow
 * panel it may wrap onto up to `endWraps` lines under it. Returns its index (one under the last
 * line for a menu without an end line), or -1.
 */
function findEnd(lines: readonly string[], start: number, end: number, m: CompiledMenu): number {
  let seen = 0;
  let lastLine = -1;
  for (let i = end - 1; i >= start; i--) {
    if (isBlank(lines[i])) continue;
    if (lastLine < 0) lastLine = i;
    if (m.end === undefined) break;
    if (endsHere(lines, i, lastLine, m)) return i;
    if (++seen > m.below + m.endWraps) return -1;
  }
  if (lastLine < 0 || m.end !== undefined) return -1;
  return lastLine + 1;
}

/** The selected option: the lowest line with the marker, above the end and under any opening line. */
function findMarker(lines: readonly string[], floor: number, endIdx: number, m: CompiledMenu): { index: number; marker: RegExpExecArray } | undefined {
  for (let i = endIdx - 1; i >= floor; i--) {
    const marker = m.markerLine.exec(lines[i]!);
    if (marker) return { index: i, marker };
    // A rule drawn between two rows is not the prompt's top.
    if (m.top.test(lines[i]!) && !(m.separator?.test(lines[i]!) && !isBlank(lines[i - 1]))) return undefined;
  }
  return undefined;
}

/** Numbers run 1..N in order (action rows aside), or the menu is not numbered at all. */
function numberRows(rows: readonly MenuRow[], numbered: boolean, m: CompiledMenu): Row[] | undefined {
  const parsed: Row[] = [];
  let n = 0;
  for (const row of rows) {
    if (row.action) {
      parsed.push({ number: 0, ...labelOf(row.text, m), head: row.head, row });
      continue;
    }
    n++;
    if (!numbered) {
      parsed.push({ number: n, ...labelOf(row.text, m), head: labelOf(row.head, m).label, row });
      continue;
    }
    const num = NUMBERED.exec(row.text);
    if (!num || Number(num[1]) !== n) return undefined;
    parsed.push({ number: n, ...labelOf(num[2]!, m), head: ownPart(labelOf(NUMBERED.exec(row.head)?.[2] ?? num[2]!, m).label), row });
  }
  return parsed;
}

/** The opening line above the options, and the title it introduces (the same line when `topIsTitle`). */
function findTitle(lines: readonly string[], floor: number, block: MenuBlock, m: CompiledMenu): { top: number; title: number } | undefined {
  let top = -1;
  for (let i = block.start - 1; i >= floor; i--) {
    if (m.top.test(lines[i]!)) {
      top = i;
      break;
    }
  }
  if (top < 0) return undefined;
  if (m.topIsTitle) return { top, title: top };
  let title = -1;
  for (let i = top + 1; i < Math.min(block.start, top + 2 + m.titleGap); i++) {
    if (!isBlank(lines[i])) {
      title = i;
      break;
    }
  }
  // A title starts left of the options: a line as deep under a rule is some other frame's text.
  if (title < 0 || indentOf(lines[title]!) >= block.column) return undefined;
  return { top, title };
}

/** The question right above the options (for menus that have one), and the detail between the title and it. */
function readText(lines: readonly string[], titleIdx: number, blockStart: number, m: CompiledMenu): { question: string; detail: string[] } {
  let questionIdx = blockStart;
  if (m.question) {
    for (let i = blockStart - 1; i > titleIdx; i--) {
      if (isBlank(lines[i]) || m.hint?.test(lines[i]!)) continue;
      if (m.question.test(lines[i]!)) questionIdx = i;
      break;
    }
  }
  const question = questionIdx < blockStart ? lines[questionIdx]!.trim() : '';
  const detailLines: string[] = [];
  for (let i = titleIdx + 1; i < questionIdx; i++) {
    const line = lines[i]!;
    if (m.hint?.test(line)) continue;
    if (m.decoration?.test(line)) detailLines.push('');
    else detailLines.push(line);
  }
  return { question, detail: trimBlank(dedentParagraphs(detailLines)) };
}

/** The options as a prompt offers them: how each is picked (`digits`: by its number) and what it means. */
function optionsOf(parsed: readonly Row[], digits: boolean, m: CompiledMenu): PromptOption[] {
  const selectedAt = parsed.findIndex((p) => p.row.selected);
  return parsed.map((p, k) => {
    const direct = directKeys(p, digits, m);
    return {
      number: p.number,
      label: p.label,
      ...(p.head !== p.label ? { head: p.head } : {}),
      role: p.row.action ? 'other' : roleOf(p.label, m),
      keys: direct ?? moves(k - selectedAt) + ENTER,
      pick: direct === undefined ? 'navigate' : 'keys',
      selected: p.row.selected,
      ...(p.checked !== undefined ? { checked: p.checked } : {}),
      ...(m.free?.test(p.label) ? { free: true } : {}),
      ...(p.row.action ? { action: true } : {}),
    };
  });
}

interface Row {
  number: number;
  label: string;
  head: string;
  checked?: boolean;
  row: MenuRow;
}

/** A row's own label without the description set beside it in a column ("Blue   Cool and calm", Codex's questions). */
function ownPart(head: string): string {
  return head.split(/ {2,}/, 1)[0]!;
}

/** A label without its check box ("[✔] Small"), and whether the box is ticked. */
function labelOf(text: string, m: CompiledMenu): { label: string; checked?: boolean } {
  const box = m.check?.exec(text);
  if (!box) return { label: text };
  return { label: text.slice(box[0].length), checked: !/^\s*$/u.test(box[1] ?? '') };
}

/** The keys that pick an option at once (its shortcut, or its digit), if it has any. */
function directKeys(p: Row, digits: boolean, m: CompiledMenu): string | undefined {
  const hint = m.shortcut?.exec(p.label);
  if (hint?.[1]) return keyBytes(normalizeKeySpec(hint[1]));
  if (digits && !p.row.action && p.number >= 1 && p.number <= 9) return String(p.number);
  return undefined;
}

function moves(n: number): string {
  return n > 0 ? ARROW_DOWN.repeat(n) : ARROW_UP.repeat(-n);
}

/**
 * Whether line i is the end line: alone, or joined with the lines it wrapped onto (contiguous, at
 * most `endWraps`), with at most `below` other lines under it.
 */
function endsHere(lines: readonly string[], i: number, lastLine: number, m: CompiledMenu): boolean {
  let text = lines[i]!;
  for (let k = 0; k <= m.endWraps; k++) {
    if (k > 0) {
      const next = lines[i + k];
      if (i + k > lastLine || isBlank(next)) return false;
      text = `${text.trimEnd()} ${next!.trim()}`;
    }
    if (!m.end!.test(text)) continue;
    let under = 0;
    for (let j = i + k + 1; j <= lastLine; j++) if (!isBlank(lines[j])) under++;
    if (under <= m.below) return true;
  }
  return false;
}

function stripped(lines: readonly string[], start: number, end: number, strip: RegExp): string[] {
  // Indexes stay those of the screen so callers' ranges still apply.
  const out = new Array<string>(end);
  for (let i = start; i < end; i++) out[i] = lines[i]!.replace(strip, '');
  return out;
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a] === '') a++;
  while (b > a && lines[b - 1] === '') b--;
  return lines.slice(a, b);
}
