// Whether a prompt's text field has the focus (Claude's Tab to amend, a question's "Type something."
// row with the marker on it): its program draws the field's cursor, an inverse cell, on the marked
// row, and a digit or letter sent then is typed into the field instead of picking an option. A
// hidden agent's program has been told it lost the focus and draws no cursor (Claude erases it):
// it is lent the focus while its prompt is read and answered, and told it lost it again after.
import type { SessionHost } from '../sessions/index.js';
import type { DetectedPrompt } from './detect/index.js';

/** How long a program lent the focus may take to draw again (screen events come 50 ms after output). */
const FOCUS_REDRAW_MS = 150;

export interface FocusedPrompt {
  /** The prompt as the agent shows it with the focus (undefined: it went meanwhile). */
  readonly prompt: DetectedPrompt | undefined;
  /** A text field of it has the focus. */
  readonly fieldOpen: boolean;
  /** Gives the focus back, once the answer's keys are sent. */
  release(): void;
}

export async function withFocus(
  host: Pick<SessionHost, 'lendFocus' | 'inverseOnRow'>,
  id: string,
  prompt: DetectedPrompt,
  read: () => DetectedPrompt | undefined,
  redrawn: (ms: number) => Promise<unknown>,
): Promise<FocusedPrompt> {
  // Only where the detector knows the program draws a field's cursor so (fieldCursor).
  if (prompt.fieldRow === undefined) return { prompt, fieldOpen: false, release: () => undefined };
  const open = (p: DetectedPrompt | undefined) => p?.fieldRow !== undefined && host.inverseOnRow(id, p.fieldRow);
  if (!host.lendFocus(id, true)) return { prompt, fieldOpen: open(prompt), release: () => undefined };
  // Readings until the cursor shows or the prompt goes, for at most FOCUS_REDRAW_MS: the first
  // may be of output from before the focus came.
  const deadline = performance.now() + FOCUS_REDRAW_MS;
  let now = read();
  for (let left = FOCUS_REDRAW_MS; now && !open(now) && left > 0; left = deadline - performance.now()) {
    await redrawn(left);
    now = read();
  }
  return { prompt: now, fieldOpen: open(now), release: () => void host.lendFocus(id, false) };
}
