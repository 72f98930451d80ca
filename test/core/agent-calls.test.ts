// The composed squadtui answering agents' tool calls: a Claude agent started by the squad gets a
// token; a call made with it (as the MCP server makes it) changes the repository's task list as that
// agent, and its message_send reaches the other agent through the messages service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Composed, compose } from '../../src/compose.js';
import { HOOK_TOKEN_ENV } from '../../src/core/agents/claude-hooks/protocol.js';
import { HookServer } from '../../src/core/agents/claude-hooks/server.js';
import { WorktreeService } from '../../src/core/git/index.js';
import { createLogger } from '../../src/core/util/log.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import { TaskStore } from '../../src/core/tasks/store.js';
import { buildKeymap } from '../../src/keymap.js';
import { forwardCall } from '../../src/mcp-server.js';
import { createAppRouter } from '../../src/runtime/stdin.js';
import { FakeSessionHost } from '../helpers/fake-host.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

let repo: TempRepo;
let host: FakeSessionHost;
let app: Composed;

beforeEach(() => {
  repo = tempRepo();
  host = new FakeSessionHost();
  app = compose({
    host,
    log: createLogger(undefined),
    settings: DEFAULT_SETTINGS,
    tasks: TaskStore.forDir(repo.dir),
    keymap: buildKeymap(),
    worktrees: new WorktreeService({ branchPrefix: 'squad/', env: process.env }),
    editor: { open: () => undefined, onReturn: () => () => undefined },
    cwd: repo.dir,
    program: 'claude',
    env: process.env,
    size: { cols: 100, rows: 30 },
    worktreesByDefault: false,
    demoRepo: false,
    hookScript: '/opt/squadtui/dist/hook.js',
    writeToTerminal: () => undefined,
    startHookServer: () => HookServer.start(),
    watchGit: false,
  });
});

afterEach(() => {
  app.releaseSync();
  host.shutdownSync();
  repo.cleanup();
});

/** Starts a Claude agent; returns the environment its MCP server would inherit. */
async function claude(name: string): Promise<{ id: string; env: Record<string, string> }> {
  const id = await app.commands.spawn({ name, command: 'claude', args: [], cwd: repo.dir }, { startup: true });
  await waitFor(() => host.get(id)?.status === 'running');
  return { id, env: { ...host.launchOf(id)!.env } };
}

describe('agents’ tool calls in the composed app', () => {
  it('change the task list as the agent whose token came with the call', async () => {
    const ada = await claude('ada');
    const created = await forwardCall(ada.env, 'task_create', { title: 'schema' });
    expect(created).toMatchObject({ ok: true, result: { task: { id: 1, title: 'schema' } } });
    expect(await forwardCall(ada.env, 'task_claim', { id: 1 })).toMatchObject({ ok: true, result: { task: { owner: 'ada' } } });
    const task = TaskStore.forDir(repo.dir).read().board.tasks[0]!;
    expect(task.notes.map((n) => n.by)).toEqual(['ada', 'ada']);
    expect(await forwardCall({ ...ada.env, [HOOK_TOKEN_ENV]: 'forged' }, 'task_done', { id: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('does not know this agent') });
  });

  it('work for any program started by the squad (its MCP server added by hand), as that agent', async () => {
    const id = await app.commands.spawn({ name: 'cody', command: 'codex', args: [], cwd: repo.dir }, { startup: true });
    await waitFor(() => host.get(id)?.status === 'running');
    const env = { ...host.launchOf(id)!.env };
    expect(await forwardCall(env, 'task_create', { title: 'from codex' })).toMatchObject({ ok: true, result: { task: { notes: [{ by: 'cody', text: 'created' }] } } });
  });

  it('deliver message_send to the named agent once it is idle and the user is not typing into it', async () => {
    const ada = await claude('ada');
    const bob = await claude('bob');
    const messages = () => (host.written.get(bob.id) ?? []).filter((w) => w.includes('Message from ada'));
    expect(await forwardCall(ada.env, 'message_send', { to: 'zed', text: 'hi' })).toEqual({ ok: false, error: 'There is no agent named "zed". The others are: bob.' });

    // The user types into bob (selected, typing into it): the message waits.
    app.store.dispatch({ type: 'select', id: bob.id });
    app.store.dispatch({ type: 'agent/activity', id: bob.id, activity: { state: 'idle', since: Date.now() } });
    createAppRouter(app, () => undefined).feed('half a li');
    expect(await forwardCall(ada.env, 'message_send', { to: 'bob', text: 'schema is in' })).toMatchObject({ ok: true, result: { delivered: false } });
    expect(messages()).toHaveLength(0);

    // The user sends their line; bob works, then is idle again: the message goes in.
    app.store.dispatch({ type: 'agent/activity', id: bob.id, activity: { state: 'working', since: Date.now() } });
    app.store.dispatch({ type: 'agent/activity', id: bob.id, activity: { state: 'idle', since: Date.now() } });
    expect(messages()).toEqual([expect.stringContaining('schema is in')]);
    expect(app.store.getState().squad.log.some((e) => e.agent === 'bob' && e.text === 'message from ada: "schema is in"')).toBe(true);
  });
});
