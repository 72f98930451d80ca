// The `squadtui` a user runs: a window onto the squad of this repository. It attaches to the
// squad's host, starting it first if none runs; `ls`, `attach` and `stop` work on running squads.
// Small on purpose: it never loads the app (Ink, React, node-pty), the host does.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { CliOptions } from '../runtime/args.js';
import { type Ending, attach, open } from './attach.js';
import { RuntimeDirError, type SquadPaths, runtimeDir, squadPaths } from './paths.js';
import { PROTOCOL, type SquadStatus } from './protocol.js';
import { hostAlive, readRecord, removeHostFiles } from './record.js';
import { HostStartError, connectOrStart, tryConnect } from './start-host.js';

declare const SQUADTUI_VERSION: string;
const version = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';

function finish(ending: Ending): never {
  if (ending.message) process.stderr.write(`squadtui: ${ending.message}\n`);
  process.exit(ending.code);
}

function runtime(): string {
  try {
    return runtimeDir();
  } catch (error) {
    if (error instanceof RuntimeDirError) finish({ code: 1, message: error.message });
    throw error;
  }
}

/** `squadtui [options]`: this repository's squad in this window, its host started if need be. */
export async function openSquad(argv: readonly string[], options: CliOptions): Promise<never> {
  const paths = squadPaths(options.cwd, runtime());
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin.js');
  const env = { ...process.env, SQUADTUI_WINDOW_SIZE: `${process.stdout.columns || 80}x${process.stdout.rows || 24}`, SQUADTUI_COLOR_DEPTH: String(process.stdout.getColorDepth?.() ?? 8) };
  let connected;
  try {
    connected = await connectOrStart(paths, { bin, argv, env });
  } catch (error) {
    if (error instanceof HostStartError) finish({ code: 2, message: error.message.replace(/^squadtui: /, '') });
    throw error;
  }
  const ignored = connected.started ? [] : options.given.filter((name) => name !== 'host');
  const notice = ignored.length > 0 ? `This squad was already running: ${ignored.map(flag).join(', ')} not applied (they apply when a squad starts).` : undefined;
  finish(await attach(connected.socket, { version, takeOver: options.takeOver, notice }));
}

const flag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The records of every squad whose host runs (those of dead hosts are cleared on the way). */
function runningSquads(dir: string): SquadPaths[] {
  const found: SquadPaths[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const base = path.join(dir, name.slice(0, -'.json'.length));
    const paths: SquadPaths = { key: '', socket: `${base}.sock`, record: `${base}.json`, lock: `${base}.lock`, bootLog: `${base}.boot.log` };
    if (hostAlive(readRecord(paths))) found.push(paths);
    else removeHostFiles(paths);
  }
  return found;
}

async function status(paths: SquadPaths): Promise<SquadStatus | undefined> {
  const socket = await tryConnect(paths.socket);
  if (!socket) return undefined;
  try {
    const { welcome } = await open(socket, { squadtui: PROTOCOL, version, want: 'status' });
    return welcome.ok ? welcome.status : undefined;
  } catch {
    return undefined;
  } finally {
    socket.destroy();
  }
}

function describe(s: SquadStatus): string {
  const agents = s.agents.map((a) => `${a.name} ${a.state}`).join(', ') || 'no agents';
  const waiting = s.waiting > 0 ? `, ${s.waiting} waiting for you` : '';
  const window = s.window ? `, open in ${s.window}` : ', detached';
  return `${s.dir}\n  ${s.agents.length} agent${s.agents.length === 1 ? '' : 's'}: ${agents}${waiting}${window} (host pid ${s.pid}, squadtui ${s.version})`;
}

/** The squad of `dir`, or the only one running when `dir` was not given and has none. */
function chooseSquad(dir: string | undefined): SquadPaths {
  const rt = runtime();
  const here = squadPaths(dir ?? process.cwd(), rt);
  if (hostAlive(readRecord(here))) return here;
  const running = runningSquads(rt);
  if (dir === undefined && running.length === 1 && running[0]) return running[0];
  const where = dir ?? process.cwd();
  if (running.length === 0) finish({ code: 1, message: `No squad is running (squadtui in a repository starts one).` });
  finish({ code: 1, message: `No squad is running for ${where}. Running: see squadtui ls.` });
}

export async function squadCommand(argv: readonly string[]): Promise<void> {
  const program = new Command('squadtui').exitOverride((error) => process.exit(error.exitCode));
  program
    .command('ls')
    .description('list running squads: directory, agents and their states, prompts waiting for you')
    .action(async () => {
      const all = await Promise.all(runningSquads(runtime()).map(status));
      const shown = all.filter((s): s is SquadStatus => s !== undefined);
      process.stdout.write(shown.length === 0 ? 'No squad is running.\n' : `${shown.map(describe).join('\n')}\n`);
    });
  program
    .command('attach [dir]')
    .description('open a running squad in this window')
    .option('--take-over', 'attach even if another window has it open (that window closes)', false)
    .action(async (dir: string | undefined, o: { takeOver: boolean }) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) finish({ code: 2, message: 'needs an interactive terminal (stdin and stdout must be a TTY).' });
      const paths = chooseSquad(dir);
      const socket = await tryConnect(paths.socket);
      if (!socket) finish({ code: 1, message: 'The squad stopped meanwhile.' });
      finish(await attach(socket, { version, takeOver: o.takeOver }));
    });
  program
    .command('stop [dir]')
    .description('stop a running squad: its agents end')
    .action(async (dir: string | undefined) => {
      const paths = chooseSquad(dir);
      const s = await status(paths);
      const socket = await tryConnect(paths.socket);
      if (!socket) finish({ code: 0, message: 'The squad had stopped already.' });
      await open(socket, { squadtui: PROTOCOL, version, want: 'stop' });
      // The host closes the connection as it exits, once its agents have ended.
      await new Promise((resolve) => socket.on('close', resolve));
      process.stdout.write(`Stopped the squad in ${s?.dir ?? 'its directory'}${s ? ` (${s.agents.length} agent${s.agents.length === 1 ? '' : 's'} ended)` : ''}.\n`);
    });
  await program.parseAsync([...argv], { from: 'user' });
}
