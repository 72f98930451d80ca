// Replacing a small file so that a reader, a crash or a full disk never sees half of it: the new
// text goes to a temporary file beside it (same file system), is flushed to the disk, then renamed
// over the old one. A failed write leaves the old file as it was and removes the temporary one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Permissions of the file (default 0600: squadtui's files name commands and conversations). */
  readonly mode?: number;
  /** Permissions of the folders created for it (default 0700). */
  readonly dirMode?: number;
}

/** Writes `text` to `file` atomically; throws the file system's error (ENOSPC, EFBIG, EACCES…) with the old file intact. */
export function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', options.mode ?? 0o600);
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    // On the disk before it takes the old file's place: a crash right after the rename finds it whole.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // never made, or gone already
    }
    throw error;
  }
  syncDir(dir);
}

/** Makes the rename itself durable; some systems can't open a directory for that, which is no failure. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
