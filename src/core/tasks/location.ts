// Where a repository's task list lives: beside git's own files in the common git directory, so all
// worktrees share it and it is never inside a working tree; outside a repository, in the platform's
// state directory under a name made from the directory.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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

function gitCommonDir(dir: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}
