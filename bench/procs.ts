// What processes cost, from /proc (Linux): CPU ticks (all threads), resident memory, and which
// processes belong to a bench run (by a marker in their environment, so a process started
// detached, like a background host, is found as well as the one in our pty).
import { readFileSync, readdirSync } from 'node:fs';

/** User + system CPU of all of the process's threads, in clock ticks (1/100 s). */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0; // gone
  }
}

/** Resident, its peak, and the part of it that is the process's own (not pages of files it maps, as its binary). */
export type MemoryField = 'VmRSS' | 'VmHWM' | 'RssAnon';

/** A memory figure of /proc/PID/status, in MB (0 when the process is gone). */
export function memoryMB(pid: number, field: MemoryField): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** This user's processes whose environment holds `marker` (NAME=value) and whose arguments satisfy `argv`. */
export function findProcesses(marker: string, argv: (args: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = readOr(`/proc/${entry}/environ`, '');
    if (!environ.split('\0').includes(marker)) continue;
    if (argv(readOr(`/proc/${entry}/cmdline`, '').split('\0').filter(Boolean))) pids.push(Number(entry));
  }
  return pids;
}
