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
