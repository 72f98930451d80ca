// Branches, worktrees, configuration and bases of one repository, read in as few git processes as possible.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { BaseNotFoundError, NoCommitsError } from './errors.js';
import type { GitRunner } from './git.js';
import { parseConfigList, parseWorktreeList } from './porcelain.js';
import type { BaseKind, BaseRef, HeadState, WorktreeEntry } from './types.js';

export interface Refs {
  /** Local branches by short name, to commit id. */
  readonly heads: ReadonlyMap<string, string>;
  /** Remote-tracking branches by short name (origin/main), to commit id. */
  readonly remotes: ReadonlyMap<string, string>;
}

export async function listRefs(git: GitRunner, cwd: string): Promise<Refs> {
  const out = await git.run(cwd, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/remotes']);
  const heads = new Map<string, string>();
  const remotes = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const sha = line.slice(0, space);
    const ref = line.slice(space + 1);
    if (ref.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), sha);
    else if (ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD')) remotes.set(ref.slice('refs/remotes/'.length), sha);
  }
  return { heads, remotes };
}

/** Every configuration value git sees here (all scopes), by key; one process that always prints. */
export async function readConfig(git: GitRunner, cwd: string): Promise<Map<string, string[]>> {
  return parseConfigList(await git.run(cwd, ['config', '-z', '--list']));
}

export async function listWorktrees(git: GitRunner, cwd: string): Promise<WorktreeEntry[]> {
  return parseWorktreeList(await git.run(cwd, ['worktree', 'list', '--porcelain', '-z']));
}

/**
 * What the user picked as a base, made exact: a local branch, a remote-tracking branch (origin/main)
 * or any commit-ish (a commit id, a tag, HEAD~2), the last pinned to its commit id. No base means
 * HEAD: its branch, or its commit when detached.
 */
export async function resolveBase(git: GitRunner, cwd: string, head: HeadState, refs: Refs, requested?: string): Promise<BaseRef> {
  const wanted = requested?.trim();
  if (!wanted) {
    if (head.kind === 'branch') return { name: head.branch, kind: 'branch', sha: head.sha };
    if (head.kind === 'detached') return { name: head.sha, kind: 'commit', sha: head.sha };
    throw new NoCommitsError(cwd);
  }
  // Looked up in our own list first: a tag with the same name as a branch would win in rev-parse.
  const local = wanted.replace(/^refs\/heads\//, '');
  const localSha = refs.heads.get(local);
  if (localSha) return { name: local, kind: 'branch', sha: localSha };
  const remote = wanted.replace(/^refs\/remotes\//, '');
  const remoteSha = refs.remotes.get(remote);
  if (remoteSha) return { name: remote, kind: 'remote-branch', sha: remoteSha };
  if (wanted.startsWith('-')) throw new BaseNotFoundError(wanted);
  const result = await git.attempt(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${wanted}^{commit}`]);
  const sha = result.stdout.trim();
  if (result.exitCode !== 0 || !sha) throw new BaseNotFoundError(wanted);
  return { name: sha, kind: 'commit' satisfies BaseKind, sha };
}

export async function pathExists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

export function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}
