import { mkdtempSync, readFileSync } from 'node:fs';
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

  it('leaves other programs as they are', async () => {
    const prepared = await launcher().prepare(spec('bash', ['-l']), 'agent-1');
    expect(prepared).toMatchObject({ hooked: false, launch: { id: 'agent-1' } });
    expect(prepared.launch.args).toBeUndefined();
    expect(prepared.detector.id).toBe('shell');
  });

  it('reads a program that draws like Claude with its detector, without hooks', async () => {
    const prepared = await launcher().prepare({ ...spec('node', ['demo.js']), detector: 'claude' }, 'agent-1');
    expect(prepared).toMatchObject({ hooked: false, detector: { id: 'claude' } });
  });
});
