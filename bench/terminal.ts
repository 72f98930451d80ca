// A program in a real pty, its output parsed on our side by @xterm/headless the moment it arrives:
// what a user's terminal would show. squadtui windows and tmux clients are both driven through it,
// so both are measured the same way.
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';

const { Terminal } = xtermHeadless;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Launch {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly cols?: number;
  readonly rows?: number;
}

export class PtyScreen {
  readonly proc: pty.IPty;
  readonly term: InstanceType<typeof Terminal>;
  raw = '';
  readonly exited: Promise<void>;
  private readonly listeners = new Set<() => void>();

  constructor(launch: Launch) {
    const cols = launch.cols ?? 140;
    const rows = launch.rows ?? 40;
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0, logLevel: 'off' });
    // xterm's own write queue starts parsing on a timer (≥ 1 ms): parse at once, as squadtui does.
    const core = (this.term as unknown as { _core?: { writeSync?: (data: string) => void } })._core;
    const writeSync = typeof core?.writeSync === 'function' ? core.writeSync.bind(core) : undefined;
    this.proc = pty.spawn(launch.file, [...launch.args], { name: 'xterm-256color', cols, rows, cwd: launch.cwd, env: launch.env });
    this.proc.onData((d) => {
      this.raw += d;
      if (this.raw.length > 1_000_000) this.raw = this.raw.slice(-100_000);
      if (writeSync) {
        writeSync(d);
        this.listeners.forEach((l) => l());
      } else this.term.write(d, () => this.listeners.forEach((l) => l()));
    });
    this.exited = new Promise((r) => this.proc.onExit(() => r()));
  }

  text(): string {
    const b = this.term.buffer.active;
    let s = '';
    for (let y = 0; y < this.term.rows; y++) s += `${b.getLine(b.viewportY + y)?.translateToString(true) ?? ''}\n`;
    return s;
  }

  /** The cursor's row, up to the cursor. */
  beforeCursor(): string {
    const b = this.term.buffer.active;
    return b.getLine(b.baseY + b.cursorY)?.translateToString(false, 0, b.cursorX) ?? '';
  }

  /** Resolves (with the time) at the first parse after which `test` holds. */
  waitUntil(test: () => boolean, what: () => string, timeout = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(performance.now());
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timeout waiting for ${what()}\n${this.text()}`));
      }, timeout);
      this.listeners.add(check);
      check();
    });
  }

  /** Resolves at the first parse after which the screen matches. */
  waitFor(re: RegExp, timeout = 60_000): Promise<number> {
    return this.waitUntil(() => re.test(this.text()), () => String(re), timeout);
  }

  /** Resolves when the raw output received after now contains `needle`. */
  waitForRaw(needle: string, timeout = 10_000): Promise<number> {
    const from = this.raw.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${JSON.stringify(needle)}`)), timeout);
      const d = this.proc.onData(() => {
        if (this.raw.indexOf(needle, Math.max(0, from - needle.length)) >= 0) {
          const t = performance.now();
          d.dispose();
          clearTimeout(timer);
          resolve(t);
        }
      });
    });
  }

  write(data: string): void {
    this.proc.write(data);
  }

  /** Ends the program (SIGTERM, at most 5 s) and frees the parser. */
  async close(): Promise<void> {
    this.proc.kill('SIGTERM');
    await Promise.race([this.exited, sleep(5000)]);
    this.term.dispose();
  }
}
