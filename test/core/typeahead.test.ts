import { describe, expect, it } from 'vitest';
import { observe } from '../../src/core/agents/activity.js';
import { KeyReader } from '../../src/core/terminal/keys.js';
import { LocalSessionHost } from '../../src/core/sessions/local-host.js';
import type { SessionInfo } from '../../src/core/sessions/host.js';
import { agentById, createStoreOf, initialSquadState, reduceSquad } from '../../src/core/state/index.js';
import { Typeahead } from '../../src/core/sessions/typeahead.js';
import { fakeSpawner, running } from '../helpers/fake-pty.js';
import { waitFor } from '../helpers/wait-for.js';

const spec = { name: 'coder', command: 'agent', args: [], cwd: '/tmp' };

function setup(options: { holdMaxChars?: number; blankWaitMs?: number; restartKeys?: () => string } = {}) {
  const { spawn, ptys } = fakeSpawner();
  const host = new LocalSessionHost({ spawnPty: spawn, cols: 40, rows: 10, frameIntervalMs: 0 });
  const store = createStoreOf(initialSquadState(), reduceSquad);
  // As the squad and the monitor do: the store follows the host, the activity its sessions.
  host.onEvent((e) => {
    if (e.type !== 'info') return;
    store.dispatch({ type: 'agent/info', info: e.info });
    const agent = agentById(store.getState(), e.info.id)!;
    store.dispatch({ type: 'agent/activity', id: e.info.id, activity: observe(agent.activity, { kind: 'session', info: e.info }, Date.now()) });
  });
  const notices: string[] = [];
  const cleared: string[] = [];
  const typeahead = new Typeahead({ host, store, notice: (text) => notices.push(text), clearNotice: (text) => cleared.push(text), blankWaitMs: 10_000, ...options });
  // Listed and selectable while its worktree is made, before any program runs.
  const id = host.newId();
  const pending: SessionInfo = { id, spec, status: 'starting', startedAt: Date.now() };
  store.dispatch({ type: 'agent/pending', info: pending, title: 'Creating a worktree for coder…' });
  const reader = new KeyReader();
  const type = (input: string) => typeahead.write(id, reader.read(input));
  /** What the monitor does when it reads the program's screen. */
  const screenReads = (state: 'unknown' | 'idle' | 'permission') => store.dispatch({ type: 'agent/activity', id, activity: { state, since: Date.now() } });
  return { host, ptys, store, notices, cleared, typeahead, id, pending, type, screenReads };
}

describe('Typeahead', () => {
  it('holds keys typed while an agent starts, and writes them in order once its program has drawn, encoded for its modes', async () => {
    const { host, ptys, notices, cleared, id, type, screenReads } = setup();
    type('fix the ');
    type('\x1b[200~bug\rplease\x1b[201~');
    type('\x1b[A\r');
    expect(notices).toEqual(['coder is starting: what you type is sent once it runs.']);
    host.spawn(spec, { id });
    await running(host, id);
    // Running, but its terminal may still be in cooked mode: nothing yet.
    type('!');
    expect(ptys[0]!.sent).toBe('');
    // The program sets its modes (bracketed paste, application cursor keys), then draws.
    ptys[0]!.emit('\x1b[?2004h\x1b[?1h');
    expect(ptys[0]!.sent).toBe('');
    ptys[0]!.emit('READY');
    screenReads('unknown');
    expect(ptys[0]!.sent).toBe('fix the \x1b[200~bug\rplease\x1b[201~\x1bOA\r!');
    // The notice that said they wait is taken down.
    expect(cleared).toEqual(notices);
    // From now on keys go straight in.
    type('ok');
    expect(ptys[0]!.written.at(-1)).toBe('ok');
  });

  it('keeps held text out of a question the first screen asks (the trust dialog), and sends it once that is answered', async () => {
    const { host, ptys, notices, id, type, screenReads } = setup();
    type('fix the bug\r');
    host.spawn(spec, { id });
    await running(host, id);
    ptys[0]!.emit('Do you trust this folder? 1. Yes 2. No');
    screenReads('permission');
    expect(notices[1]).toBe('coder asks something first: answer it; what you typed before (12 characters) follows once it is answered.');
    // The user answers it in the agent; the held text stays behind.
    type('2');
    expect(ptys[0]!.sent).toBe('2');
    screenReads('idle');
    expect(ptys[0]!.sent).toBe('2fix the bug\r');
  });

  it('writes held keys to a program that draws nothing, once it has had time to start', async () => {
    const { host, ptys, id, type } = setup({ blankWaitMs: 20 });
    type('cat me\r');
    host.spawn(spec, { id });
    await running(host, id);
    await waitFor(() => ptys[0]!.sent === 'cat me\r');
  });

  it('says what was not sent when the agent fails to start', () => {
    const { store, notices, pending, type } = setup();
    type('hello\rworld');
    store.dispatch({ type: 'agent/info', info: { ...pending, status: 'failed', error: { message: 'no worktree', hint: '' } } });
    expect(notices.at(-1)).toBe('coder did not start: what you typed for it was not sent (11 characters: "hello⏎world").');
  });

  it('says so when more is typed than it holds, and keeps what came first', async () => {
    const { host, ptys, notices, id, type, screenReads } = setup({ holdMaxChars: 10 });
    type('12345');
    type('\x1b[200~a long paste\x1b[201~');
    type('6');
    expect(notices.at(-1)).toBe('coder is still starting: only the first 10 characters typed for it are kept; a paste of 12 characters and what follows are not sent.');
    host.spawn(spec, { id });
    await running(host, id);
    screenReads('unknown');
    expect(ptys[0]!.sent).toBe('12345');
  });

  it('holds keys again while an exited agent restarts', async () => {
    const { host, ptys, store, id, type, screenReads } = setup();
    host.spawn(spec, { id });
    await running(host, id);
    screenReads('idle');
    type('a');
    expect(ptys[0]!.sent).toBe('a');
    ptys[0]!.exit(0);
    await waitFor(() => host.get(id)?.status === 'exited');
    host.restart(id);
    // The monitor starts over: the new program has drawn nothing yet.
    expect(store.getState().agents[0]!.activity.state).toBe('starting');
    type('b');
    await running(host, id);
    expect(ptys[1]!.sent).toBe('');
    screenReads('idle');
    expect(ptys[1]!.sent).toBe('b');
  });

  it('says once that an exited agent reads nothing, with the keys that restart it, and again after its next run', async () => {
    const { host, ptys, notices, id, type, screenReads } = setup({ restartKeys: () => 'Ctrl+] r' });
    host.spawn(spec, { id });
    await running(host, id);
    screenReads('idle');
    ptys[0]!.exit(0);
    await waitFor(() => host.get(id)?.status === 'exited');
    type('lost');
    type('more');
    expect(notices.filter((n) => n.includes('goes nowhere'))).toEqual(['coder has exited: Ctrl+] r restarts it; what you type goes nowhere.']);
    host.restart(id);
    await running(host, id);
    ptys[1]!.exit(1);
    await waitFor(() => host.get(id)?.status === 'exited');
    type('x');
    expect(notices.filter((n) => n.includes('goes nowhere'))).toHaveLength(2);
  });
});
