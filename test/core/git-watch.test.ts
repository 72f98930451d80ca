// GitWatch on a real repository: ref moves and worktree files are noticed without any timer.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitWatch } from '../../src/core/git/watch.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

let repo: TempRepo | undefined;
let watch: GitWatch | undefined;
afterEach(() => {
  watch?.close();
  repo?.cleanup();
});

function setup() {
  repo = tempRepo();
  const seen = { refs: 0, worktree: [] as string[] };
  watch = new GitWatch({ onRefs: () => seen.refs++, onWorktree: (id) => seen.worktree.push(id) });
  return { r: repo, w: watch, seen };
}

describe('GitWatch', () => {
  it('notices a commit on a branch and a remote ref that did not exist when watching began', async () => {
    const { r, w, seen } = setup();
    w.watchRepo(path.join(r.dir, '.git'));
    r.git('branch', 'squad/a');
    await waitFor(() => seen.refs > 0);
    seen.refs = 0;
    // No refs/remotes yet: a first push or fetch creates it.
    r.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await waitFor(() => seen.refs > 0);
  });

  it("tells which agent's worktree changed, also after its folder was made again at the same path", async () => {
    const { r, w, seen } = setup();
    const dir = path.join(path.dirname(r.dir), 'wt');
    mkdirSync(dir);
    w.watchWorktree('a', dir);
    writeFileSync(path.join(dir, 'one.txt'), '1');
    await waitFor(() => seen.worktree.includes('a'));
    // Paused and resumed: the folder is removed and created again where it was. The removal's
    // own events are let through first, so that only the new folder can report the next write.
    seen.worktree.length = 0;
    rmSync(dir, { recursive: true });
    await waitFor(() => seen.worktree.length > 0);
    await new Promise((resolve) => setImmediate(resolve));
    mkdirSync(dir);
    w.watchWorktree('a', dir);
    seen.worktree.length = 0;
    writeFileSync(path.join(dir, 'two.txt'), '2');
    await waitFor(() => seen.worktree.includes('a'));
    expect(new Set(seen.worktree)).toEqual(new Set(['a']));
  });
});
