import { describe, expect, it, vi } from 'vitest';
import { HOOK_GRACE_MS, initialActivity } from '../../src/core/agents/activity.js';
import { STEP_MS } from '../../src/core/agents/prompt-answer.js';
import { type DetectorDefinition, claudeDetector, defineDetector } from '../../src/core/agents/detect/index.js';
import { createLogger } from '../../src/core/util/log.js';
import { type ApproveConfig, Monitor } from '../../src/core/agents/monitor.js';
import { compileApproveRules } from '../../src/core/approve/index.js';
import { Notifier } from '../../src/core/agents/notifier.js';
import { keepConversation } from '../../src/core/agents/conversation.js';
import type { SessionEvent, SessionHost, SessionInfo } from '../../src/core/sessions/host.js';
import { createStoreOf, initialSquadState, reduceSquad } from '../../src/core/state/index.js';
import { Emitter } from '../../src/core/util/emitter.js';
import { Screen } from '../../src/core/terminal/screen.js';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const YES = { by: 'role', role: 'yes' } as const;
const NO = { by: 'role', role: 'no' } as const;
/** Lets queued answers and screen events run. */
const settled = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/claude-code');
const lines = (name: string) => readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8').split('\n');
/** Claude's question with `text` in its "Type something." row, as it shows typed text. */
const typedAs = (text: string) => lines('j-ask1-free-typed').map((l) => (l === '❯ 3. Green' ? `❯ 3. ${text}` : l));
/** A field that shows what was typed into it so far (every write but Enter). */
function field(): (data: string) => string[] | undefined {
  let typed = '';
  return (data) => (data === '\r' ? undefined : typedAs((typed += data)));
}

/**
 * A host whose screen text the test sets by hand; `react` plays the agent: given what was written,
 * the screen it draws next (announced with a screen event on the next turn, as the host does).
 */
function fakeHost() {
  const events = new Emitter<SessionEvent>();
  const written: string[] = [];
  let text: string[] = [];
  let inverse = new Set<number>();
  let react: ((data: string) => string[] | undefined) | undefined;
  // A hidden agent's program has been told it lost the focus: it draws no text cursor until lent it.
  const focus = { hidden: false, lent: false };
  const host = {
    onEvent: (l: (e: SessionEvent) => void) => events.on(l),
    screenText: () => text,
    inverseOnRow: (_id: string, up: number) => (!focus.hidden || focus.lent) && inverse.has(text.length - 1 - up),
    lendFocus: (id: string, focused: boolean) => {
      if (!focus.hidden) return false;
      focus.lent = focused;
      setImmediate(() => events.emit({ type: 'screen', id }));
      return true;
    },
    write: (id: string, data: string) => {
      written.push(data);
      const next = react?.(data);
      if (next) {
        text = next;
        setImmediate(() => events.emit({ type: 'screen', id }));
      }
    },
    typeLine: (_id: string, data: string) => written.push(`line:${data}`),
  } as unknown as SessionHost;
  const setScreen = (t: string[]) => {
    text = t;
    inverse = new Set();
  };
  /** A recorded screen with its colours: where it shows inverse cells (a text field's cursor) counts. */
  const setColoured = async (name: string) => {
    const ansi = readFileSync(path.join(FIXTURES, `${name}.ansi`), 'utf8').replace(/\n$/, '').split('\n');
    const screen = new Screen({ cols: 200, rows: ansi.length, scrollback: 0 });
    await screen.write(ansi.join('\r\n'));
    text = screen.liveText();
    inverse = new Set(text.flatMap((_, y) => (screen.inverseOnRow(text.length - 1 - y) ? [y] : [])));
    screen.dispose();
  };
  return { host, events, written, setScreen, setColoured, focus, onWrite: (r: typeof react) => (react = r) };
}

function setup(approve: ApproveConfig = { enabled: false, rules: new Map() }, detector: DetectorDefinition = claudeDetector, cwd = '/w', now?: () => number) {
  const { host, events, written, setScreen, setColoured, focus, onWrite } = fakeHost();
  const info: SessionInfo = { id: 'a', spec: { name: 'coder', command: 'claude', args: [], cwd }, status: 'running', startedAt: 0 };
  const store = createStoreOf(initialSquadState(), reduceSquad);
  store.dispatch({ type: 'agent/info', info });
  const out: string[] = [];
  const notifier = new Notifier(() => ({ bell: true, desktop: true, title: true }), (d) => out.push(d));
  const monitor = new Monitor({
    host,
    store,
    notifier,
    log: createLogger(undefined),
    detectorFor: () => detector,
    approve: () => approve,
    now,
  });
  const activity = () => store.getState().agents[0]!.activity;
  return { monitor, store, events, written, setScreen, setColoured, focus, onWrite, out, activity, info };
}

describe('Monitor', () => {
  it('reads a prompt from the screen, notifies, and answers with its keys', async () => {
    const m = setup();
    expect(m.activity()).toEqual(initialActivity(0));
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    expect(m.activity().state).toBe('permission');
    expect(m.out.join('')).toContain('\x1b]9;coder needs permission');
    expect(m.out.join('')).toContain('\x1b]2;squadtui · 1 waiting\x07');
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: true });
    expect(m.written).toEqual(['1']);
  });

  it('sends nothing when the prompt on screen is not the one queued', async () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    // The agent moved on (answered in its own screen); no screen event has come in yet.
    m.setScreen(lines('e-bash-approved-key1'));
    const result = await m.monitor.answer('a', YES);
    expect(result.sent).toBe(false);
    expect(m.written).toEqual([]);
    // And the inbox is told right away.
    expect(m.activity().state).not.toBe('permission');
    expect(m.store.getState().log.at(-1)).toMatchObject({ kind: 'dropped' });
  });

  it('sends nothing to a different prompt that took the old one\'s place', async () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    m.setScreen(lines('d-write-prompt'));
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: false, reason: expect.stringContaining('different prompt') });
    expect(m.written).toEqual([]);
  });

  it('sends nothing while a text field of the prompt has the focus: the keys would be typed into it', async () => {
    const m = setup();
    // Tab to amend: row 1 is a text field, its cursor drawn as an inverse cell.
    await m.setColoured('g-tab-amend-typed');
    m.monitor.readScreen('a');
    for (const choice of [YES, NO, { by: 'number', number: 2 } as const]) {
      expect(await m.monitor.answer('a', choice)).toMatchObject({ sent: false, reason: expect.stringContaining('has a text field open') });
    }
    // A question's "Type something." row with typed text: no digit, and no more text either.
    await m.setColoured('j-ask1-free-typed');
    m.monitor.readScreen('a');
    expect(await m.monitor.answer('a', { by: 'number', number: 1 })).toMatchObject({ sent: false, reason: expect.stringContaining('has a text field open') });
    expect(await m.monitor.answer('a', { by: 'text', text: 'Blue' })).toMatchObject({ sent: false });
    expect(m.written).toEqual([]);
    // The same row still empty takes a typed answer (nothing of the user's is in it).
    await m.setColoured('j-ask1-free-selected');
    m.monitor.readScreen('a');
    m.onWrite(field());
    expect(await m.monitor.answer('a', { by: 'text', text: 'Green' })).toMatchObject({ sent: true });
    expect(m.written).toEqual(['G', 'reen', '\r']);
  });

  it("sees the text field of a hidden agent's prompt: lent the focus for the answer, told it lost it after", async () => {
    const m = setup();
    m.focus.hidden = true;
    await m.setColoured('g-tab-amend-typed');
    m.monitor.readScreen('a');
    expect(await m.monitor.answer('a', NO)).toMatchObject({ sent: false, reason: expect.stringContaining('has a text field open') });
    expect(m.focus.lent).toBe(false);
    expect(m.written).toEqual([]);
    // No field open: answered while lent the focus, and the focus taken back after.
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: true });
    expect(m.written).toEqual(['1']);
    expect(m.focus.lent).toBe(false);
  });

  it('after a key typed into the agent, waits for its prompt to change before answering it (an Esc it has not acted on yet), at most a moment', async () => {
    const m = setup();
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    m.monitor.typed('a');
    const answered = m.monitor.answer('a', YES);
    await settled();
    expect(m.written).toEqual([]);
    // A reading of output sent before the key (Codex redraws its title during an approval) still
    // shows the prompt: that is not the agent's answer to the key.
    m.monitor.readScreen('a');
    await settled();
    expect(m.written).toEqual([]);
    // Claude acts on the Esc: the prompt is gone.
    m.setScreen(lines('g-reject-esc'));
    m.monitor.readScreen('a');
    expect(await answered).toMatchObject({ sent: false, reason: expect.stringContaining('no longer shows that prompt') });
    expect(m.written).toEqual([]);
    // A key that changes nothing holds an answer back only briefly.
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    m.monitor.typed('a');
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: true });
    expect(m.written).toEqual(['1']);
  });

  it('answers a prompt once, however often the key is pressed before the screen moves on', async () => {
    let clock = 0;
    const m = setup(undefined, undefined, undefined, () => clock);
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: true });
    // The agent has not redrawn yet: a second press must not land on whatever comes next.
    expect(await m.monitor.answer('a', NO)).toMatchObject({ sent: false, reason: expect.stringContaining('just answered') });
    expect(m.written).toEqual(['1']);
    // Once the screen has moved on, the same question asked again is a new prompt: a key right
    // after the answer is a second tap meant for the first; once it has been shown a moment, it goes.
    m.setScreen(lines('e-bash-approved-key1'));
    m.monitor.readScreen('a');
    clock += 100;
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    clock += 100;
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: false, reason: expect.stringContaining('new prompt since your last answer') });
    clock += 400;
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: true });
    expect(m.written).toEqual(['1', '1']);
  });

  it('approves by rule only on the exact command the hook reports', async () => {
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
    await settled();
    expect(exact.written).toEqual(['1']);
    expect(exact.store.getState().log.at(-1)).toMatchObject({ kind: 'auto-approve' });
    const longer = setup(rules);
    longer.monitor.hook(request('echo hello > out.txt; rm -rf ~'));
    longer.setScreen(lines('c-bash-prompt'));
    longer.monitor.readScreen('a');
    expect(longer.written).toEqual([]);
  });

  it("matches a path rule where the file really is, in the agent's directory", async () => {
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
        const m = setup(rules, claudeDetector, cwd);
        m.setScreen(lines('d-edit-prompt'));
        m.monitor.readScreen('a');
        return m;
      };
      const inside = edit(plain);
      await settled();
      expect(inside.written).toEqual(['1']);
      // greet.txt there leads out of the agent's directory: the user is asked.
      const outside = edit(linked);
      await settled();
      expect(outside.written).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("never carries an answered request over to the next prompt (it must not be approved by the old one's rule)", async () => {
    const rules = { enabled: true, rules: compileApproveRules({ enabled: true, programs: { claude: ['Bash(echo hello > out.txt)'] } }).rules };
    const m = setup(rules);
    // The screen shows the prompt before its hook event arrives; the rule then approves it.
    m.setScreen(lines('c-bash-prompt'));
    m.monitor.readScreen('a');
    m.monitor.hook({ agentId: 'a', event: 'PermissionRequest', payload: { hook_event_name: 'PermissionRequest', session_id: 's', tool_name: 'Bash', tool_input: { command: 'echo hello > out.txt' } }, at: 0 } as never);
    await settled();
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
    await settled();
    expect(m.written).toEqual(['3']);
    // The agent shows "Interrupted · What should Claude do instead?" and its input box.
    m.setScreen(lines('g-reject-no'));
    m.monitor.readScreen('a');
    expect(await answered).toMatchObject({ sent: true });
    expect(m.written).toEqual(['3', 'line:use a temp file instead']);
  });

  it('declines Claude\'s trust dialog with "2" alone, wherever its marker is (never Down and Enter in one write)', async () => {
    const m = setup();
    m.setScreen(lines('h-trust-dialog'));
    m.monitor.readScreen('a');
    expect(m.activity().prompt?.kind).toBe('trust');
    expect(await m.monitor.answer('a', NO)).toMatchObject({ sent: true, option: 'No, exit' });
    expect(m.written).toEqual(['2']);
  });

  it('answers a question by the option\'s own number, and y/n only where it has yes/no', async () => {
    const m = setup();
    m.setScreen(lines('i-askuserquestion'));
    m.monitor.readScreen('a');
    expect(m.activity()).toMatchObject({ state: 'permission', prompt: { kind: 'question', question: 'Which colour should the button be?' } });
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: false, reason: expect.stringContaining('pick an option by its number') });
    expect(await m.monitor.answer('a', { by: 'number', number: 7 })).toMatchObject({ sent: false, reason: expect.stringContaining('no option 7') });
    expect(m.written).toEqual([]);
    expect(await m.monitor.answer('a', { by: 'number', number: 2 })).toMatchObject({ sent: true, option: 'Blue' });
    expect(m.written).toEqual(['2']);
  });

  it('types a free answer: its digit, the first character once the marker is there, the rest once it shows, Enter once the text shows', async () => {
    const m = setup();
    m.setScreen(lines('i-askuserquestion'));
    m.monitor.readScreen('a');
    const typing = field();
    m.onWrite((data) => (data === '3' ? lines('j-ask1-free-selected') : typing(data)));
    expect(await m.monitor.answer('a', { by: 'text', text: 'Green' })).toMatchObject({ sent: true, option: 'Green' });
    expect(m.written).toEqual(['3', 'G', 'reen', '\r']);
  });

  it("types the whole answer into a field that takes each key of a burst for its whole text until it has the focus (Gemini's)", async () => {
    const m = setup();
    m.setScreen(lines('i-askuserquestion'));
    m.monitor.readScreen('a');
    // Before its first key the row sets its text to each key it reads, then adds to it: a burst
    // "Green" left "n", and Enter sent "n".
    let text: string | undefined;
    m.onWrite((data) => {
      if (data === '3') return lines('j-ask1-free-selected');
      if (data === '\r') return undefined;
      text = text === undefined ? data.slice(-1) : text + data;
      return typedAs(text);
    });
    expect(await m.monitor.answer('a', { by: 'text', text: 'Green' })).toMatchObject({ sent: true, option: 'Green' });
    expect(text).toBe('Green');
  });

  it('does not press Enter when the typed answer never shows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const m = setup();
      m.setScreen(lines('i-askuserquestion'));
      m.monitor.readScreen('a');
      m.onWrite((data) => (data === '3' ? lines('j-ask1-free-selected') : undefined));
      const answered = m.monitor.answer('a', { by: 'text', text: 'Green' });
      await vi.waitFor(() => expect(m.written).toEqual(['3', 'G']));
      await vi.advanceTimersByTimeAsync(STEP_MS + 1);
      expect(await answered).toMatchObject({ sent: false, reason: expect.stringContaining('Enter was not pressed') });
      expect(m.written).toEqual(['3', 'G']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ticks boxes of a multi-select one at a time, each seen on screen, then sends it from its Submit row', async () => {
    const m = setup();
    const ticked = (n: number, screen: string[]) => screen.map((l) => (l.includes(`${n}. [ ]`) ? l.replace(`${n}. [ ]`, `${n}. [✔]`) : l));
    m.setScreen(lines('j-askm'));
    m.monitor.readScreen('a');
    let screen = lines('j-askm');
    m.onWrite((data) => {
      if (/^[1-4]$/.test(data)) return (screen = ticked(Number(data), screen));
      if (data === '\x1b[B') {
        // The marker moves one row down (the description lines under each option are skipped).
        const rows = screen.map((l, i) => [l, i] as const).filter(([l]) => /^(❯| ) ( *\d\. \[| {3}Submit$)/.test(l)).map(([, i]) => i);
        const at = rows.find((i) => screen[i]!.startsWith('❯'))!;
        const next = rows[rows.indexOf(at) + 1]!;
        screen = screen.map((l, i) => (i === at ? ` ${l.slice(1)}` : i === next ? `❯${l.slice(1)}` : l));
        return screen;
      }
      return undefined;
    });
    const one = m.monitor.answer('a', { by: 'number', number: 1 });
    const three = m.monitor.answer('a', { by: 'number', number: 3 });
    expect(await one).toMatchObject({ sent: true, option: 'ticked: Small' });
    expect(await three).toMatchObject({ sent: true, option: 'ticked: Large' });
    expect(await m.monitor.answer('a', YES)).toMatchObject({ sent: true, option: 'Submit' });
    // Each Down went alone and was seen before the next; Enter only with the marker on Submit.
    expect(m.written).toEqual(['1', '3', '\x1b[B', '\x1b[B', '\x1b[B', '\x1b[B', '\r']);
  });

  it('types a free answer of a multi-select on its row reached with the arrows (a digit would tick it), and leaves it to be sent', async () => {
    const m = setup();
    let screen = lines('j-askm');
    m.setScreen(screen);
    m.monitor.readScreen('a');
    const rowIndexes = () => screen.map((l, i) => [l, i] as const).filter(([l]) => /^(❯| ) ( *\d\. \[| {3}Submit$)/.test(l)).map(([, i]) => i);
    let typed = '';
    m.onWrite((data) => {
      if (data === '\x1b[B') {
        const rows = rowIndexes();
        const at = rows.find((i) => screen[i]!.startsWith('❯'))!;
        const next = rows[rows.indexOf(at) + 1]!;
        screen = screen.map((l, i) => (i === at ? ` ${l.slice(1)}` : i === next ? `❯${l.slice(1)}` : l));
        return screen;
      }
      // Typing on the row ticks it and shows the text, as Claude does.
      typed += data;
      return (screen = screen.map((l) => l.replace(/4\. \[[ ✔]\] .*/, `4. [✔] ${typed}`)));
    });
    expect(await m.monitor.answer('a', { by: 'text', text: 'Extra large' })).toMatchObject({ sent: true, option: 'typed and ticked: Extra large' });
    expect(m.written).toEqual(['\x1b[B', '\x1b[B', '\x1b[B', 'E', 'xtra large']);
  });

  it('moves the marker of an arrows-only menu one key at a time, and presses Enter only where it should', async () => {
    const arrows = defineDetector({
      id: 'arrows',
      prompts: [{ type: 'menu', end: '^Press enter to confirm$', top: '^Allow this\\?$', topIsTitle: true, marker: '>', pick: 'arrows' }],
    });
    const menu = (at: number) => ['Allow this?', ...['Yes', 'Yes, always', 'No'].map((o, i) => `${i === at ? '>' : ' '} ${o}`), 'Press enter to confirm'];
    const m = setup(undefined, arrows);
    m.setScreen(menu(0));
    m.monitor.readScreen('a');
    let at = 0;
    m.onWrite((data) => (data === '\x1b[B' ? menu(++at) : undefined));
    expect(await m.monitor.answer('a', NO)).toMatchObject({ sent: true, option: 'No' });
    expect(m.written).toEqual(['\x1b[B', '\x1b[B', '\r']);
  });

  it('sends no Enter when the marker does not move: the option under it would be picked instead', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const arrows = defineDetector({
        id: 'arrows',
        prompts: [{ type: 'menu', end: '^Press enter to confirm$', top: '^Allow this\\?$', topIsTitle: true, marker: '>', pick: 'arrows' }],
      });
      const m = setup(undefined, arrows);
      m.setScreen(['Allow this?', '> Yes', '  No', 'Press enter to confirm']);
      m.monitor.readScreen('a');
      const answered = m.monitor.answer('a', NO);
      await vi.waitFor(() => expect(m.written).toEqual(['\x1b[B']));
      await vi.advanceTimersByTimeAsync(STEP_MS + 1);
      expect(await answered).toMatchObject({ sent: false, reason: expect.stringContaining('did not move') });
      expect(m.written).toEqual(['\x1b[B']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the idle screen once a hook\'s grace window is over: a quick "no" leaves no stale prompt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const m = setup();
      m.monitor.hook({ agentId: 'a', event: 'PermissionRequest', payload: { hook_event_name: 'PermissionRequest', session_id: 's', tool_name: 'Bash', tool_input: { command: 'echo hello > out.txt' } }, at: 0 } as never);
      m.setScreen(lines('c-bash-prompt'));
      m.monitor.readScreen('a');
      expect(await m.monitor.answer('a', NO)).toMatchObject({ sent: true });
      // Claude shows its input box at once and then draws nothing more.
      m.setScreen(lines('g-reject-no'));
      m.monitor.readScreen('a');
      expect(m.activity().state).toBe('permission');
      await vi.advanceTimersByTimeAsync(HOOK_GRACE_MS + 5);
      expect(m.activity().state).toBe('idle');
      // Claude's Notification for that prompt comes ~6 s after it appeared: it brings nothing back.
      m.monitor.hook({ agentId: 'a', event: 'Notification', payload: { hook_event_name: 'Notification', session_id: 's', notification_type: 'permission_prompt' }, at: 0 } as never);
      expect(m.activity().state).toBe('idle');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a message it could not type, says so, and offers it again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const m = setup();
      m.setScreen(lines('c-bash-prompt'));
      m.monitor.readScreen('a');
      // The agent rejects, but its screen never comes back to the input box.
      m.onWrite((data) => (data === '3' ? lines('b-busy') : undefined));
      const answered = m.monitor.answerWithMessage('a', 'use a temp file instead');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await answered).toMatchObject({ sent: false, reason: expect.stringContaining('It is kept') });
      expect(m.written).toEqual(['3']);
      expect(m.monitor.takeKeptMessage('a')).toBe('use a temp file instead');
      expect(m.monitor.takeKeptMessage('a')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
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

  it("keeps the agent's conversation id once something was said in it (Claude saves it only then), the newest one after a /clear", () => {
    const m = setup();
    const conversation = () => m.store.getState().agents[0]?.conversation;
    const start = (session_id: string, source: string) =>
      keepConversation(m.store, { agentId: 'a', event: 'SessionStart', payload: { hook_event_name: 'SessionStart', session_id, source }, at: 0 });
    const prompt = (session_id: string) => keepConversation(m.store, { agentId: 'a', event: 'UserPromptSubmit', payload: { hook_event_name: 'UserPromptSubmit', session_id, prompt: 'x' }, at: 0 });
    start('first', 'startup');
    expect(conversation()).toBeUndefined();
    prompt('first');
    expect(conversation()).toBe('first');
    start('second', 'clear');
    expect(conversation()).toBe('first');
    prompt('second');
    expect(conversation()).toBe('second');
    start('third', 'resume');
    expect(conversation()).toBe('third');
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
