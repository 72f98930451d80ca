import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeDirError, runtimeDir, squadPaths } from '../../src/host/paths.js';

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('where hosts listen', () => {
  it('makes the runtime directory private, and makes it private again if it was opened up', () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-rt-'));
    const dir = path.join(tmp, 'run');
    expect(runtimeDir({ SQUADTUI_RUNTIME_DIR: dir })).toBe(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o755);
    runtimeDir({ SQUADTUI_RUNTIME_DIR: dir });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(runtimeDir({ XDG_RUNTIME_DIR: tmp })).toBe(path.join(tmp, 'squadtui'));
  });

  it('refuses a runtime directory that is a file', () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-rt-'));
    const file = path.join(tmp, 'run');
    writeFileSync(file, '');
    expect(() => runtimeDir({ SQUADTUI_RUNTIME_DIR: file })).toThrow(RuntimeDirError);
  });

  it.runIf(process.getuid?.() === 0)("refuses another user's directory: its owner could reach the agents' keyboards", () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-rt-'));
    const dir = path.join(tmp, 'theirs');
    mkdirSync(dir, { mode: 0o700 });
    execFileSync('chown', ['nobody', dir]);
    expect(() => runtimeDir({ SQUADTUI_RUNTIME_DIR: dir })).toThrow(/not a directory of yours/);
  });

  it('gives one squad to a repository, whichever of its worktrees or folders squadtui starts in', () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-rt-'));
    const repo = path.join(tmp, 'repo');
    mkdirSync(path.join(repo, 'src'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'first');
    git('worktree', 'add', '-q', path.join(tmp, 'wt'));
    const at = (dir: string) => squadPaths(dir, tmp).socket;
    expect(at(path.join(repo, 'src'))).toBe(at(repo));
    expect(at(path.join(tmp, 'wt'))).toBe(at(repo));
    expect(at(tmp)).not.toBe(at(repo));
  });
});
