// The demo squad's own repository: a small sample project in a temporary directory, so that its
// worktrees and squad/* branches never land in a repository of the user's (squadtui's own clone,
// for a newcomer running `npm start`). Its worktrees folder is inside the same directory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from '../core/pty/index.js';
import { seedDemoTasks } from './tasks.js';

const SAMPLE: Record<string, string> = {
  'README.md': '# demo-app\n\nA sample project for the squadtui demo squad. It lives in a throwaway directory that squadtui removes when it quits.\n',
  'package.json': `${JSON.stringify({ name: 'demo-app', version: '0.1.0', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2)}\n`,
  'src/signup.ts': 'export function signup(form: { name?: string; email?: string }) {\n  if (!form.name) throw new Error("name is required");\n  return { name: form.name, email: form.email };\n}\n',
  'src/dates.ts': 'export function parseDate(text: string): Date {\n  const [day, month, year] = text.split("/").map(Number);\n  return new Date(year, month - 1, day);\n}\n',
  'test/signup.test.ts': 'import { expect, test } from "vitest";\nimport { signup } from "../src/signup.js";\n\ntest("signup keeps the name", () => {\n  expect(signup({ name: "Ada" }).name).toBe("Ada");\n});\n',
};

/** Commits as the demo, whatever the user's git configuration says (identity, signing, hooks). */
const GIT_ENV = { GIT_AUTHOR_NAME: 'squadtui demo', GIT_AUTHOR_EMAIL: 'demo@squadtui.invalid', GIT_COMMITTER_NAME: 'squadtui demo', GIT_COMMITTER_EMAIL: 'demo@squadtui.invalid' };

/** Temporary directories are named after the squadtui process that made them. */
const PREFIX = 'squadtui-demo-';

export interface DemoRepo {
  /** The repository the demo agents start in. */
  readonly dir: string;
  /** Removes the repository and its worktrees; safe to call more than once. */
  remove(): void;
}

/**
 * Creates the sample repository (one commit on main) and its task graph. Without git it is a plain folder: the demo
 * still runs, without worktrees, and says why.
 */
export function createDemoRepo(env: NodeJS.ProcessEnv = process.env): DemoRepo {
  removeOrphans();
  const parent = mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  const dir = path.join(parent, 'demo-app');
  for (const [file, content] of Object.entries(SAMPLE)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...env, ...GIT_ENV }, stdio: 'ignore' });
  try {
    git('-c', 'init.defaultBranch=main', 'init', '-q');
    git('add', '-A');
    git('-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', 'A sample project for the demo squad');
    // In the repository's git directory, so the board and the agents' worktrees all see it.
    seedDemoTasks(dir);
  } catch {
    // No git (or a broken one): the workspace reports that there is no repository.
  }
  let removed = false;
  return {
    dir,
    remove: () => {
      if (removed) return;
      removed = true;
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** Removes the demo repositories of squadtui processes that are gone (killed with -9, say). */
function removeOrphans(): void {
  let entries: string[];
  try {
    entries = readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(/^squadtui-demo-(\d+)-/.exec(entry)?.[1]);
    if (!pid || isAlive(pid)) continue;
    try {
      rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    } catch {
      // Another user's: not ours to remove.
    }
  }
}
