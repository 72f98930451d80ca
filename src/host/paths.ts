// Where a squad's host can be found: a private runtime directory of this user (0700), and in it,
// per squad, its socket, what it says about itself, and the lock its start is made under. A squad
// is one per repository (keyed by git's common directory, so every worktree finds it), or one per
// directory outside a repository.
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tasksLocation } from '../core/tasks/location.js';

export class RuntimeDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeDirError';
  }
}

/** The user's private directory for squad hosts; made (0700) if missing, refused if anyone else could enter it. */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = process.getuid?.() ?? 0;
  const dir = env.SQUADTUI_RUNTIME_DIR || (env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'squadtui') : path.join(os.tmpdir(), `squadtui-${uid}`));
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new RuntimeDirError(`Could not create ${dir}: ${(error as Error).message}. Set SQUADTUI_RUNTIME_DIR to a directory of yours.`);
  }
  const info = lstatSync(dir);
  if (!info.isDirectory() || (process.getuid && info.uid !== uid)) {
    throw new RuntimeDirError(`${dir} is not a directory of yours: squadtui will not put its sockets there. Remove it, or set SQUADTUI_RUNTIME_DIR.`);
  }
  // Only this user may connect: the socket gives whoever reaches it the agents' keyboards.
  if ((info.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

export interface SquadPaths {
  /** The directory that names the squad (the repository's common git directory, or the directory). */
  readonly key: string;
  readonly socket: string;
  /** The host's own description (HostRecord), written once it listens. */
  readonly record: string;
  /** Held while a host starts, so two windows never start two hosts. */
  readonly lock: string;
  /** What the host printed before it could listen (why it could not start). */
  readonly bootLog: string;
}

export function squadPaths(dir: string, runtime: string): SquadPaths {
  const key = squadKey(dir);
  return filesOf(key, path.join(runtime, createHash('sha256').update(key).digest('hex').slice(0, 16)));
}

/** Where a squad is found by the user: its repository (the key without .git), or its directory. */
export function squadDir(paths: SquadPaths): string {
  return paths.key.replace(/[\\/]\.git$/, '');
}

/** A squad's files, named `base`.sock, `base`.json…; `key` is '' when only the files are known. */
export function filesOf(key: string, base: string): SquadPaths {
  return { key, socket: `${base}.sock`, record: `${base}.json`, lock: `${base}.lock`, bootLog: `${base}.boot.log` };
}

function squadKey(dir: string): string {
  const repo = tasksLocation(dir).commonDir;
  if (repo) return repo;
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
