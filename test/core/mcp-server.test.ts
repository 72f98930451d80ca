// `squadtui mcp` end to end: the bundled server (through `squadtui mcp`, as the build makes it)
// driven by the MCP SDK's own client over stdio, forwarding to a real HookServer whose calls run on
// a real task file, as squadtui's compose wires them. Each client is an agent: the token in its
// environment decides who acts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOK_SOCKET_ENV, HOOK_TOKEN_ENV } from '../../src/core/agents/claude-hooks/protocol.js';
import { HookServer } from '../../src/core/agents/claude-hooks/server.js';
import { type SendResult, runAgentCall } from '../../src/core/tasks/agent-calls.js';
import { AGENT_TOOL_NAMES } from '../../src/core/tasks/agent-tools.js';
import { TaskStore } from '../../src/core/tasks/store.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let tmp: string;
let bin: string;
let server: HookServer;
let store: TaskStore;
const sent: { from: string; to: string; text: string }[] = [];
const names = new Map<string, string>();
const clients: Client[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-mcp-test-'));
  // As scripts/build.mjs bundles them: bin.js loads mcp.js beside it for `squadtui mcp`.
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent', outdir: tmp };
  const banner = { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" };
  // The TUI stays out (./cli.js is never loaded by `squadtui mcp`).
  await build({ ...common, entryPoints: { bin: path.join(ROOT, 'src/bin.ts') }, external: ['./cli.js'], banner });
  await build({ ...common, entryPoints: { mcp: path.join(ROOT, 'src/mcp.ts') }, banner });
  bin = path.join(tmp, 'bin.js');
  store = new TaskStore(path.join(tmp, 'tasks', 'tasks.json'));
  server = await HookServer.start();
  server.onCall(({ agentId, tool, input }) => {
    const name = names.get(agentId)!;
    return runAgentCall({ store: () => store, send: (from, to, text): SendResult => (sent.push({ from, to, text }), to === 'nobody' ? { ok: false, reason: 'There is no agent named "nobody".' } : { ok: true, delivered: false }) }, name, tool, input);
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server?.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

/** An MCP client on `squadtui mcp`, started with `env` as Claude would pass it on. */
async function connect(env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], env, stderr: 'pipe' }));
  clients.push(client);
  return client;
}

async function agent(name: string): Promise<Client> {
  const registration = server.register(`id-${name}`);
  names.set(`id-${name}`, name);
  return connect({ ...registration.env });
}

interface Result {
  isError?: boolean;
  content: { type: string; text: string }[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tools' JSON, read back by the assertions
type Json = Record<string, any>;

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ error?: string; value?: Json }> {
  const result = (await client.callTool({ name, arguments: args })) as Result;
  const text = result.content[0]!.text;
  return result.isError ? { error: text } : { value: JSON.parse(text) };
}

describe('squadtui mcp', () => {
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([agent('alice'), agent('bob')]);
  }, 30_000);

  it('serves as "squadtui" the board tools and message_send, each task taken as a numeric id', async () => {
    expect(alice.getServerVersion()?.name).toBe('squadtui');
    const { tools } = await alice.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...AGENT_TOOL_NAMES].sort());
    for (const t of tools.filter((t) => t.name.startsWith('task_') && !['task_list', 'task_create'].includes(t.name))) {
      expect(t.inputSchema.properties?.id, t.name).toMatchObject({ type: 'integer' });
      expect(t.inputSchema.required, t.name).toContain('id');
    }
  });

  it('creates, lists, claims, notes and completes tasks, each change attributed to the agent whose token was used', async () => {
    const a = await call(alice, 'task_create', { title: 'schema', description: 'the tables' });
    const b = await call(alice, 'task_create', { title: 'api', dependencies: [a.value!.task.id] });
    const A = a.value!.task.id as number;
    const B = b.value!.task.id as number;
    expect(b.value!.task).toMatchObject({ state: 'blocked', blockedBy: [A], owner: null });

    const list = await call(bob, 'task_list');
    expect(list.value!.you).toBe('bob');
    expect(list.value!.tasks.map((t: { id: number; ready: boolean; state: string }) => [t.id, t.ready, t.state])).toEqual([
      [A, true, 'ready'],
      [B, false, 'blocked'],
    ]);

    expect((await call(bob, 'task_claim', { id: A })).value!.task).toMatchObject({ owner: 'bob', status: 'in_progress' });
    expect((await call(bob, 'task_update', { id: A, note: 'tables drafted' })).value!.task.notes.at(-1)).toMatchObject({ by: 'bob', text: 'tables drafted' });
    const done = await call(bob, 'task_done', { id: A, note: 'migrated' });
    expect(done.value!.changes).toEqual([`unblocked #${B}`]);

    const onDisk = store.read().board.tasks;
    expect(onDisk.find((t) => t.id === A)!.notes.map((n) => `${n.by}: ${n.text}`)).toEqual(['alice: created', 'bob: claimed', 'bob: tables drafted', 'bob: migrated', 'bob: completed']);
    expect((await call(alice, 'task_get', { id: B })).value).toMatchObject({ id: B, title: 'api', state: 'ready', blockedBy: [] });
  });

  it('refuses with the reason: a blocked claim, a claim of a task another agent owns, a cycle (naming it), an unknown id', async () => {
    const first = (await call(alice, 'task_create', { title: 'first' })).value!.task.id as number;
    const second = (await call(alice, 'task_create', { title: 'second', dependencies: [first] })).value!.task.id as number;

    expect((await call(bob, 'task_claim', { id: second })).error).toBe(`#${second} is blocked by #${first}: it can start once that is completed.`);
    await call(alice, 'task_claim', { id: first });
    expect((await call(bob, 'task_claim', { id: first })).error).toBe(`#${first} belongs to alice.`);
    expect((await call(bob, 'task_done', { id: first })).error).toContain('belongs to alice');

    const before = store.read().board;
    const cycle = await call(alice, 'task_update', { id: first, dependencies: [second], note: 'should not stay' });
    expect(cycle.error).toBe(`#${first} cannot depend on #${second}: that would make a cycle #${second} → #${first} → #${second}.`);
    expect(store.read().board).toEqual(before);

    expect((await call(alice, 'task_get', { id: 999 })).error).toBe('There is no task #999.');
  });

  it('updates status and dependencies in one change', async () => {
    const x = (await call(alice, 'task_create', { title: 'x' })).value!.task.id as number;
    const y = (await call(alice, 'task_create', { title: 'y' })).value!.task.id as number;
    const updated = await call(alice, 'task_update', { id: y, dependencies: [x], title: 'y, after x' });
    expect(updated.value!.task).toMatchObject({ deps: [x], title: 'y, after x', state: 'blocked' });
    expect((await call(alice, 'task_update', { id: y, dependencies: [] })).value!.task).toMatchObject({ deps: [], state: 'ready' });
    expect((await call(alice, 'task_update', { id: y, status: 'in_progress' })).value!.task).toMatchObject({ status: 'in_progress', owner: 'alice' });
    expect((await call(alice, 'task_update', { id: y, status: 'pending' })).value!.task).toMatchObject({ status: 'pending' });
  });

  it('sends messages as the calling agent; a refusal comes back as a tool error', async () => {
    expect((await call(alice, 'message_send', { to: 'bob', text: 'schema is in' })).value).toMatchObject({ to: 'bob', delivered: false });
    expect(sent.at(-1)).toEqual({ from: 'alice', to: 'bob', text: 'schema is in' });
    expect((await call(bob, 'message_send', { to: 'nobody', text: 'hi' })).error).toBe('There is no agent named "nobody".');
  });

  it('refuses a bad input before it reaches the board', async () => {
    const result = (await alice.callTool({ name: 'task_claim', arguments: { id: 'three' } })) as Result;
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/id/);
  });

  it('refuses a wrong token, and an agent whose token was revoked', async () => {
    const stranger = await connect({ [HOOK_SOCKET_ENV]: server.socketPath, [HOOK_TOKEN_ENV]: 'not-a-token' });
    const before = store.read().board;
    expect((await call(stranger, 'task_create', { title: 'sneaky' })).error).toContain('does not know this agent');
    const carol = await agent('carol');
    server.revoke('id-carol');
    expect((await call(carol, 'task_list')).error).toContain('does not know this agent');
    expect(store.read().board).toEqual(before);
  });

  it('without a running squadtui, fails with a clear message and writes nothing', async () => {
    const outside = await connect({});
    expect((await call(outside, 'task_list')).error).toContain('squadtui is not running for this agent');
    const gone = await connect({ [HOOK_SOCKET_ENV]: path.join(tmp, 'no.sock'), [HOOK_TOKEN_ENV]: 'x' });
    expect((await call(gone, 'task_create', { title: 'lost' })).error).toContain('squadtui is no longer running');
  });
});
