// The MCP server's executable (dist/mcp.js): what Claude Code starts for each agent, and what
// `squadtui mcp` loads. See mcp-server.ts.
import { mcpMain } from './mcp-server.js';

await mcpMain();
