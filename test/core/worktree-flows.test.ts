import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relativeInside, sameSubdirectory } from '../../src/core/workspace/flows.js';

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

describe('relativeInside', () => {
  const repo = path.join(root, 'inside');
  mkdirSync(path.join(repo, '..dots'), { recursive: true });
  mkdirSync(path.join(root, 'inside-sibling'), { recursive: true });
  symlinkSync(repo, path.join(root, 'link-to-inside'));

  it('tells a folder inside the repository (even one named "..dots", or reached through a symlink) from one outside', () => {
    expect(relativeInside(repo, repo)).toBe('');
    expect(relativeInside(repo, path.join(repo, '..dots'))).toBe('..dots');
    expect(relativeInside(repo, path.join(root, 'link-to-inside', '..dots'))).toBe('..dots');
    expect(relativeInside(repo, path.join(root, 'inside-sibling'))).toBeUndefined();
    expect(relativeInside(repo, root)).toBeUndefined();
  });
});
