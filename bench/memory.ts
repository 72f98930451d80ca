// Memory at scale: 16 agents each holding 10,000 lines of scrollback at 120 columns. squadtui (the
// built CLI, all its processes) against a tmux server holding the same output (`history-limit
// 10000`, each pane checked with capture-pane), and where the bytes go: one emulator per agent
// measured in a child process (heap and RSS per agent), bare @xterm/headless beside squadtui's
// Screen. Part of `npm run bench` (`--only=memory`).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import xtermHeadless from '@xterm/headless';
import { Screen } from '../src/core/terminal/screen.js';
import { scrollbackText } from './scrollback-data.mjs';

export const MEMORY_AGENTS = 16;
export const MEMORY_LINES = 10_000;
/** The agent's terminal: 120 columns beside squadtui's sidebar (see computeLayout), 37 rows. */
export const MEMORY_WINDOW = { cols: 149, rows: 40 };
export const MEMORY_TERM = { cols: 120, rows: 37 };
const CHILD_FLAG = '--memory-child=';
const MB = 1024 * 1024;

export interface ProcessMemory {
  rssMB: number;
  processes: number;
}

/** RSS of /proc/<pid>/status in MB. */
export function rssOf(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : 0;
}

/** Every running process whose command line matches `test`, summed. */
export function processesMatching(test: (cmdline: string) => boolean): ProcessMemory {
  let rssMB = 0;
  let processes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!test(cmdline)) continue;
      rssMB += rssOf(Number(entry));
      processes++;
    } catch {
      // Gone meanwhile.
    }
  }
  return { rssMB, processes };
}

export interface TmuxBaseline {
  rssMB: number;
  /** Lines capture-pane found in the smallest pane's history + screen. */
  minLinesHeld: number;
}

/** A private tmux server with `agents` panes, each running `command`; RSS once all say DONE. */
export async function tmuxBaseline(command: string, agents: number, lines: number): Promise<TmuxBaseline> {
  const socket = `squadtui-bench-memory-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: { ...process.env, TMUX: '' } });
  const { cols, rows } = MEMORY_TERM;
  tmux('new-session', '-d', '-s', 'hold', '-x', String(cols), '-y', String(rows), 'sleep 100000');
  try {
    // Options apply to panes made after them.
    tmux('set-option', '-g', 'history-limit', String(lines));
    tmux('set-option', '-g', 'status', 'off');
    for (let i = 1; i <= agents; i++) tmux('new-session', '-d', '-s', `a${i}`, '-x', String(cols), '-y', String(rows), command);
    const deadline = Date.now() + 120_000;
    for (let i = 1; i <= agents; i++) {
      while (!tmux('capture-pane', '-p', '-t', `a${i}`).includes('DONE')) {
        if (Date.now() > deadline) throw new Error(`tmux pane a${i} never finished`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    let minLinesHeld = Infinity;
    for (let i = 1; i <= agents; i++) {
      const held = tmux('capture-pane', '-p', '-S', '-', '-E', '-', '-t', `a${i}`).split('\n').length;
      minLinesHeld = Math.min(minLinesHeld, held);
    }
    const pid = Number(tmux('display-message', '-p', '-t', 'hold', '#{pid}').trim());
    return { rssMB: rssOf(pid), minLinesHeld };
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}

export interface EmulatorCost {
  heapMB: number;
  rssMB: number;
}

/**
 * Per-agent cost of `kind` ('xterm': bare @xterm/headless with 10,000 lines of scrollback;
 * 'screen': squadtui's Screen), measured in a fresh child process so nothing else moves its RSS.
 */
export function emulatorCost(kind: 'xterm' | 'screen', agents: number, lines: number): Promise<EmulatorCost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', process.argv[1]!, `${CHILD_FLAG}${kind},${agents},${lines}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`memory child exited with ${code}`);
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as EmulatorCost);
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function childMeasure(kind: string, agents: number, lines: number): Promise<EmulatorCost> {
  const { cols, rows } = MEMORY_TERM;
  const text = scrollbackText(lines);
  // A few reads' worth at a time, as a pty hands output over.
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 16_384) chunks.push(text.slice(i, i + 16_384));
  gc();
  const usage = () => {
    const m = process.memoryUsage();
    // xterm's cells live in typed arrays: outside the JS heap, in `external`.
    return { heap: m.heapUsed + m.external, rss: m.rss };
  };
  const before = usage();
  const keep: unknown[] = [];
  for (let a = 0; a < agents; a++) {
    if (kind === 'xterm') {
      const term = new xtermHeadless.Terminal({ cols, rows, scrollback: lines, allowProposedApi: true });
      for (const c of chunks) await new Promise<void>((r) => term.write(c, r));
      keep.push(term);
    } else {
      const screen = new Screen({ cols, rows, scrollback: lines });
      for (const c of chunks) await screen.write(c);
      // What a pause in the output leads to (a second later), without the wait.
      screen.archiveHistory();
      // What switching to it draws, so the snapshot path is warm too.
      screen.snapshot();
      keep.push(screen);
    }
  }
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
  const after = usage();
  if (keep.length !== agents) throw new Error('lost an emulator');
  return { heapMB: (after.heap - before.heap) / MB / agents, rssMB: (after.rss - before.rss) / MB / agents };
}

// The child mode: `run.mjs --memory-child=kind,agents,lines` measures and exits before the suites run.
const childArg = process.argv.find((a) => a.startsWith(CHILD_FLAG));
if (childArg) {
  const [kind, agents, lines] = childArg.slice(CHILD_FLAG.length).split(',');
  const cost = await childMeasure(kind!, Number(agents), Number(lines));
  process.stdout.write(`${JSON.stringify(cost)}\n`);
  process.exit(0);
}

/** What the suite needs of run.ts's App: squadtui in a pty, its screen read back. */
export interface BenchApp {
  readonly proc: { write(data: string): void };
  waitFor(re: RegExp, timeout?: number): Promise<number>;
  quit(): Promise<void>;
}

export interface BenchRow {
  metric: string;
  value: string;
  baseline: string;
  target: string;
  ok: boolean | undefined;
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Goes to the next agent until `name`'s panel shows its finished output; ms from the key. */
async function switchTo(app: BenchApp, name: string, timeout: number): Promise<number> {
  const t0 = performance.now();
  app.proc.write('\x1b[1;2B'); // Shift+Down: the next agent
  const shown = await app.waitFor(new RegExp(`│${escape(name)} [\\s\\S]*SCROLLBACK \\d+ DONE`), timeout);
  return shown - t0;
}

export async function memorySuite(open: (args: string[], cols: number, rows: number) => BenchApp, bin: string, quick: boolean): Promise<BenchRow[]> {
  const agents = quick ? 4 : MEMORY_AGENTS;
  const lines = Number(process.env.SQUADTUI_BENCH_MEMORY_LINES ?? MEMORY_LINES);
  const agentScript = path.join(path.dirname(bin), '..', 'bench/agents/scrollback-agent.mjs');
  // Lines a second each agent prints (0: all at once, the worst case for what the burst leaves behind).
  const rate = Number(process.env.SQUADTUI_BENCH_MEMORY_RATE ?? 0);
  const command = `node ${agentScript} ${lines} ${rate}`;
  const tmux = await tmuxBaseline(command, agents, lines);
  const app = open(['--program', command, '--agents', String(agents)], MEMORY_WINDOW.cols, MEMORY_WINDOW.rows);
  const rows: BenchRow[] = [];
  try {
    await app.waitFor(/SCROLLBACK \d+ DONE 120x37/, 120_000);
    // Round the squad once so every agent has finished printing, then once more, timed.
    for (let i = 2; i <= agents + 1; i++) await switchTo(app, `node-${((i - 1) % agents) + 1}`, 120_000);
    await new Promise((r) => setTimeout(r, Number(process.env.SQUADTUI_BENCH_MEMORY_SETTLE_MS ?? 3000)));
    const distDir = path.dirname(bin);
    // squadtui's own processes name its dist/ files; the agents do not.
    const squad = processesMatching((cmd) => cmd.includes(`${distDir}${path.sep}`));
    const switches: number[] = [];
    for (let i = 2; i <= agents + 1; i++) switches.push(await switchTo(app, `node-${((i - 1) % agents) + 1}`, 10_000));
    // The oldest line is still there, with its neighbours: scroll to the top of node-1.
    const first = scrollbackText(40).replace(/\x1b\[[0-9;]*m/g, '').split('\r\n').filter((l) => l.trim().length > 20).slice(0, 2);
    app.proc.write('\x1d');
    await app.waitFor(/\n squad menu/);
    app.proc.write('g');
    const topShown = await app.waitFor(new RegExp(first.map(escape).join('[\\s\\S]*')), 10_000).then(
      () => true,
      (e: Error) => (process.stderr.write(`${e.message}\n`), false),
    );
    const ratio = squad.rssMB / tmux.rssMB;
    rows.push({ metric: `memory, ${agents} agents x ${lines} lines, 120 cols${rate ? `, ${rate}/s` : ''}: RSS`, value: `${fmt(squad.rssMB, 0)} MB`, baseline: `tmux ${fmt(tmux.rssMB, 0)} MB`, target: '≤ 2x tmux', ok: ratio <= 2 });
    rows.push({ metric: '  ratio to tmux', value: `${fmt(ratio, 2)}x`, baseline: `${squad.processes} squadtui process(es)`, target: '≤ 2.00x', ok: ratio <= 2 });
    rows.push({ metric: '  lines held (tmux capture-pane, fewest)', value: topShown ? 'top shows line 1' : 'TOP MISSING', baseline: `tmux ${tmux.minLinesHeld}`, target: `≥ ${lines}`, ok: topShown && tmux.minLinesHeld >= lines });
    rows.push({ metric: `  switching to an agent, slowest of ${agents}`, value: `${fmt(Math.max(...switches), 0)} ms`, baseline: `median ${fmt(switches.sort((a, b) => a - b)[switches.length >> 1]!, 0)} ms`, target: '≤ 100 ms', ok: Math.max(...switches) <= 100 });
  } finally {
    await app.quit();
  }
  const xterm = await emulatorCost('xterm', agents, lines);
  const screen = await emulatorCost('screen', agents, lines);
  rows.push({ metric: '  per agent: Screen heap+buffers / RSS', value: `${fmt(screen.heapMB)} / ${fmt(screen.rssMB)} MB`, baseline: `xterm ${fmt(xterm.heapMB)} / ${fmt(xterm.rssMB)} MB`, target: '', ok: undefined });
  return rows;
}
