// Drives the built squadtui CLI the way a user does: in a real pty, keys in (by command name),
// screen out through @xterm/headless.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';
import { keyBytes, normalizeKeySpec } from '../../src/core/terminal/keys.js';
import type { Mode } from '../../src/core/state/index.js';
import { type CommandId, buildKeymap } from '../../src/keymap.js';
import { waitFor } from './wait-for.js';

const { Terminal } = xtermHeadless;
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'dist/bin.js');
/** The `squadtui` command users run (src/launcher.sh): on a terminal it hands the terminal to the host. */
export const LAUNCHER = path.join(ROOT, 'dist/squadtui');
export const AGENTS = path.join(ROOT, 'test/fixtures/agents');

export interface AppOptions {
  args: string[];
  cols?: number;
  rows?: number;
  /** Where squadtui starts; by default a fresh directory that is not a git repository. */
  cwd?: string;
  env?: Record<string, string>;
  /** Settings written to config.json before start. */
  settings?: string;
  /** Flags for node itself, before the script. */
  nodeArgs?: string[];
  /** The squadtui executable to run (an installed copy); by default this checkout's dist/squadtui when hosted, else dist/bin.js. */
  bin?: string;
  /**
   * Run as users do by default: the squad in a background host, this pty its window. Otherwise
   * (the default here) with --no-host, so the pty's process is the squad itself.
   */
  hosted?: boolean;
  /** The hosts' runtime directory (shared by drivers that must find the same squad). */
  runtimeDir?: string;
}

/** Environment for the app under test: no CI variables (Ink renders nothing interactive in CI). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_') || k.startsWith('VITEST') || k === 'TMUX') continue;
    env[k] = v;
  }
  return { ...env, TERM: 'xterm-256color', ...extra };
}

export class AppDriver {
  readonly term: InstanceType<typeof Terminal>;
  readonly proc: pty.IPty;
  readonly configDir: string;
  readonly logFile: string;
  /** Where hosts of this driver put their sockets (SQUADTUI_RUNTIME_DIR). */
  readonly runtimeDir: string;
  output = '';
  exitCode: number | undefined;
  readonly exited: Promise<number>;
  private readonly keymap = buildKeymap();
  private parsed: Promise<void> = Promise.resolve();

  constructor(options: AppOptions) {
    const cols = options.cols ?? 120;
    const rows = options.rows ?? 36;
    this.configDir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-e2e-'));
    this.logFile = path.join(this.configDir, 'squadtui.log');
    this.runtimeDir = options.runtimeDir ?? path.join(this.configDir, 'run');
    if (options.settings !== undefined) {
      writeFileSync(path.join(this.configDir, 'config.json'), options.settings);
    }
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
    const own = options.hosted || !isAppStart(options.args) ? options.args : [...options.args, '--no-host'];
    // Hosted, as users run it (the launcher); otherwise node runs bin.js, with the flags asked for.
    const launched = options.hosted && !options.nodeArgs;
    const [file, args] = options.bin ? [options.bin, own] : launched ? [LAUNCHER, own] : [process.execPath, [...(options.nodeArgs ?? []), BIN, ...own]];
    this.proc = pty.spawn(file, args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: options.cwd ?? this.configDir,
      // Its own data directory too: squads and tasks outside a repository are kept there.
      env: cleanEnv({ SQUADTUI_CONFIG_DIR: this.configDir, SQUADTUI_LOG: this.logFile, SQUADTUI_RUNTIME_DIR: this.runtimeDir, XDG_DATA_HOME: path.join(this.configDir, 'data'), ...options.env }),
    });
    this.proc.onData((data) => {
      this.output += data;
      this.parsed = new Promise((resolve) => this.term.write(data, resolve));
    });
    this.exited = new Promise((resolve) => {
      this.proc.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        resolve(exitCode);
      });
    });
  }

  /** The screen as plain lines, after everything received so far has been parsed. */
  async screen(): Promise<string[]> {
    await this.parsed;
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return lines;
  }

  async screenText(): Promise<string> {
    return (await this.screen()).join('\n');
  }

  async waitForText(pattern: RegExp | string, timeout = 10_000): Promise<string> {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    let last = '';
    await waitFor(async () => {
      last = await this.screenText();
      return re.test(last);
    }, { timeout, message: () => `${re} not on screen:\n${last}\n--- log ---\n${this.log()}` });
    return last;
  }

  async waitForNoText(pattern: RegExp, timeout = 10_000): Promise<void> {
    let last = '';
    await waitFor(async () => {
      last = await this.screenText();
      return !pattern.test(last);
    }, { timeout, message: () => `${pattern} still on screen:\n${last}` });
  }

  /** The panel: the part of each screen line right of the sidebar separator. */
  async panel(): Promise<string> {
    return (await this.screen()).map((l) => l.split('│').slice(1).join('│')).join('\n');
  }

  /** Presses the first key bound to a command in a mode, so remapped keys never break a test. */
  press(command: CommandId, mode: Mode = 'agent'): void {
    this.proc.write(this.keyOf(command, mode));
  }

  /** The bytes of the first key bound to a command in a mode. */
  keyOf(command: CommandId, mode: Mode = 'agent'): string {
    const key = this.keymap.keysFor(command, mode)[0];
    if (!key) throw new Error(`${command} has no key in ${mode} mode`);
    return keyBytes(key);
  }

  key(spec: string): void {
    this.proc.write(keyBytes(normalizeKeySpec(spec)));
  }

  type(text: string): void {
    this.proc.write(text);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    this.proc.resize(cols, rows);
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    // The launcher's folder of pipes (its descriptor 3): killed with its host, nobody else removes it.
    const pipes = launcherFolder(this.proc.pid);
    if (this.exitCode === undefined) {
      try {
        process.kill(this.proc.pid, 'SIGKILL');
      } catch {
        // gone
      }
      await this.exited;
    }
    await killHosts(this.runtimeDir);
    if (pipes) rmSync(pipes, { recursive: true, force: true });
    this.term.dispose();
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

/** The folder of the launcher's pipes, where `pid` is a launcher that made one. */
function launcherFolder(pid: number): string | undefined {
  try {
    const folder = path.dirname(readlinkSync(`/proc/${pid}/fd/3`));
    return path.basename(folder).startsWith('squadtui-window.') ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the arguments open a squad (rather than `squadtui task`, `ls`, `attach`, `stop`…). */
function isAppStart(args: readonly string[]): boolean {
  const first = args[0];
  return first === undefined || first.startsWith('-');
}

/** The host pids recorded in a runtime directory. */
export function hostPids(runtimeDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(runtimeDir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    try {
      return [(JSON.parse(readFileSync(path.join(runtimeDir, n), 'utf8')) as { pid: number }).pid];
    } catch {
      return [];
    }
  });
}

/** Ends the hosts a test left (with their agents: -9 to the host, then to everything below it). */
export async function killHosts(runtimeDir: string): Promise<void> {
  for (const pid of hostPids(runtimeDir)) {
    if (!isAlive(pid)) continue;
    const below = descendants(pid);
    for (const p of [pid, ...below]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await waitFor(() => [pid, ...below].every((p) => !isAlive(p)), { timeout: 5000, message: () => `host ${pid} did not end` });
  }
}

/** Pids of every live process whose ancestry includes `root` (Linux /proc). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/^\S+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}
