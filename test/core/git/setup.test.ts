import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSetup } from '../../../src/core/git/setup.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'squadtui setup ü '));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runSetup', () => {
  it('runs in the worktree through the shell and streams stdout and stderr', async () => {
    const chunks: string[] = [];
    const result = await runSetup({
      command: 'echo "in $(basename "$PWD")" && echo "from $SQUADTUI_SOURCE" >&2',
      cwd: dir,
      source: '/src/main repo',
      onOutput: (c) => chunks.push(c),
    });
    expect(result).toMatchObject({ ok: true, exitCode: 0, signal: null });
    expect(chunks.join('')).toContain(`in ${path.basename(dir)}`);
    expect(chunks.join('')).toContain('from /src/main repo');
    // stdout and stderr are separate pipes: their relative order is up to the scheduler.
    expect([...result.lastLines].sort()).toEqual([`in ${path.basename(dir)}`, 'from /src/main repo'].sort());
  });

  it('reports a failure with its exit code and last lines', async () => {
    const result = await runSetup({ command: 'for i in 1 2 3 4 5; do echo "line $i"; done; echo "npm ERR! missing" >&2; exit 3', cwd: dir, tailLines: 3 });
    expect(result).toMatchObject({ ok: false, exitCode: 3 });
    expect(result.lastLines).toEqual(['line 4', 'line 5', 'npm ERR! missing']);
    expect(result.error).toBeUndefined();
  });

  it('cancels the whole process group (a surviving child would hold the pipes open for 30 s)', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const result = await runSetup({
      command: 'echo started; sleep 30 & wait',
      cwd: dir,
      signal: controller.signal,
      onOutput: (c) => {
        if (c.includes('started')) controller.abort();
      },
    });
    expect(result.ok).toBe(false);
    expect(result.error).toBe('Cancelled.');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('says when the command cannot start', async () => {
    const result = await runSetup({ command: 'true', cwd: path.join(dir, 'missing') });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^Could not start/);
  });
});
