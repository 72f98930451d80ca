// The log records the commands agents ran and how they were answered: only its owner may read it.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/util/log.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the log file', () => {
  let tmp: string;
  let umask: number;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-log-'));
    // The usual umask leaves files world-readable: the log must not rely on a stricter one.
    umask = process.umask(0o022);
  });

  afterEach(() => {
    process.umask(umask);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is created 0600, in folders squadtui creates 0700, leaving a folder that was there alone', () => {
    chmodSync(tmp, 0o755);
    const file = path.join(tmp, 'state', 'squadtui', 'squadtui.log');
    const log = createLogger(file);
    log.info('auto-approved Bash(npm test)');
    log.error('boom', new Error('x'));
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(tmp, 'state', 'squadtui'))).toBe(0o700);
    expect(mode(path.join(tmp, 'state'))).toBe(0o700);
    expect(mode(tmp)).toBe(0o755);
    expect(readFileSync(file, 'utf8')).toMatch(/info auto-approved Bash\(npm test\)\n.*error boom: Error: x/);
  });

  it('makes an existing log readable only by its owner, keeping what it holds', () => {
    const dir = path.join(tmp, 'logs');
    mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, 'squadtui.log');
    writeFileSync(file, 'earlier\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    createLogger(file).info('later');
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
    expect(readFileSync(file, 'utf8')).toMatch(/^earlier\n.* info later\n$/);
  });

  it('is created 0600 again if removed while squadtui runs', () => {
    const file = path.join(tmp, 'squadtui.log');
    const log = createLogger(file);
    log.info('one');
    rmSync(file);
    log.info('two');
    expect(mode(file)).toBe(0o600);
  });

  it('never throws when its directory cannot be made or written (a file on its path)', () => {
    const blocker = path.join(tmp, 'file');
    writeFileSync(blocker, '');
    const log = createLogger(path.join(blocker, 'state', 'squadtui.log'));
    expect(() => {
      log.info('lost');
      log.error('lost too', new Error('x'));
    }).not.toThrow();
    expect(readFileSync(blocker, 'utf8')).toBe('');
  });
});
