// Runs a worktree's setup command (e.g. `npm ci`), streaming its output. A failure is a result,
// not an exception: the worktree stays, and the UI shows the exit code and the last lines.
import { spawn } from 'node:child_process';
import type { SetupResult } from './types.js';

export interface SetupOptions {
  /** A command line the user configured; it runs in their shell, like a package.json script. */
  readonly command: string;
  readonly cwd: string;
  /** Environment (default process.env); SQUADTUI_WORKTREE and SQUADTUI_SOURCE are added. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The working tree the worktree was made from, so setup can copy or link things from it. */
  readonly source?: string;
  /** Output as it arrives, stdout and stderr interleaved, decoded as UTF-8. */
  readonly onOutput?: (chunk: string) => void;
  /** Cancels the command (its whole process group). */
  readonly signal?: AbortSignal;
  /** How many trailing lines to keep for the result (default 20). */
  readonly tailLines?: number;
  /** How long to wait after SIGTERM before SIGKILL when cancelled (default 2000 ms). */
  readonly killGraceMs?: number;
}

/** Output kept for the last lines; more than enough for any sensible tailLines. */
const TAIL_BYTES = 64 * 1024;

export function runSetup(options: SetupOptions): Promise<SetupResult> {
  const started = performance.now();
  const keep = options.tailLines ?? 20;
  let tail = '';
  const result = (fields: Pick<SetupResult, 'exitCode' | 'signal'> & { error?: string }): SetupResult => ({
    command: options.command,
    ok: fields.exitCode === 0 && !fields.error,
    exitCode: fields.exitCode,
    signal: fields.signal,
    lastLines: lastLines(tail, keep),
    durationMs: Math.round(performance.now() - started),
    ...(fields.error ? { error: fields.error } : {}),
  });
  if (options.signal?.aborted) return Promise.resolve(result({ exitCode: null, signal: null, error: 'Cancelled before it started.' }));

  return new Promise((resolve) => {
    const child = spawn(options.command, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), SQUADTUI_WORKTREE: options.cwd, ...(options.source ? { SQUADTUI_SOURCE: options.source } : {}) },
      shell: true,
      // Its own process group, so cancelling reaches everything it started (npm -> node -> ...).
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        // Already gone.
      }
    };
    const onAbort = () => {
      cancelled = true;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), options.killGraceMs ?? 2000);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const onData = (chunk: string) => {
      tail = (tail + chunk).slice(-TAIL_BYTES);
      options.onOutput?.(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    let done = false;
    const finish = (fields: Pick<SetupResult, 'exitCode' | 'signal'> & { error?: string }) => {
      if (done) return;
      done = true;
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      resolve(result(fields));
    };
    child.on('error', (error) => finish({ exitCode: null, signal: null, error: `Could not start: ${error.message}` }));
    child.on('close', (exitCode, signal) => finish({ exitCode, signal, ...(cancelled ? { error: 'Cancelled.' } : {}) }));
  });
}

/** The last `count` lines of output as a terminal would leave them: progress redraws (\r) collapsed. */
export function lastLines(output: string, count: number): string[] {
  const lines = output.split('\n').map((raw) => {
    const line = raw.replace(/\r+$/, '');
    return line.slice(line.lastIndexOf('\r') + 1);
  });
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines.slice(-count);
}
