// Codex's hooks (the same events and payloads as Claude Code's, session_id being the id `codex
// resume` takes) reporting to squadtui through the same hook command, given as `-c` overrides: no
// file of the user's is touched. Codex runs a hook only once it is trusted: the trust it keeps for
// hooks given on the command line goes with them, keyed and hashed as Codex 0.171 does (its hooks
// discovery: the key `/<session-flags>/config.toml:<event>:<group>:<handler>`, the hash sha256 of the
// handler group as compact JSON with sorted keys), so no "Hooks need review" dialog comes up.
import { createHash } from 'node:crypto';

/** The events squadtui takes from Codex (its names, which are Claude's). */
export const CODEX_HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop'] as const;

/** Where Codex says hooks given by `-c` come from, in their trust keys. */
const SESSION_FLAGS = '/<session-flags>/config.toml';
/** As long as Claude's: the hook command leaves by itself well before (HOOK_BUDGET_MS). */
const TIMEOUT_SECONDS = 5;

const snake = (event: string) => event.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '_' : ''}${c.toLowerCase()}`);

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

/** The hash Codex trusts a hook group by. */
export function codexHookHash(event: string, command: string, timeout = TIMEOUT_SECONDS): string {
  const group = { event_name: snake(event), hooks: [{ async: false, command, timeout, type: 'command' }] };
  return `sha256:${createHash('sha256').update(JSON.stringify(sorted(group))).digest('hex')}`;
}

/**
 * `-c` overrides: each event runs `command`, trusted. The trust goes as one inline table: a `-c`
 * key path is split at every dot, and the trust keys hold one (config.toml). Codex merges it into
 * the user's own hooks.state table (their hooks stay trusted).
 */
export function codexHookArgs(command: string): string[] {
  const text = JSON.stringify(command);
  const trust = CODEX_HOOK_EVENTS.map((event) => `${JSON.stringify(`${SESSION_FLAGS}:${snake(event)}:0:0`)}={trusted_hash="${codexHookHash(event, command)}"}`);
  return [
    ...CODEX_HOOK_EVENTS.flatMap((event) => ['-c', `hooks.${event}=[{hooks=[{type="command",command=${text},timeout=${TIMEOUT_SECONDS}}]}]`]),
    '-c',
    `hooks.state={${trust.join(',')}}`,
  ];
}
