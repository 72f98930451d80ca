// How Codex and Gemini CLI agents are started and resumed (cli-presets.ts, cli-tools.ts through
// Launcher), and Claude resumed by its conversation id: the arguments and settings built.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HookServer } from '../../src/core/agents/claude-hooks/server.js';
import { CLI_PRESETS } from '../../src/core/agents/cli-presets.js';
import { codexToolArgs, geminiHome } from '../../src/core/agents/cli-tools.js';
import { initialActivity, observe } from '../../src/core/agents/activity.js';
import { CODEX_HOOK_EVENTS, codexHookArgs, codexHookHash, codexPatchAsEdit } from '../../src/core/agents/codex-hooks.js';
import { requestInput, requestSummary } from '../../src/core/agents/requests.js';
import { Launcher } from '../../src/core/agents/launcher.js';

const MCP = '/opt/squadtui/dist/mcp.js';
let server: HookServer | undefined;
afterEach(() => server?.closeSync());

function launcher(mcpScript: string | null = MCP) {
  return new Launcher({
    hookScript: '/opt/squadtui/dist/hook.js',
    ...(mcpScript ? { mcpScript } : {}),
    startHookServer: async () => (server = await HookServer.start()),
    onHookEvent: () => undefined,
    definitions: () => [],
    warn: () => undefined,
  });
}

const spec = (command: string, args: string[]) => ({ name: 'ada', command, args, cwd: mkdtempSync(path.join(os.tmpdir(), 'squadtui-cli-launch-')) });
/** The arguments without Codex's `-c hooks.…` overrides. */
const dropHooks = (args: readonly string[]) => args.filter((a, i) => !a.startsWith('hooks.') && !(a === '-c' && args[i + 1]?.startsWith('hooks.')));
/** `-c` values by key. */
const overrides = (args: readonly string[]) => new Map(args.flatMap((a, i) => (args[i - 1] === '-c' ? [[a.split('=', 1)[0]!, a.slice(a.indexOf('=') + 1)] as const] : [])));

describe('Codex', () => {
  it('starts without its app-server daemon, with squadtui tools forwarded the socket and token by name, and the token in its environment', async () => {
    const { launch, detector, hooked } = await launcher().prepare(spec('codex', ['--model', 'o3']), 'agent-1');
    expect([detector.id, hooked]).toEqual(['codex', true]);
    const args = launch.args!;
    expect(args.slice(0, 2)).toEqual(['-c', 'features.daemon_auto_start=false']);
    expect(args.slice(-2)).toEqual(['--model', 'o3']);
    const c = overrides(args);
    expect(c.get('hooks.PermissionRequest')).toBe(`[{hooks=[{type="command",command=${JSON.stringify(`${process.execPath} /opt/squadtui/dist/hook.js`)},timeout=5}]}]`);
    expect(c.get('hooks.state')).toMatch(/"\/<session-flags>\/config\.toml:permission_request:0:0"=\{trusted_hash="sha256:[0-9a-f]{64}"\}/);
    expect(c.get('mcp_servers.squadtui.command')).toBe(JSON.stringify(process.execPath));
    expect(c.get('mcp_servers.squadtui.args')).toBe(JSON.stringify([MCP]));
    expect(c.get('mcp_servers.squadtui.env_vars')).toBe('["SQUADTUI_HOOK_SOCKET","SQUADTUI_HOOK_TOKEN"]');
    expect(c.get('mcp_servers.squadtui.default_tools_approval_mode')).toBe('"approve"');
    expect(JSON.parse(c.get('developer_instructions')!)).toContain('You are "ada"');
    // The token is never on the command line.
    expect(args.join(' ')).not.toContain(launch.env!['SQUADTUI_HOOK_TOKEN']!);
    expect(launch.env).toEqual({ SQUADTUI_HOOK_SOCKET: server!.socketPath, SQUADTUI_HOOK_TOKEN: expect.any(String) });
  });

  it("leaves developer_instructions to the user's config.toml when it sets them", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'squadtui-codex-home-'));
    expect(overrides(codexToolArgs({ name: 'ada', script: MCP }, home)).has('developer_instructions')).toBe(true);
    writeFileSync(path.join(home, 'config.toml'), 'model = "o3"\ndeveloper_instructions = "Be terse."\n');
    expect(overrides(codexToolArgs({ name: 'ada', script: MCP }, home)).has('developer_instructions')).toBe(false);
  });

  it('resumes by id, or the latest session of its directory, as a subcommand after its own -c options and before the user’s', async () => {
    const l = launcher(null);
    expect(dropHooks((await l.resuming(spec('codex', ['-m', 'o3']), 'a1', '019a-id'))!.args!)).toEqual(['-c', 'features.daemon_auto_start=false', 'resume', '019a-id', '-m', 'o3']);
    expect(dropHooks((await l.continuing(spec('codex', []), 'a2'))!.args!)).toEqual(['-c', 'features.daemon_auto_start=false', 'resume', '--last']);
    expect(await l.resuming(spec('codex', ['resume', 'x']), 'a3', 'y')).toBeUndefined();
  });

  it('puts its options after the package when it runs through npx', async () => {
    const { launch } = await launcher(null).resuming(spec('npx', ['-y', '@openai/codex@0.171.0', '--full-auto']), 'a1', 'id-1').then((l) => ({ launch: l! }));
    expect(dropHooks(launch.args!)).toEqual(['-y', '@openai/codex@0.171.0', '-c', 'features.daemon_auto_start=false', 'resume', 'id-1', '--full-auto']);
  });
});

describe("Codex's hooks", () => {
  it('are trusted by the hash Codex 0.171 itself wrote for a hook given with -c', () => {
    // From the real Codex: its "Trust all" on `-c hooks.SessionStart=[{hooks=[{type="command",
    // command="/tmp/cgx/hooklog.sh SessionStart"}]}]` (default timeout 600) saved this hash.
    expect(codexHookHash('SessionStart', '/tmp/cgx/hooklog.sh SessionStart', 600)).toBe('sha256:02d28ee6a73c693fd217d7b0e560cca40957c4117171fb481619e877ee487679');
  });

  it('give an edit as the file it changes, not as a command (apply_patch, as recorded from the real Codex)', () => {
    const line = readFileSync(path.join(import.meta.dirname, '../fixtures/codex/approvals.hooks.jsonl'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"PermissionRequest"') && l.includes('apply_patch'))!;
    const payload = codexPatchAsEdit((JSON.parse(line) as { payload: unknown }).payload) as Record<string, unknown>;
    const file = '/var/tmp/squad-rec/codex-s1/home/patched.txt';
    expect(payload['tool_input']).toEqual({ file_path: file, files: [file], patch: expect.stringContaining('+patched line') });
    const activity = observe(initialActivity(0), { kind: 'hook', event: 'PermissionRequest', payload }, 1);
    expect(requestSummary(activity)).toBe(`apply_patch: ${file}`);
    expect(requestInput(activity, '/var/tmp/squad-rec/codex-s1/work')).toBe('../home/patched.txt');
    const shell = { tool_name: 'Bash', tool_input: { command: 'ls' } };
    expect(codexPatchAsEdit(shell)).toBe(shell);
  });

  it('run the hook command on each event Codex shares with Claude', () => {
    const c = overrides(codexHookArgs('node /x/hook.js'));
    expect([...c.keys()]).toEqual([...CODEX_HOOK_EVENTS.map((e) => `hooks.${e}`), 'hooks.state']);
    expect(c.get('hooks.state')).toContain(`"/<session-flags>/config.toml:user_prompt_submit:0:0"={trusted_hash="${codexHookHash('UserPromptSubmit', 'node /x/hook.js')}"}`);
  });
});

describe('Gemini CLI', () => {
  it("gets squadtui tools and hooks in a ~/.gemini of its own: the user's settings with the server added (0600, trusted), the rest of theirs linked", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'squadtui-gemini-user-'));
    mkdirSync(path.join(home, '.gemini'));
    const text = '{\n  // theirs\n  "mcpServers": {"other": {"command": "x"}},\n  "ui": {"theme": "dark"}\n}\n';
    writeFileSync(path.join(home, '.gemini', 'settings.json'), text);
    writeFileSync(path.join(home, '.gemini', 'oauth_creds.json'), '{}');
    process.env['GEMINI_CLI_HOME'] = home;
    try {
      const { launch, detector } = await launcher().prepare(spec('gemini', ['--approval-mode', 'auto_edit']), 'agent-1');
      expect(detector.id).toBe('gemini');
      expect(launch.args).toEqual(['--approval-mode', 'auto_edit']);
      const ours = path.join(launch.env!['GEMINI_CLI_HOME']!, '.gemini');
      expect(ours.startsWith(path.dirname(server!.socketPath))).toBe(true);
      const file = path.join(ours, 'settings.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const settings = JSON.parse(readFileSync(file, 'utf8'));
      expect(Object.keys(settings.mcpServers)).toEqual(['other', 'squadtui']);
      expect(settings.mcpServers.squadtui).toEqual({
        command: process.execPath,
        args: [MCP],
        env: { SQUADTUI_HOOK_SOCKET: server!.socketPath, SQUADTUI_HOOK_TOKEN: launch.env!['SQUADTUI_HOOK_TOKEN'] },
        trust: true,
      });
      expect(settings.ui).toEqual({ theme: 'dark' });
      expect(settings.hooks.AfterAgent).toEqual([{ hooks: [{ type: 'command', name: 'squadtui', command: `${process.execPath} /opt/squadtui/dist/hook.js`, timeout: 5000 }] }]);
      expect(readlinkSync(path.join(ours, 'oauth_creds.json'))).toBe(path.join(home, '.gemini', 'oauth_creds.json'));
      // Trust given in its dialog goes to the user's own list (Gemini would replace a link there).
      expect(launch.env!['GEMINI_CLI_TRUSTED_FOLDERS_PATH']).toBe(path.join(home, '.gemini', 'trustedFolders.json'));
      expect(readFileSync(path.join(home, '.gemini', 'settings.json'), 'utf8')).toBe(text);
      // Its sessions go to the user's tmp/ (made there), and removing squadtui's private directory
      // removes the links only.
      writeFileSync(path.join(ours, 'tmp', 'session.json'), '{}');
      server!.closeSync();
      expect(existsSync(ours)).toBe(false);
      expect(readFileSync(path.join(home, '.gemini', 'tmp', 'session.json'), 'utf8')).toBe('{}');
      expect(readFileSync(path.join(home, '.gemini', 'oauth_creds.json'), 'utf8')).toBe('{}');
    } finally {
      delete process.env['GEMINI_CLI_HOME'];
    }
  });

  it("starts as it is, with a warning, when the user's settings can't be read", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'squadtui-gemini-user-'));
    mkdirSync(path.join(home, '.gemini'));
    writeFileSync(path.join(home, '.gemini', 'settings.json'), '{ broken');
    const made = geminiHome({ name: 'ada', script: MCP, dir: path.join(home, 'ours'), env: {} }, home);
    expect(made.env).toEqual({});
    expect(made.problem).toContain('settings.json');
  });

  it('resumes by id or its latest session, unless the user said how; through npx after the package', async () => {
    const l = launcher(null);
    expect((await l.resuming(spec('gemini', ['-m', 'x']), 'a1', 'abc'))!.args).toEqual(['--resume', 'abc', '-m', 'x']);
    expect((await l.continuing(spec('gemini', []), 'a2'))!.args).toEqual(['--resume', 'latest']);
    expect(await l.continuing(spec('gemini', ['--resume=5']), 'a3')).toBeUndefined();
    expect((await l.continuing(spec('npx', ['@google/gemini-cli']), 'a4'))!.args).toEqual(['@google/gemini-cli', '--resume', 'latest']);
  });
});

describe('Claude Code', () => {
  it('resumes its saved conversation by id with its hooks, or continues the latest without one', async () => {
    const l = launcher(null);
    expect((await l.resuming(spec('claude', ['--model', 'x']), 'a1', 'sess-1'))!.args!.slice(2)).toEqual(['--resume', 'sess-1', '--model', 'x']);
    expect((await l.resuming(spec('claude', []), 'a2', undefined))!.args!.slice(2)).toEqual(['--continue']);
    expect(await l.resuming(spec('claude', ['-r', 'other']), 'a3', 'sess-1')).toBeUndefined();
  });
});

describe('presets', () => {
  it('name the versions squadtui was checked against', () => {
    expect(Object.values(CLI_PRESETS).map((p) => `${p.name} ${p.version}`)).toEqual(['Claude Code 2.1.197', 'Codex 0.171.0', 'Gemini CLI 0.61.0']);
  });
});
