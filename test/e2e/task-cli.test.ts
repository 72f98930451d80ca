// `squadtui task` end to end: the built CLI in a real repository and one of its worktrees, as a
// user's shell and as an agent's terminal (SQUADTUI_AGENT) would run it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/bin.js');

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

interface Run {
  code: number;
  out: string;
  err: string;
}

function task(cwd: string, args: string[], agent?: string): Run {
  const env = { ...process.env, SQUADTUI_AGENT: agent ?? '', COLUMNS: '80' };
  const r = spawnSync(process.execPath, [BIN, 'task', ...args], { cwd, env, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function ok(cwd: string, args: string[], agent?: string): string {
  const r = task(cwd, args, agent);
  if (r.code !== 0) throw new Error(`task ${args.join(' ')} exited ${r.code}: ${r.err}`);
  return r.out;
}

describe('squadtui task', () => {
  it('a diamond made in the repository, worked from a worktree by agents', () => {
    repo = tempRepo();
    const worktree = path.join(path.dirname(repo.dir), 'repo.squad', 'ada');
    repo.git('worktree', 'add', '-q', '-b', 'squad/ada', worktree);
    const main = repo.dir;

    expect(ok(main, ['add', 'Design the schema', '--description', 'Tables for users and teams'])).toBe('1\n');
    expect(ok(main, ['add', 'Backend', '--after', '1'])).toBe('2\n');
    expect(ok(worktree, ['add', 'Frontend', '--after', '#1'])).toBe('3\n');
    expect(ok(worktree, ['add', 'Release', '--after', '2', '--after', '3'])).toBe('4\n');
    expect(ok(worktree, ['list'])).toBe(
      [
        '┌────── #1 Design the schema                                    ready',
        '├─┬───▶ #2 Backend                                              blocked by #1',
        '└─│─┬─▶ #3 Frontend                                             blocked by #1',
        '  └─┴─▶ #4 Release                                              blocked by #2 #3',
        '',
      ].join('\n'),
    );

    const cycle = task(main, ['dep', '1', '--on', '4']);
    expect(cycle.code).not.toBe(0);
    expect(cycle.err).toBe('squadtui: #1 cannot depend on #4: that would make a cycle #4 → #1 → #2 → #4.\n');

    const blocked = task(worktree, ['claim', '2'], 'ada');
    expect(blocked.code).not.toBe(0);
    expect(blocked.err).toContain('#2 is blocked by #1');

    expect(ok(worktree, ['claim', '1'], 'ada')).toBe('#1 claimed by ada\n');
    const taken = task(main, ['claim', '1', '--as', 'bob']);
    expect([taken.code, taken.err]).toEqual([1, 'squadtui: #1 belongs to ada.\n']);
    expect(ok(worktree, ['done', '1'], 'ada')).toBe('#1 done; unblocked #2; unblocked #3\n');
    expect(ok(main, ['claim', '2', '--as', 'bob'])).toBe('#2 claimed by bob\n');

    const shown = JSON.parse(ok(main, ['show', '4', '--json'])) as { state: string; blockedBy: number[]; deps: number[] };
    expect(shown).toMatchObject({ state: 'blocked', blockedBy: [2, 3], deps: [2, 3] });
    const listed = JSON.parse(ok(worktree, ['list', '--json'])) as { tasks: { id: number; state: string; owner: string | null }[] };
    expect(listed.tasks.map((t) => [t.id, t.state, t.owner])).toEqual([
      [1, 'completed', 'ada'],
      [2, 'in_progress', 'bob'],
      [3, 'ready', null],
      [4, 'blocked', null],
    ]);

    expect(ok(main, ['reopen', '1'])).toBe('#1 reopened; blocked #2 (by #1); blocked #3 (by #1)\n');
    expect(ok(main, ['show', '1'])).toContain('notes:\n');
  });

  it('asks before deleting a task others depend on, and says which edges go', () => {
    repo = tempRepo();
    ok(repo.dir, ['add', 'One']);
    ok(repo.dir, ['add', 'Two', '--after', '1']);
    const refused = task(repo.dir, ['rm', '1']);
    expect([refused.code, refused.err]).toEqual([1, 'squadtui: #2 depends on #1: deleting it removes #1 → #2. Confirm to delete it anyway (--force).\n']);
    expect(ok(repo.dir, ['rm', '1', '--force'])).toBe('#1 deleted; removed the dependency #1 → #2; unblocked #2\n');
    expect(ok(repo.dir, ['add', 'Three'])).toBe('3\n');
  });

  it('refuses a bad id and an unknown task with a reason and a non-zero exit', () => {
    repo = tempRepo();
    const bad = task(repo.dir, ['done', 'x']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('expected a task id');
    const unknown = task(repo.dir, ['show', '9']);
    expect([unknown.code, unknown.err]).toEqual([1, 'squadtui: There is no task #9.\n']);
  });

  it('loses no update when many processes add tasks at once', async () => {
    repo = tempRepo();
    const dir = repo.dir;
    const runs = Array.from({ length: 6 }, (_, i) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn('sh', ['-c', `for n in 1 2 3 4; do "${process.execPath}" "${BIN}" task add "p${i} t$n" || exit 1; done`], { cwd: dir });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer ${i} exited ${code}`))));
      }),
    );
    const printed = (await Promise.all(runs)).join('').trim().split('\n').map(Number);
    expect(printed.sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const listed = JSON.parse(ok(dir, ['list', '--json'])) as { tasks: { title: string }[] };
    expect(listed.tasks).toHaveLength(24);
  }, 60_000);
});
