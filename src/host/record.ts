// What a running host writes about itself beside its socket, for windows, `squadtui ls` and the
// next host (which must tell a live host from one that died without cleaning up).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { type ProcessId, isRunning } from '../core/pty/processes.js';
import * as z from '../core/util/zod.js';
import type { SquadPaths } from './paths.js';

const HostRecord = z.object({
  pid: z.number(),
  start: z.string(),
  dir: z.string(),
  version: z.string(),
  protocol: z.number(),
  startedAt: z.number(),
});
export type HostRecord = z.infer<typeof HostRecord>;

/** Writes the record (atomically); returns it. */
export function writeRecord(paths: SquadPaths, record: HostRecord): HostRecord {
  const temp = `${paths.record}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(record), { mode: 0o600 });
  renameSync(temp, paths.record);
  return record;
}

export function readRecord(paths: SquadPaths): HostRecord | undefined {
  try {
    const parsed = HostRecord.safeParse(JSON.parse(readFileSync(paths.record, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function recordOwner(record: HostRecord): ProcessId {
  return { pid: record.pid, start: record.start };
}

/** Whether the host that wrote the record still runs. */
export function hostAlive(record: HostRecord | undefined): boolean {
  return record !== undefined && isRunning(recordOwner(record));
}

/** What a host leaves: removed by itself on the way out, or by the next one after a crash. */
export function removeHostFiles(paths: SquadPaths): void {
  for (const file of [paths.socket, paths.record, paths.bootLog]) rmSync(file, { force: true });
}
