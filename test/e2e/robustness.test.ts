// squadtui under stress and on every way out: crashes, signals, floods, tiny terminals, shells.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, AppDriver, descendants, isAlive } from '../helpers/app-driver.js';
import { CLAUDE_COLS, CLAUDE_ROWS, claudeShim } from '../helpers/claude-shim.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

const ECHO = path.join(AGENTS, 'echo-agent.mjs');
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function expectRestored(output: string): void {
  const tail = output.slice(-300);
  expect(tail).toContain('\x1b[?2004l');
  expect(tail).toContain('\x1b[?25h');
  expect(tail.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(tail.lastIndexOf('\x1b[?1049h'));
}

describe('robustness', () => {
  it('restores the terminal and ends every agent when squadtui crashes', async () => {
    // An uncaught error inside squadtui's own process, a while after start-up.
    const crash = "data:text/javascript,setTimeout(()=>{throw new Error('boom')},1500)";
    app = new AppDriver({ args: ['--program', `node ${ECHO}`, '--agents', '2'], nodeArgs: ['--import', crash] });
    await app.waitForText(/AGENT node-1 READY/);
    const agents = descendants(app.proc.pid);
    expect(await app.exited).toBe(1);
    expectRestored(app.output);
    expect(app.output).toContain('squadtui: crashed: boom');
    await waitFor(() => agents.every((pid) => !isAlive(pid)), { timeout: 5000 });
  });

  it('removes the private hook directory a squadtui killed with -9 left behind, at the next start', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-tmpdir-'));
    const shim = claudeShim({});
    const dirs = () => readdirSync(tmp).filter((name) => name.startsWith('squadtui-hooks-'));
    try {
      // A Claude agent gets hooks: squadtui makes its private directory in TMPDIR.
      app = new AppDriver({ args: [], cols: CLAUDE_COLS, rows: CLAUDE_ROWS, env: { ...shim.env, TMPDIR: tmp } });
      const [left] = await waitFor(() => dirs().length === 1 && dirs());
      expect(left).toMatch(new RegExp(`^squadtui-hooks-${app.proc.pid}-\\d+-`));
      await app.stop(); // SIGKILL: nothing of squadtui runs to clean up
      expect(dirs()).toEqual([left]);
      app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i'], env: { TMPDIR: tmp, PS1: 'SH$ ' } });
      await app.waitForText(/SH\$/);
      await waitFor(() => !dirs().includes(left!), { message: () => `still there: ${dirs().join(', ')}` });
      // Only the running squadtui's own (every agent gets a token, for squadtui mcp) is left.
      const pid = app.proc.pid;
      expect(dirs().every((name) => name.startsWith(`squadtui-hooks-${pid}-`))).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(shim.dir, { recursive: true, force: true });
    }
  });

  it('runs on default settings, saying which path and what to do, when the settings directory cannot be made', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'squadtui-config-'));
    const file = path.join(parent, 'file');
    writeFileSync(file, 'a file\n');
    try {
      app = new AppDriver({ args: ['--config-dir', path.join(file, 'squadtui'), '--program', 'bash --norc --noprofile -i'], cols: 200, env: { PS1: 'SH$ ' } });
      await app.waitForText(`The settings directory ${path.join(file, 'squadtui')} can't be made: ${file} is a file.`);
      await app.waitForText(/SH\$/);
      app.type('echo RUNS-$((40+2))\r');
      await app.waitForText(/RUNS-42/);
      expect(app.log()).toContain(`To fix it, remove or rename ${file}, or pass --config-dir DIR`);
      expect(readFileSync(file, 'utf8')).toBe('a file\n');
      expect(readdirSync(parent)).toEqual(['file']);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('restores the terminal and ends every agent when the terminal hangs up', async () => {
    app = new AppDriver({ args: ['--program', `node ${ECHO}`, '--agents', '2'] });
    await app.waitForText(/AGENT node-1 READY/);
    const agents = descendants(app.proc.pid);
    process.kill(app.proc.pid, 'SIGHUP');
    await app.exited;
    await waitFor(() => agents.every((pid) => !isAlive(pid)), { timeout: 5000 });
  });

  it('leaves no agent running when squadtui is killed with -9 (their terminals hang up)', async () => {
    app = new AppDriver({ args: ['--program', `sh ${path.join(AGENTS, 'hangup-agent.sh')}`, '--agents', '2'] });
    const first = Number(/FIRST (\d+) READY/.exec(await app.waitForText(/FIRST \d+ READY/))![1]);
    app.press('agent.next');
    const other = Number(/OTHER (\d+) READY/.exec(await app.waitForText(/OTHER \d+ READY/))![1]);
    process.kill(app.proc.pid, 'SIGKILL');
    await app.exited;
    try {
      // The second agent ignores hang-ups and lives on; had it inherited the first one's terminal,
      // that terminal would never hang up either.
      await waitFor(() => !isAlive(first), { timeout: 5000 });
    } finally {
      for (const pid of [first, other]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('quits without hanging after agents exited on their own', async () => {
    app = new AppDriver({ args: ['--program', `node ${ECHO}`, '--agents', '2'] });
    await app.waitForText(/AGENT node-1 READY/);
    app.type('exit 0\r');
    await app.waitForText(/exited with code 0/);
    app.press('agent.next');
    await app.waitForText(/AGENT node-2 READY/);
    app.type('exit 5\r');
    await app.waitForText(/exited with code 5/);
    app.press('mode.squad');
    app.press('quit', 'squad');
    expect(await app.exited).toBe(0);
    expectRestored(app.output);
  });

  it('on quit, ends what an agent left running after it exited', async () => {
    app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i'], env: { PS1: 'SHELL$ ' } });
    await app.waitForText(/SHELL\$/);
    // A background job that ignores the hangup outlives the shell, in the shell's session.
    app.type('nohup sleep 300 >/dev/null 2>&1 & echo BG=$!; exit\r');
    const bg = Number(/BG=(\d+)/.exec(await app.waitForText(/BG=\d+/))![1]);
    await app.waitForText(/exited with code 0/);
    expect(isAlive(bg)).toBe(true);
    app.press('mode.squad');
    app.press('quit', 'squad');
    expect(await app.exited).toBe(0);
    await waitFor(() => !isAlive(bg), { timeout: 5000 });
  });

  it('interrupts a command in a shell agent with Ctrl+C, and job control works', async () => {
    app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i'], env: { PS1: 'SHELL$ ' } });
    await app.waitForText(/SHELL\$/);
    app.type('sleep 100; echo AFTER-SLEEP\r');
    await app.waitForText(/sleep 100; echo AFTER-SLEEP/);
    app.type('\x03');
    await waitFor(async () => ((await app!.screenText()).match(/SHELL\$/g) ?? []).length >= 2);
    const panelLines = (await app.panel()).split('\n').map((l) => l.trim());
    expect(panelLines).not.toContain('AFTER-SLEEP');
    app.type('sleep 200\r');
    await app.waitForText(/sleep 200/);
    app.type('\x1a');
    await app.waitForText(/Stopped\s+sleep 200/);
    // Resumed in the foreground, then interrupted: the shell takes commands again.
    app.type('fg\r');
    await app.waitForText(/SHELL\$ fg\s*\n.*│sleep 200/);
    app.type('\x03');
    app.type('echo JOB-$((40+2))\r');
    await app.waitForText(/^.*│JOB-42\s*$/m);
  });

  it('stays responsive while an agent writes a 10 MB burst', async () => {
    app = new AppDriver({ args: ['--program', `node ${ECHO}`, '--agents', '2'] });
    await app.waitForText(/AGENT node-1 READY/);
    app.type('flood 120000\r');
    await app.waitForText(/flood line \d+/);
    app.press('agent.next');
    await app.waitForText(/AGENT node-2 READY/);
    app.type('still here\r');
    await app.waitForText(/node-2 got: still here/);
    app.press('agent.prev');
    await app.waitForText(/FLOOD DONE/, 60_000);
  });

  it('says the terminal is too small instead of drawing a broken frame, and recovers', async () => {
    app = new AppDriver({ args: ['--program', `node ${ECHO}`] });
    await app.waitForText(/AGENT node READY/);
    app.resize(40, 10);
    await app.waitForText(/Terminal too small/);
    expect(await app.screenText()).toContain('40x10, need 60x12');
    app.resize(100, 30);
    // The agent kept its size while nothing could be drawn: its screen comes back whole.
    await app.waitForText(/AGENT node READY/);
    await app.waitForNoText(/Terminal too small/);
    app.type('size\r');
    await app.waitForText(/SIZE 77x27/);
  });

  it('shows a clear error for a program that is not installed, and the rest keeps working', async () => {
    app = new AppDriver({ args: ['--program', 'no-such-agent-program --flag'] });
    await app.waitForText(/Program not found: no-such-agent-program/);
    expect(await app.screenText()).toContain('failed to start');
    app.press('mode.squad');
    app.press('agent.add', 'squad');
    await app.waitForText(/Add an agent/);
  });

  it('makes no worktree or branch for a program that is not installed, and starts it once it is', async () => {
    const repo = tempRepo();
    try {
      const bin = mkdtempSync(path.join(os.tmpdir(), 'squadtui-bin-'));
      app = new AppDriver({ args: ['--program', 'late-agent'], cwd: repo.dir, env: { PATH: `${bin}:${process.env.PATH}` } });
      await app.waitForText(/Program not found: late-agent/);
      expect(repo.git('branch', '--list', '--format=%(refname:short)', 'squad/*')).toBe('');
      expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
      // Its changes: none yet, and why; a restart while it is still missing says so.
      app.press('mode.squad');
      app.press('agent.diff', 'squad');
      await app.waitForText(/late-agent has no worktree yet: it did not start \(r tries again\)/);
      app.press('agent.restart', 'squad');
      await app.waitForText(/late-agent still can't start: Program not found/);
      // Installed meanwhile: a restart makes its worktree and starts it there.
      writeFileSync(path.join(bin, 'late-agent'), `#!/bin/sh\nexec node ${ECHO}\n`, { mode: 0o755 });
      app.press('agent.restart', 'squad');
      await app.waitForText(/AGENT late-agent READY/);
      expect(repo.git('branch', '--list', '--format=%(refname:short)', 'squad/*').trim()).toBe('squad/late-agent');
    } finally {
      repo.cleanup();
    }
  });

  it('says a broken settings file was put aside, over the prompt that waits at start, and keeps its text', async () => {
    app = new AppDriver({ args: ['--demo'], settings: '{"program": "claude", oops' });
    // The demo's coder waits for an answer at once: the warning must not be hidden behind it.
    await app.waitForText(/◆ permission/);
    await app.waitForText(/Default settings are used: \/tmp\/squadtui-e2e-/);
    expect((await app.screenText()).trimEnd().split('\n').at(-1)).toMatch(/Default settings are used: \/tmp\/squadtui-e2e-/);
    expect(app.log()).toMatch(/is not valid JSON \(.*\); it was kept as \S+config\.json\.broken-\S+\./);
    const aside = readdirSync(app.configDir).filter((f) => f.startsWith('config.json.broken-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(app.configDir, aside[0]!), 'utf8')).toBe('{"program": "claude", oops');
    // Until the first key: then the prompt that waits is in the footer again.
    app.press('mode.squad');
    await app.waitForText(/◆ coder\s+Bash: npm test/);
  });
});
