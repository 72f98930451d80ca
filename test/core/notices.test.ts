import { describe, expect, it } from 'vitest';
import { createNotices, createStore, initialState } from '../../src/core/state/index.js';

describe('Notices', () => {
  it('shows a notice in the footer and keeps it in the activity log', () => {
    const store = createStore(initialState({ cols: 100, rows: 30 }));
    const notices = createNotices(store, () => 42);
    notices.notice('Saved.');
    notices.notice('Careful.', 'warn');
    expect(store.getState().view.notice).toEqual({ text: 'Careful.', level: 'warn' });
    expect(store.getState().squad.log).toEqual([
      { at: 42, text: 'Saved.', kind: 'notice' },
      { at: 42, text: 'Careful.', kind: 'notice' },
    ]);
  });

  it('adds to the footer message rather than replacing it, keeping its level', () => {
    const store = createStore(initialState({ cols: 100, rows: 30 }));
    const notices = createNotices(store);
    notices.add('First.');
    notices.notice('Settings problem.', 'warn');
    notices.add('No worktrees here.');
    expect(store.getState().view.notice).toEqual({ text: 'Settings problem. No worktrees here.', level: 'warn' });
    expect(store.getState().squad.log.map((e) => e.text)).toEqual(['First.', 'Settings problem.', 'No worktrees here.']);
  });
});
