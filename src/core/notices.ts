// The footer's message and the activity log's copy of it, in one service: every part of the core
// that tells the user something (commands, flows, the editor's return) goes through here.
import type { Store } from './store.js';

export type NoticeLevel = 'info' | 'warn' | 'error';

export interface Notices {
  /** Shows a message in the footer; the activity log keeps it whole. */
  notice(text: string, level?: NoticeLevel): void;
  /** Adds to the footer's message rather than replacing it (start-up messages all stay readable). */
  add(text: string, level?: NoticeLevel): void;
}

export function createNotices(store: Store, now: () => number = Date.now): Notices {
  const log = (text: string) => store.dispatch({ type: 'log/add', entry: { at: now(), text, kind: 'notice' } });
  return {
    notice(text, level = 'info') {
      store.dispatch({ type: 'notice', notice: { text, level } });
      log(text);
    },
    add(text, level = 'info') {
      const current = store.getState().notice;
      store.dispatch({ type: 'notice', notice: current ? { ...current, text: `${current.text} ${text}` } : { text, level } });
      log(text);
    },
  };
}
