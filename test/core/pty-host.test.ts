import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpawnError, createNodePtySpawner, endSessionsSync, preflight, resolveProgram, sessionMembers } from '../../src/core/pty-host.js';
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
    const p = spawn({ command: 'sh', args: ['-c', 'ps -o sid=,tty= -p $$; sleep 30'], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    let out = '';
    p.onData((d) => (out += d));
    await waitFor(() => /\d+\s+pts\//.test(out));
    expect(Number(out.trim().split(/\s+/)[0])).toBe(p.pid);
    p.kill('SIGKILL');
  });

  it('ends the whole tree, escalating to SIGKILL for a process that ignores SIGTERM', async () => {
    const spawn = await createNodePtySpawner();
    const script = "trap '' TERM HUP; (trap '' TERM HUP; sleep 60) & echo started; while :; do sleep 1; done";
    const p = spawn({ command: 'sh', args: ['-c', script], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    let out = '';
    p.onData((d) => (out += d));
    await waitFor(() => out.includes('started'));
    await waitFor(() => sessionMembers(p.pid).length >= 3);
    const started = Date.now();
    endSessionsSync([p.pid], 300);
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => sessionMembers(p.pid).length === 0, { timeout: 3000 });
  });
});
