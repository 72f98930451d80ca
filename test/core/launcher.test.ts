import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HookServer } from '../../src/core/agents/claude-hooks/server.js';
import { Launcher } from '../../src/core/agents/launcher.js';

let server: HookServer | undefined;
afterEach(() => server?.closeSync());

function launcher(warnings: string[] = []) {
  return new Launcher({
    hookScript: '/opt/squadtui/dist/hook.js',
    startHookServer: async () => (server = await HookServer.start()),
    onHookEvent: () => undefined,
    definitions: () => [],
    warn: (m) => warnings.push(m),
  });
}

const spec = (command: string, args: string[]) => ({ name: 'a', command, args, cwd: mkdtempSync(path.join(os.tmpdir(), 'squadtui-launch-')) });

describe('Launcher', () => {
  it("gives Claude its own settings with squadtui's hooks, and a token in its environment", async () => {
    const prepared = await launcher().prepare(spec('claude', ['--model', 'sonnet']), 'agent-1');
    expect(prepared.detector.id).toBe('claude');
    expect(prepared.hooked).toBe(true);
    const args = prepared.launch.args!;
    expect(args[0]).toBe('--settings');
    expect(args.slice(2)).toEqual(['--model', 'sonnet']);
    const settings = JSON.parse(readFileSync(args[1]!, 'utf8'));
    expect(Object.keys(settings.hooks)).toContain('PermissionRequest');
    expect(prepared.launch.env).toHaveProperty('SQUADTUI_HOOK_TOKEN');
  });

  it('puts the settings after the package when Claude runs through a launcher', async () => {
    const prepared = await launcher().prepare(spec('npx', ['-y', '@anthropic-ai/claude-code', '--continue']), 'agent-1');
    expect(prepared.launch.args!.slice(0, 3)).toEqual(['-y', '@anthropic-ai/claude-code', '--settings']);
    expect(prepared.launch.args!.at(-1)).toBe('--continue');
  });

  it('brings Claude back with --continue and its hooks; other programs, or a Claude told how to resume, as they were', async () => {
    const l = launcher();
    const back = await l.continuing(spec('claude', ['--model', 'sonnet']), 'agent-1');
    expect(back!.args!.slice(2)).toEqual(['--continue', '--model', 'sonnet']);
    expect(back!.env).toHaveProperty('SQUADTUI_HOOK_TOKEN');
    expect(await l.continuing(spec('claude', ['--resume', 'abc']), 'agent-2')).toBeUndefined();
    expect(await l.continuing(spec('bash', []), 'agent-3')).toBeUndefined();
  });

  it('resumes a Claude conversation by its id (--resume) with its hooks; other programs, or a Claude told how to resume, as they were', async () => {
    const l = launcher();
    const back = await l.resuming(spec('claude', ['--model', 'sonnet']), 'agent-1', 'aa532cbd');
    expect(back!.args!.slice(2)).toEqual(['--resume', 'aa532cbd', '--model', 'sonnet']);
    expect(back!.env).toHaveProperty('SQUADTUI_HOOK_TOKEN');
    expect(await l.resuming(spec('claude', ['--continue']), 'agent-2', 'aa532cbd')).toBeUndefined();
    expect(await l.resuming(spec('bash', []), 'agent-3', 'aa532cbd')).toBeUndefined();
  });

  it('finds Claude after a launcher option that takes a value, and adds its own arguments there', async () => {
    const prepared = await launcher().prepare(spec('npx', ['-p', '@anthropic-ai/claude-code', 'claude', '--model', 'x']), 'agent-1', ['--continue']);
    const args = prepared.launch.args!;
    expect(args.slice(0, 3)).toEqual(['-p', '@anthropic-ai/claude-code', 'claude']);
    expect(args.slice(3)).toEqual(['--settings', expect.stringMatching(/settings\.json$/), '--continue', '--model', 'x']);
  });

  it('keeps the hooks when Claude is restarted with --continue', async () => {
    const prepared = await launcher().prepare(spec('claude', []), 'agent-1', ['--continue']);
    expect(prepared.hooked).toBe(true);
    expect(prepared.launch.args).toEqual(['--settings', expect.stringMatching(/settings\.json$/), '--continue']);
  });

  it("leaves other programs' command lines as they are, and gives them a token for squadtui mcp", async () => {
    const prepared = await launcher().prepare(spec('bash', ['-l']), 'agent-1');
    expect(prepared).toMatchObject({ hooked: false, launch: { id: 'agent-1' } });
    expect(prepared.launch.args).toBeUndefined();
    expect(prepared.launch.env).toEqual({ SQUADTUI_HOOK_SOCKET: server!.socketPath, SQUADTUI_HOOK_TOKEN: expect.any(String) });
    expect(prepared.detector.id).toBe('shell');
  });

  it('starts other programs without a token when the socket cannot be had, and tells only once a Claude agent needs it', async () => {
    const warnings: string[] = [];
    const failing = new Launcher({
      hookScript: '/opt/squadtui/dist/hook.js',
      startHookServer: () => Promise.reject(new Error('no socket')),
      onHookEvent: () => undefined,
      definitions: () => [],
      warn: (m) => warnings.push(m),
    });
    expect((await failing.prepare(spec('bash', []), 'agent-1')).launch).toEqual({ id: 'agent-1' });
    expect(warnings).toEqual([]);
    expect((await failing.prepare(spec('claude', []), 'agent-2')).hooked).toBe(false);
    await failing.prepare(spec('claude', []), 'agent-3');
    expect(warnings).toEqual(['Claude hooks are off: Error: no socket']);
  });

  it('reads a program that draws like Claude with its detector, without hooks', async () => {
    const prepared = await launcher().prepare({ ...spec('node', ['demo.js']), detector: 'claude' }, 'agent-1');
    expect(prepared).toMatchObject({ hooked: false, detector: { id: 'claude' } });
  });
});

describe("Launcher: squadtui's MCP tools for Claude", () => {
  const MCP = '/opt/squadtui/dist/mcp.js';
  const withTools = (warnings: string[] = []) =>
    new Launcher({
      hookScript: '/opt/squadtui/dist/hook.js',
      mcpScript: MCP,
      startHookServer: async () => (server = await HookServer.start()),
      onHookEvent: () => undefined,
      definitions: () => [],
      warn: (m) => warnings.push(m),
    });
  const valueOf = (args: readonly string[], flag: string) => args.filter((a, i) => args[i - 1] === flag);
  const mcpConfigs = (args: readonly string[]) => args.filter((a) => a.startsWith('--mcp-config=')).map((a) => a.slice('--mcp-config='.length));

  it('gives Claude the server in its own --mcp-config, the tools allowed in its settings, and its name on its system prompt', async () => {
    const prepared = await withTools().prepare({ ...spec('claude', ['--model', 'sonnet']), name: 'ada' }, 'agent-1');
    const args = prepared.launch.args!;
    const [config] = mcpConfigs(args);
    const server = JSON.parse(readFileSync(config!, 'utf8')).mcpServers.squadtui;
    expect(server).toEqual({ type: 'stdio', command: process.execPath, args: [MCP], env: prepared.launch.env });
    expect(statSync(config!).mode & 0o777).toBe(0o600);
    const settings = JSON.parse(readFileSync(args[1]!, 'utf8'));
    expect(settings.permissions.allow).toEqual(['task_list', 'task_get', 'task_create', 'task_claim', 'task_update', 'task_done', 'message_send'].map((t) => `mcp__squadtui__${t}`));
    const [prompt] = valueOf(args, '--append-system-prompt');
    expect(prompt).toContain('You are "ada"');
    expect(prompt).toContain('task_claim');
    expect(args.slice(-2)).toEqual(['--model', 'sonnet']);
  });

  it("merges with the user's own --mcp-config, --append-system-prompt and allow rules, leaving their files alone", async () => {
    const s = { ...spec('claude', []), name: 'ada' };
    const theirMcp = path.join(s.cwd, 'their-mcp.json');
    const theirSettings = path.join(s.cwd, 'their-settings.json');
    writeFileSync(theirMcp, '{"mcpServers":{}}');
    const settingsText = JSON.stringify({ permissions: { allow: ['Bash(ls)'], deny: ['WebFetch'] } });
    writeFileSync(theirSettings, settingsText);
    const userArgs = ['--mcp-config', theirMcp, '--settings', theirSettings, '--append-system-prompt', 'Be terse.', 'fix the bug'];
    const args = (await withTools().prepare({ ...s, args: userArgs }, 'agent-1')).launch.args!;
    // Theirs stays as written (Claude loads every config it is given); ours is added with `=`, so
    // the prompt after it is not read as one more config.
    expect(valueOf(args, '--mcp-config')).toEqual([theirMcp]);
    expect(mcpConfigs(args)).toHaveLength(1);
    expect(args.at(-1)).toBe('fix the bug');
    expect(args.filter((a) => a === '--append-system-prompt')).toHaveLength(1);
    const [prompt] = valueOf(args, '--append-system-prompt');
    expect(prompt!.startsWith('Be terse.\n\nYou are "ada"')).toBe(true);
    const settings = JSON.parse(readFileSync(args[1]!, 'utf8'));
    expect(settings.permissions.allow[0]).toBe('Bash(ls)');
    expect(settings.permissions.allow).toContain('mcp__squadtui__task_claim');
    expect(settings.permissions.deny).toEqual(['WebFetch']);
    expect(readFileSync(theirSettings, 'utf8')).toBe(settingsText);
    expect(readFileSync(theirMcp, 'utf8')).toBe('{"mcpServers":{}}');
  });

  it("takes the user's --append-system-prompt-file into the one prompt; an unreadable one is kept as given, with a warning", async () => {
    const s = { ...spec('claude', []), name: 'ada' };
    writeFileSync(path.join(s.cwd, 'extra.md'), 'Use tabs.\n');
    const args = (await withTools().prepare({ ...s, args: ['--append-system-prompt-file', 'extra.md'] }, 'agent-1')).launch.args!;
    expect(args).not.toContain('--append-system-prompt-file');
    expect(valueOf(args, '--append-system-prompt')[0]!.startsWith('Use tabs.\n\nYou are "ada"')).toBe(true);

    const warnings: string[] = [];
    const kept = (await withTools(warnings).prepare({ ...s, args: ['--append-system-prompt-file=missing.md'] }, 'agent-2')).launch.args!;
    expect(kept).toContain('--append-system-prompt-file=missing.md');
    expect(kept).not.toContain('--append-system-prompt');
    expect(mcpConfigs(kept)).toHaveLength(1);
    expect(warnings.join()).toContain('missing.md');
  });
});
