import { closeSync, openSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillDescriptorGaps } from '../../src/core/pty/fd-gaps.js';

const open = () => readdirSync('/proc/self/fd').map(Number).sort((a, b) => a - b);

describe.runIf(process.platform === 'linux')('descriptor gaps', () => {
  it('fills every free number below the highest open descriptor for the spawn, then frees them', () => {
    const fds = Array.from({ length: 6 }, () => openSync('/dev/null', 'r'));
    closeSync(fds[1]!);
    closeSync(fds[3]!);
    const before = open();
    const highest = Math.max(...before);
    const release = fillDescriptorGaps();
    const during = new Set(open());
    for (let fd = 0; fd <= highest; fd++) expect(during.has(fd), `descriptor ${fd}`).toBe(true);
    release();
    expect(open()).toEqual(before);
    for (const fd of [fds[0]!, fds[2]!, fds[4]!, fds[5]!]) closeSync(fd);
  });
});
