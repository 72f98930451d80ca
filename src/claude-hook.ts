// The hook command Claude Code runs for every event squadtui registers (see core/agents/claude-hooks/settings.ts):
// it forwards the event JSON from stdin to the running squadtui and exits 0 without a byte of output
// whatever happens. Claude adds a hook's stdout to the conversation on some events and treats exit
// code 2 as "block", so saying nothing and succeeding is how this command changes nothing in Claude.
// Bundled alone to dist/hook.js: node's start-up is the cost, so it imports only node:net.
import net from 'node:net';
import {
  HOOK_BUDGET_MS,
  HOOK_SOCKET_ENV,
  HOOK_TOKEN_ENV,
  type HookMessage,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
} from './core/agents/claude-hooks/protocol.js';

function leave(): never {
  process.exit(0);
}

// A squadtui that is gone, stuck or slow must never hold Claude up for longer than the budget.
setTimeout(leave, HOOK_BUDGET_MS);
process.on('uncaughtException', leave);
process.on('unhandledRejection', leave);

const socketPath = process.env[HOOK_SOCKET_ENV];
const token = process.env[HOOK_TOKEN_ENV];
// Not started by an agent of squadtui (or run by hand in a terminal): nothing to forward.
if (!socketPath || !token || process.stdin.isTTY) leave();
else readStdin((text) => forward(socketPath, token, text));

function readStdin(done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  process.stdin.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_MESSAGE_BYTES) leave();
    chunks.push(chunk);
  });
  process.stdin.on('error', leave);
  process.stdin.on('end', () => done(Buffer.concat(chunks, size).toString('utf8')));
}

function forward(socketPath: string, token: string, text: string): void {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    leave();
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) leave();
  const message: HookMessage = { v: PROTOCOL_VERSION, token, event };
  const socket = net.createConnection(socketPath);
  socket.on('error', leave);
  socket.on('close', leave);
  socket.on('connect', () => socket.write(`${JSON.stringify(message)}\n`));
  // The answer comes after squadtui has taken the event in, so events of one agent arrive in order
  // and a PermissionRequest is known before Claude draws its prompt. Its content changes nothing.
  socket.on('data', (data: Buffer) => {
    if (data.includes(0x0a)) leave();
  });
}
