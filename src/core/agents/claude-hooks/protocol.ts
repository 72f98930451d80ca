// The wire between the hook command (src/claude-hook.ts) and HookServer. Constants only: the hook command
// imports this file, and it must stay a tiny bundle (no zod, no other module of the core).

/** The Claude Code hook events squadtui registers and forwards. */
export const HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Notification',
  'Stop',
  'SessionEnd',
] as const;

export type HookEventName = (typeof HOOK_EVENTS)[number];

/** Set in each agent's environment; Claude passes its environment on to the hook commands it runs. */
export const HOOK_SOCKET_ENV = 'SQUADTUI_HOOK_SOCKET';
export const HOOK_TOKEN_ENV = 'SQUADTUI_HOOK_TOKEN';

export const PROTOCOL_VERSION = 1;

/**
 * Largest message accepted. Write and Edit events carry whole file contents, so this is generous;
 * a bigger event is dropped (squadtui then relies on the screen for it).
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * The hook command's whole budget, from start to exit. Claude blocks on some hooks (PreToolUse,
 * PermissionRequest, Stop), so a squadtui that is gone or stuck must cost it no more than this.
 */
export const HOOK_BUDGET_MS = 500;

/**
 * One request per connection, one line: `{"v":1,"token":"...","event":{...payload from stdin...}}\n`.
 * The agent is known from the token alone; a message can't name an agent.
 */
export interface HookMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly token: string;
  readonly event: unknown;
}

/** The server's one-line answer, after subscribers have seen the event. */
export type HookAck = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * The MCP server's (src/mcp.ts) second kind of message on the same socket: a tool call made by the
 * agent, `{"v":1,"token":"...","call":{"tool":"task_claim","input":{"id":3}}}\n`. As with events,
 * the token alone says which agent calls, so an agent can only act as itself. A squadtui older than
 * the call kind refuses it as a bad message (`{"ok":false}`), which the caller reports as such.
 */
export interface CallMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly token: string;
  readonly call: { readonly tool: string; readonly input: unknown };
}

/** The answer to a call: the tool's result, or the reason it was refused (shown to the agent as is). */
export type CallAnswer = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: string };

/** The MCP server's name as agents see it: its tools are `mcp__squadtui__<tool>` in Claude Code. */
export const MCP_SERVER_NAME = 'squadtui';

/** How long the MCP server waits for squadtui's answer (a change may wait for the task list's lock). */
export const CALL_BUDGET_MS = 15_000;
