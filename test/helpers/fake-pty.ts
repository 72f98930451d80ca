// A PtyLike that tests drive by hand: what the "program" writes, when it exits, what it was sent.
import type { PtyExit, PtyLike, SpawnOptions, SpawnPty } from '../../src/core/pty-host.js';

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

export function fakeSpawner(): { spawn: SpawnPty; ptys: FakePty[] } {
  const ptys: FakePty[] = [];
  return {
    ptys,
    spawn: (options) => {
      const p = new FakePty(options);
      ptys.push(p);
      return p;
    },
  };
}
