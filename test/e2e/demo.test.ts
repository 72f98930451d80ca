// The built-in demo squad (squadtui --demo), as a first-time user meets it: three scripted agents,
// one of them asking for permission, answered without switching to it, in a throwaway repository.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDriver } from '../helpers/app-driver.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

let app: AppDriver | undefined;
let repo: TempRepo | undefined;
/** Throwaway repositories seen, removed after each test whatever happened to squadtui. */
const throwaways: string[] = [];

afterEach(async () => {
  await app?.stop();
  app = undefined;
  repo?.cleanup();
  repo = undefined;
  for (const dir of throwaways.splice(0)) rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** The throwaway repository the demo says it works in (from the log, where notices are whole). */
async function throwawayRepo(a: AppDriver): Promise<string> {
  let dir = '';
  await waitFor(() => {
    dir = /throwaway repository, removed when you quit .*: (\S+)/.exec(a.log())?.[1] ?? '';
    return dir !== '';
  }, { message: () => `no throwaway repository in the log:\n${a.log()}` });
  throwaways.push(dir);
  return dir;
}

/** What the demo may have left in the user's repository: squad branches and extra worktrees. */
function leftIn(r: TempRepo): { branches: string; worktrees: number } {
  return { branches: r.git('branch', '--list', 'squad/*'), worktrees: r.git('worktree', 'list').split('\n').length };
}

describe('demo squad', () => {
  it('runs three agents, takes a message typed in one burst, and answers the coder’s prompt inline', async () => {
    app = new AppDriver({ args: ['--demo'] });
    const a = app;
    await a.waitForText(/squadtui · 3 agents/);
    await a.waitForText(/◆ coder\s+Bash: npm test/);
    // Text and Enter in one write, as tmux or a fast typist sends them: the message is sent.
    a.type('plan the release\r');
    await a.waitForText(/│> plan the release/);
    expect(await a.screenText()).toMatch(/▶ 1 planner[\s\S]*◐ working/);
    a.press('mode.squad');
    a.press('inbox.yes', 'squad');
    await a.waitForText(/coder: Yes/);
    // The coder carries on with its tests; the planner stays on screen.
    a.press('agent.next', 'squad');
    await a.waitForText(/│\s+8 passed \(8 files\)|│\s+1 failed \| 7 passed/);
    // It changed the file it says it changed, in its worktree: there is work to look at and merge.
    await a.waitForText(/coder[\s\S]*⎇ ↑0 ↓0 1f \+1 -0/);
    await throwawayRepo(a);
  });

  it('works on worktrees of a throwaway repository, not of the one it was started in, and removes it at quit', async () => {
    repo = tempRepo();
    app = new AppDriver({ args: ['--demo'], cwd: repo.dir });
    const a = app;
    const dir = await throwawayRepo(a);
    expect(path.dirname(dir)).not.toBe(path.dirname(repo.dir));
    // Each demo agent on its own branch, in the throwaway repository's worktrees folder, and says so.
    await a.waitForText(/⎇ squad\/planner/);
    await a.waitForText(/This is the demo’s throwaway repository: squadtui removes it/);
    await a.waitForText(new RegExp(`${path.basename(dir)}\\.squad/planner`));
    await waitFor(() => existsSync(path.join(`${dir}.squad`, 'tester')));
    expect(leftIn(repo)).toEqual({ branches: '', worktrees: 1 });
    a.press('mode.squad');
    a.press('quit', 'squad');
    await a.waitForText(/Quit squadtui\?/);
    a.press('dialog.submit', 'confirm');
    expect(await a.exited).toBe(0);
    expect(existsSync(path.dirname(dir))).toBe(false);
    expect(leftIn(repo)).toEqual({ branches: '', worktrees: 1 });
  });

  it('when no agent CLI is installed, shows the demo in a throwaway repository, removed on SIGTERM too', async () => {
    repo = tempRepo();
    app = new AppDriver({ args: [], cwd: repo.dir, settings: JSON.stringify({ program: 'no-such-agent-xyz' }) });
    const a = app;
    await a.waitForText(/squadtui · 3 agents/);
    const dir = await throwawayRepo(a);
    await a.waitForText(/⎇ squad\/planner/);
    await a.waitForText(/This is the demo’s throwaway repository/);
    process.kill(a.proc.pid, 'SIGTERM');
    await a.exited;
    expect(existsSync(path.dirname(dir))).toBe(false);
    expect(leftIn(repo)).toEqual({ branches: '', worktrees: 1 });
  });

  it('removes the throwaway repository of a demo killed with -9 when the next one starts', async () => {
    app = new AppDriver({ args: ['--demo'] });
    const killed = await throwawayRepo(app);
    await app.waitForText(/⎇ squad\/planner/);
    await app.stop();
    expect(existsSync(killed)).toBe(true);
    app = new AppDriver({ args: ['--demo'] });
    await throwawayRepo(app);
    await waitFor(() => !existsSync(path.dirname(killed)));
  });

  it('starts with a diamond of tasks on the board, which its agents claim and finish through the CLI', async () => {
    app = new AppDriver({ args: ['--demo'] });
    const a = app;
    await throwawayRepo(a);
    await a.waitForText(/⎇ squad\/planner/);
    a.press('mode.squad');
    a.press('tasks.open', 'squad');
    // The diamond, drawn with its arrows: #1 unblocks #2 and #3, which both unblock #4.
    await a.waitForText(/#1 Plan the signup change/);
    const board = await a.screenText();
    expect(board).toMatch(/├─┬───▶ #2 Implement e-mail validation/);
    expect(board).toMatch(/└─│─┬─▶ #3 Write the signup tests/);
    expect(board).toMatch(/└─┴─▶ #4 Review and merge\s+blocked by #[23]/);
    // The planner claims #1 and finishes it: #2 and #3 unblock, and the coder and tester take them.
    await a.waitForText(/#1 Plan the signup change\s+planner\s+done/, 30_000);
    await a.waitForText(/#2 Implement e-mail validation\s+coder\s+in progress/, 30_000);
    await a.waitForText(/#3 Write the signup tests\s+tester\s+in progress/, 30_000);
    // The coder's task is done once its tests pass: its turn ends with the task done, never before.
    a.press('tasks.open', 'tasks');
    await a.waitForText(/◆ coder\s+Bash: npm test/);
    a.press('mode.squad');
    a.press('inbox.yes', 'squad');
    await a.waitForText(/coder: Yes/);
    a.press('mode.squad');
    a.press('tasks.open', 'squad');
    await a.waitForText(/#2 Implement e-mail validation\s+coder\s+done/, 30_000);
    expect(a.output).not.toContain('without completing');
  });

  it('works in the repository -C names', async () => {
    repo = tempRepo();
    app = new AppDriver({ args: ['--demo', '-C', repo.dir] });
    await app.waitForText(/⎇ squad\/planner/);
    await app.waitForText(/Type a message and press Enter/);
    expect(app.log()).not.toMatch(/throwaway/);
    expect(await app.screenText()).not.toMatch(/throwaway/);
    await waitFor(() => leftIn(repo!).branches.includes('squad/tester'));
  });
});
