// `squadtui mcp`: a stdio MCP server whose tools are the squad's task board and messages. Claude Code
// (or codex, gemini) starts it as a child of the agent, so it inherits the agent's environment: the
// running squadtui's socket and the agent's token (the ones the hook command uses). Each tool call is
// forwarded over that socket, and squadtui applies it as the agent the token belongs to. Without a
// running squadtui the tools fail and say so: they never write the task list unattributed.
// Bundled alone with src/mcp.ts to dist/mcp.js (no Ink, no React); stdout carries the protocol only.
import net from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  CALL_BUDGET_MS,
  type CallAnswer,
  type CallMessage,
  HOOK_SOCKET_ENV,
  HOOK_TOKEN_ENV,
  MAX_MESSAGE_BYTES,
  MCP_SERVER_NAME,
  PROTOCOL_VERSION,
} from './core/agents/claude-hooks/protocol.js';
import { AGENT_TOOLS, AGENT_TOOL_NAMES } from './core/tasks/agent-tools.js';

declare const SQUADTUI_VERSION: string;
const VERSION = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';

const NOT_IN_SQUAD =
  'squadtui is not running for this agent, so the squad board cannot be reached. These tools work in an agent started by squadtui (its environment names squadtui\u2019s socket and the agent\u2019s token). From a shell, use `squadtui task` instead.';

/** Sends one call to squadtui and waits for its one-line answer. */
export function forwardCall(env: Readonly<Record<string, string | undefined>>, tool: string, input: unknown): Promise<CallAnswer> {
  const socketPath = env[HOOK_SOCKET_ENV];
  const token = env[HOOK_TOKEN_ENV];
  if (!socketPath || !token) return Promise.resolve({ ok: false, error: NOT_IN_SQUAD });
  const message: CallMessage = { v: PROTOCOL_VERSION, token, call: { tool, input } };
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: CallAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ ok: false, error: `squadtui did not answer within ${CALL_BUDGET_MS / 1000} s; try again.` }), CALL_BUDGET_MS);
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on('connect', () => socket.write(`${JSON.stringify(message)}\n`));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const gone = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      settle({ ok: false, error: gone ? `squadtui is no longer running (no socket at ${socketPath}), so the squad board cannot be reached.` : `Could not reach squadtui: ${error.message}` });
    });
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      size += data.length;
      if (size > MAX_MESSAGE_BYTES) settle({ ok: false, error: 'squadtui\u2019s answer was too large.' });
      else if (data.includes(0x0a)) settle(parseAnswer(Buffer.concat(chunks, size).toString('utf8')));
    });
    socket.on('close', () => settle(chunks.length > 0 ? parseAnswer(Buffer.concat(chunks, size).toString('utf8')) : { ok: false, error: 'squadtui closed the connection without an answer.' }));
  });
}

function parseAnswer(text: string): CallAnswer {
  try {
    const answer = JSON.parse(text.split('\n')[0]!) as CallAnswer;
    if (answer.ok === true) return answer;
    if (answer.ok === false) return { ok: false, error: answer.error === 'unknown token' ? 'squadtui does not know this agent any more (it was removed or restarted).' : answer.error };
  } catch {
    // below
  }
  return { ok: false, error: 'squadtui sent an answer that could not be read (is it an older version?).' };
}

/** An MCP result: the refusal's reason as a tool error, or the result as JSON text. */
export function toolResult(answer: CallAnswer): CallToolResult {
  if (!answer.ok) return { isError: true, content: [{ type: 'text', text: answer.error }] };
  return { content: [{ type: 'text', text: JSON.stringify(answer.result, null, 2) }] };
}

export function createMcpServer(env: Readonly<Record<string, string | undefined>> = process.env): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: VERSION });
  for (const name of AGENT_TOOL_NAMES) {
    const tool = AGENT_TOOLS[name];
    server.registerTool(name, { description: tool.description, inputSchema: tool.input }, async (input: unknown) => toolResult(await forwardCall(env, name, input)));
  }
  return server;
}

/** Serves MCP on stdin and stdout; resolves once the client has gone (stdin ended or the transport closed). */
export async function mcpMain(): Promise<void> {
  const server = createMcpServer();
  const gone = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    server.server.onclose = resolve;
  });
  await server.connect(new StdioServerTransport());
  await gone;
}
