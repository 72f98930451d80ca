// When the workspace looks at an agent's worktree again: keys first. Each look starts git
// processes, and node stops its event loop to fork each one (5 ms idle, 25 ms and more on a busy
// machine), so a background look waits while the user types; one the user asked for does not.
// The clock and the timers are fake; the git runs are counted, not made (test/core/git covers them).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorktreeService, type WorktreeReview } from '../../src/core/git/index.js';
import { createStoreOf, initialSquadState, reduceSquad } from '../../src/core/state/index.js';
import { KeyboardActivity, type Logger } from '../../src/core/util/index.js';
import { Workspace } from '../../src/core/workspace/workspace.js';

const log: Logger = { info: () => undefined, error: () => undefined, file: undefined };
const REVIEW: WorktreeReview = {
  status: { path: '/wt', branch: 'squad/coder', head: 'h', base: 'main', mergeBase: 'm', ahead: 0, behind: 0, files: 0, added: 0, removed: 0, uncommitted: false },
  files: [],
};

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

function squad() {
  const store = createStoreOf(initialSquadState(), reduceSquad);
  store.dispatch({ type: 'agent/info', info: { id: 'a-1', spec: { name: 'coder', command: 'x', args: [], cwd: '/wt' }, status: 'running', startedAt: 0 } });
  const service = new WorktreeService();
  const review = vi.spyOn(service, 'review').mockResolvedValue(REVIEW);
  const keyboard = new KeyboardActivity(() => Date.now());
  const workspace = new Workspace({ service, store, log, keyboard, now: () => Date.now() });
  workspace.attach('a-1', { path: '/wt', branch: 'squad/coder', base: 'main' });
  return { workspace, keyboard, review };
}

/** Lets time pass with a key every `everyMs` (none when undefined). */
async function pass(ms: number, keyboard: KeyboardActivity, everyMs?: number): Promise<void> {
  for (let t = 0; t < ms; t += everyMs ?? ms) {
    if (everyMs) keyboard.pressed();
    await vi.advanceTimersByTimeAsync(Math.min(everyMs ?? ms, ms - t));
  }
}

describe('refreshing a worktree while the user types', () => {
  it('waits for a second without keys, then looks once', async () => {
    const { workspace, keyboard, review } = squad();
    await vi.advanceTimersByTimeAsync(0);
    expect(review).toHaveBeenCalledTimes(1); // attached: looked at once

    keyboard.pressed();
    workspace.refresh('a-1'); // the agent drew: a look in 2 s
    workspace.refresh('a-1'); // folded into that one
    await pass(5000, keyboard, 200);
    expect(review).toHaveBeenCalledTimes(1);
    keyboard.pressed(); // the last key
    await pass(999, keyboard);
    expect(review).toHaveBeenCalledTimes(1);
    await pass(1, keyboard);
    expect(review).toHaveBeenCalledTimes(2);
  });

  it('waits at most 10 s for the keys to stop', async () => {
    const { workspace, keyboard, review } = squad();
    await vi.advanceTimersByTimeAsync(0);
    workspace.refresh('a-1', 300);
    await pass(300 + 9900, keyboard, 100);
    expect(review).toHaveBeenCalledTimes(1);
    await pass(200, keyboard, 100);
    expect(review).toHaveBeenCalledTimes(2);
  });

  it('looks at once when asked for now (a commit, a merge), keys or not', async () => {
    const { workspace, keyboard, review } = squad();
    await vi.advanceTimersByTimeAsync(0);
    workspace.refresh('a-1');
    await pass(3000, keyboard, 100);
    workspace.refresh('a-1', 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(review).toHaveBeenCalledTimes(2);
  });

  it('does not wait when no key came', async () => {
    const { workspace, keyboard, review } = squad();
    await vi.advanceTimersByTimeAsync(0);
    workspace.refresh('a-1');
    await pass(2000, keyboard);
    expect(review).toHaveBeenCalledTimes(2);
  });
});
