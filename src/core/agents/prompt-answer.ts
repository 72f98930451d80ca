// How an answer reaches a prompt: the way the agent reads keys. A digit or shortcut is one write
// (Claude picks on a digit at once); anything else goes one key at a time, each seen on the
// screen before the next, since a program may read a burst as one key (Claude takes "Down Enter"
// in one read as Enter on the row already marked, which once declined trust as "Yes, I trust").
import { type DetectedPrompt, type OptionRole, type PromptOption, samePrompt } from './detect/index.js';

/** What the user chose, as the inbox keys say it. */
export type Choice =
  /** y / n: the prompt's own "yes" or "no" option (for a question without one: see `choose`). */
  | { readonly by: 'role'; readonly role: Extract<OptionRole, 'yes' | 'no'> }
  /** A digit: option N, exactly as N pressed in the agent. */
  | { readonly by: 'number'; readonly number: number }
  /** Text for the row that takes it ("Type something."). */
  | { readonly by: 'text'; readonly text: string };

/** The agent's screen as an answer needs it. */
export interface PromptPort {
  /** The prompt the live screen shows now. */
  read(): DetectedPrompt | undefined;
  write(data: string): void;
  /** The prompt on screen once `test` holds for it (checked at each screen change), or undefined after `ms`. */
  until(test: (p: DetectedPrompt | undefined) => boolean, ms: number): Promise<DetectedPrompt | undefined>;
}

export type Outcome =
  /** `closes`: the prompt is answered; a ticked box leaves a multi-select open. */
  | { readonly ok: true; readonly label: string; readonly closes: boolean }
  | { readonly ok: false; readonly reason: string };

/** How long one key may take to show on the screen. */
export const STEP_MS = 2000;

/** The pause between typed text and its Enter: a program may take a quick Enter as pasted (a new line). */
const ENTER_AFTER_TEXT_MS = 100;
const ARROW_UP = '\x1b[A';
const ARROW_DOWN = '\x1b[B';
const ENTER = '\r';

/** The option a choice stands for on this prompt, or why there is none. */
export function choose(prompt: DetectedPrompt, choice: Choice): PromptOption | string {
  const rows = prompt.options;
  if (choice.by === 'number') {
    return rows.find((o) => !o.action && o.number === choice.number) ?? `has no option ${choice.number}`;
  }
  if (choice.by === 'text') return rows.find((o) => o.free) ?? 'has no row for a typed answer';
  const byRole = rows.find((o) => o.role === choice.role);
  if (byRole) return byRole;
  // A tool prompt whose "no" row is out of view (a long command scrolls Codex's options away): its
  // cancel key says no in each of the three CLIs ("No, and tell Codex what to do differently (esc)").
  if (choice.role === 'no' && prompt.kind === 'tool' && prompt.cancelKeys) return { number: 0, label: 'No (Esc)', role: 'no', keys: prompt.cancelKeys, pick: 'keys', selected: false };
  // A multi-select question is sent with its Submit row.
  if (choice.role === 'yes' && prompt.multiSelect) return rows.find((o) => o.action) ?? 'has no Submit row';
  return prompt.kind === 'question' ? `asks a question: pick an option by its number` : `has no "${choice.role}" option`;
}

/**
 * With a text field of the prompt focused (Tab to amend, a question's free row), whether `choice`
 * would be typed into it: every key but typed text for an empty free row, which is what it takes.
 */
export function fieldTakesKeys(prompt: DetectedPrompt, choice: Choice): boolean {
  return !(choice.by === 'text' && prompt.options.find((o) => o.selected)?.free === true);
}

/** Picks `option` of `prompt` (typing `text` into a free row first). */
export async function pick(port: PromptPort, prompt: DetectedPrompt, option: PromptOption, text?: string): Promise<Outcome> {
  if (option.free) return typeAnswer(port, prompt, option, text ?? '');
  const toggles = prompt.multiSelect === true && option.checked !== undefined;
  if (option.pick === 'keys') {
    port.write(option.keys);
  } else {
    const moved = await moveTo(port, prompt, option);
    if (typeof moved === 'string') return { ok: false, reason: moved };
    port.write(ENTER);
  }
  if (!toggles) return { ok: true, label: option.head ?? option.label, closes: true };
  // A tick is seen on the screen before the next key may go.
  const index = prompt.options.indexOf(option);
  const seen = await port.until((p) => samePrompt(p, prompt) && p!.options[index]?.checked === !option.checked, STEP_MS);
  if (!seen) return { ok: false, reason: `the box of "${option.head ?? option.label}" did not change on the screen` };
  return { ok: true, label: `${option.checked ? 'unticked' : 'ticked'}: ${option.head ?? option.label}`, closes: false };
}

/** Moves the marker onto the option (a digit where it only moves there, else one arrow at a time). */
async function moveTo(port: PromptPort, prompt: DetectedPrompt, option: PromptOption): Promise<true | string> {
  const target = prompt.options.indexOf(option);
  const marked = (p: DetectedPrompt | undefined) => p?.options.findIndex((o) => o.selected) ?? -1;
  let current = prompt;
  for (let steps = 0; steps <= prompt.options.length * 2; steps++) {
    const at = marked(current);
    if (at === target) return true;
    if (at < 0) return 'its marker is not on screen';
    port.write(target > at ? ARROW_DOWN : ARROW_UP);
    const next = await port.until((p) => sameRows(p, prompt) && marked(p) !== at, STEP_MS);
    if (!next) return 'the marker did not move on the screen; nothing was picked';
    current = next;
  }
  return 'the marker did not reach the option; nothing was picked';
}

/**
 * Types into the free row. Its digit moves the marker there in a single-select question; in a
 * multi-select one a digit ticks the box instead, so the marker goes there with the arrows. Typing
 * ticks a multi-select row by itself (Enter would untick it): it stays open, to be sent with y.
 */
async function typeAnswer(port: PromptPort, prompt: DetectedPrompt, row: PromptOption, text: string): Promise<Outcome> {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return { ok: false, reason: 'the answer is empty; nothing was typed' };
  const index = prompt.options.indexOf(row);
  if (!row.selected) {
    const byDigit = row.pick === 'keys' && !prompt.multiSelect;
    if (byDigit) port.write(row.keys);
    const moved = byDigit
      ? await port.until((p) => sameRows(p, prompt) && p!.options[index]?.selected === true, STEP_MS)
      : await moveTo(port, prompt, row);
    if (!moved || typeof moved === 'string') return { ok: false, reason: typeof moved === 'string' ? moved : 'the marker did not reach the text row; nothing was typed' };
  }
  // The first character alone, seen in the row before the rest: until the row has the focus, Gemini
  // sets its field to each key it reads instead of adding it (a burst left "n" of "Green").
  // The free row's text, while the screen shows this question.
  const rowText = (p: DetectedPrompt | undefined) => (sameQuestion(p, prompt) ? flat(p!.options[index]?.label ?? '') : undefined);
  const empty = flat(row.label);
  port.write(line[0]!);
  const begun = await port.until((p) => {
    const text = rowText(p);
    return text !== undefined && text !== empty && text.startsWith(line[0]!);
  }, STEP_MS);
  if (!begun) return { ok: false, reason: 'the typed answer did not show in its row; Enter was not pressed' };
  if (line.length > 1) port.write(line.slice(1));
  // The row shows the text (wrapped, perhaps): its start is enough to know it went in whole.
  const start = line.slice(0, 24);
  const typed = await port.until((p) => rowText(p)?.includes(start) === true, STEP_MS);
  if (!typed) return { ok: false, reason: 'the typed answer did not show in its row; Enter was not pressed' };
  if (prompt.multiSelect) return { ok: true, label: `typed and ticked: ${line}`, closes: false };
  // Gemini takes an Enter within 30 ms of typed text as a new line in the field (a fast paste's).
  await new Promise((resolve) => setTimeout(resolve, ENTER_AFTER_TEXT_MS));
  port.write(ENTER);
  return { ok: true, label: line, closes: true };
}

/** The same prompt, though the free row's label may now be typed text. */
function sameRows(p: DetectedPrompt | undefined, prompt: DetectedPrompt): boolean {
  if (!p) return false;
  return samePrompt(p, prompt) || (sameQuestion(p, prompt) && p.options.every((o, i) => o.free || prompt.options[i]?.free || o.label === prompt.options[i]?.label));
}

function sameQuestion(p: DetectedPrompt | undefined, prompt: DetectedPrompt): boolean {
  return p !== undefined && p.kind === prompt.kind && p.tool === prompt.tool && p.question === prompt.question && p.options.length === prompt.options.length;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
