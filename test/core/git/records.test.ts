import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentRecords } from '../../../src/core/git/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'squadtui records '));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date('2025-01-02T03:04:05.000Z');
const alice = { agent: 'alice', branch: 'squad/alice', base: 'main', baseKind: 'branch', path: '/w/alice', state: 'active' } as const;

describe('AgentRecords', () => {
  it('keeps records per branch and never loses one to a quick second write', async () => {
    const common = path.join(dir, 'a');
    const records = new AgentRecords(now);
    expect(await records.all(common)).toEqual({});
    await Promise.all([records.put(common, alice), records.put(common, { ...alice, agent: 'bob', branch: 'squad/bob' })]);
    expect(Object.keys(await records.all(common)).sort()).toEqual(['squad/alice', 'squad/bob']);
    expect(await records.update(common, 'squad/alice', { state: 'paused' })).toEqual({ ...alice, state: 'paused', updatedAt: now().toISOString() });
    expect(await records.update(common, 'squad/nobody', { state: 'paused' })).toBeUndefined();
    expect((await records.get(common, 'squad/alice'))?.state).toBe('paused');
  });

  it('reads an unreadable file as empty and keeps a copy before writing over it', async () => {
    const common = path.join(dir, 'b');
    await mkdir(path.join(common, 'squadtui'), { recursive: true });
    await writeFile(AgentRecords.fileFor(common), '{ not json');
    const records = new AgentRecords(now);
    expect(await records.all(common)).toEqual({});
    await records.put(common, alice);
    const files = await readdir(path.join(common, 'squadtui'));
    const backup = files.find((f) => f.startsWith('agents.json.broken-'));
    expect(backup).toBeDefined();
    expect(await readFile(path.join(common, 'squadtui', backup!), 'utf8')).toBe('{ not json');
    expect(Object.keys(await records.all(common))).toEqual(['squad/alice']);
  });
});
