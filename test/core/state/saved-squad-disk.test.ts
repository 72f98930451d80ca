// The saved squad on a disk that is really full: a small tmpfs filled up (ENOSPC; needs root and
// mount, as in the test container), and a file size limit (ulimit -f: EFBIG) in a child process.
// Either way the previous save survives whole, no temporary file is left, and the user is told once.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SquadSaver, type SquadState, type SquadStore, createStoreOf, initialSquadState, readSavedSquad, reduceSquad } from '../../../src/core/state/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-disk-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const noLog = { info: () => {}, error: () => {}, file: undefined };

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = path.join(tmp, 'probe');
  mkdirSync(probe);
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  return ok;
}

function store(): SquadStore {
  return createStoreOf<SquadState, Parameters<typeof reduceSquad>[1]>(initialSquadState(), reduceSquad);
}

function addLog(s: SquadStore, n: number): void {
  for (let i = 0; i < n; i++) s.dispatch({ type: 'log/add', entry: { at: i, agent: 'coder', text: `Bash: npm test ${'x'.repeat(60)} ${i}`, kind: 'answer' } });
}

/** Fills the file system of `dir` until it refuses another byte. */
function fill(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.skipIf(!canMount())('a full disk (tmpfs)', () => {
  it('keeps the previous save whole, says so once, and saves again once there is room', () => {
    const mnt = path.join(tmp, 'mnt');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', mnt]);
    try {
      const file = path.join(mnt, 'squadtui', 'squad.json');
      const s = store();
      const warned: string[] = [];
      const saver = new SquadSaver({ file, store: s, log: noLog, warn: (t) => warned.push(t) });
      addLog(s, 3);
      saver.start();
      const before = readFileSync(file, 'utf8');
      const filler = fill(mnt);
      addLog(s, 200);
      saver.flushSync();
      addLog(s, 1);
      saver.flushSync();
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(readdirSync(path.dirname(file))).toEqual(['squad.json']);
      expect(warned).toEqual([`Could not save the squad to ${file} (the disk is full): the previous save is kept; squadtui tries again at the next change.`]);
      rmSync(filler);
      addLog(s, 1);
      saver.flushSync();
      const read = readSavedSquad(file);
      expect(read.kind === 'saved' && read.squad.log).toHaveLength(205);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});

describe('a file size limit (ulimit -f)', () => {
  it('keeps the previous save whole when the new one would be too large (EFBIG), in a child process', async () => {
    const bundle = path.join(tmp, 'saver.mjs');
    await build({ entryPoints: [path.join(ROOT, 'src/core/state/index.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
    const file = path.join(tmp, 'limit', 'squad.json');
    const script = `const { SquadSaver, createStoreOf, initialSquadState, reduceSquad } = await import(${JSON.stringify(bundle)});
const s = createStoreOf(initialSquadState(), reduceSquad);
const warned = [];
const saver = new SquadSaver({ file: ${JSON.stringify(file)}, store: s, log: { info() {}, error() {} }, warn: (t) => warned.push(t) });
saver.start();
for (let i = 0; i < 300; i++) s.dispatch({ type: 'log/add', entry: { at: i, text: 'x'.repeat(80), kind: 'notice' } });
saver.flushSync();
process.stdout.write(JSON.stringify(warned));`;
    // Node ignores SIGXFSZ, so the write fails with EFBIG instead of killing the process.
    const out = execFileSync('sh', ['-c', 'ulimit -f 8 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([`Could not save the squad to ${file} (the file would be larger than allowed): the previous save is kept; squadtui tries again at the next change.`]);
    const read = readSavedSquad(file);
    expect(read.kind === 'saved' && read.squad.log).toEqual([]);
    expect(readdirSync(path.dirname(file))).toEqual(['squad.json']);
  });
});
