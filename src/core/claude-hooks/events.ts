// Claude Code hook events as typed values, validated with zod. Only the fields squadtui relies on are
// required; everything else Claude sends is kept as it came (loose objects), so a newer Claude that
// adds fields still gets through.
import { z } from 'zod';
import { type HookEventName, PROTOCOL_VERSION } from './protocol.js';

const common = {
  session_id: z.string().min(1),
  cwd: z.string().optional(),
  transcript_path: z.string().optional(),
  permission_mode: z.string().optional(),
};

const tool = {
  tool_name: z.string().min(1),
  tool_input: z.record(z.string(), z.unknown()),
};

const SessionStart = z.looseObject({
  hook_event_name: z.literal('SessionStart'),
  ...common,
  /** startup, resume, clear or compact. */
  source: z.string().optional(),
  model: z.string().optional(),
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
  tool_use_id: z.string().optional(),
});

const PermissionRequest = z.looseObject({
  hook_event_name: z.literal('PermissionRequest'),
  ...common,
  ...tool,
  /** What option 2 ("don't ask again") would allow, in Claude's own terms. */
  permission_suggestions: z.array(z.unknown()).optional(),
});

const PostToolUse = z.looseObject({
  hook_event_name: z.literal('PostToolUse'),
  ...common,
  ...tool,
  tool_response: z.unknown(),
  tool_use_id: z.string().optional(),
});

const Notification = z.looseObject({
  hook_event_name: z.literal('Notification'),
  ...common,
  message: z.string().optional(),
  /** permission_prompt, idle_prompt, ... */
  notification_type: z.string().optional(),
});

const Stop = z.looseObject({
  hook_event_name: z.literal('Stop'),
  ...common,
  stop_hook_active: z.boolean().optional(),
  last_assistant_message: z.string().optional(),
});

const SessionEnd = z.looseObject({
  hook_event_name: z.literal('SessionEnd'),
  ...common,
  reason: z.string().optional(),
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
  token: z.string().min(1).max(256),
  event: z.unknown(),
});

/** A short reason for a refused payload, naming the first offending field but never echoing values. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
