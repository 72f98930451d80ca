// Reads a menu prompt (Claude's permission prompts and trust dialog, and look-alikes) from the
// bottom of a screen. Every part must be in place — end line at the bottom, options contiguous
// under one marker, an opening line above — so a half-redrawn frame reads as no prompt at all.
import { normalizeKeySpec, keyBytes } from '../keys.js';
import { ARROW_DOWN, ARROW_UP, ENTER, type CompiledMenu } from './compile.js';
import { dedentParagraphs, indentOf, isBlank } from './lines.js';
import { buildPrompt, defaultKind, kindRuleOf, roleOf, toolOf } from './options.js';
import type { DetectedPrompt, PromptOption } from './types.js';

const NUMBERED = /^(\d{1,2})[.)]\s+(\S.*)$/u;

interface Item {
  text: string;
  selected: boolean;
}

/** Reads the menu in lines[start, end) or returns undefined. */
export function readMenu(source: readonly string[], start: number, end: number, m: CompiledMenu): DetectedPrompt | undefined {
  const lines = m.strip ? stripped(source, start, end, m.strip) : source;

  // The end line (footer) sits at the bottom, under at most `below` non-blank lines.
  let endIdx = -1;
  let seen = 0;
  let lastLine = -1;
  for (let i = end - 1; i >= start; i--) {
    if (isBlank(lines[i])) continue;
    if (lastLine < 0) lastLine = i;
    if (m.end === undefined) break;
    if (m.end.test(lines[i]!)) {
      endIdx = i;
      break;
    }
    if (++seen > m.below) return undefined;
  }
  if (lastLine < 0) return undefined;
  if (m.end === undefined) endIdx = lastLine + 1;
  if (endIdx < 0) return undefined;
  const floor = Math.max(start, endIdx - m.maxLines);

  // The selected option: the lowest line with the marker.
  let markerIdx = -1;
  let marker: RegExpExecArray | null = null;
  for (let i = endIdx - 1; i >= floor; i--) {
    marker = m.markerLine.exec(lines[i]!);
    if (marker) {
      markerIdx = i;
      break;
    }
    if (m.top.test(lines[i]!)) return undefined;
  }
  if (!marker) return undefined;
  const markerLine = lines[markerIdx]!;
  const markerText = marker[2]!;
  const itemCol = markerLine.length - markerText.length;
  const numbered = NUMBERED.test(markerText);

  // Options above the marker: same column; deeper lines continue the label of the option above them.
  const above: Item[] = [];
  let pending: string[] = [];
  let blockStart = markerIdx;
  for (let i = markerIdx - 1; i >= floor; i--) {
    const line = lines[i]!;
    if (isBlank(line)) break;
    const indent = indentOf(line);
    if (indent > itemCol) {
      pending.unshift(line.trim());
      continue;
    }
    if (indent < itemCol || (numbered && !NUMBERED.test(line.slice(indent)))) break;
    above.unshift({ text: [line.slice(indent).trimEnd(), ...pending].join(' '), selected: false });
    pending = [];
    blockStart = i;
  }

  // The marker's option and those below it, up to the end line.
  const items: Item[] = [...above, { text: markerText.trimEnd(), selected: true }];
  let blockEnd = markerIdx;
  for (let i = markerIdx + 1; i < endIdx; i++) {
    const line = lines[i]!;
    if (isBlank(line)) break;
    const indent = indentOf(line);
    if (indent > itemCol) {
      const last = items[items.length - 1]!;
      last.text = `${last.text} ${line.trim()}`;
    } else if (indent === itemCol && (!numbered || NUMBERED.test(line.slice(indent)))) {
      items.push({ text: line.slice(indent).trimEnd(), selected: false });
    } else {
      break;
    }
    blockEnd = i;
  }
  // Nothing but blank lines between the options and the end line; without an end line, at most
  // `below` status lines under the options.
  let trailing = 0;
  for (let i = blockEnd + 1; i < endIdx; i++) if (!isBlank(lines[i])) trailing++;
  if (trailing > (m.end === undefined ? m.below : 0)) return undefined;
  if (items.length < 2) return undefined;

  // Numbers run 1..N in order, or the menu is not numbered at all.
  const labels: string[] = [];
  for (let k = 0; k < items.length; k++) {
    const text = items[k]!.text;
    if (!numbered) {
      labels.push(text);
      continue;
    }
    const n = NUMBERED.exec(text);
    if (!n || Number(n[1]) !== k + 1) return undefined;
    labels.push(n[2]!);
  }

  // The opening line above the options, and the title it introduces.
  let topIdx = -1;
  for (let i = blockStart - 1; i >= floor; i--) {
    if (m.top.test(lines[i]!)) {
      topIdx = i;
      break;
    }
  }
  if (topIdx < 0) return undefined;
  let titleIdx = topIdx;
  if (!m.topIsTitle) {
    titleIdx = -1;
    for (let i = topIdx + 1; i < blockStart; i++) {
      if (!isBlank(lines[i])) {
        titleIdx = i;
        break;
      }
    }
    // A title is never deeper than the marker: a deeper line under a rule is some other frame's text.
    if (titleIdx < 0 || indentOf(lines[titleIdx]!) > marker[1]!.length) return undefined;
  }
  for (let i = topIdx; i <= Math.min(endIdx, end - 1); i++) {
    for (const f of m.forbid) if (f.test(lines[i]!)) return undefined;
  }

  let questionIdx = blockStart;
  if (m.question) {
    for (let i = blockStart - 1; i > titleIdx; i--) {
      if (isBlank(lines[i])) continue;
      if (m.question.test(lines[i]!)) questionIdx = i;
      break;
    }
  }
  const question = questionIdx < blockStart ? lines[questionIdx]!.trim() : '';
  const detailLines: string[] = [];
  for (let i = titleIdx + 1; i < questionIdx; i++) {
    const line = lines[i]!;
    if (m.decoration?.test(line)) detailLines.push('');
    else detailLines.push(line);
  }
  const detail = trimBlank(dedentParagraphs(detailLines));
  const title = lines[titleIdx]!.trim();

  const roles = labels.map((l) => roleOf(l, m));
  const kindRule = kindRuleOf([title, ...detail, question, ...labels], m);
  const pick = kindRule?.pick ?? m.pick;
  const selectedAt = items.findIndex((it) => it.selected);
  const options: PromptOption[] = labels.map((label, k) => ({
    number: k + 1,
    label,
    role: roles[k]!,
    keys: keysFor(label, k, selectedAt, numbered && pick === 'digit', m),
    selected: k === selectedAt,
  }));
  return buildPrompt({
    kind: kindRule?.kind ?? defaultKind(roles),
    title,
    tool: toolOf(title, m),
    detail,
    question,
    options,
    cancel: m.cancel,
  });
}

function keysFor(label: string, index: number, selectedAt: number, digits: boolean, m: CompiledMenu): string {
  const hint = m.shortcut?.exec(label);
  if (hint?.[1]) return keyBytes(normalizeKeySpec(hint[1]));
  if (digits && index < 9) return String(index + 1);
  const moves = index - selectedAt;
  return (moves > 0 ? ARROW_DOWN.repeat(moves) : ARROW_UP.repeat(-moves)) + ENTER;
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
