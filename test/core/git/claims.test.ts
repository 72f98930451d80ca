// Claims on agent branches between squadtui instances, on real files and real processes: another
// instance is stood in for by a live process (a `sleep`), a crashed one by a process that has exited.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WorktreeClaims } from '../../../src/core/git/claims.js';
import { WorktreeInUseError } from '../../../src/core/git/errors.js';
import { type ProcessId, isRunning, processStart, processesIn, selfId } from '../../../src/core/pty/processes.js';
import { waitFor } from '../../helpers/wait-for.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'squadtui-claims-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const commonDir = () => {
  const dir = path.join(root, `git-${++n}`);
  mkdirSync(dir);
  return dir;
};

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A live process standing in for another squadtui (or an agent), working in `cwd`. */
async function liveProcess(cwd = root): Promise<ProcessId> {
  const child = spawn('sleep', ['60'], { cwd, stdio: 'ignore' });
  children.push(child);
  const pid = child.pid!;
  const start = await waitFor(() => processStart(pid));
  return { pid, start };
}

/** A process that ran and is gone, as a squadtui killed with -9 is. */
function deadProcess(): ProcessId {
  const ran = spawnSync('sh', ['-c', 'echo $$; cat /proc/$$/stat'], { encoding: 'utf8' });
  const [pid, stat] = ran.stdout.split('\n');
  const start = stat!.slice(stat!.lastIndexOf(')') + 2).split(' ')[19]!;
  return { pid: Number(pid), start };
}

describe('processes', () => {
  it('tells a running process from one that exited, and from a pid now used by another process', async () => {
    expect(isRunning(selfId())).toBe(true);
    expect(isRunning(deadProcess())).toBe(false);
    const live = await liveProcess();
    expect(isRunning(live)).toBe(true);
    // The same number with another start time: the system gave the pid to a new process.
    expect(isRunning({ pid: live.pid, start: String(Number(live.start) + 1) })).toBe(false);
  });

  it('finds the processes working in a directory or below it, with their program name', async () => {
    const dir = path.join(root, 'work dir');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    mkdirSync(path.join(root, 'work dir-sibling'), { recursive: true });
    const inside = await liveProcess(path.join(dir, 'sub'));
    const beside = await liveProcess(path.join(root, 'work dir-sibling'));
    const found = processesIn(dir);
    expect(found).toContainEqual({ pid: inside.pid, command: 'sleep' });
    expect(found.map((p) => p.pid)).not.toContain(beside.pid);
    expect(processesIn(path.join(root, 'nowhere'))).toEqual([]);
  });
});

describe('WorktreeClaims', () => {
  it('gives a branch to one squadtui at a time and names the one that has it', async () => {
    const dir = commonDir();
    const other = await liveProcess();
    const theirs = new WorktreeClaims(dir, other);
    const mine = new WorktreeClaims(dir);
    expect(theirs.take('squad/coder', 'coder')).toEqual({ ok: true });
    const refused = mine.take('squad/coder', 'coder');
    expect(refused).toMatchObject({ ok: false, holder: { pid: other.pid, agent: 'coder' } });
    expect(mine.holder('squad/coder')?.pid).toBe(other.pid);
    expect(theirs.holder('squad/coder')).toBeUndefined();
    expect([...mine.othersHeld().keys()]).toEqual(['squad/coder']);
    // Taking it again is fine for its holder; a branch nobody has is free.
    expect(theirs.take('squad/coder', 'coder')).toEqual({ ok: true });
    expect(mine.take('squad/tester', 'tester')).toEqual({ ok: true });
    const error = (() => {
      try {
        mine.claim('coder', 'squad/coder');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WorktreeInUseError);
    expect((error as Error).message).toBe(`coder's worktree (squad/coder) is in use by squadtui pid ${other.pid}.`);
  });

  it('takes over the claim of a squadtui that is gone (killed, or its pid reused)', async () => {
    const dir = commonDir();
    expect(new WorktreeClaims(dir, deadProcess()).take('squad/a', 'a').ok).toBe(true);
    const live = await liveProcess();
    expect(new WorktreeClaims(dir, { pid: live.pid, start: String(Number(live.start) + 7) }).take('squad/b', 'b').ok).toBe(true);
    const mine = new WorktreeClaims(dir);
    expect(mine.holder('squad/a')).toBeUndefined();
    expect(mine.othersHeld().size).toBe(0);
    expect(mine.take('squad/a', 'a')).toEqual({ ok: true });
    expect(mine.take('squad/b', 'b')).toEqual({ ok: true });
    // A damaged claim file holds nothing either.
    writeFileSync(path.join(mine.dir, `${encodeURIComponent('squad/c')}.json`), '{"pid": 1, oops');
    expect(mine.take('squad/c', 'c')).toEqual({ ok: true });
    expect(new WorktreeClaims(dir, live).take('squad/a', 'a')).toMatchObject({ ok: false, holder: { pid: process.pid } });
    // Nothing is left beside the claims.
    expect(readdirSync(mine.dir).sort()).toEqual(['squad%2Fa.json', 'squad%2Fb.json', 'squad%2Fc.json']);
  });

  it('takes over a stale claim past a takeover left by a squadtui that died during it, but not past one in progress', () => {
    const dir = commonDir();
    const dead = new WorktreeClaims(dir, deadProcess());
    dead.take('squad/t', 't');
    const lock = path.join(dead.dir, `${encodeURIComponent('squad/t')}.json.takeover`);
    mkdirSync(lock);
    // Another squadtui is taking it over right now: this one does not wait for it forever.
    expect(() => new WorktreeClaims(dir).take('squad/t', 't')).toThrow('its claim file keeps changing');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, longAgo, longAgo);
    expect(new WorktreeClaims(dir).take('squad/t', 't').ok).toBe(true);
  });

  it('releases only its own claims', async () => {
    const dir = commonDir();
    const other = await liveProcess();
    const theirs = new WorktreeClaims(dir, other);
    const mine = new WorktreeClaims(dir);
    theirs.take('squad/x', 'x');
    mine.take('squad/y', 'y');
    mine.release('squad/x');
    expect(mine.holder('squad/x')?.pid).toBe(other.pid);
    mine.releaseAll();
    expect(theirs.holder('squad/y')).toBeUndefined();
    expect(readdirSync(mine.dir)).toEqual(['squad%2Fx.json']);
  });

  it('refuses a worktree a program still works in (an agent left running after a crash), naming it', async () => {
    const dir = commonDir();
    const worktree = path.join(root, 'left-running');
    mkdirSync(worktree);
    const agent = await liveProcess(worktree);
    const mine = new WorktreeClaims(dir);
    expect(mine.usedBy('squad/left', worktree)).toEqual({ kind: 'process', pid: agent.pid, command: 'sleep' });
    expect(() => mine.claim('left', 'squad/left', worktree)).toThrow(`left's worktree (squad/left) is in use by pid ${agent.pid} (sleep).`);
    // Refused, so not held either.
    expect(readdirSync(mine.dir)).toEqual([]);
    children.splice(0).forEach((c) => c.kill('SIGKILL'));
    await waitFor(() => !isRunning(agent));
    expect(() => mine.claim('left', 'squad/left', worktree)).not.toThrow();
  });

  it('gives a contended branch to exactly one of several squadtui starting at once, also over a stale claim', async () => {
    const dir = commonDir();
    new WorktreeClaims(dir, deadProcess()).take('squad/x', 'x');
    const bundle = path.join(root, 'claims.mjs');
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/core/git/claims.ts');
    await build({ entryPoints: [src], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
    // Each waits for "go", claims, says how it went, and stays alive (its claim live) until stdin ends.
    const script = `import { createInterface } from 'node:readline';
const { WorktreeClaims } = await import(${JSON.stringify(bundle)});
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  const r = new WorktreeClaims(${JSON.stringify(dir)}).take('squad/x', 'x');
  process.stdout.write((r.ok ? 'ok' : 'held by ' + r.holder.pid) + '\\n');
});
process.stdout.write('ready\\n');`;
    const racers = Array.from({ length: 6 }, () => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
    children.push(...racers);
    const outputs = racers.map(() => '');
    racers.forEach((r, i) => r.stdout!.on('data', (d: Buffer) => (outputs[i] += d.toString())));
    await waitFor(() => outputs.every((o) => o.includes('ready')), { timeout: 10_000 });
    for (const r of racers) r.stdin!.write('go\n');
    await waitFor(() => outputs.every((o) => /(ok|held by \d+)\n/.test(o)), { timeout: 10_000 });
    const answers = outputs.map((o) => o.replace('ready\n', '').trim());
    expect(answers.filter((a) => a === 'ok')).toHaveLength(1);
    const winner = racers[answers.indexOf('ok')]!.pid;
    expect(answers.filter((a) => a !== 'ok')).toEqual(Array(5).fill(`held by ${winner}`));
    for (const r of racers) r.stdin!.end();
  });
});
