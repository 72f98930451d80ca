// The pseudo-terminal port (PtyLike) and its node-pty adapter, plus ending a whole process tree.
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fillDescriptorGaps } from './fd-gaps.js';
import { isAlive } from './processes.js';
import { directWriter } from './direct-write.js';
import { readToEndOnExit } from './read-to-end.js';

export interface PtyExit {
  exitCode: number;
  signal?: number;
}

/**
 * What sessions need from a pseudo-terminal; tests hand in fakes, production uses node-pty. Every
 * call is a message that needs no answer, so the pty may live in another thread or process.
 */
export interface PtyLike {
  /** The program's pid, also the id of the session (process group) it leads. */
  readonly pid: number;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Ends the program and everything it started (its whole session). */
  kill(signal?: NodeJS.Signals): void;
  pause(): void;
  resume(): void;
  /**
   * How much output may be read ahead of the emulator: much for the agent on screen (reading
   * and parsing overlap), little for hidden ones (their parse budget holds). Optional: a pty read
   * on the main thread needs none.
   */
  readAhead?(bytes: number): void;
  /** That much of the output has been parsed (read-ahead counts what is not). */
  consumed?(bytes: number): void;
  /** Nobody will read this pty any more (its agent was closed): drop its output, hold nothing back. */
  dispose?(): void;
  /** Output as the program wrote it: raw bytes (node-pty), or text (fakes in tests). */
  onData(listener: (data: Uint8Array | string) => void): () => void;
  onExit(listener: (exit: PtyExit) => void): () => void;
}

export interface SpawnOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  cols: number;
  rows: number;
}

/**
 * Starts a program in a new pseudo-terminal. Asynchronous, so that whoever owns the ptys (a worker
 * thread, later a background host) answers when it can and the caller never blocks for a pid. A
 * program that can't start rejects, with a SpawnError (message and hint) when it is the user's to fix.
 * The caller attaches its listeners when the promise settles: output comes no earlier.
 */
export type SpawnPty = (options: SpawnOptions) => Promise<PtyLike>;

export class SpawnError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'SpawnError';
  }
}

/** Finds `command` the way a shell would, so a missing program is reported before spawning. */
export function resolveProgram(command: string, envPath = process.env.PATH ?? '', cwd = process.cwd()): string | undefined {
  const isExecutable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) {
    const full = path.resolve(cwd, command);
    return isExecutable(full) ? full : undefined;
  }
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, command);
    if (isExecutable(full)) return full;
  }
  return undefined;
}

/** Checks what can be checked before a spawn, with a message a user can act on. */
export function preflight(options: Pick<SpawnOptions, 'command' | 'cwd' | 'env'>): string {
  try {
    if (!statSync(options.cwd).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new SpawnError(`Directory not found: ${options.cwd}`, 'Pick an existing directory for this agent.');
  }
  const resolved = resolveProgram(options.command, options.env.PATH ?? process.env.PATH ?? '', options.cwd);
  if (!resolved) {
    throw new SpawnError(
      `Program not found: ${options.command}`,
      'Install it or give its full path (--program "/path/to/agent ARGS", or the add-agent dialog).',
    );
  }
  return resolved;
}

/**
 * Why a program found on PATH (no slash in its name) can't start, before anything is made for it;
 * undefined when it can, or when it can only be looked for where it will run (a relative path).
 */
export function missingProgram(command: string, cwd: string, env: Readonly<Record<string, string | undefined>>): { message: string; hint: string } | undefined {
  if (command.includes('/')) return undefined;
  try {
    preflight({ command, cwd, env });
  } catch (error) {
    if (error instanceof SpawnError) return { message: error.message, hint: error.hint };
  }
  return undefined;
}

/**
 * The node-pty adapter. Loaded lazily so the core can be used (and tested) without the native
 * module; tests may hand in another copy of it (an installed squadtui's).
 */
export async function createNodePtySpawner(load: () => Promise<typeof import('node-pty')> = () => import('node-pty')): Promise<SpawnPty> {
  const pty = await load();
  const spawnFn = (pty as unknown as { default?: typeof pty }).default?.spawn ?? pty.spawn;
  // Async so that a preflight or spawn error rejects, as every SpawnPty does.
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (options) => {
    const resolved = preflight(options);
    // The agent inherits none of squadtui's descriptors (other agents' terminals above all).
    const unfill = fillDescriptorGaps();
    let child: ReturnType<typeof spawnFn>;
    try {
      child = spawnFn(resolved, [...options.args], {
        name: 'xterm-256color',
        cols: options.cols,
        rows: options.rows,
        cwd: options.cwd,
        env: options.env,
        // Bytes go straight to the emulator's own UTF-8 decoder (no string round trip).
        encoding: null,
      });
    } finally {
      unfill();
    }
    // A pty paused when its program exits is resumed, so its last output is not dropped.
    let exited: () => boolean;
    try {
      exited = readToEndOnExit(child);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return {
      pid: child.pid,
      write: directWriter(child, (data) => child.write(data)),
      resize: (cols, rows) => child.resize(cols, rows),
      kill: (signal = 'SIGTERM') => signalSession(child.pid, signal),
      pause: () => {
        if (!exited()) child.pause();
      },
      resume: () => child.resume(),
      onData: (listener) => {
        const d = (child.onData as unknown as (l: (data: Uint8Array) => void) => { dispose(): void })(listener);
        return () => d.dispose();
      },
      onExit: (listener) => {
        const d = child.onExit(listener);
        return () => d.dispose();
      },
    };
  };
}

/**
 * Every live process in the session led by `sid` (node-pty makes each agent a session leader).
 * Linux reads /proc; elsewhere only the process group is known.
 */
export function sessionMembers(sid: number): number[] {
  if (process.platform !== 'linux') return isAlive(-sid) ? [-sid] : [];
  const members: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return isAlive(-sid) ? [-sid] : [];
  }
  for (const entry of entries) {
    const c = entry.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      // Fields after the parenthesised command name: state ppid pgrp session ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue; // exited, waiting to be reaped
      if (Number(fields[3]) === sid) members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

/**
 * Whether `sid` still names a session of ours once its leader has exited. Linux keeps the number
 * reserved while members of the session live; once they are gone it may be handed to an unrelated
 * process, and a live process with that number means it was.
 */
export function leftoverSession(sid: number): boolean {
  return !isAlive(sid);
}

/** Sends `signal` to every process in the agent's session, and to its process group. */
export function signalSession(sid: number, signal: NodeJS.Signals): void {
  const targets = new Set<number>([-sid, ...sessionMembers(sid)]);
  for (const pid of targets) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Ends sessions synchronously: SIGTERM (SIGHUP first, as a closing terminal would), a short
 * grace, then SIGKILL for whatever ignored it. Blocking is deliberate: it runs on the way out,
 * also from 'exit' handlers where nothing asynchronous can happen any more.
 */
export function endSessionsSync(sids: readonly number[], graceMs = 1500): void {
  if (sids.length === 0) return;
  for (const sid of sids) {
    signalSession(sid, 'SIGHUP');
    signalSession(sid, 'SIGTERM');
  }
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + graceMs;
  let alive = sids.filter((sid) => sessionMembers(sid).length > 0);
  while (alive.length > 0 && Date.now() < deadline) {
    // A sleep on the way out, not a wait for an answer: nothing else runs any more.
    // eslint-disable-next-line no-restricted-properties
    Atomics.wait(sleeper, 0, 0, 20);
    alive = alive.filter((sid) => sessionMembers(sid).length > 0);
  }
  for (const sid of alive) signalSession(sid, 'SIGKILL');
}
