// Footer messages: a notice on screen and its line in the activity log, for every service that
// reports to the user (the flows, the commands, start-up). Breaks the old Squad↔flows closure.
import type { Store } from './store.js';
import type { Notice } from './view-state.js';

export type Level = Notice['level'];

export interface Notices {
  /** Shows a message in the footer; the activity log keeps it whole. */
  notice(text: string, level?: Level): void;
  /** Adds to the footer's message rather than replacing it (start-up messages all stay readable). */
  add(text: string, level?: Level): void;
  /** The footer's message alone, for what the activity log holds already; `aboutPrompt` shows it over the waiting prompt. */
  show(text: string, level?: Level, aboutPrompt?: boolean): void;
  /** Clears the footer, or only when it still shows `text`. */
  clear(text?: string): void;
}

export function createNotices(store: Store, now: () => number = Date.now): Notices {
  const log = (text: string) => store.dispatch({ type: 'log/add', entry: { at: now(), text, kind: 'notice' } });
  return {
    notice(text, level = 'info') {
      store.dispatch({ type: 'notice', notice: { text, level } });
      log(text);
    },
    add(text, level = 'info') {
      const current = store.getState().view.notice;
      store.dispatch({ type: 'notice', notice: current ? { ...current, text: `${current.text} ${text}` } : { text, level } });
      log(text);
    },
    show(text, level = 'info', aboutPrompt = false) {
      store.dispatch({ type: 'notice', notice: { text, level, ...(aboutPrompt ? { aboutPrompt } : {}) } });
    },
    clear(text) {
      if (text === undefined || store.getState().view.notice?.text === text) store.dispatch({ type: 'notice', notice: undefined });
    },
  };
}
