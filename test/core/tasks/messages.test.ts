// message_send's delivery: typed into the addressee only while it is idle at its input and the
// user is not typing into it; queued otherwise, one message per turn, and kept in the activity log.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityState } from '../../../src/core/agents/activity.js';
import { createStore, initialState, squadStore } from '../../../src/core/state/index.js';
import { Messages } from '../../../src/core/tasks/messages.js';
import { FakeSessionHost } from '../../helpers/fake-host.js';

let host: FakeSessionHost;
let store: ReturnType<typeof createStore>;
let messages: Messages;
const logged: string[] = [];

function addAgent(name: string): string {
  // Running, as the host says once its program has started.
  const info = { ...host.spawn({ name, command: 'claude', args: [], cwd: '/tmp' }), status: 'running' as const, pid: 1 };
  store.dispatch({ type: 'agent/info', info });
  return info.id;
}

function setState(id: string, state: ActivityState): void {
  store.dispatch({ type: 'agent/activity', id, activity: { state, since: Date.now() } });
}

const typed = (id: string) => (host.written.get(id) ?? []).filter((w) => w.includes('Message from'));

beforeEach(() => {
  vi.useFakeTimers();
  host = new FakeSessionHost();
  store = createStore(initialState({ cols: 80, rows: 24 }));
  logged.length = 0;
  messages = new Messages({ host, store: squadStore(store), log: (t) => logged.push(t), typingHoldMs: 1000 });
});

afterEach(() => {
  messages.dispose();
  vi.useRealTimers();
});

describe('Messages', () => {
  it('types a message into an idle agent at once, and logs it', () => {
    addAgent('alice');
    const bob = addAgent('bob');
    setState(bob, 'idle');
    expect(messages.send('alice', 'bob', 'the API is ready')).toEqual({ ok: true, delivered: true });
    expect(typed(bob)).toHaveLength(1);
    expect(typed(bob)[0]).toContain('Message from alice');
    expect(typed(bob)[0]).toContain('the API is ready');
    expect(store.getState().squad.log.map((e) => `${e.agent}: ${e.text}`)).toEqual(['bob: message from alice: "the API is ready"', 'bob: message from alice typed in']);
  });

  it('holds a message while the agent works or shows a prompt, and types it once it is idle', () => {
    addAgent('alice');
    const bob = addAgent('bob');
    setState(bob, 'working');
    expect(messages.send('alice', 'bob', 'hello')).toEqual({ ok: true, delivered: false });
    setState(bob, 'permission');
    expect(typed(bob)).toHaveLength(0);
    expect(messages.pending(bob)).toBe(1);
    setState(bob, 'idle');
    expect(typed(bob)).toHaveLength(1);
    expect(messages.pending(bob)).toBe(0);
  });

  it('types one message per turn: the next waits until the agent has worked and is idle again', () => {
    addAgent('alice');
    const bob = addAgent('bob');
    setState(bob, 'working');
    messages.send('alice', 'bob', 'one');
    messages.send('alice', 'bob', 'two');
    setState(bob, 'idle');
    expect(typed(bob)).toHaveLength(1);
    expect(typed(bob)[0]).toContain('one');
    setState(bob, 'working');
    setState(bob, 'idle');
    expect(typed(bob)).toHaveLength(2);
    expect(typed(bob)[1]).toContain('two');
  });

  it('never types while the user is typing into the agent; once the user stops, it goes in', () => {
    addAgent('alice');
    const bob = addAgent('bob');
    setState(bob, 'idle');
    messages.typed(bob);
    expect(messages.send('alice', 'bob', 'hi')).toEqual({ ok: true, delivered: false });
    vi.advanceTimersByTime(500);
    messages.typed(bob);
    vi.advanceTimersByTime(900);
    expect(typed(bob)).toHaveLength(0);
    vi.advanceTimersByTime(200);
    expect(typed(bob)).toHaveLength(1);
  });

  it('delivers at once when the user has sent their line (the agent worked since their keys)', () => {
    addAgent('alice');
    const bob = addAgent('bob');
    messages.typed(bob);
    setState(bob, 'working');
    messages.send('alice', 'bob', 'hi');
    setState(bob, 'idle');
    expect(typed(bob)).toHaveLength(1);
  });

  it('refuses an unknown name with the names there are, a message to oneself, and an empty one', () => {
    addAgent('alice');
    addAgent('bob');
    addAgent('carol');
    const unknown = messages.send('alice', 'dave', 'hi');
    expect(unknown).toEqual({ ok: false, reason: 'There is no agent named "dave". The others are: bob, carol.' });
    expect(messages.send('alice', 'alice', 'hi')).toMatchObject({ ok: false, reason: expect.stringContaining('You are alice') });
    expect(messages.send('alice', 'bob', '  ')).toMatchObject({ ok: false, reason: 'The message is empty.' });
    expect(store.getState().squad.log).toHaveLength(0);
  });

  it('drops the queue of an agent that is removed, and says so in the log', () => {
    addAgent('alice');
    const bob = addAgent('bob');
    setState(bob, 'working');
    messages.send('alice', 'bob', 'hi');
    host.remove(bob);
    store.dispatch({ type: 'agent/removed', id: bob });
    expect(messages.pending(bob)).toBe(0);
    expect(logged.at(-1)).toContain('1 message(s) for a removed agent dropped (from alice)');
  });
});
