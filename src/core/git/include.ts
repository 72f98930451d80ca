// Copies the ignored files an agent needs (.env and the like) into its new worktree. Which ones is
// said by `.worktreeinclude` at the repository root, in .gitignore syntax; git itself matches the
// patterns, so negation, anchoring and directory patterns behave exactly as in .gitignore. As with
// Claude Code's file of the same name, only files git ignores are copied: a copied file that git
// does not ignore would be committed to the agent's branch, and from there merged.
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readlink, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { GitRunner } from './git.js';
import { splitNul } from './porcelain.js';
import type { IncludeResult } from './types.js';

export const INCLUDE_FILE = '.worktreeinclude';

/** Files copied at once: enough to hide latency, few enough to stay clear of file-handle limits. */
const PARALLEL_COPIES = 16;

/**
 * Copies the ignored files of `source` (a working tree root) that match its .worktreeinclude into
 * `target`, keeping their directories. Never overwrites a file already in `target`, never copies
 * anything under .git, never writes outside `target`; a matching file that is not ignored, or that
 * cannot be copied, is reported in `skipped`, not thrown.
 */
export async function copyIncludedFiles(git: GitRunner, source: string, target: string): Promise<IncludeResult> {
  const patterns = path.join(source, INCLUDE_FILE);
  const hasPatterns = await lstat(patterns).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!hasPatterns) return { patterns: false, copied: [], skipped: [] };
  // --others lists files git does not track, ignored or not; --ignored with only our exclude file
  // keeps those matching our patterns. Tracked files are already in the worktree.
  const [listed, isIgnored] = await Promise.all([git.run(source, ['ls-files', '--others', '--ignored', '-z', `--exclude-from=${patterns}`]), ignoredTest(git, source)]);
  // Nested repositories show up as "dir/": their contents are another repository's business.
  const matching = splitNul(listed).filter((f) => !f.endsWith('/') && !f.split('/').includes('.git'));
  const files = matching.filter(isIgnored);
  const root = await realpath(target);
  const copied: string[] = [];
  const skipped: { path: string; reason: string }[] = matching
    .filter((f) => !isIgnored(f))
    .map((f) => ({ path: f, reason: 'git does not ignore it, so the agent would commit it; add it to .gitignore to have it copied' }));
  for (let i = 0; i < files.length; i += PARALLEL_COPIES) {
    await Promise.all(
      files.slice(i, i + PARALLEL_COPIES).map(async (file) => {
        try {
          const reason = await copyOne(source, root, file);
          if (reason) skipped.push({ path: file, reason });
          else copied.push(file);
        } catch (error) {
          skipped.push({ path: file, reason: (error as Error).message });
        }
      }),
    );
  }
  copied.sort();
  skipped.sort((a, b) => a.path.localeCompare(b.path));
  return { patterns: true, copied, skipped };
}

/**
 * Whether an untracked file is ignored by the repository's own rules (.gitignore and co.). git
 * lists what it ignores, a directory as "dir/" when everything in it is ignored, so this costs one
 * process however many files node_modules holds.
 */
async function ignoredTest(git: GitRunner, source: string): Promise<(file: string) => boolean> {
  const listed = splitNul(await git.run(source, ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z']));
  const files = new Set(listed.filter((f) => !f.endsWith('/')));
  const dirs = listed.filter((f) => f.endsWith('/'));
  return (file) => files.has(file) || dirs.some((dir) => file.startsWith(dir));
}

/** Copies one file or symlink; returns why it was skipped, or undefined when copied. */
async function copyOne(source: string, root: string, file: string): Promise<string | undefined> {
  const from = path.join(source, file);
  const to = path.join(root, file);
  const info = await lstat(from);
  if (!info.isFile() && !info.isSymbolicLink()) return 'not a regular file';
  await mkdir(path.dirname(to), { recursive: true });
  // A directory in the worktree may be a symlink pointing elsewhere; never write through it.
  const dir = await realpath(path.dirname(to));
  if (dir !== root && !dir.startsWith(root + path.sep)) return 'its directory leads outside the worktree';
  try {
    if (info.isSymbolicLink()) await symlink(await readlink(from), to);
    else await copyFile(from, to, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'already in the worktree';
    throw error;
  }
  return undefined;
}
