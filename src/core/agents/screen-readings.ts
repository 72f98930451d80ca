// One agent's screen as answers see it over time: each reading of it ends the waits it satisfies,
// the user's own keys into the agent make the next answer wait for the prompt to change, and a
// prompt that has only just appeared is told from one the user has had time to read.
import { Waits } from '../util/index.js';
import { type DetectedPrompt, samePrompt } from './detect/index.js';

/**
 * How long after the user's own key into an agent an answer waits for its prompt to change before
 * trusting its screen: Claude acts on a lone Esc only some 50 ms later, and until then still shows
 * the prompt the Esc dismisses.
 */
const TYPED_SETTLE_MS = 400;
/** How long a prompt that came right after an answer is shown before an answer is taken for it. */
const NEW_PROMPT_MS = 500;

export class ScreenReadings {
  private readonly waits = new Waits<DetectedPrompt | undefined>();
  /** The prompt of the last reading. */
  private current: DetectedPrompt | undefined;
  /** The user's last key into the agent, and the prompt on screen then. */
  private typed: { prompt: DetectedPrompt | undefined; at: number } | undefined;
  /** The prompt on screen and when it first showed. */
  private shown: { prompt: DetectedPrompt; at: number } | undefined;
  private answeredAt = -Infinity;

  constructor(private readonly now: () => number) {}

  /** The screen was read again (it changed): the waits its prompt satisfies end. */
  read(prompt: DetectedPrompt | undefined): void {
    this.current = prompt;
    if (!prompt) this.shown = undefined;
    else if (!samePrompt(this.shown?.prompt, prompt)) this.shown = { prompt, at: this.now() };
    this.waits.changed(prompt);
  }

  /**
   * `prompt` came up right after an answer and has not been on screen long enough to be read: a
   * key now is a second tap meant for the prompt before (two parallel tool calls ask one by one).
   */
  newSinceAnswer(prompt: DetectedPrompt): boolean {
    const shownFor = this.shown && samePrompt(this.shown.prompt, prompt) ? this.now() - this.shown.at : 0;
    return this.now() - this.answeredAt < NEW_PROMPT_MS && shownFor < NEW_PROMPT_MS;
  }

  /** The prompt shown was answered: the next one, even the same question again, is new. */
  answered(): void {
    this.shown = undefined;
    this.answeredAt = this.now();
  }

  /** The user typed into the agent's own panel. */
  typedInto(): void {
    this.typed = { prompt: this.current, at: this.now() };
  }

  /** The prompt once `test` holds for a reading (`current` is the one now), or undefined after `ms`. */
  until(current: DetectedPrompt | undefined, test: (p: DetectedPrompt | undefined) => boolean, ms: number): Promise<DetectedPrompt | undefined> {
    return test(current) ? Promise.resolve(current) : this.next(test, ms);
  }

  /**
   * Once the prompt on screen is no longer the one there when the user last typed into the agent,
   * or TYPED_SETTLE_MS after the key. Not at its next reading: a reading can come of output sent
   * before the key (Codex redraws its title every second during an approval), and take the prompt
   * the key is about to dismiss for the one on screen.
   */
  async afterTyping(): Promise<void> {
    const typed = this.typed;
    const left = typed ? typed.at + TYPED_SETTLE_MS - this.now() : 0;
    if (!typed || left <= 0 || !samePrompt(this.current, typed.prompt)) return;
    await this.next((p) => !samePrompt(p, typed.prompt), left);
  }

  /** The first later reading for which `test` holds, or undefined after `ms`. */
  next(test: (p: DetectedPrompt | undefined) => boolean, ms: number): Promise<DetectedPrompt | undefined> {
    return this.waits.next(test, ms);
  }
}
