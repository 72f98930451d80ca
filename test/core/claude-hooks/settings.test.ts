// The --settings squadtui gives Claude: its exact shape, the command quoted for a shell, and the
// merge with a --settings of the user's own.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookEvent } from '../../../src/core/agents/claude-hooks/events.js';
import { HOOK_EVENTS } from '../../../src/core/agents/claude-hooks/protocol.js';
import { HookServer } from '../../../src/core/agents/claude-hooks/server.js';
import { addHookSettings, hookCommand, hookSettings, mergeHookSettings } from '../../../src/core/agents/claude-hooks/settings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let tmp: string;
let settingsFile: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-settings-test-'));
  settingsFile = path.join(tmp, 'agent.settings.json');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const COMMAND = "'/opt/node 20/bin/node' /app/dist/hook.js";

describe('hookSettings', () => {
  it('registers the command for every forwarded event, in the shape of Claude Code settings', () => {
    const entry = [{ matcher: '', hooks: [{ type: 'command', command: COMMAND, timeout: 5 }] }];
    expect(hookSettings(COMMAND)).toEqual({
      hooks: {
        SessionStart: entry,
        UserPromptSubmit: entry,
        PreToolUse: entry,
        PermissionRequest: entry,
        PostToolUse: entry,
        Notification: entry,
        Stop: entry,
        SessionEnd: entry,
      },
    });
    expect(Object.keys(hookSettings(COMMAND).hooks)).toEqual([...HOOK_EVENTS]);
  });

  it('quotes node and the script for the shell Claude runs hooks with', () => {
    expect(hookCommand('/app/dist/hook.js', '/usr/bin/node')).toBe('/usr/bin/node /app/dist/hook.js');
    expect(hookCommand("/home/o'neil/my apps/dist/hook.js", '/opt/node 20/node')).toBe(
      "'/opt/node 20/node' '/home/o'\\''neil/my apps/dist/hook.js'",
    );
    expect(hookCommand('/x/hook.js')).toContain(process.execPath);
  });

  it('gives a command that a shell runs and that reaches squadtui, from a path with spaces and quotes', async () => {
    const dir = mkdtempSync(path.join(tmp, "squad's hook dir "));
    const script = path.join(dir, 'hook.js');
    await build({ entryPoints: [path.join(ROOT, 'src/claude-hook.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    const server = await HookServer.start();
    try {
      const events: HookEvent[] = [];
      server.onEvent((e) => events.push(e));
      const { env } = server.register('agent-3');
      const command = hookSettings(hookCommand(script)).hooks.Stop[0]?.hooks[0]?.command ?? '';
      const code = await new Promise<number | null>((resolve) => {
        const sh = spawn('/bin/sh', ['-c', command], { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
        sh.stdin.end(JSON.stringify({ hook_event_name: 'Stop', session_id: 's-1', stop_hook_active: false }));
        sh.on('close', resolve);
      });
      expect(code).toBe(0);
      expect(events.map((e) => [e.agentId, e.event])).toEqual([['agent-3', 'Stop']]);
    } finally {
      await server.close();
    }
  });
});

describe('addHookSettings', () => {
  const ours = hookSettings(COMMAND);
  const read = () => JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;

  it('puts --settings with its file first and writes our hooks there, readable by the user only', () => {
    const result = addHookSettings(['--model', 'sonnet', 'fix the bug'], ours, { cwd: tmp, file: settingsFile });
    expect(result).toEqual({ args: ['--settings', settingsFile, '--model', 'sonnet', 'fix the bug'] });
    expect(read()).toEqual(ours);
    expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
  });

  it("merges a user's inline --settings: their keys kept, their hooks first, their flag replaced", () => {
    const user = {
      model: 'opus',
      env: { SECRET: 'k' },
      hooks: { Stop: [{ matcher: '', hooks: [{ type: 'command', command: 'say done' }] }], PreCompact: [{ hooks: [] }] },
    };
    const result = addHookSettings(['-c', '--settings', JSON.stringify(user), '--verbose'], ours, { cwd: tmp, file: settingsFile });
    expect(result).toEqual({ args: ['--settings', settingsFile, '-c', '--verbose'] });
    const merged = read();
    expect(merged.model).toBe('opus');
    expect(merged.env).toEqual({ SECRET: 'k' });
    const hooks = merged.hooks as Record<string, unknown[]>;
    expect(hooks.Stop).toEqual([...user.hooks.Stop, ...ours.hooks.Stop]);
    expect(hooks.PreCompact).toEqual(user.hooks.PreCompact);
    expect(hooks.PermissionRequest).toEqual(ours.hooks.PermissionRequest);
  });

  it("merges a user's settings file given as --settings=relative/path, the last one winning as in Claude", () => {
    writeFileSync(path.join(tmp, 'first.json'), JSON.stringify({ model: 'haiku' }));
    writeFileSync(path.join(tmp, 'mine.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test)'] } }));
    const result = addHookSettings(['--settings', 'first.json', '--settings=mine.json'], ours, { cwd: tmp, file: settingsFile });
    expect(result.args).toEqual(['--settings', settingsFile]);
    expect(read()).toEqual({ permissions: { allow: ['Bash(npm test)'] }, hooks: ours.hooks });
  });

  it('leaves arguments after -- alone', () => {
    const result = addHookSettings(['--', '--settings', 'x'], ours, { cwd: tmp, file: settingsFile });
    expect(result.args).toEqual(['--settings', settingsFile, '--', '--settings', 'x']);
  });

  it("keeps a user's --settings it cannot read untouched, and says why", () => {
    const cases: [string[], RegExp][] = [
      [['--settings', 'missing.json'], /Cannot read the settings file .*missing\.json/],
      [['--settings', '{not json'], /not valid JSON/],
      [['--settings', '{"hooks": {"Stop": {}}}'], /"hooks\.Stop" in --settings is not a list/],
      [['--settings', '{"hooks": []}'], /"hooks" in --settings is not an object/],
      [['--settings'], /without a value/],
    ];
    for (const [args, message] of cases) {
      const result = addHookSettings(args, ours, { cwd: tmp, file: path.join(tmp, 'unused.json') });
      expect(result.args).toEqual(args);
      expect(result.problem?.message).toMatch(message);
      expect(result.problem?.hint).toBeTruthy();
    }
  });

  it('mergeHookSettings refuses what is not an object', () => {
    expect(() => mergeHookSettings([1], ours)).toThrow(/not a JSON object/);
  });
});
