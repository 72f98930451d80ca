// The `squadtui` a user runs: a window onto the squad of this repository. It attaches to the
// squad's host, starting it first if none runs; `ls`, `attach` and `stop` work on running squads.
// Small on purpose: it never loads the app (Ink, React, node-pty), the host does.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { CliOptions } from '../runtime/args.js';
import { type Ending, attach, open } from './attach.js';
import { RuntimeDirError, type SquadPaths, filesOf, runtimeDir, squadDir, squadPaths } from './paths.js';
import { PROTOCOL, type SquadStatus } from './protocol.js';
import { hostAlive, readRecord, removeHostFiles } from './record.js';
import { HostStartError, connectOrStart, tryConnect } from './start-host.js';
import { HOST_KEY_VAR, SQUAD_VAR } from './findable.js';
import type { Handoff } from './handoff.js';

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
export async function openSquad(argv: readonly string[], options: CliOptions, handoff?: Handoff): Promise<never> {
  const paths = squadPaths(options.cwd, runtime());
  notInsideItself(paths);
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin.js');
  const env = { ...process.env, [HOST_KEY_VAR]: paths.key, SQUADTUI_WINDOW_SIZE: `${process.stdout.columns || 80}x${process.stdout.rows || 24}`, SQUADTUI_COLOR_DEPTH: String(process.stdout.getColorDepth?.() ?? 8) };
  let connected;
  try {
    connected = await connectOrStart(paths, { bin, argv, env });
  } catch (error) {
    if (error instanceof HostStartError) finish({ code: 2, message: error.message.replace(/^squadtui: /, '') });
    throw error;
  }
  const ignored = connected.started ? [] : options.given.filter((name) => name !== 'host');
  const notice = ignored.length > 0 ? `This squad was already running: ${ignored.map(flag).join(', ')} not applied (they apply when a squad starts).` : undefined;
  // The window that started the host is the one it was started for, even if another came first.
  finish(await attach(connected.socket, { version, takeOver: options.takeOver || connected.started, notice, dir: whereIs(paths), handoff }));
}

/**
 * Refuses to open a squad in the terminal of one of its own agents: its frame would be drawn into
 * the agent it shows, and again, without end (a window there could only take over from the user's).
 */
function notInsideItself(paths: SquadPaths): void {
  if (process.env[SQUAD_VAR] !== paths.key) return;
  const agent = process.env.SQUADTUI_AGENT ?? 'an agent';
  finish({ code: 1, message: `This terminal is ${agent}'s, an agent of the squad of ${whereIs(paths)}: the squad cannot be shown inside itself. Open it from another terminal.` });
}

/** Where the squad is found; for a squad known only by its files (ls), the directory its host names. */
const whereIs = (paths: SquadPaths) => squadDir(paths) || (readRecord(paths)?.dir ?? process.cwd());

const flag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The records of every squad whose host runs (those of dead hosts are cleared on the way). */
function runningSquads(dir: string): SquadPaths[] {
  const found: SquadPaths[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const paths = filesOf('', path.join(dir, name.slice(0, -'.json'.length)));
    if (hostAlive(readRecord(paths))) found.push(paths);
    else removeHostFiles(paths);
  }
  return found;
}

/** How long a host may take to answer `ls` or to start stopping. */
const ANSWER_MS = 3000;
/** How long a stopping host may take to end its agents (they get SIGKILL after 1.5 s). */
const STOP_MS = 15_000;

/** Settles with `promise`, or with `fallback` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    const settle = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    promise.then(settle, () => settle(fallback));
  });
}

type Status = SquadStatus | { readonly silent: number };

/** What the squad's host says of itself; `silent` (its pid) when it does not answer. */
async function status(paths: SquadPaths): Promise<Status | undefined> {
  const socket = await tryConnect(paths.socket);
  if (!socket) return undefined;
  try {
    const answer = await within(open(socket, { squadtui: PROTOCOL, version, want: 'status' }), ANSWER_MS, undefined);
    if (!answer) return { silent: readRecord(paths)?.pid ?? 0 };
    return answer.welcome.ok ? answer.welcome.status : undefined;
  } finally {
    socket.destroy();
  }
}

const silence = (pid: number) => `The squad's host (pid ${pid}) does not answer. kill ${pid} ends it, and its agents with it.`;

function describe(s: Status): string {
  if ('silent' in s) return `host pid ${s.silent}: does not answer (stopped? kill ${s.silent} ends it and its agents)`;
  const agents = s.agents.map((a) => `${a.name} ${a.state}`).join(', ') || 'no agents';
  const waiting = s.waiting > 0 ? `, ${s.waiting} waiting for you` : '';
  const window = s.window ? `, open in ${s.window}` : ', detached';
  return `${s.dir}\n  ${s.agents.length} agent${s.agents.length === 1 ? '' : 's'}: ${agents}${waiting}${window} (host pid ${s.pid}, squadtui ${s.version})`;
}

/**
 * The squad of `dir`; for `attach` without a directory, also the only one running when the current
 * directory has none (a command that ends agents never guesses).
 */
function chooseSquad(dir: string | undefined, guess: boolean): SquadPaths {
  const rt = runtime();
  const here = squadPaths(dir ?? process.cwd(), rt);
  if (hostAlive(readRecord(here))) return here;
  const running = runningSquads(rt);
  if (guess && dir === undefined && running.length === 1 && running[0]) return running[0];
  const where = dir ?? process.cwd();
  if (running.length === 0) finish({ code: 1, message: `No squad is running (squadtui in a repository starts one).` });
  finish({ code: 1, message: `No squad is running for ${where}. ${running.length} running elsewhere: squadtui ls lists them.` });
}

export async function squadCommand(argv: readonly string[], handoff?: Handoff): Promise<void> {
  const program = new Command('squadtui').exitOverride((error) => process.exit(error.exitCode));
  program
    .command('ls')
    .description('list running squads: directory, agents and their states, prompts waiting for you')
    .action(async () => {
      const all = await Promise.all(runningSquads(runtime()).map(status));
      const shown = all.filter((s) => s !== undefined);
      process.stdout.write(shown.length === 0 ? 'No squad is running.\n' : `${shown.map(describe).join('\n')}\n`);
    });
  program
    .command('attach [dir]')
    .description('open a running squad in this window')
    .option('--take-over', 'attach even if another window has it open (that window closes)', false)
    .action(async (dir: string | undefined, o: { takeOver: boolean }) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) finish({ code: 2, message: 'needs an interactive terminal (stdin and stdout must be a TTY).' });
      const paths = chooseSquad(dir, true);
      notInsideItself(paths);
      const socket = await tryConnect(paths.socket);
      if (!socket) finish({ code: 1, message: 'The squad stopped meanwhile.' });
      finish(await attach(socket, { version, takeOver: o.takeOver, dir: whereIs(paths), handoff }));
    });
  program
    .command('stop [dir]')
    .description('stop a running squad: its agents end')
    .action(async (dir: string | undefined) => {
      const paths = chooseSquad(dir, false);
      const found = await status(paths);
      if (found && 'silent' in found) finish({ code: 1, message: silence(found.silent) });
      const s = found;
      const socket = await tryConnect(paths.socket);
      if (!socket) finish({ code: 0, message: 'The squad had stopped already.' });
      const pid = readRecord(paths)?.pid ?? 0;
      if (!(await within(open(socket, { squadtui: PROTOCOL, version, want: 'stop' }), ANSWER_MS, undefined))) finish({ code: 1, message: silence(pid) });
      // The host closes the connection as it exits, once its agents have ended.
      const closed = await within(new Promise<boolean>((resolve) => socket.on('close', () => resolve(true))), STOP_MS, false);
      if (!closed) finish({ code: 1, message: `The squad's host (pid ${pid}) did not end within ${STOP_MS / 1000} s. kill ${pid} ends it.` });
      process.stdout.write(`Stopped the squad in ${s?.dir ?? 'its directory'}${s ? ` (${s.agents.length} agent${s.agents.length === 1 ? '' : 's'} ended)` : ''}.\n`);
    });
  await program.parseAsync([...argv], { from: 'user' });
}
