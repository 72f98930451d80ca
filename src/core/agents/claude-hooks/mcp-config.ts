// squadtui's MCP server for one Claude agent: a --mcp-config file in the private directory naming
// `squadtui mcp` (dist/mcp.js), and a line on the agent's system prompt saying who it is and that the
// squad's board is these tools. Added beside the user's own flags, never by editing their files:
// Claude loads every --mcp-config it is given, and one --append-system-prompt (the user's is merged
// into ours).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AGENT_TOOL_NAMES } from '../../tasks/index.js';
import { MCP_SERVER_NAME } from './protocol.js';

export interface SquadToolsOptions {
  /** The agent's name in the squad (what other agents send messages to). */
  readonly name: string;
  /** Absolute path of the bundled MCP server (dist/mcp.js). */
  readonly script: string;
  /** Where the --mcp-config file is written (HookRegistration.mcpConfigFile). */
  readonly file: string;
  /**
   * The agent's socket and token (HookRegistration.env). Claude hands its environment to the MCP
   * servers it starts anyway; naming them in the config keeps the tools working should it stop.
   */
  readonly env: Readonly<Record<string, string>>;
  /** The agent's directory: a relative --append-system-prompt-file is relative to it. */
  readonly cwd: string;
  readonly node?: string;
}

export interface SquadToolsArgs {
  readonly args: string[];
  /** Set when the user's --append-system-prompt-file could not be read: their flag is kept, our line is not added. */
  readonly problem?: string;
}

/** The one line each agent's system prompt gets. */
export function squadPromptLine(name: string): string {
  const tools = AGENT_TOOL_NAMES.join(', ');
  return (
    `You are "${name}", one agent of a squad run by squadtui. The squad's shared task board is the ${MCP_SERVER_NAME} MCP tools (${tools}): ` +
    'claim a task before you work on it, note your progress on it, mark it done when finished, and use message_send to reach another agent by name.'
  );
}

/**
 * Claude's arguments (after our --settings) with `--mcp-config=<file>` and the system prompt line
 * added. The `=` form matters: --mcp-config takes several values, and a prompt given as an argument
 * after it would be read as one more config. Scanning stops at `--`, as in addHookSettings.
 */
export function addSquadTools(args: readonly string[], o: SquadToolsOptions): SquadToolsArgs {
  const config = { mcpServers: { [MCP_SERVER_NAME]: { type: 'stdio', command: o.node ?? process.execPath, args: [o.script], env: { ...o.env } } } };
  // 0600 like the settings file: it names the agent's token.
  writeFileSync(o.file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  const theirs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const flag = arg.split('=', 1)[0]!;
    if (flag !== '--append-system-prompt' && flag !== '--append-system-prompt-file') {
      rest.push(arg);
      continue;
    }
    const inline = arg.includes('=');
    const value = inline ? arg.slice(flag.length + 1) : args[i + 1];
    if (!inline) i++;
    if (value === undefined) {
      rest.push(arg);
      continue;
    }
    if (flag === '--append-system-prompt') {
      theirs.push(value);
      continue;
    }
    const file = path.resolve(o.cwd, value);
    try {
      theirs.push(readFileSync(file, 'utf8').trimEnd());
    } catch (error) {
      return { args: [`--mcp-config=${o.file}`, ...args], problem: `Cannot read ${file} (--append-system-prompt-file): ${(error as Error).message}` };
    }
  }
  const prompt = [...theirs, squadPromptLine(o.name)].join('\n\n');
  return { args: [`--mcp-config=${o.file}`, '--append-system-prompt', prompt, ...rest] };
}
