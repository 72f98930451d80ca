// squadtui's own log: a file, never stdout (the frame belongs to Ink).
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  readonly file: string | undefined;
}

export function createLogger(file: string | undefined): Logger {
  let ready = false;
  const write = (level: string, message: string) => {
    if (!file) return;
    try {
      if (!ready) {
        mkdirSync(path.dirname(file), { recursive: true });
        ready = true;
      }
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}\n`);
    } catch {
      // Logging must never take the app down.
    }
  };
  return {
    file,
    info: (message) => write('info', message),
    error: (message, error) =>
      write('error', error instanceof Error ? `${message}: ${error.stack ?? error.message}` : error === undefined ? message : `${message}: ${String(error)}`),
  };
}
