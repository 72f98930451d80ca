// Gemini CLI's hook events read as the Claude Code events they match (gemini-hooks.ts), through the
// hook server as the hook command delivers them, and its hook settings beside the user's own.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HookEvent } from '../../src/core/agents/claude-hooks/events.js';
import { HookServer } from '../../src/core/agents/claude-hooks/server.js';
import { asClaudeEvent, geminiHookSettings } from '../../src/core/agents/gemini-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

let server: HookServer | undefined;
afterEach(() => server?.closeSync());

// As Gemini CLI 0.61 sent them through the harness (fields squadtui does not read left out).
const base = { session_id: 'f8f756dc-1', cwd: '/w', transcript_path: '/t.json', timestamp: '2026-12-05T06:54:00Z' };
const GEMINI = [
  { ...base, hook_event_name: 'BeforeAgent', prompt: 'shell please' },
  { ...base, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: 'echo hello > out.txt', description: 'x' } },
  {
    ...base,
    hook_event_name: 'Notification',
    notification_type: 'ToolPermission',
    message: 'Tool Confirm Shell Command requires execution',
    details: { type: 'exec', title: 'Confirm Shell Command', command: 'echo hello > out.txt', rootCommand: 'echo' },
  },
  { ...base, hook_event_name: 'AfterTool', tool_name: 'run_shell_command', tool_input: { command: 'echo hello > out.txt' }, tool_response: { llmContent: '' } },
  { ...base, hook_event_name: 'AfterAgent', prompt: 'shell please', prompt_response: 'Done. Wrote out.txt.', stop_hook_active: false },
];

function send(socketPath: string, token: string, event: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`${JSON.stringify({ v: 1, token, event })}\n`));
    socket.on('data', (d: Buffer) => (resolve(d.toString()), socket.end()));
  });
}

describe('Gemini CLI hook events', () => {
  it('reach squadtui as the Claude events they match: prompt, tool before and after, its confirmation, end of turn', async () => {
    server = await HookServer.start();
    const events: HookEvent[] = [];
    server.onEvent((e) => events.push(e));
    const { env } = server.register('agent-1');
    for (const event of GEMINI) expect(await send(server.socketPath, env['SQUADTUI_HOOK_TOKEN']!, event)).toContain('"ok":true');
    await waitFor(() => events.length === GEMINI.length);
    expect(events.map((e) => e.event)).toEqual(['UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop']);
    const permission = events[2]!.payload as Record<string, unknown>;
    expect([permission['tool_name'], (permission['tool_input'] as Record<string, unknown>)['command']]).toEqual(['run_shell_command', 'echo hello > out.txt']);
    expect((events[4]!.payload as Record<string, unknown>)['last_assistant_message']).toBe('Done. Wrote out.txt.');
    expect(new Set(events.map((e) => e.payload.session_id))).toEqual(new Set(['f8f756dc-1']));
  });

  it("leaves Claude's own events alone, its Notification included", () => {
    const claude = { ...base, hook_event_name: 'Notification', notification_type: 'idle_prompt', message: 'Claude is waiting' };
    expect(asClaudeEvent(claude)).toBe(claude);
    const stop = { ...base, hook_event_name: 'Stop' };
    expect(asClaudeEvent(stop)).toBe(stop);
  });

  it("puts squadtui's hook after the user's own for each event", () => {
    const theirs = { BeforeTool: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'lint' }] }] };
    const hooks = geminiHookSettings('node /x/hook.js', theirs);
    expect(hooks['BeforeTool']).toEqual([theirs.BeforeTool[0], { hooks: [{ type: 'command', name: 'squadtui', command: 'node /x/hook.js', timeout: 5000 }] }]);
    expect(Object.keys(hooks).sort()).toEqual(['AfterAgent', 'AfterTool', 'BeforeAgent', 'BeforeTool', 'Notification', 'SessionEnd']);
    expect(theirs.BeforeTool).toHaveLength(1);
  });
});
