// Input goes to the program's terminal from the thread that owns it (src/core/pty/direct-write.ts):
// whole and in order when the terminal's buffer fills, and nowhere once the program is gone.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createNodePtySpawner } from '../../src/core/pty/node-pty.js';
import { waitFor } from '../helpers/wait-for.js';

/** Raw, says READY, reads stdin only after a pause (the pty's buffer fills meanwhile), then prints how much came and its hash. */
const READER = `
process.stdin.setRawMode(true);
process.stdin.pause();
process.stdout.write('READY\\r\\n');
const want = Number(process.argv[1]);
const hash = require('node:crypto').createHash('sha256');
let got = 0;
setTimeout(() => {
  process.stdin.on('data', (d) => {
    hash.update(d);
    got += d.length;
    if (got >= want) process.stdout.write('GOT ' + got + ' ' + hash.digest('hex') + '\\r\\n');
  });
  process.stdin.resume();
}, 300);
`;

describe('input written to a pty', () => {
  it('reaches a program that reads late whole and in order, far beyond what the pty buffers', async () => {
    const spawn = await createNodePtySpawner();
    // Printable bytes only: the line discipline is raw, but keep it plain to compare.
    const pieces = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(4, '0')}:${'abcdefghij'.repeat(100)}|`);
    const total = pieces.join('');
    const p = await spawn({ command: process.execPath, args: ['-e', READER, String(total.length)], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    let out = '';
    p.onData((d) => (out += typeof d === 'string' ? d : Buffer.from(d).toString()));
    await waitFor(() => out.includes('READY'));
    for (const piece of pieces) p.write(piece);
    const [, got, digest] = await waitFor(() => /GOT (\d+) (\w+)/.exec(out), { timeout: 20_000, message: () => out.slice(-300) });
    expect(Number(got)).toBe(total.length);
    expect(digest).toBe(createHash('sha256').update(total).digest('hex'));
    p.kill('SIGKILL');
  });

  it('goes nowhere once the program has exited, without an error', async () => {
    const spawn = await createNodePtySpawner();
    const p = await spawn({ command: 'sh', args: ['-c', 'exit 0'], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    const exited = new Promise<void>((resolve) => p.onExit(() => resolve()));
    await exited;
    expect(() => {
      for (let i = 0; i < 100; i++) p.write('x'.repeat(1000));
    }).not.toThrow();
  });
});
