// The squad outlives its window: a background host keeps the agents while windows come and go,
// through every way a window can end, and recovers from a host that died.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENTS, AppDriver, BIN, LAUNCHER, cleanEnv, descendants, hostPids, isAlive, killHosts } from '../helpers/app-driver.js';
import { waitFor } from '../helpers/wait-for.js';

const ECHO = path.join(AGENTS, 'echo-agent.mjs');
let dir: string;
let runtimeDir: string;
const windows: AppDriver[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-host-'));
  runtimeDir = path.join(dir, 'run');
});

afterEach(async () => {
  for (const w of windows.splice(0)) await w.stop();
  await killHosts(runtimeDir);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * How the window is run: `squadtui` as installed (launcher.sh, which hands its terminal to the
 * host), or `node bin.js` (a node window that relays the terminal through the socket).
 */
type Via = 'launcher' | 'node';

/** A window on the squad of `dir` (started with two echo agents if none runs). */
function window(args: string[] = ['--program', `node ${ECHO}`, '--agents', '2'], env: Record<string, string> = {}, via: Via = 'launcher'): AppDriver {
  // One data directory for all: the squad of a directory outside a repository is saved there.
  const w = new AppDriver({ args, cwd: dir, hosted: true, runtimeDir, ...(via === 'node' ? { nodeArgs: [] } : {}), env: { XDG_DATA_HOME: path.join(dir, 'data'), ...env } });
  windows.push(w);
  return w;
}

/** Both agents listed and the first one's screen up. */
async function ready(w: AppDriver): Promise<void> {
  await w.waitForText(/AGENT node-1 READY[\s\S]*2 node-2/);
  await waitFor(() => squadProcesses().agents.length === 2 || undefined, { message: () => 'the agents did not start' });
}

/** Where a symbolic link (a descriptor in /proc) points; '' once it is gone. */
function readlinkOr(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return '';
  }
}

/** How many of `pid`'s descriptors are open on `terminal` (one whose pty has closed too). */
function descriptorsOn(pid: number, terminal: string): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => [terminal, `${terminal} (deleted)`].includes(readlinkOr(`/proc/${pid}/fd/${fd}`))).length;
}

/** `squadtui <args>` outside a terminal (ls, stop). */
function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: cleanEnv({ SQUADTUI_RUNTIME_DIR: runtimeDir }), encoding: 'utf8', timeout: 20_000 });
}

/** The host's pid and its agents' pids. */
function squadProcesses(): { host: number; agents: number[] } {
  const [host] = hostPids(runtimeDir);
  if (host === undefined) throw new Error('no host runs');
  return { host, agents: descendants(host).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('echo-agent')) };
}

describe('background host', () => {
  it('detaches on request, lists the squad, attaches again to the same screens, and stops it', async () => {
    const first = window();
    await ready(first);
    first.type('hello from the first window');
    await first.waitForText('hello from the first window');
    const { host, agents } = squadProcesses();
    expect(agents).toHaveLength(2);
    // The window is launcher.sh alone (a shell, no node under it): the host draws on its terminal.
    expect(readFileSync(`/proc/${first.proc.pid}/cmdline`, 'utf8').split('\0')[1]).toMatch(/dist\/squadtui$/);
    expect(descendants(first.proc.pid)).toEqual([]);
    expect(first.log()).toMatch(new RegExp(`window pid ${first.proc.pid} on /dev/pts/\\d+ attached at 120x36, its terminal handed over`));
    // Its stderr: stdin is the host's pipe while the launcher reads it.
    const terminal = readlinkSync(`/proc/${first.proc.pid}/fd/2`);
    expect(terminal).toMatch(/^\/dev\/pts\/\d+$/);
    // Open twice, to read and to write: nothing more (a descriptor left behind at each attach adds up).
    expect(descriptorsOn(host, terminal)).toBe(2);
    first.press('mode.squad');
    first.press('quit', 'squad');
    await first.waitForText(/d detach/);
    first.press('detach', 'confirm');
    expect(await first.exited).toBe(0);
    expect(first.output).toContain('Detached: 2 agents keep running.');
    // The host keeps nothing open on a terminal it was handed.
    await waitFor(() => descriptorsOn(host, terminal) === 0, { message: () => `${descriptorsOn(host, terminal)} descriptors of the host on ${terminal}` });

    expect(agents.every(isAlive)).toBe(true);
    const ls = cli('ls');
    expect(ls.stdout).toContain(dir);
    expect(ls.stdout).toMatch(/2 agents: node-1 \w+, node-2 \w+.*detached/);

    const second = window(['attach']);
    await second.waitForText('hello from the first window');
    expect(await second.screenText()).toMatch(/node-1[\s\S]*node-2/);
    // Detached from the menu, attached typing into the agent: a "y" typed first is text, not an answer.
    await second.waitForText('typing into agent');

    const stop = cli('stop', dir);
    expect(stop.stdout).toContain(`Stopped the squad in ${dir} (2 agents ended).`);
    expect(await second.exited).toBe(0);
    expect(second.output).toContain('The squad stopped: its agents ended.');
    await waitFor(() => ![host, ...agents].some(isAlive), { timeout: 5000 });
    expect(readdirSync(runtimeDir).filter((f) => !f.endsWith('.lock'))).toEqual([]);
    expect(cli('ls').stdout).toBe('No squad is running.\n');
    // Stopped on purpose: the next start is a new squad, nothing offered back.
    const third = window();
    await ready(third);
    expect(await third.screenText()).not.toContain('Bring back');
  });

  for (const [how, end, via] of [
    ['killed with -9', (w: AppDriver) => process.kill(w.proc.pid, 'SIGKILL'), 'launcher'],
    ['closed (SIGHUP)', (w: AppDriver) => process.kill(w.proc.pid, 'SIGHUP'), 'launcher'],
    ['a node window killed with -9', (w: AppDriver) => process.kill(w.proc.pid, 'SIGKILL'), 'node'],
    ['a node window closed (SIGHUP)', (w: AppDriver) => process.kill(w.proc.pid, 'SIGHUP'), 'node'],
  ] as const) {
    it(`keeps every agent running when its window is ${how}, and output that came meanwhile shows on attach`, async () => {
      // The launcher's folder of pipes goes in TMPDIR: here, to be looked at.
      const first = window(undefined, { TMPDIR: dir }, via);
      await ready(first);
      const { agents } = squadProcesses();
      // Output that arrives with no window attached is still read into the agent's screen.
      const go = path.join(dir, 'go');
      first.type(`when ${go} LATE OUTPUT\r`);
      await first.waitForText(/WAITING/);
      // It goes with the squad menu open.
      first.press('mode.squad');
      await first.waitForText(/squad menu/);
      end(first);
      await first.exited;
      writeFileSync(go, '');
      expect(agents.every(isAlive)).toBe(true);
      // Nothing of the window is left: a killed launcher's folder is removed by the host.
      await waitFor(() => !readdirSync(dir).some((f) => f.startsWith('squadtui-window.')), { message: () => readdirSync(dir).join(' ') });
      const second = window(['attach']);
      await second.waitForText('LATE OUTPUT');
      expect(agents.every(isAlive)).toBe(true);
      // The next window types into the agent: a key on arrival runs no menu command.
      await second.waitForText('typing into agent');
    });
  }

  /** A window started by a shell that stays on the terminal after it, as the user's does; its pid and terminal. */
  async function underShell(via: Via | 'no-host' = 'launcher'): Promise<{ shell: AppDriver; window: number; terminal: string }> {
    const command = via === 'launcher' ? LAUNCHER : `${process.execPath} ${BIN}${via === 'no-host' ? ' --no-host' : ''}`;
    const shell = new AppDriver({ bin: '/bin/sh', args: ['-c', `${command} --program 'node ${ECHO}' --agents 2; echo SHELL BACK; read line`], cwd: dir, runtimeDir, env: { XDG_DATA_HOME: path.join(dir, 'data') } });
    windows.push(shell);
    if (via === 'no-host') await shell.waitForText(/AGENT node-1 READY[\s\S]*2 node-2/);
    else await ready(shell);
    const [window] = descendants(shell.proc.pid).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(via === 'launcher' ? 'dist/squadtui' : 'dist/bin.js'));
    return { shell, window: window!, terminal: readlinkSync(`/proc/${window}/fd/2`) };
  }

  /** The terminal's mode as stty shows it: cooked (lines, echo) or raw. */
  const cooked = (terminal: string) => /(^|\s)icanon(\s|$)/.test(spawnSync('stty', ['-a', '-F', terminal], { encoding: 'utf8' }).stdout);
  const echoes = (terminal: string) => /(^|\s)echo(\s|$)/.test(spawnSync('stty', ['-a', '-F', terminal], { encoding: 'utf8' }).stdout);

  it('puts the screen back when its window is killed with -9: the main screen and the cursor, for the shell that gets the terminal', async () => {
    const { shell, window: launcher, terminal } = await underShell();
    await shell.screen();
    expect(shell.term.buffer.active.type).toBe('alternate');
    const { host } = squadProcesses();
    process.kill(launcher, 'SIGKILL');
    // On whichever screen was up as the shell said so.
    await waitFor(() => shell.output.includes('SHELL BACK'));
    await waitFor(async () => {
      await shell.screen();
      return shell.term.buffer.active.type === 'normal' && shell.output.lastIndexOf('\x1b[?25h') > shell.output.lastIndexOf('\x1b[?25l');
    }, { message: () => 'still on the alternate screen, or the cursor hidden' });
    expect(squadProcesses().agents).toHaveLength(2);
    // And it keeps nothing open on that terminal.
    await waitFor(() => descriptorsOn(host, terminal) === 0, { message: () => `${descriptorsOn(host, terminal)} descriptors of the host on ${terminal}` });
  });

  it('gives the shell its terminal as it was when the window gets SIGHUP with the terminal still open (echo on, main screen)', async () => {
    const { shell, window: launcher, terminal } = await underShell();
    expect(cooked(terminal)).toBe(false);
    process.kill(launcher, 'SIGHUP');
    await waitFor(() => shell.output.includes('SHELL BACK'));
    await waitFor(() => cooked(terminal) && echoes(terminal), { message: () => spawnSync('stty', ['-a', '-F', terminal], { encoding: 'utf8' }).stdout });
    await shell.screen();
    expect(shell.term.buffer.active.type).toBe('normal');
    expect(squadProcesses().agents).toHaveLength(2);
  });

  it.each(['launcher', 'no-host'] as const)('lets go of the terminal while its window is stopped (SIGTSTP), and takes it back, raw, when continued (%s)', async (via) => {
    const { shell, window: launcher, terminal } = await underShell(via);
    process.kill(launcher, 'SIGTSTP');
    // The shell's again meanwhile: its mode and its screen.
    await waitFor(() => cooked(terminal) && echoes(terminal), { message: () => spawnSync('stty', ['-a', '-F', terminal], { encoding: 'utf8' }).stdout });
    await waitFor(async () => (await shell.screen(), shell.term.buffer.active.type === 'normal'));
    process.kill(launcher, 'SIGCONT');
    await waitFor(() => !cooked(terminal));
    await waitFor(async () => (await shell.screen(), shell.term.buffer.active.type === 'alternate'));
    shell.type('back again');
    await shell.waitForText('back again');
  });

  it.each(['launcher', 'node'] as const)('sets raw mode again when its window is continued after the shell changed the mode (window: %s)', async (via) => {
    const { shell, window, terminal } = await underShell(via);
    process.kill(window, 'SIGSTOP');
    // What a shell does with the terminal of a stopped job.
    spawnSync('stty', ['sane', '-F', terminal]);
    expect(cooked(terminal)).toBe(true);
    process.kill(window, 'SIGCONT');
    await waitFor(() => !cooked(terminal) && !echoes(terminal), { message: () => spawnSync('stty', ['-a', '-F', terminal], { encoding: 'utf8' }).stdout });
    shell.type('keys again');
    await shell.waitForText('keys again');
  });

  it('ends a window whose SIGTERM came while node handed its terminal over (the squad keeps running)', async () => {
    // A node that takes a second to exit once it has handed over, deaf to SIGTERM meanwhile: the
    // signal reaches the launcher before it has taken the window over from node.
    const slow = path.join(dir, 'slow-node');
    mkdirSync(slow);
    writeFileSync(path.join(slow, 'node'), `#!/bin/sh\ntrap '' TERM\n${process.execPath} "$@"\ncode=$?\nif [ $code -eq 75 ]; then sleep 1; fi\nexit $code\n`, { mode: 0o755 });
    const w = window(['--program', `${process.execPath} ${ECHO}`, '--agents', '2'], { PATH: `${slow}:${process.env.PATH ?? ''}` });
    await ready(w);
    process.kill(w.proc.pid, 'SIGTERM');
    expect(await w.exited).toBe(143);
    expect(squadProcesses().agents).toHaveLength(2);
    expect(cli('ls').stdout).toMatch(/detached/);
  });

  it("refuses to open the squad in the terminal of one of its own agents (it would draw itself without end)", async () => {
    const w = window(['--program', `sh -c 'echo AGENT READY; read line; ${LAUNCHER}; echo NESTED EXIT $?; read line'`, '--agents', '1']);
    await w.waitForText('AGENT READY');
    w.type('\r');
    await w.waitForText('NESTED EXIT 1');
    // The message wraps anywhere in the panel: compared without spaces.
    expect((await w.panel()).replace(/\s+/g, '')).toMatch(/Thisterminalissh's,anagentofthesquadof.*thesquadcannotbeshowninsideitself/);
  });

  it('a node the launcher started ends, as on a closed terminal, when the launcher is killed while it runs (a window that relays, a squad in its process)', async () => {
    // The launcher's part, as it starts node: its pipe held open, node in the background on the terminal.
    const folder = path.join(dir, 'squadtui-window.test');
    mkdirSync(folder);
    spawnSync('mkfifo', [path.join(folder, 'events')]);
    const squad = `${process.execPath} ${BIN} --no-host --program '${process.execPath} ${ECHO}' --agents 2`;
    const launcher = path.join(dir, 'launcher.sh');
    writeFileSync(launcher, `exec 3<>${folder}/events 5<&0; SQUADTUI_HANDOFF=${folder} SQUADTUI_TTY=$(tty) SQUADTUI_WINDOW_PID=$$ ${squad} 0<&5 3>&- 5<&- & wait\n`);
    // Under the user's shell, which leads the terminal's session and stays.
    const w = new AppDriver({ bin: '/bin/sh', args: ['-c', `sh ${launcher}; echo LAUNCHER GONE; read line`], cwd: dir, runtimeDir });
    windows.push(w);
    await w.waitForText(/AGENT node-1 READY[\s\S]*2 node-2/);
    const [shell] = descendants(w.proc.pid).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(launcher));
    const left = descendants(shell!);
    expect(left.length).toBeGreaterThanOrEqual(3);
    process.kill(shell!, 'SIGKILL');
    // Left behind, it would read the terminal with the shell.
    await waitFor(() => !left.some(isAlive), { timeout: 10_000, message: () => `still running: ${left.filter(isAlive).join(' ')}` });
    await waitFor(() => !readdirSync(dir).includes('squadtui-window.test'));
  });

  it.each(['launcher', 'node'] as const)("runs $EDITOR in the window's own terminal, then draws the squad again (window: %s)", async (via) => {
    const editor = path.join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\necho "EDITOR RAN ON $1"\nread line\n`, { mode: 0o755 });
    const w = window(undefined, { EDITOR: editor }, via);
    await ready(w);
    w.press('mode.squad');
    w.press('agent.editor', 'squad');
    await w.waitForText(`EDITOR RAN ON ${dir}`);
    // Resized while the editor runs: the squad comes back at the new size.
    w.resize(100, 30);
    // The editor reads this window's keys until it ends.
    w.type('\r');
    await w.waitForText('Back from editor.sh.');
    await w.waitForText(/AGENT node-1 READY/);
    await w.waitForText(/node-1 resized \d+x\d+/);
    expect((await w.screen())[0]).toMatch(/^ squadtui · 2 agents +│/);
    // The terminal, read again after the editor, is open as often as before it.
    if (via === 'launcher') expect(descriptorsOn(squadProcesses().host, readlinkSync(`/proc/${w.proc.pid}/fd/2`))).toBe(2);

    // Taken over while its editor runs: the window stays until the editor ends, never leaving it behind.
    w.press('mode.squad');
    w.press('agent.editor', 'squad');
    await w.waitForText(`EDITOR RAN ON ${dir}`);
    const taker = window(['attach', '--take-over']);
    await taker.waitForText('editor.sh ran in a window that has gone');
    expect(w.exitCode).toBeUndefined();
    w.type('\r');
    expect(await w.exited).toBe(0);
    expect(w.output).toContain('Another window took this squad over');
  });

  it("gives the agents the window's size, a window of another size's on attach, and says which options a running squad did not take", async () => {
    const first = window();
    await ready(first);
    first.resize(130, 36);
    await first.waitForText(/node-1 resized \d+x\d+/);
    const afterResize = /node-1 resized (\d+x\d+)/.exec(await first.screenText())![1];
    // A line as wide as the agent's screen, so its frame is as wide as this window's panel.
    first.type('x'.repeat(110));
    await first.waitForText(/x{60}/);
    process.kill(first.proc.pid, 'SIGKILL');
    await first.exited;
    // Smaller than the first: a frame of the old size drawn into it would wrap and scroll the header away.
    const second = new AppDriver({ args: ['--agents', '3'], cwd: dir, hosted: true, runtimeDir, cols: 100, rows: 30, env: { XDG_DATA_HOME: path.join(dir, 'data') } });
    windows.push(second);
    await second.waitForText(/This squad was already running: --age/);
    await second.waitForText(new RegExp(`node-1 resized (?!${afterResize})\\d+x\\d+`));
    const rows = (await second.screenText()).split('\n');
    expect(rows[0]).toMatch(/^ squadtui · 2 agents +│node-1 · /);
    expect(rows[1]).toMatch(/^▶ 1 node-1 /);
  });

  it('never starts a second host when the runtime directory is removed under the first (as at logout): the host listens again', async () => {
    const first = window();
    await ready(first);
    const { host } = squadProcesses();
    first.press('mode.squad');
    first.press('detach', 'squad');
    expect(await first.exited).toBe(0);
    rmSync(runtimeDir, { recursive: true, force: true });
    const next = window(['--program', `node ${ECHO}`, '--agents', '2']);
    await ready(next);
    expect(squadProcesses().host).toBe(host);
    expect(hostPids(runtimeDir)).toEqual([host]);
  });

  it("gives what the squad starts the attached window's ssh agent socket and editor, as tmux's update-environment does", async () => {
    const program = ['--program', `sh -c 'echo "SOCK=$SSH_AUTH_SOCK ED=$EDITOR"; read line'`];
    const first = window(program, { SSH_AUTH_SOCK: '/tmp/first-session.sock', EDITOR: 'first-editor' });
    await first.waitForText('SOCK=/tmp/first-session.sock ED=first-editor');
    process.kill(first.proc.pid, 'SIGKILL');
    await first.exited;
    const second = window(['attach'], { SSH_AUTH_SOCK: '/tmp/second-session.sock', EDITOR: 'second-editor' });
    await second.waitForText('SOCK=/tmp/first-session.sock');
    second.type('\r');
    await second.waitForText(/exited with code 0/);
    second.press('mode.squad');
    second.press('agent.restart', 'squad');
    await second.waitForText('SOCK=/tmp/second-session.sock ED=second-editor');
  });

  it("keeps node's start-up certificates (NODE_EXTRA_CA_CERTS) out of the host and hands them to its agents, with CI's variables", async () => {
    const certs = path.join(dir, 'extra-ca.pem');
    writeFileSync(certs, '');
    const program = ['--program', `sh -c 'echo "CA=$NODE_EXTRA_CA_CERTS CI=$CI"; read line'`];
    const w = window(program, { NODE_EXTRA_CA_CERTS: certs, CI: 'true' });
    await w.waitForText(`CA=${certs} CI=true`);
    const [host] = hostPids(runtimeDir);
    const hostEnv = readFileSync(`/proc/${host}/environ`, 'utf8').split('\0');
    expect(hostEnv.filter((entry) => entry.startsWith('NODE_EXTRA_CA_CERTS='))).toEqual([]);
  });

  it('refuses a second window, or hands the squad over with --take-over and tells the first', async () => {
    const first = window();
    await ready(first);
    const refused = window(['attach']);
    expect(await refused.exited).toBe(1);
    expect(refused.output).toMatch(/This squad is open in another window \(pid \d+/);
    // A command that works from anywhere: it names the squad's directory.
    expect(refused.output).toContain(`squadtui attach ${dir} --take-over`);
    expect(first.exitCode).toBeUndefined();

    const taker = window(['--take-over']);
    await ready(taker);
    expect(await first.exited).toBe(0);
    expect(first.output).toContain('Another window took this squad over');
    // Keys go to the squad from the new window only.
    taker.type('typed in the new window');
    await taker.waitForText('typed in the new window');
  });

  it('after its host is killed with -9: the window says so, no agent is left, and the next start brings the squad back', async () => {
    const first = window();
    await ready(first);
    const { host, agents } = squadProcesses();
    process.kill(host, 'SIGKILL');
    expect(await first.exited).toBe(1);
    expect(first.output).toContain("The squad's host went away");
    // The launcher put the terminal back: out of the alternate screen, the cursor shown.
    await first.screen();
    expect(first.term.buffer.active.type).toBe('normal');
    expect(first.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(first.output.lastIndexOf('\x1b[?25l'));
    await waitFor(() => !agents.some(isAlive), { timeout: 5000, message: () => 'agents outlived their host' });
    // What the dead host left (its socket and record) does not stop the next one.
    expect(readdirSync(runtimeDir).some((f) => f.endsWith('.sock'))).toBe(true);
    // Plain squadtui (claude is not installed here): the squad is offered, not the demo in its place.
    const next = window([], { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` });
    await next.waitForText('Bring back the squad that ran here?', 15_000);
    next.press('dialog.submit', 'confirm');
    await ready(next);
    expect(squadProcesses().host).not.toBe(host);
  });

  it('starts past a lock left by a window that died while starting a host', async () => {
    const first = window();
    await ready(first);
    const { host } = squadProcesses();
    const lock = readdirSync(runtimeDir).find((f) => f.endsWith('.json'))!.replace(/\.json$/, '.lock');
    await killHosts(runtimeDir);
    await first.exited;
    // A pid that is not running (a dead window's), as the lock file names its owner.
    writeFileSync(path.join(runtimeDir, lock), JSON.stringify({ pid: 2 ** 22 + 1, start: '1' }));
    const next = window(['--fresh', '--program', `node ${ECHO}`, '--agents', '2']);
    await ready(next);
    expect(squadProcesses().host).not.toBe(host);
  });

  it('tells a window of another protocol version what to do, and the host of another version answers it so', async () => {
    const first = window();
    await ready(first);
    const sock = readdirSync(runtimeDir).find((f) => f.endsWith('.sock'))!;
    const answer = await new Promise<string>((resolve, reject) => {
      const s = net.connect(path.join(runtimeDir, sock), () => s.write(`${JSON.stringify({ squadtui: 99, version: '9.0.0', want: 'attach', cols: 80, rows: 24, window: 'test' })}\n`));
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => resolve(got));
      s.on('error', reject);
    });
    const welcome = JSON.parse(answer) as { ok: boolean; why: string; message: string };
    expect(welcome).toMatchObject({ ok: false, why: 'protocol' });
    expect(welcome.message).toMatch(/this window is squadtui 9\.0\.0 \(protocol 99\)/);
    // The squad went on, undisturbed.
    first.type('still here');
    await first.waitForText('still here');
  });

  it('a window of this version facing a host of another says which version to use', async () => {
    // A host of "another version": answers every window as a protocol-2 host would.
    const { squadPaths } = await import('../../src/host/paths.js');
    const paths = squadPaths(dir, runtimeDir);
    mkdirSync(runtimeDir, { mode: 0o700 });
    const server = net.createServer((s) => s.end(`${JSON.stringify({ ok: false, squadtui: 2, version: '0.9.0', why: 'protocol', message: "This squad's host is squadtui 0.9.0 (protocol 2); this window is squadtui 0.1.0 (protocol 1)." })}\n`));
    await new Promise<void>((resolve) => server.listen(paths.socket, resolve));
    writeFileSync(paths.record, JSON.stringify({ pid: process.pid, start: readFileSync(`/proc/${process.pid}/stat`, 'latin1').slice(readFileSync(`/proc/${process.pid}/stat`, 'latin1').lastIndexOf(')') + 2).split(' ')[19], dir, version: '0.9.0', protocol: 2, startedAt: Date.now() }));
    try {
      const w = window();
      expect(await w.exited).toBe(1);
      expect(w.output).toContain(`Attach with squadtui 0.9.0, or stop that squad (squadtui stop ${dir}: its agents end) and start again.`);
    } finally {
      server.close();
      rmSync(paths.record, { force: true });
    }
  });
});
