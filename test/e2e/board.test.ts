// The task board end to end: a diamond made with `squadtui task` in a real repository, the built
// squadtui started there in an 80x24 terminal with a shell agent, a task assigned to it on the
// board, its prompt typed into the agent, and `squadtui task done` (run as the agent would) unblocking
// the dependents on the board, where auto-dispatch hands the next one to the agent.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDriver, BIN } from '../helpers/app-driver.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

let app: AppDriver | undefined;
let repo: TempRepo | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  repo?.cleanup();
  repo = undefined;
});

function task(cwd: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, 'task', ...args], { cwd, encoding: 'utf8', env: { ...process.env, SQUADTUI_AGENT: '' }, timeout: 20_000 });
  if (r.status !== 0) throw new Error(`task ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('the task board, end to end', () => {
  it('shows the arrows, hands a task to the agent, and unblocks its dependents when it is done', async () => {
    repo = tempRepo();
    expect(task(repo.dir, 'add', 'Design the schema', '--description', 'Tables for users and teams')).toBe('1');
    expect(task(repo.dir, 'add', 'Backend', '--after', '1')).toBe('2');
    expect(task(repo.dir, 'add', 'Frontend', '--after', '1')).toBe('3');
    expect(task(repo.dir, 'add', 'Release', '--after', '2', '--after', '3')).toBe('4');

    const a = (app = new AppDriver({ args: ['--program', 'bash --norc --noprofile', '--no-worktree'], cwd: repo.dir, cols: 80, rows: 24, env: { PS1: '$ ' } }));
    await a.waitForText('waiting for input');
    a.press('mode.squad', 'agent');
    a.press('tasks.open', 'squad');
    await a.waitForText('Tasks · 4 · 1 ready');
    const board = await a.panel();
    expect(board).toMatch(/┌─+ #1 Design the schema\s+ready/);
    expect(board).toMatch(/├─┬─+▶ #2 Backend\s+blocked by #1/);
    expect(board).toMatch(/└─│─┬─▶ #3 Frontend\s+blocked by #1/);
    expect(board).toMatch(/└─┴─▶ #4 Release\s+blocked by #2 #3/);

    // The cursor starts on #1: assign it to the shell agent.
    a.press('tasks.assign', 'tasks');
    await a.waitForText('Assign #1 to which agent?');
    a.press('tasks.pick', 'task-pick');
    await a.waitForText(/#1 Design the schema\s+bash in progress/);
    a.press('tasks.open', 'tasks');
    await a.waitForText("Task #1 from the squad's board: Design the schema.");

    // The agent reports, as it would from its terminal.
    task(repo.dir, 'done', '1');
    a.press('tasks.open', 'squad');
    await a.waitForText(/#2 Backend\s+ready/);
    const after = await a.panel();
    expect(after).toMatch(/#1 Design the schema\s+bash done/);
    expect(after).toMatch(/#3 Frontend\s+ready/);
    expect(after).toMatch(/#4 Release\s+blocked by #2 #3/);

    // Auto-dispatch: the idle agent, free again, gets the lowest ready task.
    a.press('tasks.auto', 'tasks');
    await a.waitForText(/#2 Backend\s+bash in progress/);
    expect(await a.panel()).toMatch(/#3 Frontend\s+ready/);
  });
});
