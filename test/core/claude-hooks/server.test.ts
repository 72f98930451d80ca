// Hook forwarding end to end: the real hook command (bundled from src/claude-hook.ts, as the build does)
// run with the events recorded from Claude Code 2.1.197, into a real HookServer.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HookEvent } from '../../../src/core/agents/claude-hooks/events.js';
import { HOOK_BUDGET_MS, HOOK_SOCKET_ENV, HOOK_TOKEN_ENV, MAX_MESSAGE_BYTES } from '../../../src/core/agents/claude-hooks/protocol.js';
import { makePrivateDir, removeDeadPrivateDirs } from '../../../src/core/agents/claude-hooks/private-dir.js';
import { HookServer, type HookRefusal, describeRefusal } from '../../../src/core/agents/claude-hooks/server.js';
import { processStart, selfId } from '../../../src/core/pty/processes.js';
import { waitFor } from '../../helpers/wait-for.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/claude-code');

interface Recorded {
  event: string;
  t_ms: number;
  payload: Record<string, unknown>;
}

function recorded(scenario: string): Recorded[] {
  return readFileSync(path.join(FIXTURES, `${scenario}.hooks.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Recorded);
}

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let tmp: string;
let hookJs: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-hook-test-'));
  hookJs = path.join(tmp, 'hook.js');
  await build({ entryPoints: [path.join(ROOT, 'src/claude-hook.ts')], outfile: hookJs, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the hook command the way Claude does: event JSON on stdin, environment inherited. */
function runHook(env: Record<string, string | undefined>, stdin: string | Buffer): Promise<HookRun> {
  const started = performance.now();
  const clean = { ...process.env };
  delete clean[HOOK_SOCKET_ENV];
  delete clean[HOOK_TOKEN_ENV];
  const child = spawn(process.execPath, [hookJs], { env: { ...clean, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
}

/** One raw request on the socket; resolves with the answer line ('' when the server just closed). */
function request(socketPath: string, data: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let answer = '';
    socket.on('connect', () => socket.write(data));
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve(answer) : reject(error)));
    socket.on('close', () => resolve(answer));
  });
}

const line = (token: string, event: unknown, extra: Record<string, unknown> = {}) => `${JSON.stringify({ v: 1, token, event, ...extra })}\n`;

describe('HookServer with the hook command', () => {
  let server: HookServer;
  let events: HookEvent[];
  let refusals: HookRefusal[];

  beforeEach(async () => {
    server = await HookServer.start();
    events = [];
    refusals = [];
    server.onEvent((e) => events.push(e));
    server.onRefused((r) => refusals.push(r));
  });

  afterEach(() => server.close());

  it('forwards the recorded events of a session, in order, as the agent that owns the token', async () => {
    server.register('agent-1');
    const b = server.register('agent-2');
    const session = recorded('bash_key1');
    for (const r of session) {
      const run = await runHook(b.env, JSON.stringify(r.payload));
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    }
    // The server answers after its subscribers ran, so nothing needs polling here.
    expect(events.map((e) => [e.agentId, e.event])).toEqual(session.map((r) => ['agent-2', r.event]));
    expect(events.map((e) => e.payload)).toEqual(session.map((r) => r.payload));
    const permission = events.find((e) => e.event === 'PermissionRequest');
    if (permission?.event !== 'PermissionRequest') throw new Error('no PermissionRequest');
    expect(permission.payload.tool_name).toBe('Bash');
    expect(permission.payload.tool_input).toEqual({ command: 'echo hello > out.txt', description: 'Write hello to out.txt' });
    expect(refusals).toEqual([]);
  });

  it('accepts every event recorded from the real CLI', async () => {
    const { token } = server.register('agent-7');
    const all = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.hooks.jsonl'))
      .flatMap((f) => recorded(f.replace('.hooks.jsonl', '')));
    expect(all.length).toBeGreaterThan(80);
    for (const r of all) expect(await request(server.socketPath, line(token, r.payload))).toBe('{"ok":true}\n');
    expect(events).toHaveLength(all.length);
    expect(events.every((e, i) => e.agentId === 'agent-7' && e.event === all[i]?.event)).toBe(true);
  });

  it('refuses a wrong token: the hook command still exits 0 silently, and no event is seen', async () => {
    server.register('agent-1');
    const payload = JSON.stringify(recorded('bash_key1')[3]?.payload);
    const run = await runHook({ [HOOK_SOCKET_ENV]: server.socketPath, [HOOK_TOKEN_ENV]: 'not-a-token' }, payload);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(events).toEqual([]);
    expect(refusals).toEqual([{ reason: 'unknown token' }]);
  });

  it("lets an agent speak only for itself: no naming another agent, no stale or foreign tokens", async () => {
    const a = server.register('agent-a');
    server.register('agent-b');
    const stop = recorded('bash_key1').at(-1)?.payload;
    // The agent comes from the token; a message that names one is refused outright.
    expect(await request(server.socketPath, line(a.token, stop, { agentId: 'agent-b' }))).toMatch(/"ok":false/);
    expect(events).toEqual([]);
    // A restarted agent gets a new token; the old one is dead.
    const a2 = server.register('agent-a');
    expect(await request(server.socketPath, line(a.token, stop))).toBe('{"ok":false,"error":"unknown token"}\n');
    expect(await request(server.socketPath, line(a2.token, stop))).toBe('{"ok":true}\n');
    server.revoke('agent-a');
    expect(await request(server.socketPath, line(a2.token, stop))).toBe('{"ok":false,"error":"unknown token"}\n');
    // A token of another squadtui (another server) means nothing here.
    const other = await HookServer.start();
    try {
      const foreign = other.register('agent-b');
      expect(await request(server.socketPath, line(foreign.token, stop))).toBe('{"ok":false,"error":"unknown token"}\n');
    } finally {
      await other.close();
    }
    expect(events.map((e) => e.agentId)).toEqual(['agent-a']);
  });

  it('refuses an event that lacks what squadtui relies on, naming the field', async () => {
    const { token } = server.register('agent-1');
    const permission = { ...recorded('bash_key1')[3]?.payload };
    delete permission.tool_name;
    expect(await request(server.socketPath, line(token, permission))).toMatch(/"ok":false,"error":"bad event \(tool_name: /);
    expect(await request(server.socketPath, line(token, { hook_event_name: 'SubagentStop', session_id: 's' }))).toMatch(/"ok":false/);
    expect(events).toEqual([]);
    expect(refusals.every((r) => r.agentId === 'agent-1')).toBe(true);
  });

  it('survives garbage and oversized messages, and serves the next agent as before', async () => {
    const { token } = server.register('agent-1');
    const junk = ['\n', 'hello\n', '[1,2]\n', '{"v":1}\n', `${'{'.repeat(10_000)}\n`, Buffer.from([0xff, 0xfe, 0x00, 0x0a])];
    for (const data of junk) expect(await request(server.socketPath, data)).toMatch(/^\{"ok":false,"error":"[^"]+"\}\n$/);
    // Dropped and closed without waiting for the end of it.
    const huge = Buffer.alloc(MAX_MESSAGE_BYTES + 1024, 0x61);
    expect(await request(server.socketPath, huge)).toBe('{"ok":false,"error":"message too large"}\n');
    // A client that connects and goes away.
    await new Promise<void>((resolve) => net.createConnection(server.socketPath, function (this: net.Socket) {
      this.destroy();
      resolve();
    }));
    expect(await request(server.socketPath, line(token, recorded('idle')[0]?.payload))).toBe('{"ok":true}\n');
    expect(events.map((e) => e.event)).toEqual(['SessionStart']);
  });
});

/** Connects and sends part of a message, never the end of it; resolves once connected. */
async function hold(socketPath: string): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  const socket = net.createConnection(socketPath);
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  socket.write('{"v":1,"tok');
  return { socket, closed };
}

describe('HookServer taking tool calls (the MCP server\u2019s message kind)', () => {
  let server: HookServer;
  let refusals: HookRefusal[];
  const call = (token: string, c: unknown, extra: Record<string, unknown> = {}) => `${JSON.stringify({ v: 1, token, call: c, ...extra })}\n`;

  beforeEach(async () => {
    server = await HookServer.start();
    refusals = [];
    server.onRefused((r) => refusals.push(r));
  });

  afterEach(() => server.close());

  it('answers a call, as the agent whose token came with it, once its handler is done; events go on as before', async () => {
    const a = server.register('agent-a');
    const events: HookEvent[] = [];
    server.onEvent((e) => events.push(e));
    server.onCall(async ({ agentId, tool, input }) => {
      await new Promise((r) => setImmediate(r));
      return { ok: true, result: { agentId, tool, input } };
    });
    expect(JSON.parse(await request(server.socketPath, call(a.token, { tool: 'task_get', input: { id: 3 } })))).toEqual({ ok: true, result: { agentId: 'agent-a', tool: 'task_get', input: { id: 3 } } });
    expect(await request(server.socketPath, line(a.token, recorded('bash_key1').at(-1)?.payload))).toBe('{"ok":true}\n');
    expect(events.map((e) => e.agentId)).toEqual(['agent-a']);
    expect(refusals).toEqual([]);
  });

  it('refuses a call with a wrong token, one that names an agent, and answers a handler\u2019s failure with its reason', async () => {
    const a = server.register('agent-a');
    const seen: string[] = [];
    server.onCall(({ agentId, tool }) => {
      seen.push(agentId);
      if (tool === 'boom') throw new Error('disk full');
      return { ok: true, result: null };
    });
    expect(JSON.parse(await request(server.socketPath, call('forged', { tool: 'task_list', input: {} })))).toEqual({ ok: false, error: 'unknown token' });
    expect(JSON.parse(await request(server.socketPath, call(a.token, { tool: 'task_list', input: {}, agent: 'agent-b' })))).toMatchObject({ ok: false, error: expect.stringContaining('bad call') });
    expect(JSON.parse(await request(server.socketPath, call(a.token, { tool: 'task_list', input: {} }, { agentId: 'agent-b' })))).toMatchObject({ ok: false });
    expect(seen).toEqual([]);
    // The second bad call is of the same kind: counted by the throttle, not logged again.
    expect(refusals.map((r) => r.reason)).toEqual(['unknown token', expect.stringContaining('bad call')]);
    expect(JSON.parse(await request(server.socketPath, call(a.token, { tool: 'boom', input: {} })))).toEqual({ ok: false, error: 'squadtui could not do boom: disk full' });
  });

  it('refuses calls when nothing takes them', async () => {
    const a = server.register('agent-a');
    expect(JSON.parse(await request(server.socketPath, call(a.token, { tool: 'task_list', input: {} })))).toEqual({ ok: false, error: 'This squadtui does not take tool calls.' });
  });
});

describe('HookServer under a runaway or stuck sender', () => {
  const servers: HookServer[] = [];
  const start = async (options: Parameters<typeof HookServer.start>[0]) => {
    const server = await HookServer.start(options);
    servers.push(server);
    const refusals: HookRefusal[] = [];
    server.onRefused((r) => refusals.push(r));
    return { server, refusals };
  };

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('serves a bounded number of connections at once, refusing (and logging) the rest', async () => {
    const { server, refusals } = await start({ maxConnections: 2 });
    const { token, env } = server.register('agent-1');
    const events: HookEvent[] = [];
    server.onEvent((e) => events.push(e));
    const held = [await hold(server.socketPath), await hold(server.socketPath)];
    await waitFor(() => server.connections === 2);
    // Closed at once, unanswered: the hook command goes on as if squadtui were not there.
    expect(await request(server.socketPath, line(token, recorded('idle')[0]?.payload))).toBe('');
    expect(await runHook(env, JSON.stringify(recorded('idle')[0]?.payload))).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(events).toEqual([]);
    expect(refusals).toEqual([{ reason: 'too many connections (2 open)' }]);
    expect(server.connections).toBe(2);
    held[0]!.socket.destroy();
    await waitFor(() => server.connections === 1);
    expect(await request(server.socketPath, line(token, recorded('idle')[0]?.payload))).toBe('{"ok":true}\n');
  });

  it('drops a sender that never finishes its message, and logs it once', async () => {
    const { server, refusals } = await start({ idleTimeoutMs: 150 });
    const { closed } = await hold(server.socketPath);
    await closed;
    expect(refusals).toEqual([{ reason: 'slow sender dropped (no whole message within 150 ms)' }]);
    await waitFor(() => server.connections === 0);
  });

  it('logs the first refusal of each kind at once and counts the rest of the window in one line', async () => {
    const { server, refusals } = await start({ refusalWindowMs: 60_000 });
    server.register('agent-1');
    for (let i = 0; i < 20; i++) await request(server.socketPath, 'not json\n');
    for (let i = 0; i < 3; i++) await request(server.socketPath, line(`forged-${i}`, recorded('idle')[0]?.payload));
    expect(refusals).toEqual([{ reason: 'not JSON' }, { reason: 'unknown token' }]);
    // What is still counted is reported when squadtui closes the channel.
    await server.close();
    expect(refusals.slice(2)).toEqual([
      { reason: 'not JSON', more: 19, withinMs: 60_000 },
      { reason: 'unknown token', more: 2, withinMs: 60_000 },
    ]);
    expect(refusals.map(describeRefusal)).toEqual([
      'hook event refused: not JSON',
      'hook event refused: unknown token',
      'hook events refused: 19 more within 60 s, not logged one by one (the latest: not JSON)',
      'hook events refused: 2 more within 60 s, not logged one by one (the latest: unknown token)',
    ]);
  });

  it('reports the count when the window ends, without waiting for the next refusal', async () => {
    const { server, refusals } = await start({ refusalWindowMs: 200 });
    const sent = 6;
    for (let i = 0; i < sent; i++) await request(server.socketPath, 'not json\n');
    await waitFor(() => refusals.some((r) => r.more !== undefined));
    // However the requests fell into windows, each refusal is accounted for exactly once.
    const counted = () => refusals.reduce((n, r) => n + (r.more ?? 1), 0);
    await waitFor(() => counted() === sent);
    expect(refusals[0]).toEqual({ reason: 'not JSON' });
  });
});

describe('the hook command when squadtui is not there', () => {
  const payload = () => JSON.stringify(recorded('bash_key1')[3]?.payload);

  it('exits 0 at once, printing nothing, when the socket does not exist', async () => {
    const gone = { [HOOK_SOCKET_ENV]: path.join(tmp, 'no-such-dir', 'hook.sock'), [HOOK_TOKEN_ENV]: 'x' };
    const run = await runHook(gone, payload());
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // Node's start-up is most of it; the point is that nothing waits for the budget.
    expect(run.ms).toBeLessThan(3_000);
  });

  it('exits 0 silently when started outside squadtui (no environment)', async () => {
    expect(await runHook({}, payload())).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 silently on garbage stdin, sending nothing', async () => {
    const server = await HookServer.start();
    try {
      const seen: HookEvent[] = [];
      server.onEvent((e) => seen.push(e));
      const { env } = server.register('agent-1');
      for (const stdin of ['', 'not json', '[1,2,3]', 'null', '42', Buffer.from([0xc3, 0x28, 0xff])]) {
        expect(await runHook(env, stdin)).toMatchObject({ code: 0, stdout: '', stderr: '' });
      }
      expect(seen).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('gives up after its budget when squadtui accepts the connection but never answers', async () => {
    const dir = mkdtempSync(path.join(tmp, 'stuck-'));
    const socketPath = path.join(dir, 's.sock');
    // Reads everything, answers nothing.
    const stuck = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => stuck.listen(socketPath, resolve));
    try {
      const run = await runHook({ [HOOK_SOCKET_ENV]: socketPath, [HOOK_TOKEN_ENV]: 'x' }, payload());
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(run.ms).toBeGreaterThanOrEqual(HOOK_BUDGET_MS);
      expect(run.ms).toBeLessThan(HOOK_BUDGET_MS + 3_000);
    } finally {
      await new Promise((resolve) => stuck.close(resolve));
    }
  });
});

describe('the private directory', () => {
  it('is mode 0700, holds the socket, and is removed on close', async () => {
    const server = await HookServer.start();
    expect(statSync(server.dir).mode & 0o777).toBe(0o700);
    expect(statSync(server.socketPath).isSocket()).toBe(true);
    expect(path.dirname(server.socketPath)).toBe(server.dir);
    expect(path.dirname(server.register('a').settingsFile)).toBe(server.dir);
    await server.close();
    expect(existsSync(server.dir)).toBe(false);
    await server.close(); // twice is fine
  });

  it('is removed by closeSync too (exit paths)', async () => {
    const server = await HookServer.start();
    server.closeSync();
    expect(existsSync(server.dir)).toBe(false);
  });

  it('is named after the squadtui that made it (pid and start time)', async () => {
    const server = await HookServer.start({ baseDir: tmp });
    try {
      expect(path.basename(server.dir)).toMatch(new RegExp(`^squadtui-hooks-${process.pid}-${selfId().start}-[A-Za-z0-9]{6}$`));
    } finally {
      await server.close();
    }
  });

  it("left by a squadtui that is gone (killed with -9) is removed at the next start; a running one's never", async () => {
    const base = mkdtempSync(path.join(tmp, 'leftovers-'));
    // A process that ran and is gone, as a squadtui killed with -9 is; its directory holds what a killed one leaves.
    const ran = spawnSync('sh', ['-c', 'echo $$; cat /proc/$$/stat'], { encoding: 'utf8' }).stdout.split('\n');
    const dead = { pid: Number(ran[0]), start: ran[1]!.slice(ran[1]!.lastIndexOf(')') + 2).split(' ')[19]! };
    const killed = makePrivateDir(base, 'hook.sock', dead);
    writeFileSync(path.join(killed, 'agent-1.settings.json'), '{}');
    // The same pid, now another process's (a different start time): gone as well.
    const reused = makePrivateDir(base, 'hook.sock', { pid: process.pid, start: String(Number(selfId().start) + 1) });
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const live = makePrivateDir(base, 'hook.sock', { pid: sleeper.pid!, start: await waitFor(() => processStart(sleeper.pid!)) });
      const server = await HookServer.start({ baseDir: base });
      // Not made by makePrivateDir, or not a directory: not touched.
      const other = path.join(base, 'squadtui-abc123');
      mkdirSync(other);
      const link = path.join(base, `squadtui-hooks-${dead.pid}-${dead.start}-linkxx`);
      symlinkSync(other, link);
      expect(removeDeadPrivateDirs(base).sort()).toEqual([killed, reused].sort());
      expect(readdirSync(base).sort()).toEqual([path.basename(live), path.basename(server.dir), 'squadtui-abc123', path.basename(link)].sort());
      await server.close();
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('keeps the socket path within sun_path when TMPDIR is long, by using /tmp', async () => {
    const long = path.join(tmp, 'x'.repeat(60), 'y'.repeat(60));
    mkdirSync(long, { recursive: true });
    const server = await HookServer.start({ baseDir: long });
    try {
      expect(Buffer.byteLength(server.socketPath)).toBeLessThanOrEqual(103);
      expect(server.dir.startsWith('/tmp/')).toBe(true);
      const { token } = server.register('a');
      expect(await request(server.socketPath, line(token, recorded('idle')[0]?.payload))).toBe('{"ok":true}\n');
    } finally {
      await server.close();
    }
  });
});
