// Gemini CLI's hooks reporting to squadtui through the same hook command as Claude's (set in the
// agent's own settings, see cli-tools.ts), and its events read as the Claude Code events they
// match, so the rest of squadtui takes them as it takes Claude's. Names and fields as Gemini CLI
// 0.61 sends them (seen through the harness): BeforeAgent {prompt}, BeforeTool/AfterTool
// {tool_name, tool_input}, AfterAgent {prompt_response}, Notification {notification_type:
// "ToolPermission", details {type: "exec", command | type: "edit", filePath, fileDiff}} just before
// its confirmation box.

/** Gemini's events squadtui takes, and the Claude event each one is read as. */
const AS_CLAUDE: Readonly<Record<string, string>> = {
  // Not SessionStart: it says nothing of the state (as Claude's), every later event names the
  // session, and a hook at launch only holds Gemini's start up.
  BeforeAgent: 'UserPromptSubmit',
  BeforeTool: 'PreToolUse',
  AfterTool: 'PostToolUse',
  AfterAgent: 'Stop',
  Notification: 'PermissionRequest',
  SessionEnd: 'SessionEnd',
};

export const GEMINI_HOOK_EVENTS = Object.keys(AS_CLAUDE);

/** Gemini's hook timeout is in milliseconds; the hook command leaves by itself well before. */
const TIMEOUT_MS = 5000;

/** The `hooks` settings entries: the user's own first (Gemini concatenates them), then squadtui's. */
export function geminiHookSettings(command: string, theirs: unknown): Record<string, unknown[]> {
  const own = typeof theirs === 'object' && theirs !== null && !Array.isArray(theirs) ? (theirs as Record<string, unknown>) : {};
  const hooks: Record<string, unknown[]> = {};
  for (const [event, value] of Object.entries(own)) hooks[event] = Array.isArray(value) ? [...(value as unknown[])] : [value];
  for (const event of GEMINI_HOOK_EVENTS) {
    (hooks[event] ??= []).push({ hooks: [{ type: 'command', name: 'squadtui', command, timeout: TIMEOUT_MS }] });
  }
  return hooks;
}

/** A Gemini CLI event as the Claude Code event it matches; anything else (Claude's own) as it came. */
export function asClaudeEvent(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const e = event as Record<string, unknown>;
  const name = typeof e['hook_event_name'] === 'string' ? e['hook_event_name'] : '';
  // Claude has Notification, SessionStart and SessionEnd too: only Gemini's ToolPermission is mapped.
  if (name === 'Notification') return e['notification_type'] === 'ToolPermission' ? permission(e) : event;
  if (!Object.hasOwn(AS_CLAUDE, name) || name === AS_CLAUDE[name]) return event;
  const mapped: Record<string, unknown> = { ...e, hook_event_name: AS_CLAUDE[name] };
  if (name === 'AfterAgent' && typeof e['prompt_response'] === 'string') mapped['last_assistant_message'] = e['prompt_response'];
  if ((name === 'BeforeTool' || name === 'AfterTool') && typeof mapped['tool_input'] !== 'object') mapped['tool_input'] = {};
  return mapped;
}

/**
 * Its confirmation as a PermissionRequest, named as its detector names the box's tool: `exec`
 * (details.command) is run_shell_command; `edit` (details.filePath, fileDiff) is write_file for
 * "Confirm Write: …", replace for "Confirm Edit: …".
 */
function permission(e: Record<string, unknown>): Record<string, unknown> {
  const details = typeof e['details'] === 'object' && e['details'] !== null ? (e['details'] as Record<string, unknown>) : {};
  const type = typeof details['type'] === 'string' ? details['type'] : 'tool';
  const title = typeof details['title'] === 'string' ? details['title'] : '';
  const tool = type === 'exec' ? 'run_shell_command' : type === 'edit' ? (title.startsWith('Confirm Write') ? 'write_file' : 'replace') : type;
  const input = typeof details['filePath'] === 'string' ? { ...details, file_path: details['filePath'] } : details;
  return { ...e, hook_event_name: 'PermissionRequest', tool_name: tool, tool_input: input };
}
