// Agents on their own worktrees, end to end: created at start, reviewed, committed, merged, and a
// removal that asks first and changes nothing when refused.
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDriver, descendants, isAlive } from '../helpers/app-driver.js';
import { GIT_IDENTITY, type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

let app: AppDriver | undefined;
let repo: TempRepo | undefined;

afterEach(async () => {
  await app?.stop();
  repo?.cleanup();
  app = undefined;
  repo = undefined;
});

function start(args: string[] = ['--program', 'bash --norc --noprofile -i', '--agents', '2']) {
  repo = tempRepo();
  app = new AppDriver({ args, cwd: repo.dir, cols: 130, rows: 36, env: { PS1: 'SH$ ', ...GIT_IDENTITY } });
  return { a: app, r: repo };
}

const worktreeOf = (r: TempRepo, agent: string) => path.join(path.dirname(r.dir), 'repo.squad', agent);

describe('worktrees', () => {
  it('gives each agent its own worktree and branch, outside the main working tree', async () => {
    const { a, r } = start();
    await a.waitForText(/SH\$/);
    await waitFor(() => r.git('worktree', 'list').split('\n').length === 3);
    expect(r.git('branch', '--list', 'squad/*')).toMatch(/squad\/bash-1[\s\S]*squad\/bash-2/);
    expect(await a.screenText()).toMatch(/bash-1 · [\w ]+ \S+ · ⎇ squad\/bash-1 · bash --norc --noprofile -i ·/);
    a.type('pwd\r');
    await a.waitForText(new RegExp(`│${worktreeOf(r, 'bash-1').replace(/[.]/g, '\\.')}\\s*$`, 'm'));
  });

  it('shows what an agent changed, its diff, and merges it into the base', async () => {
    const { a, r } = start();
    await a.waitForText(/SH\$/);
    a.type('printf "one\\ntwo\\n" > notes.txt && echo more >> README.md\r');
    // The sidebar counts files and lines against the base, with an uncommitted mark.
    await a.waitForText(/⎇ ↑0 ↓0 2f \+3 -0 \*/);
    a.press('mode.squad');
    a.press('agent.diff', 'squad');
    await a.waitForText(/M README\.md\s+\+1 -0/);
    expect(await a.screenText()).toMatch(/A notes\.txt\s+\+2 -0|\? notes\.txt\s+\+2 -0/);
    a.press('diff.down', 'diff');
    a.press('diff.open', 'diff');
    await a.waitForText(/\+two/);
    a.press('diff.close', 'diff');
    a.press('agent.commit', 'squad');
    await a.waitForText(/Commit bash-1's work on squad\/bash-1/);
    // Clear, type and Enter in one write, as keys come over ssh: Enter commits the text before it.
    a.type('\x15Add notes\r');
    await a.waitForText(/Committed 2 files to squad\/bash-1/);
    expect(r.git('log', '--format=%s', '-1', 'squad/bash-1')).toBe('Add notes');
    // The merge question opens after git has looked; a "y" typed right behind M waits for it
    // (in the squad menu, y alone would answer a permission prompt).
    a.type(`${a.keyOf('agent.merge', 'squad')}${a.keyOf('dialog.submit', 'confirm')}`);
    await a.waitForText(/Merged squad\/bash-1 into main \(fast-forward\)/);
    expect(readFileSync(path.join(r.dir, 'notes.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(r.git('log', '--format=%s', '-1', 'main')).toBe(r.git('log', '--format=%s', '-1', 'squad/bash-1'));
  });

  it('asks before removing an agent with work in its worktree, and a "no" changes nothing', async () => {
    const { a, r } = start();
    await a.waitForText(/SH\$/);
    a.type('echo precious > work.txt\r');
    await a.waitForText(/1f \+1 -0 \*/);
    a.press('mode.squad');
    a.press('agent.close', 'squad');
    await a.waitForText(/Remove bash-1 and its worktree\?/);
    expect(await a.screenText()).toMatch(/untracked\s+work\.txt/);
    expect(await a.screenText()).toContain('The branch squad/bash-1 is kept.');
    a.press('dialog.cancel', 'confirm');
    await a.waitForNoText(/Remove bash-1/);
    expect(readFileSync(path.join(worktreeOf(r, 'bash-1'), 'work.txt'), 'utf8')).toBe('precious\n');
    expect(await a.screenText()).toContain('squadtui · 2 agents');
    // Yes: the work is committed to the kept branch before the worktree goes.
    a.press('agent.close', 'squad');
    await a.waitForText(/Remove bash-1 and its worktree\?/);
    a.press('dialog.submit', 'confirm');
    await a.waitForText(/branch squad\/bash-1 kept \(work saved in WIP commit/);
    expect(existsSync(worktreeOf(r, 'bash-1'))).toBe(false);
    expect(r.git('show', 'squad/bash-1:work.txt')).toBe('precious');
  });

  it("hands the terminal to $EDITOR on the agent's worktree and takes it back; agents go on meanwhile", async () => {
    repo = tempRepo();
    const editor = path.join(path.dirname(repo.dir), 'editor.sh');
    const opened = path.join(path.dirname(repo.dir), 'opened.txt');
    // The editor waits for the agent to finish a command whose output fills its pty many times
    // over: it finishes only if squadtui keeps reading agents while the editor is open.
    writeFileSync(
      editor,
      `#!/bin/sh\necho "$1" > '${opened}'\ni=0\nwhile [ ! -f "$1/done.txt" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n` +
        `if [ -f "$1/done.txt" ]; then echo AGENT-DONE >> '${opened}'; else echo AGENT-BLOCKED >> '${opened}'; fi\nprintf 'EDITOR RAN'\n`,
    );
    chmodSync(editor, 0o755);
    app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i'], cwd: repo.dir, cols: 130, rows: 36, env: { PS1: 'SH$ ', EDITOR: editor, ...GIT_IDENTITY } });
    await app.waitForText(/SH\$/);
    await app.waitForText(/⎇ squad\/bash/);
    app.type('seq 1 400000; touch done.txt\r');
    app.press('mode.squad');
    app.press('agent.editor', 'squad');
    await app.waitForText(/Back from editor\.sh/, 15_000);
    expect(readFileSync(opened, 'utf8').trim().split('\n')).toEqual([worktreeOf(repo, 'bash'), 'AGENT-DONE']);
    // The frame is whole again.
    expect(await app.screenText()).toContain('squadtui · 1 agent');
  });

  it('runs the setup command in a new worktree, shows its output, and starts the agent even when it fails', async () => {
    repo = tempRepo();
    const settings = JSON.stringify({ worktree: { setup: 'echo SETUP-RAN > setup.txt; echo installing...; exit 3' } });
    app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i'], cwd: repo.dir, cols: 180, env: { PS1: 'SH$ ', ...GIT_IDENTITY }, settings });
    await app.waitForText(/Setup "echo SETUP-RAN.*" failed in bash's worktree \(exit code 3\)/);
    await app.waitForText(/SH\$/);
    expect(readFileSync(path.join(worktreeOf(repo, 'bash'), 'setup.txt'), 'utf8')).toBe('SETUP-RAN\n');
  });

  it('pauses an agent (work committed, worktree gone, branch kept) and resumes it', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    await a.waitForText(/SH\$/);
    a.type('echo draft > draft.txt\r');
    await a.waitForText(/1f \+1 -0 \*/);
    a.press('mode.squad');
    a.press('agent.pause', 'squad');
    // Asked first; nothing is stopped until the answer.
    await a.waitForText(/Pause bash\?/);
    expect(await a.screenText()).toMatch(/Ends the agent, commits its uncommitted changes \(1\) to squad\/bash as a WIP commit/);
    expect(await a.screenText()).toMatch(/○ waiting/);
    a.press('dialog.submit', 'confirm');
    await a.waitForText(/Paused bash: branch squad\/bash, work in WIP commit/);
    expect(existsSync(worktreeOf(r, 'bash'))).toBe(false);
    expect(r.git('show', 'squad/bash:draft.txt')).toBe('draft');
    expect(await a.screenText()).toMatch(/⏸ paused .*\n.*⎇ squad\/bash · no folder/);
    a.press('agent.restart', 'squad');
    await waitFor(() => existsSync(path.join(worktreeOf(r, 'bash'), 'draft.txt')));
    await a.waitForText(/⎇ ↑1 ↓0/);
    a.press('mode.agent', 'squad');
    a.type('cat draft.txt\r');
    await a.waitForText(/│draft\s*$/m);
  });

  it('follows commits and files made outside squadtui', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    await a.waitForText(/⎇ ↑0 ↓0 0f \+0 -0/);
    // A commit on main from another terminal: the agent is now behind.
    r.write('main.txt', 'on main\n');
    r.git('add', 'main.txt');
    r.git('commit', '-qm', 'on main');
    await a.waitForText(/⎇ ↑0 ↓1 0f/);
    // A file written into the agent's worktree by something else: one file, uncommitted.
    writeFileSync(path.join(worktreeOf(r, 'bash'), 'ext.txt'), 'from outside\n');
    await a.waitForText(/⎇ ↑0 ↓1 1f \+1 -0 \*/);
  });

  it('refuses to pause in the middle of a merge without stopping the agent', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    await a.waitForText(/SH\$/);
    r.write('README.md', 'main side\n');
    r.git('commit', '-qam', 'main side');
    a.type('echo agent side > README.md && git commit -qam agent && git merge main; echo MERGED-$?\r');
    await a.waitForText(/MERGED-1/);
    a.press('mode.squad');
    a.press('agent.pause', 'squad');
    await a.waitForText(/Can't pause bash: .*merge/i);
    expect(existsSync(path.join(worktreeOf(r, 'bash'), 'README.md'))).toBe(true);
    // A merge asks for committed work first, and changes nothing.
    a.press('agent.merge', 'squad');
    await a.waitForText(/uncommitted changes: commit them first/);
    expect(r.git('log', '--format=%s', '-1', 'main')).toBe('main side');
    // The agent was never stopped.
    a.press('mode.agent', 'squad');
    a.type('echo STILL-$((1+1))\r');
    await a.waitForText(/STILL-2/);
  });

  it('closes an agent whose worktree folder was deleted by hand, keeping its branch', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    await a.waitForText(/SH\$/);
    a.type('echo kept > kept.txt && git add kept.txt && git commit -qm kept && cd /\r');
    await a.waitForText(/⎇ ↑1 ↓0/);
    rmSync(worktreeOf(r, 'bash'), { recursive: true, force: true });
    a.press('mode.squad');
    a.press('agent.close', 'squad');
    await a.waitForText(/Its worktree folder .* is gone/);
    a.press('dialog.submit', 'confirm');
    await a.waitForText(/Closed bash; its worktree folder was gone, branch squad\/bash kept/);
    expect(r.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(r.git('show', 'squad/bash:kept.txt')).toBe('kept');
  });

  it('lists ignored files before they go with the worktree, and asks again for ones that appear meanwhile', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    await a.waitForText(/SH\$/);
    writeFileSync(path.join(r.dir, '.git', 'info', 'exclude'), '*.log\n');
    a.type('echo x > build.log && echo WROTE\r');
    await a.waitForText(/│WROTE/);
    a.press('mode.squad');
    a.press('agent.close', 'squad');
    await a.waitForText(/Ignored files deleted with the worktree: build\.log/);
    writeFileSync(path.join(worktreeOf(r, 'bash'), 'late.log'), 'late\n');
    a.press('dialog.submit', 'confirm');
    await a.waitForText(/Ignored files deleted with the worktree: build\.log, late\.log/);
    expect(existsSync(path.join(worktreeOf(r, 'bash'), 'late.log'))).toBe(true);
    a.press('dialog.submit', 'confirm');
    await a.waitForText(/Removed bash's worktree; branch squad\/bash kept/);
    expect(existsSync(worktreeOf(r, 'bash'))).toBe(false);
  });

  it('warns when two agents change the same file', async () => {
    const { a } = start();
    await a.waitForText(/SH\$/);
    a.type('echo from one >> README.md\r');
    await a.waitForText(/1f \+1 -0 \*/);
    a.press('agent.next');
    await a.waitForText(/bash-2 · /);
    await a.waitForText(/SH\$/);
    a.type('echo from two >> README.md\r');
    await a.waitForText(/⚠ bash-1 and bash-2 both change README\.md/);
    expect((await a.screen()).filter((l) => /⎇ .* ⚠/.test(l))).toHaveLength(2);
  });

  it('adds an agent on a worktree from the dialog, and offers to reuse a branch that exists', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    r.git('branch', 'squad/helper');
    await a.waitForText(/SH\$/);
    // Menu, add, clear the name, type one and Enter, all in one write: each key meets what the one
    // before it drew.
    a.type(`${a.keyOf('mode.squad')}${a.keyOf('agent.add', 'squad')}${a.keyOf('dialog.clear', 'add')}helper\r`);
    await a.waitForText(/Branch squad\/helper already exists\. Enter again reuses it/);
    expect(await a.screenText()).toContain('branch squad/helper in its own directory');
    a.press('dialog.submit', 'add');
    await a.waitForText(/⎇ squad\/helper/);
    await waitFor(() => r.git('worktree', 'list').includes('[squad/helper]'));
    // A base that names nothing is caught in the dialog, before anything is made.
    const tab = a.keyOf('dialog.next', 'add');
    a.type(`${a.keyOf('mode.squad')}${a.keyOf('agent.add', 'squad')}${a.keyOf('dialog.clear', 'add')}other${tab}${tab}${tab}nonexist\r`);
    await a.waitForText(/There is no branch or commit called "nonexist"/);
    expect(await a.screenText()).toContain('Add an agent');
    expect(r.git('branch', '--list', 'squad/other')).toBe('');
  });

  it('after a restart, lists the work of earlier runs and continues an agent in its worktree', async () => {
    const { a, r } = start(['--program', 'bash --norc --noprofile -i', '--agents', '1']);
    await a.waitForText(/SH\$/);
    a.type(`${a.keyOf('mode.squad')}${a.keyOf('agent.add', 'squad')}${a.keyOf('dialog.clear', 'add')}helper\r`);
    await a.waitForText(/⎇ squad\/helper/);
    a.type('echo unfinished > wip.txt\r');
    await waitFor(() => existsSync(path.join(worktreeOf(r, 'helper'), 'wip.txt')));
    // Once its agents are gone too: one still working in its worktree keeps it in use.
    const agents = descendants(a.proc.pid);
    await a.stop();
    await waitFor(() => agents.every((pid) => !isAlive(pid)));
    app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i', '--agents', '1'], cwd: r.dir, cols: 220, rows: 36, env: { PS1: 'SH$ ', ...GIT_IDENTITY } });
    // Killed, not stopped: the squad is offered back first (restore.test.ts); here it starts as usual.
    await app.waitForText('Bring back the squad that ran here?');
    app.press('dialog.cancel', 'confirm');
    await app.waitForText(/From earlier runs: helper \(worktrees kept\)/);
    app.type(`${app.keyOf('mode.squad')}${app.keyOf('agent.add', 'squad')}${app.keyOf('dialog.clear', 'add')}helper\r`);
    await app.waitForText(/helper's worktree from before is still at .*Enter again continues in it/);
    app.press('dialog.submit', 'add');
    await app.waitForText(/helper continues in its worktree from before/);
    app.type('cat wip.txt\r');
    await app.waitForText(/│unfinished\s*$/m);
  });

  it("two squadtui in one repository never take each other's worktrees, and say which agent is in use by which process", async () => {
    const args = ['--program', 'bash --norc --noprofile -i', '--agents', '1'];
    repo = tempRepo();
    const r = repo;
    app = new AppDriver({ args, cwd: r.dir, cols: 220, env: { PS1: 'SH$ ', ...GIT_IDENTITY } });
    const a = app;
    await a.waitForText(/⎇ squad\/bash/);
    await a.waitForText(/SH\$/);
    a.type('echo mine > work.txt\r');
    await waitFor(() => existsSync(path.join(worktreeOf(r, 'bash'), 'work.txt')));
    const b = new AppDriver({ args, cwd: r.dir, cols: 220, env: { PS1: 'SH$ ', ...GIT_IDENTITY } });
    try {
      const pid = a.proc.pid;
      // Its own agent of the same name gets another worktree; it says whose the first one is.
      await b.waitForText(`bash's worktree (squad/bash) is in use by squadtui pid ${pid}: this bash works in squad/bash-2.`);
      await b.waitForText(`bash is in use by squadtui pid ${pid}: not continued or removed here.`);
      await b.waitForText(/⎇ squad\/bash-2/);
      // Closing its agent takes down its own worktree only.
      b.press('mode.squad');
      b.press('agent.close', 'squad');
      await b.waitForText(/Remove bash and its worktree\?/);
      b.press('dialog.submit', 'confirm');
      await b.waitForText(/Removed bash's worktree; branch squad\/bash-2 kept/);
      // An agent of that name is not offered the other squadtui's worktree to continue in.
      b.type(`${b.keyOf('agent.add', 'squad')}${b.keyOf('dialog.clear', 'add')}bash\r`);
      await b.waitForText(new RegExp(`bash's worktree .* is in use by squadtui pid ${pid}\\. Choose another name`));
      b.press('dialog.submit', 'add');
      await b.waitForText(/in use by squadtui pid \d+\. Choose another name/);
      expect(r.git('worktree', 'list')).toContain(worktreeOf(r, 'bash'));
      // The first squadtui's agent works on, in its folder, undisturbed.
      a.type('cat work.txt\r');
      await a.waitForText(/│mine\s*$/m);
      // Quitting gives its claim up: the worktree is the next run's to continue.
      a.press('mode.squad');
      a.press('quit', 'squad');
      await a.waitForText(/Their worktrees and branches stay as they are/);
      a.press('dialog.submit', 'confirm');
      expect(await a.exited).toBe(0);
      expect(readdirSync(path.join(r.dir, '.git', 'squadtui', 'claims'))).toEqual([]);
    } finally {
      await b.stop();
    }
  });

  it('outside a repository, agents run in the directory and say why there are no worktrees', async () => {
    repo = tempRepo();
    const plain = path.dirname(repo.dir);
    app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i'], cwd: plain, env: { PS1: 'SH$ ' } });
    await app.waitForText(/SH\$/);
    await app.waitForText(/Not a git repository: no worktrees, agents run in/);
    app.type('pwd\r');
    await app.waitForText(new RegExp(`│${plain.replace(/[.]/g, '\\.')}\\s*$`, 'm'));
  });
});
