import { describe, expect, expectTypeOf, it } from 'vitest';
import { COMMAND_TABLE, type CommandContext, Commands, type CommandsOptions, disabledReason, runConfirmAction } from '../../../src/core/commands/index.js';
import type { Logger } from '../../../src/core/util/log.js';
import type { SessionHost, SessionInfo } from '../../../src/core/sessions/host.js';
import {
  type ConfirmAction,
  type Question,
  type State,
  type Store,
  type WorktreeView,
  createNotices,
  createStore,
  initialState,
  reduce,
} from '../../../src/core/state/index.js';
import type { WorktreeFlows } from '../../../src/core/workspace/flows.js';
import { type TaskStore, emptyBoard } from '../../../src/core/tasks/index.js';
import { COMMANDS, type CommandId, buildKeymap } from '../../../src/keymap.js';

const info = (id: string, status: SessionInfo['status'] = 'running'): SessionInfo => ({
  id, spec: { name: id, command: 'x', args: [], cwd: '/' }, status, startedAt: 0,
});

function stateWith(...agents: { id: string; status?: SessionInfo['status']; worktree?: WorktreeView; prompt?: boolean }[]): State {
  let s = initialState({ cols: 120, rows: 40 });
  for (const a of agents) {
    s = reduce(s, { type: 'agent/info', info: info(a.id, a.status) });
    if (a.worktree) s = reduce(s, { type: 'agent/worktree', id: a.id, worktree: a.worktree });
    if (a.prompt) s = reduce(s, { type: 'agent/activity', id: a.id, activity: { state: 'permission', since: 1 } });
  }
  return reduce(s, { type: 'mode', mode: 'squad' });
}

const wt: WorktreeView = { path: '/w/coder', branch: 'squad/coder', base: 'main' };

describe('the command table', () => {
  it('has a handler for every command of the keymap, and nothing else', () => {
    expect(Object.keys(COMMAND_TABLE).sort()).toEqual(COMMANDS.map((c) => c.id).sort());
  });

  it('rejects a misspelled command id at compile time', () => {
    const state = stateWith();
    // @ts-expect-error 'agent.restrat' is not a command
    expect(() => disabledReason('agent.restrat', state)).toThrow();
    // @ts-expect-error there are options 1..9 only
    const tenth: CommandId = 'inbox.option.10';
    expect(COMMANDS.some((c) => c.id === tenth)).toBe(false);
    expectTypeOf<'agent.jump.9'>().toMatchTypeOf<CommandId>();
    expectTypeOf<'agent.jump.0'>().not.toMatchTypeOf<CommandId>();
  });

  it('says why agent commands are unavailable now', () => {
    expect(disabledReason('agent.restart', stateWith())).toBe('no agent selected');
    expect(disabledReason('agent.restart', stateWith({ id: 'coder' }))).toBe('only once it has exited');
    expect(disabledReason('agent.restart', stateWith({ id: 'coder', status: 'exited' }))).toBeUndefined();
    expect(disabledReason('agent.merge', stateWith({ id: 'coder' }))).toBe('no worktree');
    expect(disabledReason('agent.merge', stateWith({ id: 'coder', worktree: { ...wt, paused: true } }))).toBe('paused: resume it first');
    expect(disabledReason('agent.merge', stateWith({ id: 'coder', worktree: wt }))).toBeUndefined();
    expect(disabledReason('agent.jump.3', stateWith({ id: 'a' }, { id: 'b' }))).toBe('no agent 3');
    expect(disabledReason('agent.jump.2', stateWith({ id: 'a' }, { id: 'b' }))).toBeUndefined();
    expect(disabledReason('mode.agent', stateWith())).toBe('no agent to type into');
  });

  it('says when no prompt waits for the inbox keys, and when worktrees are not available', () => {
    expect(disabledReason('inbox.yes', stateWith({ id: 'coder' }))).toBe('no prompt is waiting');
    expect(disabledReason('inbox.option.2', stateWith({ id: 'coder', prompt: true }))).toBeUndefined();
    const noRepo = reduce(stateWith(), { type: 'repo', repo: { kind: 'none', message: 'Not a git repository.', hint: '' } });
    expect(disabledReason('dialog.worktree', noRepo)).toBe('no worktrees here');
    expect(disabledReason('quit', stateWith())).toBeUndefined();
  });
});

/** Flows that record what they were asked to do; each returns the question it is given. */
function fakeFlows(answers: Partial<Record<'close' | 'merge' | 'requestClose', Question | Error>> = {}) {
  const calls: string[] = [];
  const result = (name: keyof typeof answers) => {
    const answer = answers[name];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  const flows = {
    close: (id: string) => (calls.push(`close ${id}`), result('close')),
    pause: (id: string) => (calls.push(`pause ${id}`), Promise.resolve(undefined)),
    merge: (id: string, push: boolean) => (calls.push(`merge ${id}${push ? ' push' : ''}`), result('merge')),
    requestClose: (id: string) => (calls.push(`requestClose ${id}`), result('requestClose')),
  } as unknown as WorktreeFlows;
  return { flows, calls };
}

function context(store: Store, flows: WorktreeFlows, quits: string[]): CommandContext {
  const asked: Question[] = [];
  return {
    host: {} as SessionHost,
    store,
    notices: createNotices(store),
    flows,
    onQuit: () => void quits.push('quit'),
    keyLabelFor: () => undefined,
    state: store.getState(),
    track: (work) => void work,
    runTask: (work) => void work,
    ask: (q) => {
      if (q) {
        asked.push(q);
        store.dispatch({ type: 'dialog/open', dialog: { kind: 'confirm', ...q } });
      }
    },
  } as Partial<CommandContext> as CommandContext;
}

describe('confirm actions', () => {
  it('does exactly what the answered question says', async () => {
    const store = createStore(stateWith({ id: 'coder', worktree: wt }));
    const { flows, calls } = fakeFlows();
    const quits: string[] = [];
    const ctx = context(store, flows, quits);
    const actions: ConfirmAction[] = [
      { kind: 'close', id: 'coder' },
      { kind: 'pause', id: 'coder' },
      { kind: 'merge', id: 'coder', push: false },
      { kind: 'merge', id: 'coder', push: true },
      { kind: 'none' },
      { kind: 'quit' },
    ];
    for (const action of actions) runConfirmAction(ctx, action);
    await Promise.resolve();
    expect(calls).toEqual(['close coder', 'pause coder', 'merge coder', 'merge coder push']);
    expect(quits).toEqual(['quit']);
  });

  it('answers "yes" and the second answer of a question from the dialog', async () => {
    const store = createStore(stateWith({ id: 'coder', worktree: wt }));
    const conflict: Question = { title: 'conflicts', body: [], yesLabel: 'ok', onYes: { kind: 'none' }, info: true };
    const { flows, calls } = fakeFlows({ merge: conflict });
    const question: Question = { title: 'Merge?', body: [], yesLabel: 'merge', onYes: { kind: 'merge', id: 'coder', push: false }, alt: { action: { kind: 'merge', id: 'coder', push: true }, label: 'merge and push' } };
    store.dispatch({ type: 'dialog/open', dialog: { kind: 'confirm', ...question } });
    COMMAND_TABLE['dialog.alt'].run(context(store, flows, []));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['merge coder push']);
    // The conflict comes back as a question that only informs.
    expect(store.getState().view.dialog).toMatchObject({ kind: 'confirm', title: 'conflicts', info: true });
    COMMAND_TABLE['dialog.submit'].run(context(store, flows, []));
    expect(store.getState().view.dialog).toBeUndefined();
    expect(calls).toEqual(['merge coder push']);
  });
});

describe('a command that fails', () => {
  const log: Logger & { errors: string[] } = { errors: [], file: undefined, info: () => undefined, error(message) { this.errors.push(message); } };
  const host = { onEvent: () => () => undefined, watch: () => undefined } as unknown as SessionHost;
  const tasks = { read: () => ({ board: emptyBoard() }), watch: () => () => undefined } as unknown as TaskStore;

  function commands(flows: WorktreeFlows) {
    const store = createStore(stateWith({ id: 'coder' }));
    const keymap = buildKeymap();
    const options = { host, store, log, flows, tasks, notices: createNotices(store), keyLabelFor: (id: CommandId) => keymap.keysFor(id, 'squad')[0] } as Partial<CommandsOptions> as CommandsOptions;
    return { store, commands: new Commands(options) };
  }

  it('is logged and shown, and the squad goes on', async () => {
    const { flows } = fakeFlows({ requestClose: new Error('git exploded') });
    const { store, commands: c } = commands(flows);
    c.run('agent.close');
    await c.pending;
    expect(store.getState().view.notice).toMatchObject({ level: 'error', text: expect.stringContaining('closing coder: git exploded') });
    expect(log.errors.at(-1)).toBe('command failed: closing coder');
    expect(store.getState().squad.agents).toHaveLength(1);
    c.dispose();
  });

  it('throwing at once is caught the same way', () => {
    const flows = { requestClose: () => { throw new Error('no'); } } as unknown as WorktreeFlows;
    const { store, commands: c } = commands(flows);
    expect(() => c.run('agent.close')).not.toThrow();
    expect(store.getState().view.notice?.text).toContain('running agent.close: no');
    c.dispose();
  });
});
