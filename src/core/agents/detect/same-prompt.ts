// Whether two readings show the same prompt: the guard that keeps an answer from landing on a
// prompt that has gone (or been replaced) since it was queued.
import type { DetectedPrompt } from './types.js';

/**
 * Same kind, title, tool, detail, question and options (number, label, role). Where the marker
 * sits and the keys that follow from it are ignored: moving the marker does not make a new
 * prompt, nor does ticking a box (a multi-select option, or a question's tab in the title:
 * "☐ Sizes" → "☒ Sizes"). Whitespace runs are compared as one space, so a rewrap after a resize
 * still matches.
 */
export function samePrompt(a: DetectedPrompt | undefined, b: DetectedPrompt | undefined): boolean {
  if (!a || !b) return false;
  if (a.kind !== b.kind || unticked(a.title) !== unticked(b.title) || a.tool !== b.tool) return false;
  if (flat(a.question) !== flat(b.question)) return false;
  if (flat(a.detail.join(' ')) !== flat(b.detail.join(' '))) return false;
  if (a.options.length !== b.options.length) return false;
  return a.options.every((o, i) => {
    const p = b.options[i]!;
    return o.number === p.number && o.role === p.role && flat(o.label) === flat(p.label) && o.action === p.action;
  });
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unticked(title: string): string {
  return title.replace(/[☐☒]/gu, '☐');
}
