// Paths of worktrees: where an agent runs inside one, whether a folder is gone, what lies inside what.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Where in a worktree an agent asked to run in `dir` of the main checkout runs: the same subdirectory when it exists there. */
export function sameSubdirectory(dir: string, topLevel: string | undefined, worktree: string): string {
  if (!topLevel) return worktree;
  const rel = relativeInside(topLevel, dir);
  if (!rel) return worktree;
  const inside = path.join(worktree, rel);
  return existsSync(inside) ? inside : worktree;
}

/** "a, b, c, d, …": the first few of a list, for a line of text. */
export function firstFew(items: readonly string[], n = 4): string {
  return `${items.slice(0, n).join(', ')}${items.length > n ? ', …' : ''}`;
}

/** Whether a worktree folder was deleted (not merely unreadable or behind a broken link). */
export function folderGone(dir: string): boolean {
  try {
    lstatSync(dir);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

/** `dir` relative to `root` when it lies inside it (symlinks resolved on both sides), else undefined ('' is root itself). */
export function relativeInside(root: string, dir: string): string | undefined {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(root), real(dir));
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? undefined : rel;
}
