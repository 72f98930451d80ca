import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'squadtui-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createLogger', () => {
  it('makes its directory and appends lines', () => {
    const file = path.join(root, 'state', 'squadtui.log');
    const log = createLogger(file);
    log.info('one');
    log.error('two', new Error('why'));
    expect(readFileSync(file, 'utf8')).toMatch(/ info one\n.* error two: Error: why/);
  });

  it('never throws when its directory cannot be made or written (a file on its path)', () => {
    const blocker = path.join(root, 'blocker');
    writeFileSync(blocker, '');
    const log = createLogger(path.join(blocker, 'state', 'squadtui.log'));
    expect(() => {
      log.info('lost');
      log.error('lost too', new Error('x'));
    }).not.toThrow();
    expect(readFileSync(blocker, 'utf8')).toBe('');
  });
});
