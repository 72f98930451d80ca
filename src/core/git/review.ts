// Reviewing an agent's work against its base: the sidebar's numbers, the changed files, one diff.
// Everything is compared with the merge base, so commits that landed on the base since the agent
// started never show up as the agent's changes.
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from './deps.js';
import { BaseNotFoundError, BaseUnknownError, GitCommandError } from './errors.js';
import type { GitRunner } from './git.js';
import { type StatusV2, countLines, isBinaryDiff, parseDiffSummary, parseLeftRight, parseStatusV2, splitNul } from './porcelain.js';
import { samePath } from './refs.js';
import { type WorktreeContext, detectOperation, readHead, worktreeContext } from './repo.js';
import type { ChangedFile, FileDiff, WorktreeReview, WorktreeStatus } from './types.js';

/** Untracked files larger than this are not read to count their lines. */
const MAX_COUNTED_BYTES = 8 * 1024 * 1024;
/**
 * Untracked files whose lines are counted; the rest count as files only. An agent that ran
 * `npm install` without a .gitignore must not make every refresh read 100,000 files.
 */
const MAX_COUNTED_FILES = 2000;
/** Untracked files read at once. */
const PARALLEL_READS = 32;

export async function readStatus(git: GitRunner, cwd: string): Promise<StatusV2> {
  return parseStatusV2(await git.run(cwd, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all']));
}

export async function worktreeStatus(deps: Deps, worktree: string, explicitBase?: string): Promise<WorktreeStatus> {
  return (await reviewWorktree(deps, worktree, explicitBase)).status;
}

/**
 * The sidebar's numbers and the changed files behind them, from one set of git runs (3 or 4
 * processes, where asking for each apart took 5 to 7: each start of one stops squadtui's event
 * loop while node forks it, 5 ms idle and 25 ms or more on a busy machine).
 */
export async function reviewWorktree(deps: Deps, worktree: string, explicitBase?: string): Promise<WorktreeReview> {
  const ctx = await worktreeContext(worktree);
  const [st, base, operation] = await Promise.all([readStatus(deps.git, ctx.path), baseOf(deps, ctx, explicitBase), detectOperation(ctx.gitDir)]);
  const [found, counted] = await Promise.allSettled([
    mergeBaseOf(deps.git, ctx.path, base),
    deps.git.run(ctx.path, ['rev-list', '--left-right', '--count', '--end-of-options', `${base}...HEAD`]).then(parseLeftRight),
  ]);
  // Both fail for a missing base; the merge base's error says so in words.
  if (found.status === 'rejected') throw found.reason;
  if (counted.status === 'rejected') throw counted.reason;
  const mergeBase = found.value;
  const counts = counted.value;
  const files = await filesAgainst(deps.git, ctx.path, mergeBase, st);
  const status: WorktreeStatus = {
    path: ctx.path,
    ...(st.branch ? { branch: st.branch } : {}),
    head: st.oid ?? '',
    base,
    mergeBase,
    ahead: counts.right,
    behind: counts.left,
    files: files.length,
    added: files.reduce((n, f) => n + f.added, 0),
    removed: files.reduce((n, f) => n + f.removed, 0),
    uncommitted: st.entries.some((e) => e.kind !== 'ignored'),
    ...(operation ? { operation } : {}),
  };
  return { status, files };
}

export async function changedFiles(deps: Deps, worktree: string, explicitBase?: string): Promise<ChangedFile[]> {
  const ctx = await worktreeContext(worktree);
  const [st, base] = await Promise.all([readStatus(deps.git, ctx.path), baseOf(deps, ctx, explicitBase)]);
  return filesAgainst(deps.git, ctx.path, await mergeBaseOf(deps.git, ctx.path, base), st);
}

export async function fileDiff(deps: Deps, worktree: string, file: string | ChangedFile, explicitBase?: string): Promise<FileDiff> {
  const target = typeof file === 'string' ? { path: file } : file;
  const oldPath = 'oldPath' in target ? target.oldPath : undefined;
  const ctx = await worktreeContext(worktree);
  const base = await baseOf(deps, ctx, explicitBase);
  const [mergeBase, listed] = await Promise.all([
    mergeBaseOf(deps.git, ctx.path, base),
    // -t tags each path: "H" tracked, "?" untracked.
    deps.git.run(ctx.path, ['--literal-pathspecs', 'ls-files', '-t', '-z', '--cached', '--others', '--exclude-standard', '--', target.path]),
  ]);
  let text: string;
  if (splitNul(listed).includes(`? ${target.path}`)) {
    // A new file git does not know yet: shown as all-added, the way `git add` would show it.
    const args = ['diff', '--no-index', '--no-color', '--no-ext-diff', '--', '/dev/null', target.path];
    const result = await deps.git.attempt(ctx.path, args);
    if (result.exitCode > 1) throw new GitCommandError(args, result.exitCode, result.stderr, ctx.path);
    text = result.stdout;
  } else {
    const paths = oldPath ? [oldPath, target.path] : [target.path];
    text = await deps.git.run(ctx.path, ['--literal-pathspecs', 'diff', '--no-color', '--no-ext-diff', '-M', mergeBase, '--', ...paths]);
  }
  return { path: target.path, ...(oldPath ? { oldPath } : {}), binary: isBinaryDiff(text), text };
}

/** The base to compare a worktree against: the caller's, else the one recorded at creation. */
async function baseOf({ records }: Deps, ctx: WorktreeContext, explicit: string | undefined): Promise<string> {
  if (explicit?.trim()) return explicit.trim();
  const [head, all] = await Promise.all([readHead(ctx.gitDir), records.all(ctx.commonDir)]);
  const record = (head.branch !== undefined ? all[head.branch] : undefined) ?? Object.values(all).find((r) => samePath(r.path, ctx.path));
  if (!record) throw new BaseUnknownError(ctx.path);
  return record.base;
}

async function mergeBaseOf(git: GitRunner, cwd: string, base: string): Promise<string> {
  const result = await git.attempt(cwd, ['merge-base', '--end-of-options', base, 'HEAD']);
  if (result.exitCode === 0) return result.stdout.trim();
  if (result.exitCode === 1) {
    throw new GitCommandError(['merge-base', base, 'HEAD'], 1, `${base} and HEAD have no history in common`, cwd, 'Compare against a base this branch was made from.');
  }
  throw new BaseNotFoundError(base);
}

async function filesAgainst(git: GitRunner, cwd: string, mergeBase: string, st: StatusV2): Promise<ChangedFile[]> {
  // An agent that has neither committed nor touched a tracked file has no diff: skip the process.
  const tracked = st.oid !== mergeBase || st.entries.some((e) => e.kind !== 'untracked' && e.kind !== 'ignored');
  const [diff, untracked] = await Promise.all([
    tracked ? git.run(cwd, ['diff', '--raw', '--numstat', '-z', '-M', '--no-color', '--no-ext-diff', mergeBase, '--']) : '',
    untrackedFiles(
      cwd,
      st.entries.filter((e) => e.kind === 'untracked').map((e) => e.path),
    ),
  ]);
  return [...parseDiffSummary(diff), ...untracked];
}

/** Untracked files as changes, lines counted for the first MAX_COUNTED_FILES. */
async function untrackedFiles(cwd: string, files: readonly string[]): Promise<ChangedFile[]> {
  const counted: ChangedFile[] = [];
  const limit = Math.min(files.length, MAX_COUNTED_FILES);
  for (let i = 0; i < limit; i += PARALLEL_READS) {
    counted.push(...(await Promise.all(files.slice(i, Math.min(i + PARALLEL_READS, limit)).map((f) => untrackedFile(cwd, f)))));
  }
  const uncounted = files.slice(limit).map((f): ChangedFile => ({ path: f, change: 'untracked', added: 0, removed: 0, binary: false }));
  return [...counted, ...uncounted];
}

/** An untracked file as a change: all its lines added, as `git add` then `git diff` would count. */
async function untrackedFile(cwd: string, file: string): Promise<ChangedFile> {
  const full = path.join(cwd, file);
  const info = await lstat(full).catch(() => undefined);
  let counted = { lines: 0, binary: false };
  if (info?.isSymbolicLink()) counted = countLines(Buffer.from(await readlink(full)));
  else if (info?.isFile() && info.size <= MAX_COUNTED_BYTES) counted = countLines(await readFile(full).catch(() => Buffer.alloc(0)));
  else if (info?.isFile()) counted = { lines: 0, binary: true };
  return { path: file, change: 'untracked', added: counted.lines, removed: 0, binary: counted.binary };
}
