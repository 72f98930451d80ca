// What users install is what was tested: squadtui packed as npm publishes it, installed from the
// tarball into a temporary prefix (npm install -g: dependencies from the registry, no install
// scripts), and that installed `squadtui` driven in a real pty, node-pty fixes included.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PtyExit, createNodePtySpawner } from '../../src/core/pty/node-pty.js';
import { AppDriver, ROOT, cleanEnv, descendants } from '../helpers/app-driver.js';
import { waitFor } from '../helpers/wait-for.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'squadtui-pack-'));
const prefix = path.join(work, 'prefix');
const bin = path.join(prefix, 'bin', 'squadtui');
const installed = path.join(prefix, 'lib', 'node_modules', 'squadtui');
let app: AppDriver | undefined;

/** npm as a user runs it: not told by `npm test` which project or prefix it is in. */
function npm(args: string[], cwd: string): string {
  const passedDown = /^npm_(lifecycle_|package_|config_(global|prefix|local_prefix)$)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !passedDown.test(k)));
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  // dist/ was built by `npm test` (pretest), as `npm pack` would build it (prepare).
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as Array<{ filename: string }>;
  npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', path.join(work, packed!.filename)], work);
}, 180_000);

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, by relative path, with its content's hash. */
function tree(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(files.map((e) => {
    const file = path.join(e.parentPath, e.name);
    return [path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex')];
  }));
}

/** The descriptors a process holds, by number. */
function descriptors(pid: number): Record<string, string> {
  return Object.fromEntries(readdirSync(`/proc/${pid}/fd`).map((fd) => [fd, readlinkSync(`/proc/${pid}/fd/${fd}`)]));
}

describe('the installed package', () => {
  it('is the build every other test ran, with node-pty exactly as pinned', () => {
    const pinned = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['node-pty'];
    const nodePty = path.join(installed, 'node_modules', 'node-pty');
    expect((JSON.parse(readFileSync(path.join(nodePty, 'package.json'), 'utf8')) as { version: string }).version).toBe(pinned);
    // The installed bundle is the one every other test ran (the node-pty fixes are in it).
    expect(tree(path.join(installed, 'dist'))).toEqual(tree(path.join(ROOT, 'dist')));
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('runs the demo squad in its background host: agents on screen, a message typed, a prompt answered, detached, attached again, stopped', async () => {
    app = new AppDriver({ bin, args: ['--demo'], hosted: true });
    const a = app;
    await a.waitForText(/squadtui · 3 agents/);
    await a.waitForText(/◆ coder\s+Bash: npm test/);
    a.type('plan the release\r');
    await a.waitForText(/│> plan the release/);
    a.press('mode.squad');
    a.press('inbox.yes', 'squad');
    await a.waitForText(/coder: Yes/);
    // Answering from the menu went back to typing into the planner: the menu again to quit.
    a.press('mode.squad');
    a.press('quit', 'squad');
    await a.waitForText(/Quit squadtui\?/);
    // The demo's repository is no worktree a next start could list: it is removed when the squad stops.
    await a.waitForText(/The demo's throwaway repository goes with them when they stop/);
    a.press('detach', 'confirm');
    expect(await a.exited).toBe(0);
    // Listed by the directory it was started in, the one attach and stop take (not the demo's own repository).
    const listed = execFileSync(bin, ['ls'], { env: cleanEnv({ SQUADTUI_RUNTIME_DIR: a.runtimeDir }), encoding: 'utf8' });
    expect(listed.split('\n')[0]).toBe(realpathSync(a.configDir));
    const again = new AppDriver({ bin, args: ['attach'], hosted: true, runtimeDir: a.runtimeDir });
    try {
      await again.waitForText(/│> plan the release/);
      again.press('mode.squad');
      again.press('quit', 'squad');
      await again.waitForText(/y stop the squad/);
      again.press('dialog.submit', 'confirm');
      expect(await again.exited).toBe(0);
      expect(again.output).toContain('The squad stopped: its agents ended.');
    } finally {
      await again.stop();
    }
  });

  // node-pty 1.1.0 let each agent inherit the others' pty masters; 1.2's prebuilt binary stops
  // closing them at the first free descriptor number, which a restarted agent's master fills.
  it.runIf(process.platform === 'linux')('gives every agent no descriptor but its own terminal, a restarted one too', async () => {
    app = new AppDriver({ bin, args: ['--program', `sh -c 'echo "AGENT $SQUADTUI_AGENT $$ READY"; read line'`, '--agents', '3', '--no-worktree'] });
    const a = app;
    const agents = () => descendants(a.proc.pid).filter((pid) => {
      try {
        // The agents, not squadtui (whose own arguments name the program too).
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv[1] === '-c' && argv[2]?.includes('READY');
      } catch {
        return false;
      }
    });
    const first = (await a.waitForText(/AGENT sh-1 \d+ READY/)).match(/AGENT sh-1 (\d+) READY/)![1];
    await waitFor(() => agents().length === 3);
    a.type('\r');
    await a.waitForText(/exited with code 0/);
    a.press('mode.squad');
    a.press('agent.restart', 'squad');
    await a.waitForText(new RegExp(`AGENT sh-1 (?!${first})\\d+ READY`));
    await waitFor(() => agents().length === 3);
    for (const pid of agents()) {
      const fds = descriptors(pid);
      expect(fds[0]).toMatch(/^\/dev\/pts\/\d+$/);
      expect(fds).toEqual({ 0: fds[0], 1: fds[0], 2: fds[0] });
    }
  });

  it("reads a paused pty to its end when its program exits, with the installed node-pty", async () => {
    const entry = pathToFileURL(path.join(installed, 'node_modules', 'node-pty', 'lib', 'index.js')).href;
    const spawn = await createNodePtySpawner(() => import(entry) as Promise<typeof import('node-pty')>);
    // 3 KB: Linux keeps about 4 KB of what a program wrote to a pty nobody read when it exits.
    const p = await spawn({ command: 'sh', args: ['-c', "head -c 3000 /dev/zero | tr '\\0' x; printf END"], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    p.pause();
    let out = '';
    p.onData((d) => (out += Buffer.from(d).toString('latin1')));
    const exit = await new Promise<PtyExit>((resolve) => p.onExit(resolve));
    expect(exit.exitCode).toBe(0);
    expect(out.length).toBe(3003);
    expect(out.endsWith('END')).toBe(true);
  });
});
