// squadtui's MCP server (dist/mcp.js: the task board and message_send) for Codex and Gemini CLI
// agents, added the way each takes settings from outside without touching the user's files:
// Codex by `-c` overrides on its command line, Gemini by a ~/.gemini of the agent's own.
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOOK_SOCKET_ENV, HOOK_TOKEN_ENV, MCP_SERVER_NAME } from './claude-hooks/protocol.js';
import { squadPromptLine } from './claude-hooks/mcp-config.js';
import { geminiHookSettings } from './gemini-hooks.js';

/**
 * Where Gemini CLI finds its ~/.gemini. Its other settings layers are no use here: it skips a
 * system settings or defaults file unless root owns it and every directory above it (seen on 0.61).
 */
export const GEMINI_HOME_ENV = 'GEMINI_CLI_HOME';

export interface CliToolsOptions {
  /** The agent's name in the squad. */
  readonly name: string;
  /** Absolute path of the bundled MCP server (dist/mcp.js). */
  readonly script: string;
  readonly node?: string;
}

/** TOML values for `-c key=value`: a JSON string or array of strings is valid TOML. */
const toml = (value: string | readonly string[]) => JSON.stringify(value);

/**
 * Codex's `-c` overrides naming the server. Codex hands an MCP server only a few variables of its
 * own environment, so the agent's socket and token are forwarded by name (`env_vars`), never
 * written on the command line. Its tools are squadtui's own: approved without asking. The squad
 * line goes into developer_instructions unless the user's config.toml sets that itself.
 */
export function codexToolArgs(o: CliToolsOptions, codexHome = codexHomeDir()): string[] {
  const key = `mcp_servers.${MCP_SERVER_NAME}`;
  const args = [
    '-c', `${key}.command=${toml(o.node ?? process.execPath)}`,
    '-c', `${key}.args=${toml([o.script])}`,
    '-c', `${key}.env_vars=${toml([HOOK_SOCKET_ENV, HOOK_TOKEN_ENV])}`,
    '-c', `${key}.default_tools_approval_mode="approve"`,
  ];
  if (!setsDeveloperInstructions(codexHome)) args.push('-c', `developer_instructions=${toml(squadPromptLine(o.name))}`);
  return args;
}

function codexHomeDir(): string {
  return process.env['CODEX_HOME'] ?? path.join(os.homedir(), '.codex');
}

function setsDeveloperInstructions(codexHome: string): boolean {
  try {
    return /^\s*developer_instructions\s*=/m.test(readFileSync(path.join(codexHome, 'config.toml'), 'utf8'));
  } catch {
    return false;
  }
}

export interface GeminiHome {
  /** The environment the agent starts with (GEMINI_CLI_HOME), empty when the user's settings can't be read. */
  readonly env: Record<string, string>;
  readonly problem?: string;
}

/**
 * A ~/.gemini of the agent's own in `dir` (made 0700): the user's settings.json with squadtui's
 * server added (trusted: its tools run without a confirmation box; 0600, it names the agent's
 * token) and squadtui's hook command after their own hooks, and every other entry of the user's
 * ~/.gemini linked in (their login, sessions, memory, extensions are the same; trusted folders are
 * the user's file itself). The user's files are only read (Gemini writes that list); its
 * sessions' directory is made there if it has none yet.
 */
export function geminiHome(o: CliToolsOptions & { readonly dir: string; readonly env: Readonly<Record<string, string>>; readonly hookCommand?: string }, userHome = process.env[GEMINI_HOME_ENV] ?? os.homedir()): GeminiHome {
  const theirs = path.join(userHome, '.gemini');
  let settings: Record<string, unknown> = {};
  const file = path.join(theirs, 'settings.json');
  if (existsSync(file)) {
    try {
      settings = parseObject(readFileSync(file, 'utf8'));
    } catch (error) {
      return { env: {}, problem: `Could not read ${file} (${(error as Error).message}): it runs without squadtui's tools.` };
    }
  }
  const ours = path.join(o.dir, '.gemini');
  mkdirSync(ours, { recursive: true, mode: 0o700 });
  // Its sessions (what --resume finds) and prompt history go where the user's own runs keep them,
  // also when this is its first run: the directories it would make there itself.
  for (const name of KEPT_DIRS) mkdirSync(path.join(theirs, name), { recursive: true });
  for (const name of readdirSync(theirs)) {
    if (name !== 'settings.json' && !existsSync(path.join(ours, name))) symlinkSync(path.join(theirs, name), path.join(ours, name));
  }
  const servers = isObject(settings['mcpServers']) ? settings['mcpServers'] : {};
  const server = { command: o.node ?? process.execPath, args: [o.script], env: { ...o.env }, trust: true };
  const hooks = o.hookCommand ? { hooks: geminiHookSettings(o.hookCommand, settings['hooks']) } : {};
  const ourSettings = { ...settings, ...hooks, mcpServers: { ...servers, [MCP_SERVER_NAME]: server } };
  writeFileSync(path.join(ours, 'settings.json'), `${JSON.stringify(ourSettings, null, 2)}\n`, { mode: 0o600 });
  // A folder trusted in the agent's dialog is written to the user's own list: Gemini replaces a
  // linked file with one of its own, which went with the agent's directory (asked again each time).
  const env: Record<string, string> = { [GEMINI_HOME_ENV]: o.dir };
  if (!process.env[TRUSTED_FOLDERS_ENV]) env[TRUSTED_FOLDERS_ENV] = path.join(theirs, 'trustedFolders.json');
  return { env };
}

/** Where Gemini CLI (0.61) keeps trusted folders, when set; else in its home's .gemini. */
const TRUSTED_FOLDERS_ENV = 'GEMINI_CLI_TRUSTED_FOLDERS_PATH';

/** What Gemini CLI 0.61 keeps across runs in ~/.gemini: tmp/<project>/chats (sessions), history/<project>. */
const KEPT_DIRS = ['tmp', 'history'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Gemini's settings are JSON with comments allowed: whole-line // comments are taken out. */
function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
  if (!isObject(value)) throw new Error('not a JSON object');
  return value;
}
