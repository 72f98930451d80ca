// Prepares how an agent starts: which detector reads its screen, and for Claude Code the hooks
// that report its events to squadtui (its own --settings, a per-agent token in its environment)
// and squadtui's MCP tools (its own --mcp-config, allowed in those settings, named in its prompt).
import path from 'node:path';
import { type DetectorDefinition, detectorFor } from './detect/index.js';
import type { HookEvent } from './claude-hooks/events.js';
import { type HookServer, HookServerError } from './claude-hooks/server.js';
import { addSquadTools } from './claude-hooks/mcp-config.js';
import { MCP_SERVER_NAME } from './claude-hooks/protocol.js';
import { addHookSettings, hookCommand, hookSettings } from './claude-hooks/settings.js';
import { claudeToolNames } from '../tasks/index.js';
import type { AgentSpec, Launch } from '../sessions/index.js';

export interface LauncherOptions {
  /** Absolute path of the bundled hook command (dist/hook.js). */
  hookScript: string;
  /** Absolute path of the bundled MCP server (dist/mcp.js); without it Claude gets no squadtui tools. */
  mcpScript?: string;
  /** Starts the hook server on first need (it is not needed by agents other than Claude). */
  startHookServer: () => Promise<HookServer>;
  onHookEvent: (event: HookEvent) => void;
  /** Detector definitions from the user's settings, tried before the built-in ones. */
  definitions: () => readonly DetectorDefinition[];
  /** Problems the user should hear about (hooks off for an agent, server not started). */
  warn: (message: string) => void;
}

export interface Prepared {
  readonly launch: Launch;
  readonly detector: DetectorDefinition;
  /** Whether Claude's hooks report this agent's events. */
  readonly hooked: boolean;
}

export class Launcher {
  private server: Promise<HookServer | undefined> | undefined;
  private started: HookServer | undefined;
  /** Why the server did not start, until a Claude agent's user has been told. */
  private failure: string | undefined;

  constructor(private readonly o: LauncherOptions) {}

  detector(spec: AgentSpec): DetectorDefinition {
    return detectorFor(spec.command, spec.args, { definitions: this.o.definitions(), id: spec.detector });
  }

  /**
   * How Claude starts again in the directory it worked in: continuing its conversation, with its
   * hooks as before. Undefined for other programs, or when its command line already says how to resume.
   */
  async continuing(spec: AgentSpec, id: string): Promise<Launch | undefined> {
    if (!this.isClaude(spec) || spec.args.some((a) => RESUME_FLAGS.has(a))) return undefined;
    return (await this.prepare(spec, id, ['--continue'])).launch;
  }

  /**
   * How Claude starts again on the conversation `conversation` (--resume), with its hooks as before.
   * Undefined for other programs, or when its command line already says how to resume.
   */
  async resuming(spec: AgentSpec, id: string, conversation: string): Promise<Launch | undefined> {
    if (!this.isClaude(spec) || spec.args.some((a) => RESUME_FLAGS.has(a))) return undefined;
    return (await this.prepare(spec, id, ['--resume', conversation])).launch;
  }

  /** Whether `spec` runs the real Claude Code (directly or through a launcher such as npx). */
  private isClaude(spec: AgentSpec): boolean {
    return detectorFor(spec.command, spec.args, { definitions: this.o.definitions() }).id === 'claude';
  }

  /**
   * How the agent starts. `claudeArgs` (e.g. --continue) go among Claude's own options, which
   * through a launcher come after the package or script.
   */
  async prepare(spec: AgentSpec, id: string, claudeArgs: readonly string[] = []): Promise<Prepared> {
    const detector = this.detector(spec);
    // Hooks are for the real Claude Code only (a program that merely draws like it has none).
    if (!this.isClaude(spec)) return { launch: await this.withToken(id), detector, hooked: false };
    const split = claudeSplit(spec);
    const own = [...claudeArgs, ...spec.args.slice(split)];
    const plain: Launch = { id, ...(claudeArgs.length > 0 ? { args: [...spec.args.slice(0, split), ...own] } : {}) };
    if (process.platform === 'win32') return { launch: plain, detector, hooked: false };
    const server = await this.hookServer(true);
    if (!server) return { launch: plain, detector, hooked: false };
    const registration = server.register(id);
    const mcp = this.o.mcpScript;
    const hooked = addHookSettings(own, hookSettings(hookCommand(this.o.hookScript), mcp ? claudeToolNames(MCP_SERVER_NAME) : []), {
      cwd: spec.cwd,
      file: registration.settingsFile,
    });
    if (hooked.problem) {
      server.revoke(id);
      this.o.warn(`${spec.name}: ${hooked.problem.message} ${hooked.problem.hint} Its state is read from its screen only.`);
      return { launch: plain, detector, hooked: false };
    }
    let args = hooked.args;
    if (mcp) {
      // After our --settings (its two arguments), before the user's own.
      const tools = addSquadTools(args.slice(2), { name: spec.name, script: mcp, file: registration.mcpConfigFile, env: registration.env, cwd: spec.cwd });
      if (tools.problem) this.o.warn(`${spec.name}: ${tools.problem} It gets squadtui's tools but is not told about them in its system prompt.`);
      args = [...args.slice(0, 2), ...tools.args];
    }
    return { launch: { id, args: [...spec.args.slice(0, split), ...args], env: registration.env }, detector, hooked: true };
  }

  /** Stops taking events from an agent that is gone. */
  forget(id: string): void {
    void this.server?.then((s) => s?.revoke(id));
  }

  /** Removes the private socket directory; synchronous, for exit paths. */
  closeSync(): void {
    this.started?.closeSync();
  }

  /**
   * Any other program gets a token too, in its environment only: `squadtui mcp`, added to its own
   * MCP settings by hand (see the README), then works the board as this agent. Without the
   * socket it simply starts without one.
   */
  private async withToken(id: string): Promise<Launch> {
    if (process.platform === 'win32') return { id };
    const server = await this.hookServer(false);
    return server ? { id, env: server.register(id).env } : { id };
  }

  /** The server, started on first need; its failure is told once, when a Claude agent needs it. */
  private async hookServer(forClaude: boolean): Promise<HookServer | undefined> {
    this.server ??= this.o.startHookServer().then(
      (server) => {
        this.started = server;
        server.onEvent((event) => this.o.onHookEvent(event));
        return server;
      },
      (error: unknown) => {
        this.failure = error instanceof HookServerError ? `${error.message} ${error.hint}` : `Claude hooks are off: ${String(error)}`;
        return undefined;
      },
    );
    const server = await this.server;
    if (!server && forClaude && this.failure !== undefined) {
      this.o.warn(this.failure);
      this.failure = undefined;
    }
    return server;
  }
}

/** Claude's options that already pick the conversation to resume. */
const RESUME_FLAGS = new Set(['--continue', '-c', '--resume', '-r']);

/** Names that are Claude Code itself: the command, its npm package (any version), or its script. */
const CLAUDE_ITSELF = /^(?:claude(?:-code)?|@anthropic-ai\/claude-code(?:@.*)?|cli\.(?:m?js))$/i;

/**
 * Where Claude's own options begin in `spec.args`: 0 when the command is claude; through a
 * launcher (npx -y @anthropic-ai/claude-code, npx -p pkg claude, node .../cli.js), after the last
 * argument naming Claude, else after the first that is not an option.
 */
function claudeSplit(spec: AgentSpec): number {
  if (CLAUDE_ITSELF.test(path.basename(spec.command))) return 0;
  for (let i = spec.args.length - 1; i >= 0; i--) {
    const a = spec.args[i]!;
    if (CLAUDE_ITSELF.test(a) || CLAUDE_ITSELF.test(path.basename(a))) return i + 1;
  }
  return spec.args.findIndex((a) => !a.startsWith('-')) + 1;
}
