import { describe, expect, it } from 'vitest';
import type { RemovalImpact } from '../../src/core/git/index.js';
import { conflictQuestion, mergedText, pauseBody, removalBody, shortBase } from '../../src/core/workspace/messages.js';

const impact = (patch: Partial<RemovalImpact> = {}): RemovalImpact =>
  ({ branch: 'squad/coder', path: '/w/coder', base: 'main', uncommitted: [], unmergedCount: 0, unmergedCommits: [], ignored: [], needsConfirmation: false, ...patch }) as RemovalImpact;

describe('what the worktree flows say', () => {
  it('lists what closing keeps, commits and deletes', () => {
    const body = removalBody(impact({ uncommitted: [{ change: 'modified', path: 'a.ts' }] as never, unmergedCount: 1, unmergedCommits: [{ sha: 'abcdef1234', subject: 'fix' }] as never, ignored: ['.env'] }), true);
    expect(body).toEqual([
      'The branch squad/coder is kept. The worktree /w/coder is removed.',
      'It is still running: closing ends it and everything it started.',
      'Uncommitted changes (1) will be committed to squad/coder as a WIP commit:',
      '  modified  a.ts',
      '1 commit is not merged into main:',
      '  abcdef1 fix',
      'Ignored files deleted with the worktree: .env',
    ]);
  });

  it('names the restart key in the pause question', () => {
    expect(pauseBody(impact(), false, 'R')).toEqual([
      'Commits nothing (no uncommitted changes; squad/coder has all its work), and removes the folder /w/coder.',
      'R brings the worktree back from the branch and restarts the agent (Claude continues its conversation).',
    ]);
  });

  it('says how a merge went, push included; a conflict is a question that only informs', () => {
    expect(mergedText({ kind: 'fast-forward', branch: 'squad/coder', into: 'main', push: { status: 'pushed', remote: 'origin' } } as never)).toBe('Merged squad/coder into main (fast-forward); pushed to origin.');
    expect(mergedText({ kind: 'up-to-date', branch: 'squad/coder', into: 'main', sha: 'x' })).toBe('main already has everything from squad/coder.');
    const q = conflictQuestion({ kind: 'conflict', branch: 'squad/coder', into: 'main', files: ['a.ts'], details: [] } as never);
    expect(q).toMatchObject({ info: true, onYes: { kind: 'none' }, title: 'squad/coder conflicts with main: nothing was changed' });
  });

  it('drops a remote’s name from the base only when it is a remote here', () => {
    expect(shortBase('origin/main', ['origin'])).toBe('main');
    expect(shortBase('feature/x', ['origin'])).toBe('feature/x');
  });
});
