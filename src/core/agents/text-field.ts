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
  const lent = host.lendFocus(id, true);
  if (lent) await redrawn(FOCUS_REDRAW_MS);
  const now = lent ? read() : prompt;
  return {
    prompt: now,
    fieldOpen: now?.fieldRow !== undefined && host.inverseOnRow(id, now.fieldRow),
    release: () => void (lent && host.lendFocus(id, false)),
  };
}
