// MCP round trip from the agent's side: the built `squadtui mcp` (as Claude starts it) driven by
// the SDK's own client over stdio, bridged to a real HookServer whose calls run on a real task
// file, as squadtui wires them. Each task_get is one full trip: client → stdio → `squadtui mcp` →
// private socket → squadtui's task store → back. Part of `npm run bench` (`--only=mcp`).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { HookServer } from '../src/core/agents/claude-hooks/server.js';
import { runAgentCall } from '../src/core/tasks/agent-calls.js';
import { TaskStore } from '../src/core/tasks/store.js';

export const MCP_P50_TARGET_MS = 15;

/** Milliseconds of each of `calls` task_get round trips (after a few to warm up). */
export async function mcpRoundTrips(bin: string, calls: number): Promise<number[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-bench-mcp-'));
  const store = new TaskStore(path.join(tmp, 'tasks.json'));
  store.changeAll([{ kind: 'create', title: 'Plan' }, { kind: 'create', title: 'Build', deps: [1] }]);
  const server = await HookServer.start();
  server.onCall(({ tool, input }) => runAgentCall({ store: () => store, send: () => ({ ok: true, delivered: false }) }, 'bench', tool, input));
  const client = new Client({ name: 'bench', version: '1' });
  try {
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], env: { ...server.register('bench').env }, stderr: 'ignore' }));
    const once = async () => {
      const start = performance.now();
      const result = (await client.callTool({ name: 'task_get', arguments: { id: 2 } })) as { isError?: boolean };
      if (result.isError) throw new Error('task_get was refused');
      return performance.now() - start;
    };
    for (let i = 0; i < 20; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < calls; i++) times.push(await once());
    return times;
  } finally {
    await client.close();
    server.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}
