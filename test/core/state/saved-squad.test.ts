// The saved squad: what is saved, when, how it is read back and checked, and what a start offers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { processStart } from '../../../src/core/pty/index.js';
import type { SessionInfo } from '../../../src/core/sessions/index.js';
import {
  type SavedSquad, SquadSaver, type SquadState, type SquadStore, createStoreOf, declineSaved, initialSquadState, readSavedSquad, reduceSquad, savedSquadFile, savedStart, snapshotOf,
} from '../../../src/core/state/index.js';
import { writeFileAtomic } from '../../../src/core/util/index.js';
import { tempRepo } from '../../helpers/temp-repo.js';

const self = { pid: process.pid, start: processStart(process.pid) ?? '' };
/** A process that has ended: its pid names nobody (or somebody else, with another start time). */
const gone = () => ({ pid: spawnSync('true').pid ?? 1, start: 'ended' });

const info = (name: string, extra: Partial<SessionInfo['spec']> = {}): SessionInfo => ({
  id: `id-${name}`,
  spec: { name, command: 'claude', args: ['--model', 'sonnet'], cwd: `/work/${name}`, ...extra },
  status: 'running',
  startedAt: 1,
});

function squadStore(): SquadStore {
  return createStoreOf<SquadState, Parameters<typeof reduceSquad>[1]>(initialSquadState(), reduceSquad);
}

function withAgents(store: SquadStore): void {
  store.dispatch({ type: 'agent/info', info: info('coder') });
  store.dispatch({ type: 'agent/worktree', id: 'id-coder', worktree: { path: '/repo.squad/coder', branch: 'squad/coder', base: 'main', status: { ahead: 1, behind: 0, files: 1, added: 3, removed: 0, uncommitted: true } as never } });
  store.dispatch({ type: 'agent/conversation', id: 'id-coder', conversation: 'aa532cbd' });
  store.dispatch({ type: 'agent/info', info: info('shell', { command: 'bash', args: [], detector: 'shell', label: 'sh' }) });
  store.dispatch({ type: 'log/add', entry: { at: 5, agent: 'coder', text: 'Bash: npm test → yes', kind: 'answer' } });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-saved-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const noLog = { info: () => {}, error: () => {}, file: undefined };

describe('what is saved', () => {
  it('keeps each agent’s program, directory, worktree and conversation, and the activity log; nothing that changes by the second', () => {
    const store = squadStore();
    withAgents(store);
    const saved = snapshotOf(store.getState(), self, false);
    expect(saved).toEqual({
      version: 1,
      owner: self,
      stopped: false,
      agents: [
        { name: 'coder', command: 'claude', args: ['--model', 'sonnet'], cwd: '/work/coder', worktree: { path: '/repo.squad/coder', branch: 'squad/coder', base: 'main' }, conversation: 'aa532cbd' },
        { name: 'shell', command: 'bash', args: [], cwd: '/work/shell', detector: 'shell', label: 'sh' },
      ],
      log: [{ at: 5, agent: 'coder', text: 'Bash: npm test → yes', kind: 'answer' }],
    });
    store.dispatch({ type: 'agent/activity', id: 'id-coder', activity: { state: 'working', since: 9 } as never });
    expect(snapshotOf(store.getState(), self, false)).toEqual(saved);
  });

  it('lives beside the task list: in the common git directory of a repository and all its worktrees', () => {
    const repo = tempRepo();
    try {
      repo.git('worktree', 'add', '-q', '-b', 'side', path.join(path.dirname(repo.dir), 'side'));
      const common = path.join(repo.dir, '.git', 'squadtui', 'squad.json');
      expect(savedSquadFile(repo.dir)).toBe(common);
      expect(savedSquadFile(path.join(path.dirname(repo.dir), 'side'))).toBe(common);
    } finally {
      repo.cleanup();
    }
    // Outside a repository: beside that directory's task list in the data directory.
    expect(savedSquadFile(dir)).toMatch(new RegExp(`squadtui.*tasks.*${path.basename(dir)}-[0-9a-f]{12}.squad\\.json$`));
  });
});

describe('the saver', () => {
  it('writes after a burst of changes, once, only when what is saved changed, 0600', () => {
    vi.useFakeTimers();
    const file = path.join(dir, 'git', 'squadtui', 'squad.json');
    const store = squadStore();
    const writes: string[] = [];
    const saver = new SquadSaver({ file, store, log: noLog, warn: () => {}, owner: self, write: (f, text) => (writes.push(text), writeFileAtomic(f, text)) });
    saver.start();
    expect(writes).toHaveLength(1);
    withAgents(store);
    expect(writes).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(writes).toHaveLength(2);
    expect(readSavedSquad(file)).toEqual({ kind: 'saved', squad: snapshotOf(store.getState(), self, false) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A change that is not saved (what an agent is doing) writes nothing.
    store.dispatch({ type: 'agent/activity', id: 'id-coder', activity: { state: 'working', since: 9 } as never });
    vi.advanceTimersByTime(250);
    expect(writes).toHaveLength(2);
    expect(readdirSync(path.dirname(file))).toEqual(['squad.json']);
  });

  it('loses no change at exit: flushSync writes what is pending at once; a stop on purpose is saved so', () => {
    const file = path.join(dir, 'squad.json');
    const store = squadStore();
    const saver = new SquadSaver({ file, store, log: noLog, warn: () => {}, owner: gone(), delayMs: 60_000 });
    saver.start();
    withAgents(store);
    saver.flushSync();
    const read = readSavedSquad(file);
    expect(read.kind === 'saved' && read.squad.agents.map((a) => a.name)).toEqual(['coder', 'shell']);
    expect(savedStart(file, { self }).offer?.agents).toHaveLength(2);
    saver.markStopped();
    expect(savedStart(file, { self })).toEqual({ save: true, notices: [] });
    saver.dispose();
  });

  it('keeps the previous file whole when a write fails, says so once, and writes again at the next change', () => {
    vi.useFakeTimers();
    const file = path.join(dir, 'squad.json');
    const store = squadStore();
    const warned: string[] = [];
    let full = false;
    const write = (f: string, text: string) => {
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      writeFileAtomic(f, text);
    };
    const saver = new SquadSaver({ file, store, log: noLog, warn: (t) => warned.push(t), owner: self, write });
    saver.start();
    const before = readFileSync(file, 'utf8');
    full = true;
    withAgents(store);
    vi.advanceTimersByTime(250);
    store.dispatch({ type: 'log/add', entry: { at: 6, text: 'more', kind: 'notice' } });
    vi.advanceTimersByTime(250);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(warned).toEqual([`Could not save the squad to ${file} (the disk is full): the previous save is kept; squadtui tries again at the next change.`]);
    full = false;
    store.dispatch({ type: 'log/add', entry: { at: 7, text: 'again', kind: 'notice' } });
    vi.advanceTimersByTime(250);
    const read = readSavedSquad(file);
    expect(read.kind === 'saved' && read.squad.log.map((e) => e.text)).toEqual(['Bash: npm test → yes', 'more', 'again']);
  });
});

describe('reading it back', () => {
  const ended = gone();
  const squad = (over: Partial<SavedSquad> = {}): SavedSquad => ({
    version: 1,
    owner: ended,
    stopped: false,
    agents: [{ name: 'coder', command: 'claude', args: [], cwd: '/w' }],
    log: [],
    ...over,
  });
  const write = (file: string, value: unknown) => writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));

  it('keeps a file that is not JSON aside, says where, and starts as usual', () => {
    const file = path.join(dir, 'squad.json');
    write(file, '{"version": 1, "agents": [');
    const start = savedStart(file, { self, now: () => new Date('2026-01-02T03:04:05.678Z') });
    const aside = `${file}.broken-2026-01-02T03-04-05-678Z`;
    expect(start).toEqual({ save: true, notices: [`The saved squad ${file} can't be used: it is not readable JSON. It was kept as ${aside}; the squad starts as usual.`] });
    expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "agents": [');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a file of the wrong shape, naming what is wrong', () => {
    const file = path.join(dir, 'squad.json');
    write(file, { ...squad(), agents: [{ name: 'coder', command: 'claude', args: 'oops', cwd: '/w' }] });
    const read = readSavedSquad(file);
    expect(read.kind).toBe('broken');
    expect(read.kind === 'broken' && read.problem).toMatch(/it is not a saved squad \(agents\.0\.args: .*array/);
    expect(readdirSync(dir).filter((f) => f.startsWith('squad.json.broken-'))).toHaveLength(1);
  });

  it('offers a squad whose squadtui is gone and was not stopped; not a stopped one, an empty one, nor one a running squadtui owns', () => {
    const file = path.join(dir, 'squad.json');
    write(file, squad());
    expect(savedStart(file, { self }).offer?.agents[0]?.name).toBe('coder');
    write(file, squad({ stopped: true }));
    expect(savedStart(file, { self })).toEqual({ save: true, notices: [] });
    write(file, squad({ agents: [] }));
    expect(savedStart(file, { self }).offer).toBeUndefined();
    // The parent process runs: its squad is neither offered nor written over.
    const parent = { pid: process.ppid, start: processStart(process.ppid) ?? '' };
    write(file, squad({ owner: parent }));
    expect(savedStart(file, { self })).toEqual({ save: false, notices: [`squadtui pid ${process.ppid} runs a squad here and saves it in ${file}: this one's squad is not saved.`] });
  });

  it('--fresh and a "no" offer nothing and delete nothing: the save is kept aside', () => {
    const file = path.join(dir, 'squad.json');
    write(file, squad());
    const text = readFileSync(file, 'utf8');
    const start = savedStart(file, { self, fresh: true, now: () => new Date('2026-01-02T00:00:00Z') });
    expect(start.offer).toBeUndefined();
    expect(start.save).toBe(true);
    expect(start.notices).toEqual(['--fresh: the squad saved before (coder) is kept as squad.json.fresh-2026-01-02T00-00-00-000Z.']);
    expect(readFileSync(`${file}.fresh-2026-01-02T00-00-00-000Z`, 'utf8')).toBe(text);
    write(file, squad());
    expect(declineSaved(file, squad(), () => new Date('2026-01-03T00:00:00Z'))).toEqual({ save: true, notice: `The squad from before (coder) is kept as ${file}.declined-2026-01-03T00-00-00-000Z.` });
    expect(readFileSync(`${file}.declined-2026-01-03T00-00-00-000Z`, 'utf8')).toBe(text);
  });
});

describe('an atomic write', () => {
  it('replaces the file whole, 0600, in folders made 0700, leaving no temporary file', () => {
    const file = path.join(dir, 'a', 'b', 'squad.json');
    writeFileAtomic(file, 'one\n');
    writeFileAtomic(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file))).toEqual(['squad.json']);
  });
});
