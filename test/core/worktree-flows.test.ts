import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sameSubdirectory } from '../../src/core/worktree-flows.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'squadtui-subdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sameSubdirectory', () => {
  const repo = path.join(root, 'repo');
  const worktree = path.join(root, 'repo.squad', 'a');
  mkdirSync(path.join(repo, 'packages', 'web'), { recursive: true });
  mkdirSync(path.join(worktree, 'packages', 'web'), { recursive: true });

  it('runs an agent started in a subdirectory in the same subdirectory of its worktree', () => {
    expect(sameSubdirectory(path.join(repo, 'packages', 'web'), repo, worktree)).toBe(path.join(worktree, 'packages', 'web'));
  });

  it('uses the worktree root for the top level, a folder the branch lacks, or a directory outside', () => {
    expect(sameSubdirectory(repo, repo, worktree)).toBe(worktree);
    mkdirSync(path.join(repo, 'untracked-only'));
    expect(sameSubdirectory(path.join(repo, 'untracked-only'), repo, worktree)).toBe(worktree);
    expect(sameSubdirectory(root, repo, worktree)).toBe(worktree);
    expect(sameSubdirectory(repo, undefined, worktree)).toBe(worktree);
  });
});
