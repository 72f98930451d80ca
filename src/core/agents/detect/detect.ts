// detect(): an agent's state (and its prompt, when it asks) from the plain lines of its screen.
// Order of evidence: a whole prompt, then signs of work, then an idle layout; else unknown.
import { type CompiledDetector, type CompiledLayout, type CompiledSignal, type CompiledStep, compiled } from './compile.js';
import type { DetectorDefinition } from './definition.js';
import { readInline } from './inline.js';
import { isBlank, lastNonBlank } from './lines.js';
import { readMenu } from './menu.js';
import type { DetectedPrompt, Detection } from './types.js';

/**
 * Reads the bottom `definition.lines` lines of a screen (Screen.liveText()). Pure and cheap: a few
 * regex tests per line, regexes compiled once per definition.
 */
export function detect(lines: readonly string[], definition: DetectorDefinition | CompiledDetector): Detection {
  const d = compiled(definition);
  // The window ends at the last line with something on it: a shell or a fresh program draws at the
  // top of a tall screen, and the blank rows below are not "the bottom" of what it shows.
  const last = lastNonBlank(lines, 0, lines.length);
  if (last < 0) return { state: 'starting', detector: d.id };
  const end = last + 1;
  const start = Math.max(0, end - d.lines);

  const prompt = readPrompt(lines, start, end, d);
  if (prompt) return { state: 'permission', prompt, detector: d.id };
  for (const signal of d.working) if (signalled(lines, start, end, signal)) return { state: 'working', detector: d.id };
  for (const layout of d.busy) if (laidOut(lines, start, end, layout)) return { state: 'working', detector: d.id };
  for (const layout of d.idle) if (laidOut(lines, start, end, layout)) return { state: 'idle', detector: d.id };
  return { state: 'unknown', detector: d.id };
}

/** Just the prompt on screen, if any: for the check right before answering one. */
export function detectPrompt(lines: readonly string[], definition: DetectorDefinition | CompiledDetector): DetectedPrompt | undefined {
  const d = compiled(definition);
  const end = lastNonBlank(lines, 0, lines.length) + 1;
  return readPrompt(lines, Math.max(0, end - d.lines), end, d);
}

function readPrompt(lines: readonly string[], start: number, end: number, d: CompiledDetector): DetectedPrompt | undefined {
  for (const p of d.prompts) {
    const prompt = p.type === 'menu' ? readMenu(lines, start, end, p) : readInline(lines, start, end, p);
    if (prompt) return prompt;
  }
  return undefined;
}

function signalled(lines: readonly string[], start: number, end: number, signal: CompiledSignal): boolean {
  let seen = 0;
  for (let i = end - 1; i >= start && seen < signal.within; i--) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    seen++;
    if (signal.re.test(line)) return true;
  }
  return false;
}

/** The layout's last line within `below` non-blank lines of the bottom, the others above it in order. */
function laidOut(lines: readonly string[], start: number, end: number, layout: CompiledLayout): boolean {
  const steps = layout.steps;
  const last = steps[steps.length - 1]!;
  let seen = 0;
  for (let i = end - 1; i >= start; i--) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (last.re.test(line) && stepsAbove(lines, start, i, steps, steps.length - 2)) return true;
    if (++seen > layout.below) return false;
  }
  return false;
}

function stepsAbove(lines: readonly string[], start: number, at: number, steps: readonly CompiledStep[], k: number): boolean {
  if (k < 0) return true;
  const { gap, between } = steps[k + 1]!;
  for (let i = at - 1; i >= Math.max(start, at - 1 - gap); i--) {
    if (steps[k]!.re.test(lines[i]!) && stepsAbove(lines, start, i, steps, k - 1)) return true;
    if (between && !between.test(lines[i]!)) return false;
  }
  return false;
}
