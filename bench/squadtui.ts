// squadtui as the benches start it: a window in a pty, and every process of squadtui behind it.
// How it is started is a Variant: today one process does everything; the background host (issue
// 11) adds a variant that starts a window attached to a host, and the suites stay as they are —
// they count CPU and memory over every squadtui process the run started, wherever it runs.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTicks, findProcesses, type MemoryField, memoryMB } from './procs.js';
import { PtyScreen, sleep } from './terminal.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'dist/bin.js');
/** The `squadtui` command users run (src/launcher.sh). */
export const LAUNCHER = path.join(ROOT, 'dist/squadtui');
export const AGENTS = path.join(ROOT, 'bench/agents');
export const ECHO = path.join(ROOT, 'test/fixtures/agents/echo-agent.mjs');
const DIST = path.join(ROOT, 'dist') + path.sep;

/** The bench's environment: no CI or tmux variables, its own settings and log. */
export function benchEnv(): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && k !== 'TMUX' && k !== 'TMUX_PANE') e[k] = v;
  }
  return {
    ...e,
    TERM: 'xterm-256color',
    SQUADTUI_CONFIG_DIR: path.join(os.tmpdir(), 'squadtui-bench-config'),
    SQUADTUI_LOG: path.join(os.tmpdir(), 'squadtui-bench.log'),
    // The bench's hosts listen apart from the user's, and its squads are saved apart too.
    SQUADTUI_RUNTIME_DIR: path.join(os.tmpdir(), `squadtui-bench-run-${process.getuid?.() ?? 0}`),
    XDG_DATA_HOME: path.join(os.tmpdir(), 'squadtui-bench-data'),
  };
}

/** How a window of squadtui is started, and what to end after it quit. */
export interface Variant {
  readonly name: string;
  /** squadtui's arguments for a window started with `args`. */
  argv(args: readonly string[]): string[];
  /** Ends what outlives the window (nothing in-process; a host would be stopped here). */
  stop?(window: Squadtui): Promise<void>;
}

/** The squad in the window's own process (--no-host): today's figures before the host. */
export const inProcess: Variant = { name: 'in-process', argv: (args) => [...args, '--no-host', '--fresh'] };

/**
 * As users run it: the window starts (or attaches to) the squad's background host, which renders
 * for it; the host is stopped after the window quit. processes() counts both (the host inherits
 * the window's environment, the marker with it).
 */
export const hosted: Variant = {
  name: 'host',
  // A bench's squad starts new (a squad a suite left is never offered back).
  argv: (args) => (args[0] === 'attach' ? [...args] : [...args, '--fresh']),
  stop: async (window) => {
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'stop', window.cwd], { cwd: window.cwd, env: benchEnv(), stdio: 'ignore' });
      child.on('exit', () => resolve());
      child.on('error', () => resolve());
    });
  },
};

/** `--via=NAME`: the variant the suites run with (the host suites always run hosted). */
const variants: Record<string, Variant> = { 'in-process': inProcess, host: hosted };

/** The variant `--via=NAME` asks for (in-process by default). */
export function variantFromArgs(argv: readonly string[]): Variant {
  const name = argv.find((a) => a.startsWith('--via='))?.slice('--via='.length) ?? 'in-process';
  const v = variants[name];
  if (!v) throw new Error(`unknown --via=${name} (known: ${Object.keys(variants).join(', ')})`);
  return v;
}

export interface SquadtuiOptions {
  readonly cols?: number;
  readonly rows?: number;
  readonly cwd?: string;
  readonly variant?: Variant;
}

/** A squadtui window in a pty; its processes are found by a marker only this run's carry. */
export class Squadtui extends PtyScreen {
  /** NAME=value in the environment of this window's processes (and whatever they start). */
  readonly marker: string;
  readonly variant: Variant;
  readonly cwd: string;

  constructor(args: readonly string[], options: SquadtuiOptions = {}) {
    const variant = options.variant ?? inProcess;
    const cwd = options.cwd ?? os.tmpdir();
    const nodeFlags = process.env.SQUADTUI_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    const marker = `SQUADTUI_BENCH_RUN=${randomUUID()}`;
    const [name, value] = marker.split('=') as [string, string];
    // As users run it (the launcher, which hands the terminal to the host), or node with flags to try.
    const [file, argv] = nodeFlags.length > 0 ? [process.execPath, [...nodeFlags, BIN, ...variant.argv(args)]] : [LAUNCHER, variant.argv(args)];
    super({ file, args: argv, cwd, env: { ...benchEnv(), [name]: value }, cols: options.cols, rows: options.rows });
    this.marker = marker;
    this.variant = variant;
    this.cwd = cwd;
  }

  /** Every squadtui process of this window (the agents, which inherit the marker, are not squadtui's). */
  processes(): number[] {
    // The host names itself in ps ("squadtui host <dir>"), which replaces its arguments.
    return findProcesses(this.marker, (argv) => argv.some((a) => a.startsWith(DIST) || a.startsWith('squadtui host')));
  }

  cpuTicks(): number {
    return this.processes().reduce((sum, pid) => sum + cpuTicks(pid), 0);
  }

  /** Resident memory of all of squadtui's processes, in MB. */
  memory(field: MemoryField = 'VmRSS'): number {
    return this.processes().reduce((sum, pid) => sum + memoryMB(pid, field), 0);
  }

  async quit(): Promise<void> {
    await this.close();
    await this.variant.stop?.(this);
  }
}

export { sleep };
