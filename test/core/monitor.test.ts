import { describe, expect, it } from 'vitest';
import { initialActivity } from '../../src/core/activity.js';
import { claudeDetector } from '../../src/core/detect/index.js';
import { createLogger } from '../../src/core/log.js';
import { type ApproveConfig, Monitor } from '../../src/core/monitor.js';
import { compileApproveRules } from '../../src/core/approve/index.js';
import { Notifier } from '../../src/core/notifier.js';
import type { SessionEvent, SessionHost, SessionInfo } from '../../src/core/sessions.js';
import { createStore, initialState } from '../../src/core/store.js';
import { Emitter } from '../../src/core/emitter.js';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/claude-code');
const lines = (name: string) => readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8').split('\n');

/** A host whose screen text the test sets by hand. */
function fakeHost() {
  const events = new Emitter<SessionEvent>();
  const written: string[] = [];
  let text: string[] = [];
  const host = {
    onEvent: (l: (e: SessionEvent) => void) => events.on(l),
    screenText: () => text,
    write: (_id: string, data: string) => written.push(data),
    typeLine: (_id: string, data: string) => written.push(`line:${data}`),
  } as unknown as SessionHost;
  return { host, events, written, setScreen: (t: string[]) => (text = t) };
}

function setup(approve: ApproveConfig = { enabled: false, rules: new Map() }, cwd = '/w') {
  const { host, events, written, setScreen } = fakeHost();
  const info: SessionInfo = { id: 'a', spec: { name: 'coder', command: 'claude', args: [], cwd }, status: 'running', startedAt: 0 };
  const store = createStore(initialState({ cols: 120, rows: 40 }));
  store.dispatch({ type: 'agent/info', info });
  const out: string[] = [];
  const notifier = new Notifier(() => ({ bell: true, desktop: true, title: true }), (d) => out.push(d));
  const monitor = new Monitor({
    host,
    store,
    notifier,
    log: createLogger(undefined),
    detectorFor: () => claudeDetector,
    approve: () => approve,
  });
  const activity = () => store.getState().agents[0]!.activity;
  return { monitor, store, events, written, setScreen, out, activity, info };
}

describe('Monitor', () => {
  it('reads a prompt from the screen, notifies, and answers with its keys', () => {
    const m = setup();
    expect(m.activity()).toEqual(initialActivity(0));
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    expect(m.activity().state).toBe('permission');
    expect(m.out.join('')).toContain('\x1b]9;coder needs permission');
    expect(m.out.join('')).toContain('\x1b]2;squadtui · 1 waiting\x07');
    expect(m.monitor.answer('a', 'yes')).toMatchObject({ sent: true });
    expect(m.written).toEqual(['1']);
  });

  it('sends nothing when the prompt on screen is not the one queued', () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    // The agent moved on (answered in its own screen); no screen event has come in yet.
    m.setScreen(lines('e-bash-approved-key1'));
    const result = m.monitor.answer('a', 'yes');
    expect(result.sent).toBe(false);
    expect(m.written).toEqual([]);
    // And the inbox is told right away.
    expect(m.activity().state).not.toBe('permission');
    expect(m.store.getState().log.at(-1)).toMatchObject({ kind: 'dropped' });
  });

  it('sends nothing to a different prompt that took the old one\'s place', () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    m.setScreen(lines('d-write-prompt'));
    expect(m.monitor.answer('a', 'yes')).toMatchObject({ sent: false, reason: expect.stringContaining('different prompt') });
    expect(m.written).toEqual([]);
  });

  it('answers a prompt once, however often the key is pressed before the screen moves on', () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    expect(m.monitor.answer('a', 'yes')).toMatchObject({ sent: true });
    // The agent has not redrawn yet: a second press must not land on whatever comes next.
    expect(m.monitor.answer('a', 'no')).toMatchObject({ sent: false, reason: expect.stringContaining('just answered') });
    expect(m.written).toEqual(['1']);
    // Once the screen has moved on, the same question asked again can be answered again.
    m.setScreen(lines('e-bash-approved-key1'));
    m.monitor.readScreen('a');
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    expect(m.monitor.answer('a', 'yes')).toMatchObject({ sent: true });
    expect(m.written).toEqual(['1', '1']);
  });

  it('approves by rule only on the exact command the hook reports', () => {
    const rules = { enabled: true, rules: compileApproveRules({ enabled: true, programs: { claude: ['Bash(echo hello > out.txt)'] } }).rules };
    const request = (command: string) =>
      ({ agentId: 'a', event: 'PermissionRequest', payload: { hook_event_name: 'PermissionRequest', session_id: 's', tool_name: 'Bash', tool_input: { command } }, at: 0 }) as never;
    // The screen alone is not enough: its reading of a command is abridged and mixed with the description.
    const screenOnly = setup(rules);
    screenOnly.setScreen(lines('c-bash-prompt'));
    screenOnly.monitor.readScreen('a');
    expect(screenOnly.written).toEqual([]);
    const exact = setup(rules);
    exact.monitor.hook(request('echo hello > out.txt'));
    exact.setScreen(lines('c-bash-prompt'));
    exact.monitor.readScreen('a');
    expect(exact.written).toEqual(['1']);
    expect(exact.store.getState().log.at(-1)).toMatchObject({ kind: 'auto-approve' });
    const longer = setup(rules);
    longer.monitor.hook(request('echo hello > out.txt; rm -rf ~'));
    longer.setScreen(lines('c-bash-prompt'));
    longer.monitor.readScreen('a');
    expect(longer.written).toEqual([]);
  });

  it("matches a path rule where the file really is, in the agent's directory", () => {
    const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'squadtui-monitor-')));
    try {
      const plain = path.join(tmp, 'plain');
      const linked = path.join(tmp, 'linked');
      mkdirSync(plain);
      mkdirSync(linked);
      writeFileSync(path.join(plain, 'greet.txt'), '');
      writeFileSync(path.join(tmp, 'secret.txt'), '');
      symlinkSync(path.join(tmp, 'secret.txt'), path.join(linked, 'greet.txt'));
      const rules = { enabled: true, rules: compileApproveRules({ enabled: true, programs: { claude: ['Edit(*.txt)'] } }).rules };
      const edit = (cwd: string) => {
        const m = setup(rules, cwd);
        m.setScreen(lines('d-edit-prompt'));
        m.monitor.readScreen('a');
        return m.written;
      };
      expect(edit(plain)).toEqual(['1']);
      // greet.txt there leads out of the agent's directory: the user is asked.
      expect(edit(linked)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("never carries an answered request over to the next prompt (it must not be approved by the old one's rule)", () => {
    const rules = { enabled: true, rules: compileApproveRules({ enabled: true, programs: { claude: ['Bash(echo hello > out.txt)'] } }).rules };
    const m = setup(rules);
    // The screen shows the prompt before its hook event arrives; the rule then approves it.
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    m.monitor.hook({ agentId: 'a', event: 'PermissionRequest', payload: { hook_event_name: 'PermissionRequest', session_id: 's', tool_name: 'Bash', tool_input: { command: 'echo hello > out.txt' } }, at: 0 } as never);
    expect(m.written).toEqual(['1']);
    expect(m.activity().request).toBeUndefined();
    // The next Bash prompt replaces it before any other screen is read, and before its own hook.
    m.setScreen(lines('c-bash-prompt').map((l) => l.replace('echo hello > out.txt', 'rm -rf build')));
    m.monitor.readScreen('a');
    expect(m.activity().state).toBe('permission');
    expect(m.written).toEqual(['1']);
  });

  it('denies, then types the message back once the agent is at its input again', async () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    const answered = m.monitor.answerWithMessage('a', 'use a temp file instead');
    expect(m.written).toEqual(['3']);
    // The agent shows "Interrupted · What should Claude do instead?" and its input box.
    m.setScreen(lines('g-reject-no'));
    m.monitor.readScreen('a');
    expect(await answered).toMatchObject({ sent: true });
    expect(m.written).toEqual(['3', 'line:use a temp file instead']);
  });

  it('types the first prompt once the agent waits at its input', () => {
    const m = setup();
    m.store.dispatch({ type: 'agent/info', info: { ...m.info, spec: { ...m.info.spec, firstPrompt: 'fix the tests' } } });
    m.setScreen(lines('h-trust-dialog'));
    m.monitor.readScreen('a');
    expect(m.written).toEqual([]);
    m.setScreen(lines('a-idle'));
    m.monitor.readScreen('a');
    expect(m.written).toEqual(['line:fix the tests']);
    m.monitor.readScreen('a');
    expect(m.written).toHaveLength(1);
  });

  it('takes hook events for the agent that sent them', () => {
    const m = setup();
    m.monitor.hook({ agentId: 'a', event: 'UserPromptSubmit', payload: { hook_event_name: 'UserPromptSubmit', session_id: 's', prompt: 'x' }, at: 0 });
    expect(m.activity().state).toBe('working');
  });
});

describe('Notifier', () => {
  it("passes an agent's bell on, at most once a second, and not when bells are off", () => {
    const out: string[] = [];
    let bell = true;
    const n = new Notifier(() => ({ bell, desktop: false, title: false }), (d) => out.push(d));
    n.bell(0);
    n.bell(500);
    n.bell(1200);
    expect(out).toEqual(['\x07', '\x07']);
    bell = false;
    n.bell(5000);
    expect(out).toHaveLength(2);
  });
});
