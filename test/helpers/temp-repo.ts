// Real git repositories in temp directories for tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempRepo {
  readonly dir: string;
  git(...args: string[]): string;
  write(file: string, content: string): void;
  cleanup(): void;
}

/** A repository with one commit on main, and an identity for commits (CI machines may have none). */
export function tempRepo(name = 'repo'): TempRepo {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'squadtui-repo-'));
  const dir = path.join(parent, name);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } }).trim();
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  writeFileSync(path.join(dir, 'README.md'), 'hello\n');
  git('add', '.');
  git('commit', '-qm', 'init');
  return {
    dir,
    git,
    write: (file, content) => writeFileSync(path.join(dir, file), content),
    cleanup: () => rmSync(parent, { recursive: true, force: true }),
  };
}

export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
