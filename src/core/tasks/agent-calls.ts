// What squadtui does with an agent's tool call (from `squadtui mcp`, over the hook socket): the call
// checked against the tool's schema, then applied to the task list as that agent, through the same
// rules as every other change. The agent is the one whose token came with the call, never a name in
// the input, so an agent claims and writes notes only as itself.
import type { CallAnswer } from '../agents/claude-hooks/protocol.js';
import * as z from '../util/zod.js';
import { AGENT_TOOLS, type AgentToolInput, type AgentToolName } from './agent-tools.js';
import { taskJson } from './cli-format.js';
import { indexTasks, taskLabel } from './model.js';
import { type TaskChange, describeEvent } from './rules.js';
import { type StoreChangeResult, type TaskStore, describeProblem } from './store.js';

export type SendResult = { readonly ok: true; readonly delivered: boolean } | { readonly ok: false; readonly reason: string };

export interface AgentCallsOptions {
  /** The squad's task list (made on first use: finding it runs git). */
  readonly store: () => TaskStore;
  /** Hands a message to the messages service (messages.ts). */
  readonly send: (from: string, to: string, text: string) => SendResult;
}

const schemas = new Map(Object.entries(AGENT_TOOLS).map(([name, tool]) => [name, z.object(tool.input)]));

/** Runs `tool` for `agent` (its name in the squad). Refusals come back as `ok: false` with the reason. */
export function runAgentCall(o: AgentCallsOptions, agent: string, tool: string, input: unknown): CallAnswer {
  const schema = schemas.get(tool);
  if (!schema) return { ok: false, error: `There is no tool ${tool}.` };
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Bad input for ${tool}${issue ? ` (${issue.path.join('.') || 'input'}: ${issue.message})` : ''}.` };
  }
  return run(o, agent, tool as AgentToolName, parsed.data);
}

function run(o: AgentCallsOptions, agent: string, tool: AgentToolName, input: unknown): CallAnswer {
  switch (tool) {
    case 'task_list':
      return list(o, agent);
    case 'task_get':
      return get(o, (input as AgentToolInput<'task_get'>).id);
    case 'task_create': {
      const i = input as AgentToolInput<'task_create'>;
      return change(o, agent, [{ kind: 'create', title: i.title, description: i.description, deps: i.dependencies }]);
    }
    case 'task_claim':
      return change(o, agent, [{ kind: 'claim', id: (input as AgentToolInput<'task_claim'>).id }]);
    case 'task_update':
      return update(o, agent, input as AgentToolInput<'task_update'>);
    case 'task_done': {
      const i = input as AgentToolInput<'task_done'>;
      return change(o, agent, [...(i.note ? [{ kind: 'update', id: i.id, note: i.note } as const] : []), { kind: 'done', id: i.id }]);
    }
    case 'message_send': {
      const i = input as AgentToolInput<'message_send'>;
      const sent = o.send(agent, i.to.trim(), i.text);
      if (!sent.ok) return { ok: false, error: sent.reason };
      return { ok: true, result: { to: i.to.trim(), delivered: sent.delivered, note: sent.delivered ? 'typed into its input' : 'queued: typed in as soon as it is idle' } };
    }
  }
}

function list(o: AgentCallsOptions, agent: string): CallAnswer {
  const loaded = o.store().read();
  if (loaded.problem) return { ok: false, error: describeProblem(loaded.problem) };
  const board = loaded.board;
  const tasks = [...board.tasks].sort((a, b) => a.id - b.id).map((t) => taskJson(t, board));
  return { ok: true, result: { you: agent, tasks } };
}

function get(o: AgentCallsOptions, id: number): CallAnswer {
  const loaded = o.store().read();
  if (loaded.problem) return { ok: false, error: describeProblem(loaded.problem) };
  const task = indexTasks(loaded.board).get(id);
  if (!task) return { ok: false, error: `There is no task ${taskLabel(id)}.` };
  return { ok: true, result: taskJson(task, loaded.board) };
}

/** task_update's parts as one all-or-nothing change: dependencies, then text and note, then status. */
function update(o: AgentCallsOptions, agent: string, i: AgentToolInput<'task_update'>): CallAnswer {
  const changes: TaskChange[] = [];
  if (i.dependencies) {
    // The new list as edges to add and remove, from the board now; each is checked again under the
    // lock, so an edit made meanwhile can't let a cycle through (at worst the update is refused).
    const task = indexTasks(o.store().read().board).get(i.id);
    if (!task) return { ok: false, error: `There is no task ${taskLabel(i.id)}.` };
    const wanted = new Set(i.dependencies);
    for (const on of task.deps) if (!wanted.has(on)) changes.push({ kind: 'dep-remove', id: i.id, on });
    for (const on of wanted) if (!task.deps.includes(on)) changes.push({ kind: 'dep-add', id: i.id, on });
  }
  if (i.title !== undefined || i.description !== undefined || i.note) changes.push({ kind: 'update', id: i.id, title: i.title, description: i.description, note: i.note });
  if (i.status) changes.push({ kind: i.status === 'pending' ? 'reopen' : i.status === 'in_progress' ? 'start' : 'done', id: i.id });
  if (changes.length === 0) changes.push({ kind: 'update', id: i.id });
  return change(o, agent, changes);
}

function change(o: AgentCallsOptions, agent: string, changes: readonly TaskChange[]): CallAnswer {
  const result: StoreChangeResult = o.store().changeAll(changes, { agent });
  if (!result.ok) return { ok: false, error: result.reason };
  const task = indexTasks(result.board).get(result.id);
  const changed = result.events.filter((e) => e.type !== 'created').map(describeEvent);
  return {
    ok: true,
    result: {
      ...(task ? { task: taskJson(task, result.board) } : { id: result.id }),
      ...(changed.length > 0 ? { changes: changed } : {}),
      ...(result.problem ? { warning: describeProblem(result.problem) } : {}),
    },
  };
}
