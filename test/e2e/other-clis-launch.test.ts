// Opt-in (SQUAD_REAL_CLIS=1, see test/helpers/real-clis.ts): Claude Code, Codex and Gemini CLI started as
// squadtui starts them (Launcher: presets and squadtui's MCP server) against the REAL CLIs: the
// agent calls squadtui's tools as itself, leaves no process behind when killed, and resumes its
// conversation when started again.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claudeDetector, codexDetector, detect, geminiDetector } from '../../src/core/agents/detect/index.js';
import type { HookEvent } from '../../src/core/agents/claude-hooks/events.js';
import { HookServer } from '../../src/core/agents/claude-hooks/server.js';
import { CLI_PRESETS } from '../../src/core/agents/cli-presets.js';
import { initialActivity, observe } from '../../src/core/agents/activity.js';
import { Launcher } from '../../src/core/agents/launcher.js';
import { createNodePtySpawner } from '../../src/core/pty/index.js';
import { LocalSessionHost } from '../../src/core/sessions/index.js';
import { runAgentCall } from '../../src/core/tasks/agent-calls.js';
import { TaskStore } from '../../src/core/tasks/store.js';
import { type RealCli, harnessServer, processesNaming, realCliEnabled } from '../helpers/real-clis.js';
import { waitFor } from '../helpers/wait-for.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let mcp: string;
let hook: string;

beforeAll(async () => {
  if (!realCliEnabled('codex') && !realCliEnabled('gemini')) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-real-launch-'));
  const banner = { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" };
  await build({ bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent', outdir: tmp, entryPoints: { mcp: path.join(ROOT, 'src/mcp.ts'), hook: path.join(ROOT, 'src/claude-hook.ts') }, banner });
  mcp = path.join(tmp, 'mcp.js');
  hook = path.join(tmp, 'hook.js');
}, 60_000);
afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Processes whose command line names `mark` (the harness's state directory), the fake model server left out. */
const processesOf = (mark: string) => processesNaming(mark).filter((p) => !/\/fake-[a-z]+\.mjs /.test(p));

/**
 * Codex offers MCP tools as a namespace (mcp__squadtui) a model calls with a `namespace` field, which
 * the harness's fake API does not write; nor can it use tool_search, behind which Codex defers them.
 * So: a model without a search tool (the tools are offered at once), and a proxy between Codex and
 * the fake that turns a call of `mcp__squadtui__<tool>` into one of <tool> in that namespace.
 */
async function namespacedCalls(home: string): Promise<void> {
  const catalog = path.join(home, '.codex', 'fake-models.json');
  writeFileSync(catalog, readFileSync(catalog, 'utf8').replace(/"supports_search_tool":\s*true/g, '"supports_search_tool": false'));
  const config = path.join(home, '.codex', 'config.toml');
  const toml = readFileSync(config, 'utf8');
  const target = /base_url = "http:\/\/127\.0\.0\.1:(\d+)\/v1"/.exec(toml)![1]!;
  const proxy = http.createServer((req, res) => {
    const up = http.request({ host: '127.0.0.1', port: Number(target), path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => res.write(chunk.toString('utf8').replace(/"name":"mcp__squadtui__(\w+)"/g, '"namespace":"mcp__squadtui","name":"$1"')));
      answer.on('end', () => res.end());
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => void proxy.close());
  const port = (proxy.address() as { port: number }).port;
  writeFileSync(config, toml.replace(`127.0.0.1:${target}/v1`, `127.0.0.1:${port}/v1`));
}

async function squad(cli: RealCli, rules: readonly object[], o: { tools?: boolean } = {}) {
  const harness = harnessServer(cli, { rules });
  cleanups.push(() => harness.stop());
  const store = new TaskStore(path.join(harness.state, 'tasks.json'));
  const calls: { agent: string; tool: string }[] = [];
  const hooks = await HookServer.start();
  cleanups.push(() => hooks.closeSync());
  hooks.onCall(({ agentId, tool, input }) => {
    calls.push({ agent: agentId, tool });
    return runAgentCall({ store: () => store, send: () => ({ ok: true, delivered: false }) }, 'ada', tool, input);
  });
  const events: HookEvent[] = [];
  const launcher = new Launcher({ hookScript: hook, ...(o.tools === false ? {} : { mcpScript: mcp }), startHookServer: async () => hooks, onHookEvent: (e) => events.push(e), definitions: () => [], warn: () => undefined });
  const host = new LocalSessionHost({ spawnPty: await createNodePtySpawner(), cols: 120, rows: 40 });
  cleanups.push(() => host.shutdown(1000));
  if (cli === 'codex') {
    // As a user's Codex: its app-server daemon starts unless squadtui's launch says not to.
    const config = path.join(harness.home, '.codex', 'config.toml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^daemon_auto_start = false.*$/m, ''));
    await namespacedCalls(harness.home);
  }
  // The harness's HOME is the user's home here: Gemini's ~/.gemini for the agent is made from it.
  if (cli === 'gemini') {
    process.env['GEMINI_CLI_HOME'] = harness.home;
    cleanups.push(() => void delete process.env['GEMINI_CLI_HOME']);
  }
  const spec = { name: 'ada', command: harness.program, args: [], cwd: harness.work };
  const id = host.newId();
  const { launch } = await launcher.prepare(spec, id);
  host.spawn(spec, launch);
  const detector = { claude: claudeDetector, codex: codexDetector, gemini: geminiDetector }[cli];
  const text = () => host.screenText(id).join('\n');
  const until = (test: () => boolean, timeout = 30_000) => waitFor(test, { timeout, message: text });
  return { events, launch, harness, store, calls, launcher, host, spec, id, text, until, idle: () => detect(host.screenText(id), detector).state === 'idle' };
}

/** The model's call of task_list, in each fake API's script format and each CLI's name for the tool. */
const LIST_CALL: Record<RealCli, object> = {
  claude: { tool_use: { name: 'mcp__squadtui__task_list', input: {} } },
  codex: { function_call: { name: 'mcp__squadtui__task_list', arguments: {} } },
  gemini: { call: { name: 'mcp_squadtui_task_list', args: {} } },
};
const listRule = (cli: RealCli) => ({ match: '^list tasks', steps: [LIST_CALL[cli], { text: 'Listed the board.' }] });

describe.each(['claude', 'codex', 'gemini'] as const)('the real %s started by squadtui', (cli) => {
  it.skipIf(!realCliEnabled(cli))('calls squadtui tools as its agent, leaves nothing running when killed, and resumes its conversation', { timeout: 120_000 }, async () => {
    const s = await squad(cli, [listRule(cli), { steps: [{ text: 'Plain.' }] }]);
    await s.until(s.idle);
    s.host.typeLine(s.id, 'list tasks');
    await s.until(() => s.text().includes('Listed the board.'));
    // Called without a confirmation (squadtui's own tools), answered for this agent's token.
    expect(s.calls).toEqual([{ agent: s.id, tool: 'task_list' }]);
    // Codex and Gemini show the tool's answer, given as this agent (Claude folds it away).
    if (cli !== 'claude') expect(s.text()).toContain('"you": "ada"');
    // Its hooks report to squadtui as Claude's do (Codex's trusted on the command line: no review
    // dialog came up; Gemini's read as the Claude events they match), each naming the session its
    // --resume / resume takes.
    await s.until(() => s.events.some((e) => e.event === 'Stop'));
    const turn = ['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop'];
    expect(s.events.map((e) => e.event).filter((e) => e !== 'Notification')).toEqual(cli === 'gemini' ? turn : ['SessionStart', ...turn]);
    expect(new Set(s.events.map((e) => [e.agentId, e.payload.session_id].join(' '))).size).toBe(1);

    s.host.kill(s.id);
    await s.until(() => s.host.get(s.id)?.status === 'exited');
    // Whatever it started (Codex's app-server daemon unless told not to, Gemini's relaunched child,
    // squadtui's MCP server) is gone once its session has ended.
    await waitFor(() => processesOf(s.harness.state).length === 0 && processesOf(mcp).length === 0, {
      timeout: 10_000,
      message: () => [...processesOf(s.harness.state), ...processesOf(mcp)].join('\n'),
    });

    // By the id its hooks told.
    s.host.restart(s.id, await s.launcher.resuming(s.spec, s.id, s.events[0]?.payload.session_id));
    // Its transcript is back: the earlier prompt and answer, without being asked again.
    await s.until(() => s.text().includes('Listed the board.') && s.text().includes('list tasks'));
    await s.until(s.idle);
    expect(s.calls).toHaveLength(1);
  });
});

const ESCALATE: Record<'codex' | 'gemini', object> = {
  codex: { match: '^shell please', steps: [{ text: 'Need it.', shell: 'echo hello > out.txt', shell_args: { sandbox_permissions: 'require_escalated', justification: 'Allow?' } }, { text: 'Done.' }] },
  gemini: { match: '^shell please', steps: [{ text: 'Need it.', shell: 'echo hello > out.txt' }, { text: 'Done.' }] },
};

describe.each(['codex', 'gemini'] as const)('the real %s asking for approval', (cli) => {
  it.skipIf(!realCliEnabled(cli))('is reported by its hook as a request for the command, which the prompt on its screen then confirms', { timeout: 90_000 }, async () => {
    const s = await squad(cli, [ESCALATE[cli]]);
    await s.until(s.idle);
    s.host.typeLine(s.id, 'shell please');
    await s.until(() => s.events.some((e) => e.event === 'PermissionRequest'));
    const request = s.events.find((e) => e.event === 'PermissionRequest')!;
    // Fed to the activity as squadtui's Monitor feeds it: the hook, then the screen.
    let activity = observe(initialActivity(0), { kind: 'hook', event: request.event, payload: request.payload as unknown as Record<string, unknown> }, 1);
    expect(activity.state).toBe('permission');
    expect(activity.request).toMatchObject({ input: { command: 'echo hello > out.txt' } });
    const detector = cli === 'codex' ? codexDetector : geminiDetector;
    await s.until(() => detect(s.host.screenText(s.id), detector).state === 'permission');
    activity = observe(activity, { kind: 'screen', detection: detect(s.host.screenText(s.id), detector) }, 2);
    // The screen's prompt is the same request: its tool as the hook named it, so the inbox keeps the hook's account.
    expect(activity.prompt?.subject).toBe('echo hello > out.txt');
    expect(activity.request?.tool).toBe(cli === 'codex' ? 'Bash' : 'run_shell_command');
  });
});

describe.skipIf(!realCliEnabled('codex'))('the real codex without squadtui tools', () => {
  it("leaves no app-server daemon behind with squadtui's preset, where the same Codex without it leaves one", { timeout: 120_000 }, async () => {
    const s = await squad('codex', [{ steps: [{ text: 'Plain.' }] }], { tools: false });
    const daemons = () => processesOf(s.harness.state).filter((p) => p.includes('app-server'));
    // The preset's own option alone (squadtui's other -c overrides happen to keep the daemon off too).
    s.host.kill(s.id);
    await waitFor(() => s.host.get(s.id)?.status === 'exited');
    s.host.restart(s.id, { args: CLI_PRESETS.codex.always });
    const turn = async (id: string) => {
      await waitFor(() => detect(s.host.screenText(id), codexDetector).state === 'idle', { timeout: 30_000 });
      s.host.typeLine(id, 'hello');
      await waitFor(() => s.host.screenText(id).some((l) => l.includes('Plain.')), { timeout: 30_000 });
      s.host.kill(id);
      await waitFor(() => s.host.get(id)?.status === 'exited', { timeout: 10_000 });
    };
    await turn(s.id);
    expect(daemons()).toEqual([]);
    // The control: started as the user would start it, one turn and killed, its daemon stays.
    const plain = s.host.spawn({ ...s.spec, name: 'plain' }).id;
    await turn(plain);
    await waitFor(() => daemons().length > 0, { timeout: 20_000 });
  });
});
