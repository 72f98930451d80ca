// Prepares how an agent starts: which detector reads its screen, and for Claude Code the hooks
// that report its events to squadtui (its own --settings, a per-agent token in its environment).
import path from 'node:path';
import { type DetectorDefinition, detectorFor } from './detect/index.js';
import type { HookEvent } from './claude-hooks/events.js';
import { type HookServer, HookServerError } from './claude-hooks/server.js';
import { addHookSettings, hookCommand, hookSettings } from './claude-hooks/settings.js';
import type { AgentSpec, Launch } from './sessions.js';

export interface LauncherOptions {
  /** Absolute path of the bundled hook command (dist/hook.js). */
  hookScript: string;
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

  constructor(private readonly o: LauncherOptions) {}

  detector(spec: AgentSpec): DetectorDefinition {
    return detectorFor(spec.command, spec.args, { definitions: this.o.definitions(), id: spec.detector });
  }

  async prepare(spec: AgentSpec, id: string): Promise<Prepared> {
    const detector = this.detector(spec);
    // Hooks are for the real Claude Code only (a program that merely draws like it has none).
    const claude = detectorFor(spec.command, spec.args, { definitions: this.o.definitions() }).id === 'claude';
    if (!claude || process.platform === 'win32') return { launch: { id }, detector, hooked: false };
    const server = await this.hookServer();
    if (!server) return { launch: { id }, detector, hooked: false };
    const registration = server.register(id);
    // Through a launcher (npx @anthropic-ai/claude-code, node cli.js) Claude's own options come
    // after the package or script; the launcher's stay in front.
    const direct = /^claude(-code)?$/i.test(path.basename(spec.command));
    const split = direct ? 0 : spec.args.findIndex((a) => !a.startsWith('-')) + 1;
    const hooked = addHookSettings(spec.args.slice(split), hookSettings(hookCommand(this.o.hookScript)), {
      cwd: spec.cwd,
      file: registration.settingsFile,
    });
    if (hooked.problem) {
      server.revoke(id);
      this.o.warn(`${spec.name}: ${hooked.problem.message} ${hooked.problem.hint} Its state is read from its screen only.`);
      return { launch: { id }, detector, hooked: false };
    }
    return { launch: { id, args: [...spec.args.slice(0, split), ...hooked.args], env: registration.env }, detector, hooked: true };
  }

  /** Stops taking events from an agent that is gone. */
  forget(id: string): void {
    void this.server?.then((s) => s?.revoke(id));
  }

  /** Removes the private socket directory; synchronous, for exit paths. */
  closeSync(): void {
    this.started?.closeSync();
  }

  private hookServer(): Promise<HookServer | undefined> {
    this.server ??= this.o.startHookServer().then(
      (server) => {
        this.started = server;
        server.onEvent((event) => this.o.onHookEvent(event));
        return server;
      },
      (error: unknown) => {
        this.o.warn(error instanceof HookServerError ? `${error.message} ${error.hint}` : `Claude hooks are off: ${String(error)}`);
        return undefined;
      },
    );
    return this.server;
  }
}
