// A small JSON file another process may be writing, read without throwing: missing (nothing there),
// broken (unreadable or not JSON: someone else's, half written, or hand edited), or its value.
import { readFileSync } from 'node:fs';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? MISSING : BROKEN;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return BROKEN;
  }
}

export const MISSING: unique symbol = Symbol('missing');
export const BROKEN: unique symbol = Symbol('broken');
