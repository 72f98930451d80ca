// Claude Code hook events as typed values, validated with zod. Only the fields squadtui relies on are
// required; everything else Claude sends is kept as it came (loose objects), so a newer Claude that
// adds fields still gets through.
import * as z from '../../util/zod.js';
import { type HookEventName, PROTOCOL_VERSION } from './protocol.js';

const nonEmpty = () => z.string().check(z.minLength(1));

const common = {
  session_id: nonEmpty(),
  cwd: z.optional(z.string()),
  transcript_path: z.optional(z.string()),
  permission_mode: z.optional(z.string()),
};

const tool = {
  tool_name: nonEmpty(),
  tool_input: z.record(z.string(), z.unknown()),
};

const SessionStart = z.looseObject({
  hook_event_name: z.literal('SessionStart'),
  ...common,
  /** startup, resume, clear or compact. */
  source: z.optional(z.string()),
  model: z.optional(z.string()),
});

const UserPromptSubmit = z.looseObject({
  hook_event_name: z.literal('UserPromptSubmit'),
  ...common,
  prompt: z.string(),
});

const PreToolUse = z.looseObject({
  hook_event_name: z.literal('PreToolUse'),
  ...common,
  ...tool,
  tool_use_id: z.optional(z.string()),
});

const PermissionRequest = z.looseObject({
  hook_event_name: z.literal('PermissionRequest'),
  ...common,
  ...tool,
  /** What option 2 ("don't ask again") would allow, in Claude's own terms. */
  permission_suggestions: z.optional(z.array(z.unknown())),
});

const PostToolUse = z.looseObject({
  hook_event_name: z.literal('PostToolUse'),
  ...common,
  ...tool,
  tool_response: z.unknown(),
  tool_use_id: z.optional(z.string()),
});

const Notification = z.looseObject({
  hook_event_name: z.literal('Notification'),
  ...common,
  message: z.optional(z.string()),
  /** permission_prompt, idle_prompt, ... */
  notification_type: z.optional(z.string()),
});

const Stop = z.looseObject({
  hook_event_name: z.literal('Stop'),
  ...common,
  stop_hook_active: z.optional(z.boolean()),
  last_assistant_message: z.optional(z.string()),
});

const SessionEnd = z.looseObject({
  hook_event_name: z.literal('SessionEnd'),
  ...common,
  reason: z.optional(z.string()),
});

export const HookPayloadSchema = z.discriminatedUnion('hook_event_name', [
  SessionStart,
  UserPromptSubmit,
  PreToolUse,
  PermissionRequest,
  PostToolUse,
  Notification,
  Stop,
  SessionEnd,
]);

export type HookPayload = z.infer<typeof HookPayloadSchema>;
export type HookPayloadOf<E extends HookEventName> = Extract<HookPayload, { hook_event_name: E }>;

/** One event from one agent, as subscribers of HookServer get it. */
export type HookEvent = {
  [E in HookEventName]: {
    readonly agentId: string;
    readonly event: E;
    readonly payload: HookPayloadOf<E>;
    /** Date.now() when squadtui received it. */
    readonly at: number;
  };
}[HookEventName];

/** The envelope; strict, so a message that tries to name its agent (or anything else) is refused. */
export const HookMessageSchema = z.strictObject({
  v: z.literal(PROTOCOL_VERSION),
  token: z.string().check(z.minLength(1), z.maxLength(256)),
  event: z.unknown(),
});

/** A tool call from an agent's MCP server; its input is checked against the tool's own schema. */
export const CallMessageSchema = z.strictObject({
  v: z.literal(PROTOCOL_VERSION),
  token: z.string().check(z.minLength(1), z.maxLength(256)),
  call: z.strictObject({ tool: z.string().check(z.minLength(1), z.maxLength(64)), input: z.unknown() }),
});

/** A short reason for a refused payload, naming the first offending field but never echoing values. */
export function describeIssues(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
