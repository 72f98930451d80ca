// Bare tmux as the benches' baseline: a private server (its own socket, no user config) with one
// program per window, and a client attached in a pty, parsed like a squadtui window. Windows, not
// split panes: like squadtui, tmux then parses every program's output and draws only the one on
// screen.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuTicks, type MemoryField, memoryMB } from './procs.js';
import { benchEnv } from './squadtui.js';
import { PtyScreen, sleep } from './terminal.js';

export function tmuxVersion(): string | undefined {
  try {
    return execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export interface TmuxOptions {
  /** One shell command per window; the last one is on screen. */
  readonly windows: readonly string[];
  readonly cols?: number;
  readonly rows?: number;
  /** Lines of scrollback each window keeps (tmux's history-limit). */
  readonly historyLimit?: number;
  readonly cwd?: string;
}

export class TmuxServer {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-bench-tmux-'));
  private readonly socket = path.join(this.dir, 'socket');
  readonly cols: number;
  readonly rows: number;

  private constructor(options: TmuxOptions) {
    this.cols = options.cols ?? 140;
    this.rows = options.rows ?? 40;
  }

  static start(options: TmuxOptions): TmuxServer {
    const server = new TmuxServer(options);
    const cwd = options.cwd ?? os.tmpdir();
    const [first, ...rest] = options.windows;
    if (first === undefined) throw new Error('tmux: no windows');
    // history-limit applies to windows created after it is set: set it on the server first.
    server.tmux('start-server', ';', 'set-option', '-g', 'history-limit', String(options.historyLimit ?? 2000), ';', 'new-session', '-d', '-s', 'bench', '-x', String(server.cols), '-y', String(server.rows), '-c', cwd, first);
    for (const command of rest) server.tmux('new-window', '-t', 'bench', '-c', cwd, command);
    return server;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: benchEnv() });
  }

  get pid(): number {
    return Number(this.tmux('display-message', '-p', '#{pid}').trim());
  }

  memory(field: MemoryField = 'VmRSS'): number {
    return memoryMB(this.pid, field);
  }

  cpuTicks(): number {
    return cpuTicks(this.pid);
  }

  /** Lines each window holds, scrollback included, in window order. */
  historySizes(): number[] {
    return this.tmux('list-windows', '-t', 'bench', '-F', '#{history_size}').trim().split('\n').map(Number);
  }

  /** A client attached in a pty of the server's size, as a user's terminal would be. */
  attach(): PtyScreen {
    return new PtyScreen({ file: 'tmux', args: ['-S', this.socket, '-f', '/dev/null', 'attach-session', '-t', 'bench'], cwd: os.tmpdir(), env: benchEnv(), cols: this.cols, rows: this.rows });
  }

  async kill(): Promise<void> {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    await sleep(50);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
