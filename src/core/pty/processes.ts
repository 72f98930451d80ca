// Which process is which, across squadtui instances: a process is named by its pid and its start
// time, so a pid the system has handed to an unrelated process since is never taken for the one
// that wrote it down. Linux reads /proc; elsewhere only whether the pid is alive is known.
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface ProcessId {
  readonly pid: number;
  /** Start time in clock ticks after boot (/proc/<pid>/stat field 22); '' where unknown. */
  readonly start: string;
}

/** The start time of a live process ('' when the platform can't tell), undefined when it is not running. */
export function processStart(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform !== 'linux') return isAlive(pid) ? '' : undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // After the parenthesised command name (which may hold spaces): field 3 (state) onwards.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined; // exited, waiting to be reaped
  return fields[19] ?? '';
}

let self: ProcessId | undefined;

/** This process. */
export function selfId(): ProcessId {
  self ??= { pid: process.pid, start: processStart(process.pid) ?? '' };
  return self;
}

/** Whether the process written down as `id` still runs (the same one, not a reused pid). */
export function isRunning(id: ProcessId): boolean {
  const start = processStart(id.pid);
  if (start === undefined) return false;
  return start === '' || id.start === '' || start === id.start;
}

export function sameProcess(a: ProcessId, b: ProcessId): boolean {
  return a.pid === b.pid && a.start === b.start;
}

export interface ProcessInDir {
  readonly pid: number;
  /** The program's name (/proc/<pid>/comm), e.g. "claude" or "node". */
  readonly command: string;
}

/** A live process and its working directory (real path). */
export interface WorkingProcess {
  readonly pid: number;
  readonly cwd: string;
}

/**
 * Every live process's working directory, read once for several questions (Linux only; elsewhere
 * none are known). Processes of other users are not readable and not listed, which is what we
 * want: only the user's own agents matter here.
 */
export function workingDirs(exclude: ReadonlySet<number> = new Set([process.pid])): WorkingProcess[] {
  if (process.platform !== 'linux') return [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: WorkingProcess[] = [];
  for (const entry of entries) {
    const c = entry.charCodeAt(0);
    if (c < 48 || c > 57 || exclude.has(Number(entry))) continue;
    try {
      found.push({ pid: Number(entry), cwd: readlinkSync(`/proc/${entry}/cwd`) });
    } catch {
      // another user's process, or it ended while we looked
    }
  }
  return found;
}

/** Live processes working in `dir` or below it (from `processes`, or read now). */
export function processesIn(dir: string, processes: readonly WorkingProcess[] = workingDirs()): ProcessInDir[] {
  // The kernel reports real paths: a worktree reached through a symlink is compared as it really is.
  let root = path.resolve(dir);
  try {
    root = realpathSync(root);
  } catch {
    // gone: nothing can be working in it
  }
  const found: ProcessInDir[] = [];
  for (const { pid, cwd } of processes) {
    if (cwd !== root && !cwd.startsWith(`${root}/`)) continue;
    if (processStart(pid) === undefined) continue; // exited since, or a zombie
    let command = '?';
    try {
      command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      // ended meanwhile: it was still there a moment ago, so it counts
    }
    found.push({ pid, command });
  }
  return found;
}

/** Whether a process (or, negative, a process group) exists: one we may not signal exists too. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
