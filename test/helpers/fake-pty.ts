// A PtyLike that tests drive by hand: what the "program" writes, when it exits, what it was sent.
import type { PtyExit, PtyLike, SpawnOptions, SpawnPty } from '../../src/core/pty/node-pty.js';
import type { SessionHost, SessionInfo } from '../../src/core/sessions/host.js';

export class FakePty implements PtyLike {
  static nextPid = 90_000;
  readonly pid = FakePty.nextPid++;
  readonly written: string[] = [];
  readonly sizes: [number, number][] = [];
  readonly signals: string[] = [];
  paused = false;
  pauseCount = 0;
  /** Output the host reported parsed, and the read-ahead it asked for. */
  consumedBytes = 0;
  readAheadBytes: number | undefined;
  private readonly dataListeners = new Set<(d: string) => void>();
  private readonly exitListeners = new Set<(e: PtyExit) => void>();

  constructor(readonly options: SpawnOptions) {}

  write(data: string): void {
    this.written.push(data);
  }
  resize(cols: number, rows: number): void {
    this.sizes.push([cols, rows]);
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.signals.push(signal);
  }
  pause(): void {
    this.paused = true;
    this.pauseCount++;
  }
  resume(): void {
    this.paused = false;
  }
  disposed = false;
  dispose(): void {
    this.disposed = true;
  }
  consumed(bytes: number): void {
    this.consumedBytes += bytes;
  }
  readAhead(bytes: number): void {
    this.readAheadBytes = bytes;
  }
  onData(listener: (d: string) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }
  onExit(listener: (e: PtyExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }
  /** The program writes to its terminal. */
  emit(data: string): void {
    for (const l of this.dataListeners) l(data);
  }
  exit(exitCode: number, signal?: number): void {
    for (const l of this.exitListeners) l({ exitCode, signal });
  }
  get sent(): string {
    return this.written.join('');
  }
}

/**
 * A spawner whose ptys are made at once and handed over a microtask later, as the pty thread
 * answers in a later message: nothing the program writes can be seen before the session runs
 * (await `running`). With `held`, each spawn waits for the test to `answer` or `fail` it.
 */
export function fakeSpawner(options: { held?: boolean } = {}): {
  spawn: SpawnPty;
  ptys: FakePty[];
  /** Hands over the oldest spawn still waiting (held spawners). */
  answer: () => void;
  /** Rejects the oldest spawn still waiting (held spawners). */
  fail: (error: Error) => void;
} {
  const ptys: FakePty[] = [];
  const waiting: { pty: FakePty; resolve: (p: FakePty) => void; reject: (e: Error) => void }[] = [];
  return {
    ptys,
    spawn: (spawnOptions) => {
      const p = new FakePty(spawnOptions);
      ptys.push(p);
      if (!options.held) return Promise.resolve(p);
      return new Promise((resolve, reject) => waiting.push({ pty: p, resolve, reject }));
    },
    answer: () => {
      const w = waiting.shift()!;
      w.resolve(w.pty);
    },
    fail: (error) => waiting.shift()!.reject(error),
  };
}

/** The session's outcome, once its spawn has been answered: its `running` (or `failed`) info. */
export function running(host: SessionHost, id: string): Promise<SessionInfo> {
  return new Promise((resolve) => {
    const now = host.get(id);
    if (now && now.status !== 'starting') return resolve(now);
    const off = host.onEvent((e) => {
      if (e.type === 'info' && e.info.id === id && e.info.status !== 'starting') {
        off();
        resolve(e.info);
      }
    });
  });
}
