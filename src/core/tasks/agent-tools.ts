// The tools agents get from `squadtui mcp`: names, what each is for, and its input, as zod schemas
// that both sides use (the MCP server lists them; squadtui checks every call against them again,
// since the socket, not the MCP server, is where trust begins). No store or I/O here: the MCP
// bundle imports this file.
import * as z from '../util/zod.js';

// Names of their own: a top-level `text` or `id` here makes the bundler rename Ink's (patched)
// variables of that name in dist/cli.js, where the Ink patch test looks for its lines as written.
const toolTaskId = z.number().check(z.int(), z.minimum(1), z.describe('the task id, e.g. 3 for #3'));
const toolTaskIds = (what: string) => z.array(z.number().check(z.int(), z.minimum(1))).check(z.describe(what));
const toolText = (what: string, max = 20_000) => z.string().check(z.maxLength(max), z.describe(what));

export const AGENT_TOOLS = {
  task_list: {
    description: "The squad's task board: every task with its state (ready, blocked, in_progress, completed), owner, dependencies (blockedBy: the unfinished ones) and dependents. Also says who you are.",
    input: {},
  },
  task_get: {
    description: 'One task in full: state, owner, dependencies, description and notes (who did what, when).',
    input: { id: toolTaskId },
  },
  task_create: {
    description: 'Add a task to the board (pending, unowned). Returns the new task and its id. Dependencies are tasks that must be completed before it can start; a cycle is refused.',
    input: {
      title: toolText('a short title', 500),
      description: z.optional(toolText('what to do, for the agent that takes it')),
      dependencies: z.optional(toolTaskIds('ids of tasks it depends on')),
    },
  },
  task_claim: {
    description: 'Take a ready task and start it (in progress, owned by you), atomically. Refused, with the reason, when it is blocked by unfinished dependencies or owned by another agent.',
    input: { id: toolTaskId },
  },
  task_update: {
    description: 'Change a task: its status (pending reopens it, in_progress starts it, completed finishes it), a note of your progress, its dependencies (the complete new list), its title or description. All or nothing: a refused part (e.g. a dependency that would make a cycle) changes nothing.',
    input: {
      id: toolTaskId,
      status: z.optional(z.enum(['pending', 'in_progress', 'completed'])),
      note: z.optional(toolText('a progress note, kept on the task under your name')),
      dependencies: z.optional(toolTaskIds('the ids the task depends on from now on (replaces the list)')),
      title: z.optional(toolText('a new title', 500)),
      description: z.optional(toolText('a new description')),
    },
  },
  task_done: {
    description: 'Mark a task completed (yours, or an unowned one); its dependents unblock. Add a note to say what was done.',
    input: { id: toolTaskId, note: z.optional(toolText('what was done, kept on the task under your name')) },
  },
  message_send: {
    description: "Send a message to another agent of the squad by name: squadtui types it into that agent's input as soon as it is idle (never while it works), and keeps it in the activity log.",
    input: { to: toolText('the agent name', 200), text: toolText('the message', 10_000) },
  },
} as const;

export type AgentToolName = keyof typeof AGENT_TOOLS;
export const AGENT_TOOL_NAMES = Object.keys(AGENT_TOOLS) as AgentToolName[];

export type AgentToolInput<T extends AgentToolName> = z.infer<z.ZodMiniObject<(typeof AGENT_TOOLS)[T]['input']>>;

/** The tools as Claude Code names them, for its permission rules. */
export function claudeToolNames(server: string): string[] {
  return AGENT_TOOL_NAMES.map((name) => `mcp__${server}__${name}`);
}
