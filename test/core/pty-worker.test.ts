// Ptys owned by the worker thread (the built dist/pty-thread.js, as squadtui runs it), on real programs.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PtyExit, SpawnError } from '../../src/core/pty-host.js';
import { startPtyThread } from '../../src/core/pty-worker.js';
import { waitFor } from '../helpers/wait-for.js';

const spawnPty = startPtyThread(pathToFileURL(path.resolve(import.meta.dirname, '../../dist/pty-thread.js')));

function run(script: string, cols = 80, rows = 24) {
  const pty = spawnPty({ command: 'sh', args: ['-c', script], cwd: os.tmpdir(), env: process.env, cols, rows });
  const state = { out: '', exit: undefined as PtyExit | undefined, bytesAtExit: -1 };
  const decoder = new TextDecoder();
  pty.onData((d) => (state.out += typeof d === 'string' ? d : decoder.decode(d, { stream: true })));
  pty.onExit((e) => {
    state.exit = e;
    state.bytesAtExit = state.out.length;
  });
  return { pty, state };
}

describe('pty thread', () => {
  it('runs a program at its size, types into it, resizes it and reports its exit code', async () => {
    const { pty, state } = run("trap 'stty size' WINCH; stty size; read line; echo got:$line; read more; exit 3", 100, 30);
    expect(pty.pid).toBeGreaterThan(0);
    await waitFor(() => state.out.includes('30 100'));
    pty.write('hello\r');
    await waitFor(() => state.out.includes('got:hello'));
    pty.resize(120, 40);
    await waitFor(() => state.out.includes('40 120'));
    pty.write('\r');
    await waitFor(() => state.exit);
    expect(state.exit!.exitCode).toBe(3);
  });

  it('hands over everything a program wrote before its exit, however much', async () => {
    const { pty, state } = run("head -c 3000000 /dev/zero | tr '\\0' x; printf END");
    pty.readAhead?.(64 * 1024);
    await waitFor(() => state.exit, { timeout: 20_000 });
    expect(state.bytesAtExit).toBe(3_000_003);
    expect(state.out.endsWith('xEND')).toBe(true);
  });

  it('refuses a missing directory or program at once, in words', () => {
    const missing = () => spawnPty({ command: 'sh', args: [], cwd: '/no/such/dir', env: process.env, cols: 80, rows: 24 });
    expect(missing).toThrow(SpawnError);
    expect(missing).toThrow(/Directory not found: \/no\/such\/dir/);
    const unknown = () => spawnPty({ command: 'no-such-agent-xyz', args: [], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    expect(unknown).toThrow(/Program not found: no-such-agent-xyz/);
  });
});
