import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PtyExit, SpawnError, createNodePtySpawner, endSessionsSync, leftoverSession, preflight, resolveProgram, sessionMembers } from '../../src/core/pty/node-pty.js';
import { exitHandlingMismatch } from '../../src/core/pty/read-to-end.js';
import { LocalSessionHost } from '../../src/core/sessions/local-host.js';
import { waitFor } from '../helpers/wait-for.js';

describe('pty host', () => {
  it('finds programs on PATH and by path', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-bin-'));
    const file = path.join(dir, 'my agent');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    expect(resolveProgram('my agent', dir)).toBe(file);
    expect(resolveProgram(file, '')).toBe(file);
    expect(resolveProgram('definitely-not-installed-xyz', process.env.PATH)).toBeUndefined();
  });

  it('explains a missing program or directory before spawning', () => {
    expect(() => preflight({ command: 'definitely-not-installed-xyz', cwd: os.tmpdir(), env: process.env })).toThrow(SpawnError);
    expect(() => preflight({ command: 'node', cwd: '/no/such/dir', env: process.env })).toThrow(/Directory not found/);
  });

  it('makes each agent lead its own session, with its pty as controlling terminal', async () => {
    const spawn = await createNodePtySpawner();
    const p = await spawn({ command: 'sh', args: ['-c', 'ps -o sid=,tty= -p $$; sleep 30'], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    let out = '';
    p.onData((d) => (out += d));
    await waitFor(() => /\d+\s+pts\//.test(out));
    expect(Number(out.trim().split(/\s+/)[0])).toBe(p.pid);
    p.kill('SIGKILL');
  });

  it('ends the whole tree, escalating to SIGKILL for a process that ignores SIGTERM', async () => {
    const spawn = await createNodePtySpawner();
    const script = "trap '' TERM HUP; (trap '' TERM HUP; sleep 60) & echo started; while :; do sleep 1; done";
    const p = await spawn({ command: 'sh', args: ['-c', script], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    let out = '';
    p.onData((d) => (out += d));
    await waitFor(() => out.includes('started'));
    await waitFor(() => sessionMembers(p.pid).length >= 3);
    const started = Date.now();
    endSessionsSync([p.pid], 300);
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => sessionMembers(p.pid).length === 0, { timeout: 3000 });
  });

  it('on quit asks what outlived an exited agent to end (SIGTERM) before it is killed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-leftover-'));
    const mark = path.join(dir, 'got-term');
    // The agent starts a background helper (deaf to the hang-up, like nohup) that cleans up on SIGTERM, then exits.
    const script = `(trap '' HUP; trap 'echo term > "${mark}"; exit 0' TERM; echo helper; while :; do sleep 0.1; done) & sleep 0.2; echo leaving`;
    const host = new LocalSessionHost({ spawnPty: await createNodePtySpawner(), cols: 80, rows: 24 });
    const { id } = host.spawn({ name: 'a', command: 'sh', args: ['-c', script], cwd: dir });
    await waitFor(() => host.get(id)?.status === 'exited', { timeout: 5000 });
    const sid = host.get(id)!.pid!;
    expect(sessionMembers(sid).length).toBeGreaterThan(0);
    expect(leftoverSession(sid)).toBe(true);
    await host.shutdown(2000);
    expect(existsSync(mark) && readFileSync(mark, 'utf8').trim()).toBe('term');
    expect(sessionMembers(sid)).toEqual([]);
  });

  it('reads a pty paused by flow control to its end when its program exits', async () => {
    const spawn = await createNodePtySpawner();
    // 3 KB: Linux keeps about 4 KB of what a program wrote to a pty nobody read when it exits. It
    // writes them all and exits while paused.
    const p = await spawn({ command: 'sh', args: ['-c', "head -c 3000 /dev/zero | tr '\\0' x; printf END"], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    p.pause();
    let bytes = 0;
    let tail = '';
    p.onData((d) => {
      bytes += d.length;
      tail = (tail + Buffer.from(d).toString('latin1')).slice(-3);
    });
    const exit = await new Promise<PtyExit>((resolve) => p.onExit(resolve));
    expect(exit.exitCode).toBe(0);
    expect({ bytes, tail }).toEqual({ bytes: 3_003, tail: 'END' });
  });

  it("knows node-pty's exit handling, and says so when it changes", async () => {
    const { UnixTerminal } = await import('node-pty/lib/unixTerminal.js' as string) as { UnixTerminal: { toString(): string } };
    expect(exitHandlingMismatch(UnixTerminal.toString())).toBeUndefined();
    expect(exitHandlingMismatch('function UnixTerminal() { this._socket.destroy(); }')).toMatch(/exit handling changed/);
  });

  it('never takes a live process for what is left of an exited session', () => {
    expect(leftoverSession(process.pid)).toBe(false);
  });
});
