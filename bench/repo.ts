// A throwaway git repository with one commit, as squadtui is used: each agent gets a worktree,
// beside it in the same temp folder, and everything goes with the folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function withTempRepo<T>(name: string, run: (repo: string) => Promise<T>): Promise<T> {
  const parent = mkdtempSync(path.join(os.tmpdir(), `squadtui-bench-${name}-`));
  const repo = path.join(parent, 'repo');
  mkdirSync(repo);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'bench');
  try {
    return await run(repo);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
