// The hook server's private directory (mode 0700, in the temp directory), named after the squadtui
// that made it (pid and start time), so that one killed with -9, which could not remove its own,
// has it removed by the next squadtui: only directories of this user whose owner no longer runs.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type ProcessId, isRunning, selfId } from '../../pty/index.js';

export class PrivateDirError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'PrivateDirError';
  }
}

const PREFIX = 'squadtui-hooks-';
/** squadtui-hooks-<pid>-<start time, 0 when unknown>-<mkdtemp's six characters> */
const NAME = /^squadtui-hooks-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;
/** sun_path is 104 bytes on macOS and BSD, 108 on Linux, both including the final NUL. */
const MAX_SOCKET_PATH = 103;

/** The directory name's beginning for `owner`: mkdtemp adds six random characters. */
export function privateDirPrefix(owner: ProcessId = selfId()): string {
  return `${PREFIX}${owner.pid}-${owner.start || '0'}-`;
}

/**
 * A fresh directory only this user can enter, for a socket called `socketName`. A long TMPDIR
 * (macOS: /var/folders/...) could push the socket path past sun_path; then /tmp is used instead.
 */
export function makePrivateDir(baseDir: string, socketName: string, owner: ProcessId = selfId()): string {
  const prefix = privateDirPrefix(owner);
  const fits = (base: string) => Buffer.byteLength(path.join(base, `${prefix}XXXXXX`, socketName)) <= MAX_SOCKET_PATH;
  let base = baseDir;
  if (!fits(base)) {
    if (process.platform === 'win32' || !fits('/tmp')) {
      throw new PrivateDirError(`The temp directory path is too long for a Unix socket: ${baseDir}`, 'Set TMPDIR to a shorter path.');
    }
    base = '/tmp';
  }
  try {
    const dir = mkdtempSync(path.join(base, prefix));
    // mkdtemp already uses 0700; say it explicitly rather than trust every platform's default.
    chmodSync(dir, 0o700);
    return dir;
  } catch (error) {
    throw new PrivateDirError(
      `Could not create a private directory in ${base}: ${(error as Error).message}`,
      'Agents still run; their state is read from their screens only. Check that the temp directory (TMPDIR) is writable.',
    );
  }
}

/**
 * Removes the private directories in `baseDir` left by squadtui processes that no longer run (a
 * squadtui killed with -9 cannot remove its own). Only real directories (not links) of this user,
 * named by makePrivateDir; a running owner's is never touched. Returns what was removed.
 */
export function removeDeadPrivateDirs(baseDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(baseDir);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const owner: ProcessId = { pid: Number(m[1]), start: m[2] === '0' ? '' : m[2]! };
    if (isRunning(owner)) continue;
    const dir = path.join(baseDir, name);
    try {
      const info = lstatSync(dir);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
