// A squad brought back after squadtui was killed with -9 (as a crash or a reboot would end it):
// offered at the next start, each agent in its own worktree, Claude resuming the conversation its
// SessionStart hook named; --fresh and "no" start as usual and keep the save aside.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDriver, descendants, hostPids, isAlive } from '../helpers/app-driver.js';
import { CLAUDE_COLS, CLAUDE_ROWS, claudeShim, startLog } from '../helpers/claude-shim.js';
import { GIT_IDENTITY, type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The session id in the hooks of the recorded "busy" session the fake claude replays: a prompt is
 * submitted in it (Claude saves a conversation only then, so only then can it be resumed).
 */
const SESSION = 'c84cd43d-6957-4966-ab4b-27ab055102fc';
const SAID_SOMETHING = { claude: 'busy' };

let apps: AppDriver[] = [];
let repo: TempRepo | undefined;
let shim: ReturnType<typeof claudeShim> | undefined;

afterEach(async () => {
  for (const app of apps) await app.stop();
  apps = [];
  repo?.cleanup();
  if (shim) rmSync(shim.dir, { recursive: true, force: true });
  repo = undefined;
  shim = undefined;
});

function start(args: string[] = [], env: Record<string, string> = {}, hosted?: { runtimeDir: string }): AppDriver {
  const app = new AppDriver({ args, cwd: repo!.dir, cols: CLAUDE_COLS, rows: CLAUDE_ROWS, env: { ...shim?.env, ...GIT_IDENTITY, ...env }, hosted: hosted !== undefined, runtimeDir: hosted?.runtimeDir });
  apps.push(app);
  return app;
}

const squadFile = () => path.join(repo!.dir, '.git', 'squadtui', 'squad.json');

function saved(): { owner: { pid: number }; stopped: boolean; agents: { name: string; conversation?: string; worktree?: { path: string } }[]; log: { text: string }[] } | undefined {
  try {
    return JSON.parse(readFileSync(squadFile(), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Kills squadtui with -9 (nothing of it runs to clean up) and waits for its agents to end (their terminal is gone). */
async function killHard(app: AppDriver): Promise<void> {
  const agents = descendants(app.proc.pid);
  process.kill(app.proc.pid, 'SIGKILL');
  await app.exited;
  await waitFor(() => agents.every((pid) => !isAlive(pid)), { timeout: 10_000 });
}

/** The question's text, as one line (it wraps in the panel), read once its last line (the keys) is drawn. */
async function question(app: AppDriver): Promise<string> {
  // A frame can reach the terminal in more than one read: the title alone may be on screen yet.
  await app.waitForText('Bring back the squad that ran here?', 15_000);
  await app.waitForText('start as usual');
  return (await app.panel()).replace(/\s+/g, ' ');
}

/** squadtui with one Claude agent that has told its session id and a line in its activity log, then killed with -9. */
async function crashedClaudeSquad(): Promise<void> {
  repo = tempRepo();
  shim = claudeShim(SAID_SOMETHING);
  const first = start();
  await waitFor(() => saved()?.agents[0]?.conversation === SESSION, { timeout: 15_000, message: () => `squad.json: ${JSON.stringify(saved())}\n${first.log()}` });
  first.press('mode.squad');
  first.press('agent.commit', 'squad');
  await waitFor(() => saved()?.log.some((e) => e.text === "Nothing to commit in claude's worktree."));
  expect(saved()?.stopped).toBe(false);
  await killHard(first);
}

/** Says yes to the offer: Claude starts again in `worktree`, resuming its conversation (--resume <its id>). */
async function bringBack(app: AppDriver, worktree: string): Promise<void> {
  app.press('dialog.submit', 'confirm');
  await waitFor(() => startLog(shim!.dir, 'claude').length === 2, { timeout: 15_000, message: () => app.log() });
  const [dir, args] = startLog(shim!.dir, 'claude')[1]!.split(' | ');
  expect(dir).toBe(worktree);
  expect(args).toMatch(new RegExp(`(^| )--resume ${SESSION}( |$)`));
  await app.waitForText('Brought back 1 agent of the squad from before.');
}

describe('restore after a restart', () => {
  it("brings back a background host's squad after the host is killed with -9, Claude resumed with --resume <its session id>", async () => {
    repo = tempRepo();
    shim = claudeShim(SAID_SOMETHING);
    const runtimeDir = path.join(repo.dir, '..', `${path.basename(repo.dir)}-run`);
    const first = start([], {}, { runtimeDir });
    await waitFor(() => saved()?.agents[0]?.conversation === SESSION, { timeout: 15_000, message: () => `squad.json: ${JSON.stringify(saved())}\n${first.log()}` });
    const [host] = hostPids(runtimeDir);
    const agents = descendants(host!);
    process.kill(host!, 'SIGKILL');
    await first.exited;
    await waitFor(() => agents.every((pid) => !isAlive(pid)), { timeout: 10_000 });
    const worktree = saved()!.agents[0]!.worktree!.path;
    const next = start([], {}, { runtimeDir });
    expect(await question(next)).toContain(`resuming conversation ${SESSION}`);
    await bringBack(next, worktree);
    // The runtime directory goes with the repository's temp folder, after the drivers' stop has
    // ended the hosts it names (removed earlier, the new host would outlive the test).
  });

  it('offers the squad back after kill -9 and resumes Claude in its worktree with --resume <its session id>', async () => {
    await crashedClaudeSquad();
    const worktree = saved()!.agents[0]!.worktree!.path;
    expect(startLog(shim!.dir, 'claude')).toHaveLength(1);
    const app = start();
    const offer = await question(app);
    expect(offer).toContain(`claude: claude in ${worktree} (squad/claude), resuming conversation ${SESSION}`);
    expect(offer).toContain('Its activity log (');
    expect(offer).toContain('y bring it back n start as usual');
    // Nothing starts while the question waits.
    expect(startLog(shim!.dir, 'claude')).toHaveLength(1);
    await bringBack(app, worktree);
    expect(await app.screenText()).toMatch(/⎇ squad\/claude/);
    // The activity log of the first run is back.
    app.press('mode.squad');
    app.press('log.open', 'squad');
    await app.waitForText("Nothing to commit in claude's worktree.");
    // The new save is this squadtui's: the same agent and conversation, the log of both runs.
    await waitFor(() => saved()?.owner?.pid === app.proc.pid && saved()!.log.some((e) => e.text.startsWith('Brought back')));
    expect(saved()!.agents.map((a) => [a.name, a.conversation])).toEqual([['claude', SESSION]]);
    expect(saved()!.log.some((e) => e.text === "Nothing to commit in claude's worktree.")).toBe(true);
  });

  it('--fresh offers nothing, starts the usual squad, and keeps the save aside', async () => {
    await crashedClaudeSquad();
    const before = readFileSync(squadFile(), 'utf8');
    const app = start(['--fresh']);
    await waitFor(() => startLog(shim!.dir, 'claude').length === 2, { timeout: 15_000, message: () => app.log() });
    expect(startLog(shim!.dir, 'claude')[1]).not.toMatch(/--resume/);
    // Said in the footer at start (the next notice replaces it) and kept in the log.
    expect(app.log()).toMatch(/--fresh: the squad saved before \(claude\) is kept as squad\.json\.fresh-/);
    expect(await app.screenText()).not.toContain('Bring back');
    const aside = readdirSync(path.dirname(squadFile())).filter((f) => f.startsWith('squad.json.fresh-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(squadFile()), aside[0]!), 'utf8')).toBe(before);
  });

  it('"no" starts the usual squad; a squad with a worktree gone lists it, and quitting on purpose offers nothing next time', async () => {
    repo = tempRepo();
    const bash = ['--program', 'bash --norc --noprofile -i', '--agents', '2'];
    const first = start(bash, { PS1: 'SH$ ' });
    await waitFor(() => saved()?.agents.filter((a) => a.worktree).length === 2, { message: () => first.log() });
    await killHard(first);
    rmSync(saved()!.agents[1]!.worktree!.path, { recursive: true, force: true });
    let app = start(bash, { PS1: 'SH$ ' });
    const offer = await question(app);
    expect(offer).toMatch(/bash-1: bash --norc --noprofile -i in \S+bash-1 \(squad\/bash-1\), started again/);
    expect(offer).toMatch(/bash-2: bash --norc --noprofile -i: its worktree \S+bash-2 is gone, not brought back/);
    app.press('dialog.submit', 'confirm');
    await waitFor(() => /not brought back: bash-2 \(its worktree \S+bash-2 is gone\)/.test(app.log()), { message: () => app.log() });
    await app.waitForText(/SH\$/);
    expect(await app.screenText()).toContain('squadtui · 1 agent');
    await waitFor(() => saved()?.owner.pid === app.proc.pid, { message: () => `${JSON.stringify(saved())}\n${app.log()}` });
    expect(saved()!.agents.map((a) => a.name)).toEqual(['bash-1']);
    await killHard(app);
    // "No": the usual squad (two agents), the save kept aside.
    app = start(bash, { PS1: 'SH$ ' });
    await app.waitForText('Bring back the squad that ran here?', 15_000);
    app.press('dialog.cancel', 'confirm');
    await app.waitForText('squadtui · 2 agents');
    await app.waitForText(/SH\$/);
    expect(app.log()).toMatch(/The squad from before \(bash-1\) is kept as \S+squad\.json\.declined-/);
    expect(readdirSync(path.dirname(squadFile())).filter((f) => f.startsWith('squad.json.declined-'))).toHaveLength(1);
    // Quit on purpose: the save says so, and the next start offers nothing.
    app.press('mode.squad');
    app.press('quit', 'squad');
    await app.waitForText('Quit squadtui?');
    app.press('dialog.submit', 'confirm');
    await app.exited;
    expect(saved()?.stopped).toBe(true);
    app = start(bash, { PS1: 'SH$ ' });
    await app.waitForText('squadtui · 2 agents');
    await app.waitForText(/SH\$/);
    expect(await app.screenText()).not.toContain('Bring back');
    expect(existsSync(squadFile())).toBe(true);
  });
});

/** Whether this test may mount a tmpfs (root in a container that allows it). */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(os.tmpdir(), 'squadtui-mount-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
}

describe.skipIf(!canMount())('a full disk under a running squadtui', () => {
  it('keeps the previous save whole, says so, and saves again once there is room', async () => {
    const mnt = mkdtempSync(path.join(os.tmpdir(), 'squadtui-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
    try {
      const dir = path.join(mnt, 'repo');
      execFileSync('git', ['init', '-q', '-b', 'main', dir]);
      const file = path.join(dir, '.git', 'squadtui', 'squad.json');
      const app = new AppDriver({ args: ['--program', 'bash --norc --noprofile -i', '--no-worktree'], cwd: dir, cols: 160, env: { PS1: 'SH$ ' } });
      apps.push(app);
      await app.waitForText(/SH\$/);
      await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('"bash"'));
      const before = readFileSync(file, 'utf8');
      // Fill the file system to the last byte.
      const fd = openSync(path.join(mnt, 'filler'), 'w');
      try {
        for (const chunk = Buffer.alloc(4096, 1); ; ) writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      // Any change of the squad is saved: here a line in its activity log.
      app.press('mode.squad');
      app.press('agent.commit', 'squad');
      await app.waitForText(`Could not save the squad to ${file} (the disk is full)`);
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(readdirSync(path.dirname(file))).toEqual(['squad.json']);
      rmSync(path.join(mnt, 'filler'));
      app.press('agent.commit', 'squad');
      await waitFor(() => readFileSync(file, 'utf8').includes('runs in a plain directory'), { message: () => readFileSync(file, 'utf8') });
    } finally {
      for (const app of apps) await app.stop();
      apps = [];
      execFileSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});
