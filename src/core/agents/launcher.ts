// Prepares how an agent starts: which detector reads its screen, and for Claude Code the hooks
// that report its events to squadtui (its own --settings, a per-agent token in its environment)
// and squadtui's MCP tools (its own --mcp-config, allowed in those settings, named in its prompt);
// for Codex and Gemini CLI their presets (cli-presets.ts) and the same tools (cli-tools.ts).
import { type DetectorDefinition, detectorFor } from './detect/index.js';
import type { HookEvent } from './claude-hooks/events.js';
import { type HookServer, HookServerError } from './claude-hooks/server.js';
import { addSquadTools } from './claude-hooks/mcp-config.js';
import { MCP_SERVER_NAME } from './claude-hooks/protocol.js';
import { addHookSettings, hookCommand, hookSettings } from './claude-hooks/settings.js';
import { claudeToolNames } from '../tasks/index.js';
import { type CliPreset, ownArgsStart, presetFor } from './cli-presets.js';
import { GEMINI_HOME_ENV, codexToolArgs, geminiHome } from './cli-tools.js';
import { codexHookArgs } from './codex-hooks.js';
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
  /** Whether hooks report this agent's events (Claude's, Codex's). */
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
   * How the agent starts again in the directory it worked in, continuing its latest conversation
   * there (Claude --continue, Codex resume --last, Gemini --resume latest), with its hooks and
   * tools as before. Undefined for other programs, or when its command line already says how to resume.
   */
  continuing(spec: AgentSpec, id: string): Promise<Launch | undefined> {
    return this.resuming(spec, id, undefined);
  }

  /**
   * How the agent resumes `conversation` (its own id for it, AgentView.conversation), or its latest
   * one in its directory when none is known: Claude --resume <id>, Codex resume <id>, Gemini
   * --resume <id>. Undefined as for continuing().
   */
  async resuming(spec: AgentSpec, id: string, conversation: string | undefined): Promise<Launch | undefined> {
    const preset = this.preset(spec);
    if (!preset || preset.resumesAlready(spec.args.slice(ownArgsStart(spec, preset)))) return undefined;
    return (await this.prepare(spec, id, preset.resume(conversation))).launch;
  }

  /** The preset of the CLI `spec` runs (directly or through a launcher such as npx), by its name alone. */
  private preset(spec: AgentSpec): CliPreset | undefined {
    return presetFor(detectorFor(spec.command, spec.args, { definitions: this.o.definitions() }).id);
  }

  /**
   * How the agent starts. `claudeArgs` (e.g. --continue) go among the CLI's own options, which
   * through a launcher come after the package or script.
   */
  async prepare(spec: AgentSpec, id: string, claudeArgs: readonly string[] = []): Promise<Prepared> {
    const detector = this.detector(spec);
    // Hooks and presets are for the real CLIs only (a program that merely draws like one has none).
    const preset = this.preset(spec);
    if (preset && preset.id !== 'claude') {
      const launch = await this.otherCli(spec, id, preset, claudeArgs);
      const hooked = preset.id === 'codex' ? launch.env !== undefined : launch.env?.[GEMINI_HOME_ENV] !== undefined;
      return { launch, detector, hooked };
    }
    if (!preset) return { launch: await this.withToken(id), detector, hooked: false };
    const split = ownArgsStart(spec, preset);
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

  /**
   * Codex and Gemini: their preset's options, then `extra` (how to resume), then the user's; the
   * token in their environment, and squadtui's MCP server added (cli-tools.ts).
   */
  private async otherCli(spec: AgentSpec, id: string, preset: CliPreset, extra: readonly string[]): Promise<Launch> {
    const split = ownArgsStart(spec, preset);
    const before = spec.args.slice(0, split);
    const own = spec.args.slice(split);
    const server = process.platform === 'win32' ? undefined : await this.hookServer(false);
    if (!server) return { id, args: [...before, ...preset.always, ...extra, ...own] };
    const registration = server.register(id);
    const tools = this.o.mcpScript ? { name: spec.name, script: this.o.mcpScript } : undefined;
    if (preset.id === 'codex') {
      const toolArgs = tools ? codexToolArgs(tools) : [];
      const hooks = codexHookArgs(hookCommand(this.o.hookScript));
      return { id, args: [...before, ...preset.always, ...hooks, ...toolArgs, ...extra, ...own], env: registration.env };
    }
    const dir = registration.settingsFile.replace(/\.settings\.json$/, '.gemini-home');
    const home = tools ? geminiHome({ ...tools, dir, env: registration.env, hookCommand: hookCommand(this.o.hookScript) }) : { env: {} };
    if (home.problem) this.o.warn(`${spec.name}: ${home.problem}`);
    return { id, args: [...before, ...preset.always, ...extra, ...own], env: { ...registration.env, ...home.env } };
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
