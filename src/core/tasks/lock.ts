// A lock file for read-modify-write of one file by several processes: made with O_EXCL, naming its
// holder (pid and start time, processes.ts); a lock whose holder no longer runs is taken over.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { type ProcessId, isRunning, sameProcess, selfId } from '../pty/index.js';
import { MISSING, readJsonFile } from '../util/index.js';

export class LockTimeoutError extends Error {
  constructor(
    readonly file: string,
    readonly holder: ProcessId | undefined,
  ) {
    super(`${file} stays locked${holder ? ` by process ${holder.pid}` : ''}; if that process hangs, end it or delete the lock file.`);
  }
}

/**
 * A lock is written just after it is made, so it reads empty for an instant: only one unreadable
 * for this long was left by a process that died in between.
 */
const BROKEN_STALE_MS = 1000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `work` holding `lockFile`. Waits (briefly sleeping, as holders keep it for a few
 * milliseconds) up to `timeoutMs`. Synchronous, so exit paths and the CLI can use it alike.
 */
export function withLock<T>(lockFile: string, work: () => T, timeoutMs = 5000, self: ProcessId = selfId()): T {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    if (tryLock(lockFile, self)) break;
    const holder = readHolder(lockFile);
    if (holder === 'missing') continue;
    if (holder === 'broken' ? ageMs(lockFile) > BROKEN_STALE_MS : !isRunning(holder)) takeOverStale(lockFile);
    else if (Date.now() > deadline) throw new LockTimeoutError(lockFile, typeof holder === 'string' ? undefined : holder);
    // The lock is held for one read-change-write (milliseconds): a short synchronous wait keeps
    // every change one step. The CLI runs in a process of its own; the window takes changes off
    // the render path.
    // eslint-disable-next-line no-restricted-properties
    else Atomics.wait(sleeper, 0, 0, wait);
  }
  try {
    return work();
  } finally {
    const holder = readHolder(lockFile);
    if (typeof holder !== 'string' && sameProcess(holder, self)) remove(lockFile);
  }
}

function tryLock(lockFile: string, self: ProcessId): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: self.pid, start: self.start }));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a dead holder's lock aside (never deletes it in place: another process may have replaced
 * it with a live lock meanwhile); if what was moved turns out alive, it is put back.
 */
function takeOverStale(lockFile: string): void {
  const aside = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(lockFile, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (typeof moved !== 'string' && isRunning(moved)) {
    try {
      renameSync(aside, lockFile);
      return;
    } catch {
      // fall through: it is gone either way
    }
  }
  remove(aside);
}

function readHolder(file: string): ProcessId | 'missing' | 'broken' {
  const value = readJsonFile(file);
  if (value === MISSING) return 'missing';
  const holder = (value ?? {}) as Partial<ProcessId>;
  return typeof holder.pid === 'number' && typeof holder.start === 'string' ? { pid: holder.pid, start: holder.start } : 'broken';
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function remove(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
