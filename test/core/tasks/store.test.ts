// The task file on disk: where it lives, atomic locked changes, a corrupt file kept, the watch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tasksLocation } from '../../../src/core/tasks/location.js';
import { LockTimeoutError, withLock } from '../../../src/core/tasks/lock.js';
import { processStart } from '../../../src/core/pty/processes.js';
import { type LoadedBoard, TaskStore, describeProblem } from '../../../src/core/tasks/store.js';
import { type TempRepo, tempRepo } from '../../helpers/temp-repo.js';
import { waitFor } from '../../helpers/wait-for.js';

let repo: TempRepo | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  repo?.cleanup();
  repo = undefined;
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-tasks-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('where the task list lives', () => {
  it('in the common git directory, the same for the repository and its worktrees, outside every working tree', () => {
    repo = tempRepo();
    const worktree = path.join(path.dirname(repo.dir), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'squad/ada', worktree);
    const main = tasksLocation(repo.dir).file;
    expect(main).toBe(path.join(realpathSync(repo.dir), '.git', 'squadtui', 'tasks.json'));
    expect(tasksLocation(worktree).file).toBe(main);
    expect(tasksLocation(path.join(worktree, '.')).file.startsWith(`${worktree}/`)).toBe(false);
  });

  it('outside a repository, in the state directory keyed by the directory', () => {
    const data = tempDir();
    const saved = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = data;
    cleanups.push(() => (saved === undefined ? delete process.env.XDG_DATA_HOME : (process.env.XDG_DATA_HOME = saved)));
    const a = path.join(tempDir(), 'plain');
    const b = path.join(tempDir(), 'plain');
    mkdirSync(a);
    mkdirSync(b);
    expect(tasksLocation(a).file.startsWith(path.join(data, 'squadtui', 'tasks'))).toBe(true);
    expect(tasksLocation(a).file).not.toBe(tasksLocation(b).file);
  });
});

describe('TaskStore', () => {
  it('writes what the rules allow and nothing they refuse', () => {
    const store = new TaskStore(path.join(tempDir(), 'squadtui', 'tasks.json'));
    expect(store.change({ kind: 'create', title: 'One' })).toMatchObject({ ok: true, id: 1 });
    expect(store.change({ kind: 'create', title: 'Two', deps: [1] })).toMatchObject({ ok: true, id: 2 });
    const before = readFileSync(store.file, 'utf8');
    expect(store.change({ kind: 'dep-add', id: 1, on: 2 })).toMatchObject({ ok: false, code: 'cycle' });
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect(new TaskStore(store.file).read().board.tasks.map((t) => [t.id, t.deps])).toEqual([
      [1, []],
      [2, [1]],
    ]);
    expect(readdirSync(path.dirname(store.file)).sort()).toEqual(['tasks.json']);
  });

  it('copies a corrupt file aside before replacing it, and says so', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tasks.json');
    writeFileSync(file, '{"version": 1, "tasks": [oops');
    const store = new TaskStore(file, () => new Date('2026-12-05T05:00:00.000Z'));
    const read = store.read();
    expect(read.problem?.reason).toMatch(/^not JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "tasks": [oops');
    const result = store.change({ kind: 'create', title: 'Fresh' });
    const copy = path.join(dir, 'tasks.json.broken-2026-12-05T05-00-00-000Z');
    expect(result.problem?.copy).toBe(copy);
    expect(readFileSync(copy, 'utf8')).toBe('{"version": 1, "tasks": [oops');
    expect(describeProblem(result.problem!)).toContain(`It was copied to ${copy}`);
    expect(store.read()).toMatchObject({ board: { tasks: [{ id: 1, title: 'Fresh' }] } });
  });

  it('reports a file that is JSON but not a task list', () => {
    const file = path.join(tempDir(), 'tasks.json');
    writeFileSync(file, JSON.stringify({ version: 1, nextId: 2, tasks: [{ id: 'one' }] }));
    expect(new TaskStore(file).read().problem?.reason).toMatch(/^not a task list \(tasks\.0\.id: /);
  });

  it('takes over a lock left by a process that has ended', () => {
    const file = path.join(tempDir(), 'tasks.json');
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: Number(ended.stdout), start: '1' }));
    expect(new TaskStore(file).change({ kind: 'create', title: 'After a crash' })).toMatchObject({ ok: true });
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a live holder, and says who holds the lock when it does not let go', () => {
    const file = path.join(tempDir(), 'tasks.json');
    const holder = { pid: process.ppid, start: processStart(process.ppid) ?? '' };
    writeFileSync(`${file}.lock`, JSON.stringify(holder));
    const started = Date.now();
    expect(() => withLock(`${file}.lock`, () => 'never', 150)).toThrow(new LockTimeoutError(`${file}.lock`, holder));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(JSON.stringify(holder));
  });

  it("reports this process's own change too, even when the file was read again before the watch looked", async () => {
    const file = path.join(tempDir(), 'tasks.json');
    const board = new TaskStore(file);
    board.read();
    const seen: LoadedBoard[] = [];
    cleanups.push(board.watch((loaded) => seen.push(loaded)));
    // An agent's tool call runs in the squad's process: it writes, then the agent lists the board.
    board.change({ kind: 'create', title: 'From an agent' });
    board.read();
    await waitFor(() => seen.some((s) => s.board.tasks.some((t) => t.title === 'From an agent')), { timeout: 2000 });
  });

  it("reports another process's change within 200 ms", async () => {
    const file = path.join(tempDir(), 'tasks.json');
    const board = new TaskStore(file);
    const seen: { at: number; loaded: LoadedBoard }[] = [];
    const stop = board.watch((loaded) => seen.push({ at: performance.now(), loaded }));
    cleanups.push(stop);
    board.change({ kind: 'create', title: 'Mine' });
    const cli = new TaskStore(file);
    const changedAt = performance.now();
    cli.change({ kind: 'create', title: 'Theirs' });
    const report = await waitFor(() => seen.find((s) => s.loaded.board.tasks.some((t) => t.title === 'Theirs')), { timeout: 2000 });
    expect(report.at - changedAt).toBeLessThan(200);
  });
});
