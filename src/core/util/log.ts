// squadtui's own log: a file, never stdout (the frame belongs to Ink). It records the commands agents
// ran and how they were answered, so only its owner may read it: the file is 0600 (an existing one
// is made so), and the folders squadtui creates for it are 0700.
import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  readonly file: string | undefined;
}

export function createLogger(file: string | undefined): Logger {
  let ready = false;
  const prepare = (name: string) => {
    const dir = path.dirname(name);
    const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Only the folders made just now (the umask may have narrowed them further; say it explicitly).
    // A folder that was there already is the user's to set.
    if (first !== undefined) {
      for (let d = dir; d.length >= first.length; d = path.dirname(d)) chmodSync(d, 0o700);
    }
    appendFileSync(name, '', { mode: 0o600 });
    chmodSync(name, 0o600);
  };
  const write = (level: string, message: string) => {
    if (!file) return;
    try {
      if (!ready) {
        prepare(file);
        ready = true;
      }
      // Created 0600 should it have been removed meanwhile.
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}\n`, { mode: 0o600 });
    } catch {
      // Logging must never take the app down.
    }
  };
  return {
    file,
    info: (message) => write('info', message),
    error: (message, error) =>
      write('error', error instanceof Error ? `${message}: ${error.stack ?? error.message}` : error === undefined ? message : `${message}: ${typeof error === 'string' ? error : inspect(error)}`),
  };
}
