// Where a repository's task list lives: beside git's own files in the common git directory, so all
// worktrees share it and it is never inside a working tree; outside a repository, in the platform's
// state directory under a name made from the directory.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

export const TASKS_FILE = 'tasks.json';

export interface TasksLocation {
  readonly file: string;
  /** The repository's common git directory, when there is one. */
  readonly commonDir?: string;
}

/** The task file for work in `dir` (a repository, any of its worktrees, or a plain directory). */
export function tasksLocation(dir: string): TasksLocation {
  const commonDir = gitCommonDir(dir);
  if (commonDir) return { file: path.join(commonDir, 'squadtui', TASKS_FILE), commonDir };
  const resolved = path.resolve(dir);
  const key = `${path.basename(resolved) || 'root'}-${createHash('sha256').update(resolved).digest('hex').slice(0, 12)}`;
  return { file: path.join(envPaths('squadtui', { suffix: '' }).data, 'tasks', key, TASKS_FILE) };
}

/**
 * The repository's common git directory, found on disk as git itself finds it (no git process:
 * this runs before squadtui's first frame): `.git` is the directory, or a file naming a worktree's
 * git directory, whose `commondir` file leads to the common one. Git's own answer only where
 * GIT_DIR says otherwise. (A bare repository has no worktree to keep tasks for: keyed by folder.)
 */
function gitCommonDir(dir: string): string | undefined {
  if (process.env.GIT_DIR === undefined) {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
      const found = commonDirAt(path.join(d, '.git'));
      // As git says it: symbolic links resolved.
      if (found !== undefined) return realpathSync(found);
      if (path.dirname(d) === d) return undefined;
    }
  }
  try {
    const out = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

function commonDirAt(dotGit: string): string | undefined {
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const gitDir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (!gitDir) return undefined;
    const resolved = path.resolve(path.dirname(dotGit), gitDir);
    try {
      return path.resolve(resolved, readFileSync(path.join(resolved, 'commondir'), 'utf8').trim());
    } catch {
      return resolved;
    }
  } catch {
    return undefined;
  }
}
