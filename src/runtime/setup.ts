// What squadtui was asked to run: arguments, settings, keys, and the agents to start (or the demo
// squad when the agent program is not installed). Wrong input ends squadtui here, before the frame.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine, programName } from '../core/util/index.js';
import { resolveProgram } from '../core/pty/index.js';
import type { AgentSpec } from '../core/sessions/index.js';
import { type Settings, loadSettings } from '../core/settings/index.js';
import { type DemoRepo, createDemoRepo } from '../demo/repo.js';
import { demoSquad } from '../demo/squad.js';
import { type Keymap, KeymapError, buildKeymap } from '../keymap.js';
import { type CliOptions, fail } from './args.js';
import { takeSaved } from './saved-env.js';

export interface Setup {
  readonly settings: Settings;
  readonly keymap: Keymap;
  /** Where agents start: the given directory, or the demo's throwaway repository. */
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  /** Default command line for new agents. */
  readonly program: string;
  readonly specs: AgentSpec[];
  readonly demoRepo?: DemoRepo;
  /** Said in the footer once the frame is up (the demo's repository, options it does not take). */
  readonly notices: string[];
  /** Settings that are not applied (a broken file put aside, a bad key): said over a waiting prompt too. */
  readonly problems: readonly string[];
}

/** The environment squadtui was started with (bin.ts hides CI variables from Ink, not from agents). */
function agentBaseEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  const saved = takeSaved(env);
  // What the host set for itself only (bin.ts), and how the window described itself to it.
  for (const key of (env.SQUADTUI_UNSET_ENV ?? '').split(',').filter(Boolean)) delete env[key];
  delete env.SQUADTUI_UNSET_ENV;
  delete env.SQUADTUI_WINDOW_SIZE;
  return Object.assign(env, saved);
}

/** `offerPending`: a squad saved here is about to be offered back: never the demo in its place. */
export function loadSetup(options: CliOptions, demoAgentScript: string, offerPending = false): Setup {
  const notices: string[] = [];
  const problems: string[] = [];
  let loaded;
  try {
    loaded = loadSettings({ dir: options.configDir });
  } catch (error) {
    fail(`could not read settings: ${(error as Error).message}`, 1);
  }
  problems.push(...loaded.problems);
  let keymap;
  try {
    keymap = buildKeymap(loaded.settings.keys);
  } catch (error) {
    if (!(error instanceof KeymapError)) throw error;
    problems.push(`${error.message} Default keys are used.`);
    keymap = buildKeymap();
  }
  const cwd = path.resolve(options.cwd);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) fail(`--cwd: ${cwd} is not a directory.`);
  const env = agentBaseEnv();
  const program = options.program ?? loaded.settings.program;
  const base = { settings: loaded.settings, keymap, env, program, notices, problems };
  const specs = options.demo ? undefined : agentSpecs(options, program, env, cwd);
  if (specs) return { ...base, cwd, specs };
  // The squad from before is offered instead (declined, the squad starts empty: a adds agents).
  if (offerPending && !options.demo) return { ...base, cwd, specs: [] };
  return { ...base, ...demoSetup(options, env, cwd, demoAgentScript, notices, options.demo ? undefined : parseCommandLine(program).command) };
}

/** The agents asked for; undefined when the default program is missing and nothing was asked (the demo runs instead). */
function agentSpecs(options: CliOptions, program: string, env: Setup['env'], cwd: string): AgentSpec[] | undefined {
  let parsed;
  try {
    parsed = parseCommandLine(program);
  } catch (error) {
    fail(`--program: ${(error as Error).message}`);
  }
  const installed = resolveProgram(parsed.command, env.PATH, cwd) !== undefined;
  // Nothing to run yet: show what squadtui does instead of a failed agent.
  if (!installed && !options.program && options.agents === undefined) return undefined;
  if (!installed && !options.program) {
    fail(`${parsed.command} is not installed (or not on PATH). Install it, or choose an agent with --program "CMD ARGS"; --demo shows the demo squad.`);
  }
  const count = options.agents ?? 1;
  const name = programName(program);
  return Array.from({ length: count }, (_, i) => ({
    name: count === 1 ? name : `${name}-${i + 1}`,
    command: parsed.command,
    args: parsed.args,
    cwd,
  }));
}

/** The demo squad; its worktrees and branches go in a throwaway repository, not in the user's. `missing`: the agent program not installed. */
function demoSetup(options: CliOptions, env: Setup['env'], cwd: string, script: string, notices: string[], missing: string | undefined) {
  if (options.demo && options.agents !== undefined) notices.push('The demo squad has agents of its own: --agents does not apply to it.');
  let demoRepo: DemoRepo | undefined;
  if (!options.cwdGiven) {
    demoRepo = createDemoRepo(env);
    cwd = demoRepo.dir;
    notices.push(
      missing
        ? `${missing} is not installed: this is the demo squad, in a throwaway repository, removed when you quit (--program runs another agent, -C DIR puts the demo in your repository): ${cwd}`
        : `Demo squad in a throwaway repository, removed when you quit (-C DIR puts it in yours): ${cwd}`,
    );
  } else if (missing) {
    notices.push(`${missing} is not installed: this is the demo squad. --program runs another agent.`);
  }
  return { cwd, demoRepo, specs: demoSquad(script, cwd, demoRepo !== undefined) };
}
