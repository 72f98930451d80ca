// squadtui benchmarks: throughput, keystroke latency, idle cost, first frame. Each runs the built
// CLI in a real pty, reads its screen through @xterm/headless, and is compared with a baseline
// measured in the same run (machines here are noisy: read the ratios).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';
import { flood } from './flood-data.mjs';
import { tasksLocation } from '../src/core/tasks/location.js';
import { MCP_P50_TARGET_MS, mcpRoundTrips } from './mcp.js';
import { TASK_LAYOUT_TARGET_MS, benchBoard, measureLayout } from './tasks.js';
import { memorySuite } from './memory.js';

const { Terminal } = xtermHeadless;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist/bin.js');
const AGENTS = path.join(ROOT, 'bench/agents');
const ECHO = path.join(ROOT, 'test/fixtures/agents/echo-agent.mjs');
const MB = 1024 * 1024;
const quick = process.argv.includes('--quick');

interface Row {
  metric: string;
  value: string;
  baseline: string;
  target: string;
  ok: boolean | undefined;
}
const rows: Row[] = [];

function env(): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && k !== 'TMUX') e[k] = v;
  }
  return { ...e, TERM: 'xterm-256color', SQUADTUI_CONFIG_DIR: path.join(os.tmpdir(), 'squadtui-bench-config'), SQUADTUI_LOG: path.join(os.tmpdir(), 'squadtui-bench.log') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** squadtui in a pty, its screen parsed by a headless terminal on our side. */
class App {
  readonly proc: pty.IPty;
  readonly term: InstanceType<typeof Terminal>;
  raw = '';
  private listeners = new Set<() => void>();
  readonly exited: Promise<void>;

  constructor(args: string[], cols = 140, rows = 40, cwd = os.tmpdir()) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    const nodeFlags = process.env.SQUADTUI_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    this.proc = pty.spawn(process.execPath, [...nodeFlags, BIN, ...args], { name: 'xterm-256color', cols, rows, cwd, env: env() });
    this.proc.onData((d) => {
      this.raw += d;
      if (this.raw.length > 1_000_000) this.raw = this.raw.slice(-100_000);
      this.term.write(d, () => this.listeners.forEach((l) => l()));
    });
    this.exited = new Promise((r) => this.proc.onExit(() => r()));
  }

  text(): string {
    const b = this.term.buffer.active;
    let s = '';
    for (let y = 0; y < this.term.rows; y++) s += `${b.getLine(b.viewportY + y)?.translateToString(true) ?? ''}\n`;
    return s;
  }

  /** Resolves at the first parse after which the screen matches. */
  waitFor(re: RegExp, timeout = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (re.test(this.text())) {
          this.listeners.delete(check);
          clearTimeout(timer);
          resolve(performance.now());
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timeout waiting for ${re}\n${this.text()}`));
      }, timeout);
      this.listeners.add(check);
      check();
    });
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

  status(field: 'VmRSS' | 'VmHWM'): number {
    const m = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) / 1024 : NaN;
  }

  cpuTicks(): number {
    const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  }

  async quit(): Promise<void> {
    this.proc.kill('SIGTERM');
    await Promise.race([this.exited, sleep(5000)]);
    this.term.dispose();
  }
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (n: number, d = 1) => n.toFixed(d);

async function bareParse(bytes: number): Promise<number> {
  const term = new Terminal({ cols: 109, rows: 37, scrollback: 10_000, allowProposedApi: true });
  const chunks = [...flood(bytes)];
  const start = performance.now();
  // Keep a few MB in flight, as squadtui's own flow control does; xterm refuses more than 50 MB.
  let pending = 0;
  for (const c of chunks) {
    pending += c.length;
    if (pending > 4 * MB) {
      await new Promise<void>((r) => term.write(c, r));
      pending = 0;
    } else term.write(c);
  }
  await new Promise<void>((r) => term.write('', r));
  const ms = performance.now() - start;
  term.dispose();
  return ms;
}

interface FloodRun {
  rate: number;
  bareRate: number;
  lag: number;
  peak: number;
  rssBefore: number;
  cpuSeconds: number;
}

/** One flood through squadtui, with the bare parse of the same bytes before and after it. */
async function floodOnce(size: number): Promise<FloodRun> {
  const done = path.join(os.tmpdir(), `squadtui-flood-${process.pid}.json`);
  rmSync(done, { force: true });
  // The machine is shared: measure the bare parse before and after, and keep the faster.
  const bareBefore = await bareParse(size);
  const app = new App(['--program', `node ${path.join(AGENTS, 'flood-writer.mjs')} ${size} ${done}`]);
  await app.waitFor(/FLOOD READY/);
  const rssBefore = app.status('VmRSS');
  const ticksBefore = app.cpuTicks();
  const t0 = performance.now();
  app.proc.write('g');
  // The marker shows in the raw frames first; then confirm it is on the parsed screen.
  await app.waitForRaw('END-OF-FLOOD', 300_000);
  const shown = await app.waitFor(/END-OF-FLOOD/, 10_000);
  const cpuSeconds = (app.cpuTicks() - ticksBefore) / 100;
  const shownEpoch = Date.now() - (performance.now() - shown);
  const { end } = JSON.parse(readFileSync(done, 'utf8')) as { end: number };
  const peak = app.status('VmHWM');
  await app.quit();
  const bareMs = Math.min(bareBefore, await bareParse(size));
  rmSync(done, { force: true });
  return { rate: size / MB / ((shown - t0) / 1000), bareRate: size / MB / (bareMs / 1000), lag: (shownEpoch - end) / 1000, peak, rssBefore, cpuSeconds };
}

async function throughput(): Promise<void> {
  const size = (quick ? 10 : 50) * MB;
  const runs: FloodRun[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) runs.push(await floodOnce(size));
  // The median run by ratio; the spread is shown beside it.
  const byRatio = [...runs].sort((a, b) => a.rate / a.bareRate - b.rate / b.bareRate);
  const mid = byRatio[Math.floor(byRatio.length / 2)]!;
  const ratio = mid.rate / mid.bareRate;
  const spread = `${fmt(byRatio[0]!.rate / byRatio[0]!.bareRate, 2)}-${fmt(byRatio.at(-1)!.rate / byRatio.at(-1)!.bareRate, 2)}x`;
  const cpuRatio = size / MB / mid.cpuSeconds / mid.bareRate;
  rows.push({ metric: `throughput (${size / MB} MB mixed ANSI, median of ${runs.length})`, value: `${fmt(mid.rate)} MB/s`, baseline: `bare xterm ${fmt(mid.bareRate)} MB/s`, target: '≥ 0.5x bare', ok: ratio >= 0.5 });
  rows.push({ metric: '  ratio to bare parse', value: `${fmt(ratio, 2)}x`, baseline: `runs ${spread}`, target: '≥ 0.50x', ok: ratio >= 0.5 });
  rows.push({ metric: '  per CPU second (all of squadtui\'s threads)', value: `${fmt(size / MB / mid.cpuSeconds)} MB/s`, baseline: `${fmt(cpuRatio, 2)}x bare`, target: '', ok: undefined });
  rows.push({ metric: '  lag: writer end → last line on screen', value: `${fmt(Math.max(...runs.map((r) => r.lag)), 3)} s`, baseline: 'worst run', target: '< 0.2 s', ok: runs.every((r) => r.lag < 0.2) });
  rows.push({ metric: '  peak RSS during the flood', value: `${fmt(Math.max(...runs.map((r) => r.peak)), 0)} MB`, baseline: `${fmt(mid.rssBefore, 0)} MB before`, target: '< 250 MB', ok: runs.every((r) => r.peak < 250) });
}

/** Key into squadtui until the echo shows on its output; Enter every 40 keys keeps lines short. */
async function typeAndMeasure(app: App, keys: number): Promise<number[]> {
  const times: number[] = [];
  let typed = '';
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < keys; i++) {
    if (typed.length === 40) {
      const waitGot = app.waitForRaw('got: ');
      app.proc.write('\r');
      await waitGot;
      typed = '';
      await sleep(20);
    }
    typed += alphabet[i % alphabet.length];
    const echoed = app.waitForRaw(typed);
    const t = performance.now();
    app.proc.write(typed.at(-1)!);
    times.push((await echoed) - t);
    await sleep(5 + (i % 7));
  }
  return times;
}

/** The same keys straight into the echo agent in a bare pty: the floor of what a terminal can do. */
async function bareEcho(keys: number): Promise<number[]> {
  const p = pty.spawn(process.execPath, [ECHO], { name: 'xterm-256color', cols: 140, rows: 40, env: env() });
  let raw = '';
  p.onData((d) => (raw += d));
  while (!raw.includes('READY')) await sleep(10);
  const times: number[] = [];
  let typed = '';
  for (let i = 0; i < keys; i++) {
    if (typed.length === 40) {
      p.write('\r');
      typed = '';
      await sleep(20);
    }
    typed += String.fromCharCode(97 + (i % 26));
    const from = raw.length;
    const t = performance.now();
    p.write(typed.at(-1)!);
    const last = typed.at(-1)!;
    await new Promise<void>((resolve) => {
      const d = p.onData(() => {
        if (raw.indexOf(last, from) >= 0) {
          d.dispose();
          resolve();
        }
      });
    });
    times.push(performance.now() - t);
    await sleep(5);
  }
  p.kill();
  return times;
}

async function latency(): Promise<void> {
  const keys = quick ? 60 : 200;
  const bare = await bareEcho(keys);
  const idleApp = new App(['--program', `node ${ECHO}`]);
  await idleApp.waitFor(/AGENT \S+ READY/);
  const idle = await typeAndMeasure(idleApp, keys);
  await idleApp.quit();

  const loaded = new App(['--program', `node ${path.join(AGENTS, 'latency-agent.mjs')}`, '--agents', '4']);
  await loaded.waitFor(/AGENT node-1 READY/);
  await sleep(500);
  const underLoad = await typeAndMeasure(loaded, keys);
  await loaded.quit();

  rows.push({ metric: `echo latency idle (${keys} keys) p50`, value: `${fmt(pct(idle, 50), 2)} ms`, baseline: `bare pty ${fmt(pct(bare, 50), 2)} ms`, target: '≤ 8 ms', ok: pct(idle, 50) <= 8 });
  rows.push({ metric: '  p99', value: `${fmt(pct(idle, 99), 2)} ms`, baseline: `bare pty ${fmt(pct(bare, 99), 2)} ms`, target: '≤ 16 ms', ok: pct(idle, 99) <= 16 });
  rows.push({ metric: 'echo latency, 3 agents streaming, p50', value: `${fmt(pct(underLoad, 50), 2)} ms`, baseline: '', target: '≤ 8 ms', ok: pct(underLoad, 50) <= 8 });
  rows.push({ metric: '  p99', value: `${fmt(pct(underLoad, 99), 2)} ms`, baseline: '', target: '≤ 16 ms', ok: pct(underLoad, 99) <= 16 });
}

async function idleCost(): Promise<void> {
  const seconds = quick ? 5 : 20;
  const app = new App(['--program', `node ${path.join(AGENTS, 'idle-agent.mjs')}`, '--agents', '8']);
  await app.waitFor(/idle agent node-1/);
  await sleep(2000);
  const t0 = app.cpuTicks();
  await sleep(seconds * 1000);
  const ticks = app.cpuTicks() - t0;
  const cpu = (ticks / 100 / seconds) * 100;
  const rss = app.status('VmRSS');
  await app.quit();
  rows.push({ metric: `idle CPU, 8 agents, ${seconds} s`, value: `${fmt(cpu, 2)} %`, baseline: `${ticks} ticks`, target: '≤ 0.5 %', ok: cpu <= 0.5 });
  rows.push({ metric: 'idle RSS, 8 agents', value: `${fmt(rss, 0)} MB`, baseline: '', target: '≤ 120 MB', ok: rss <= 120 });
}

async function firstFrame(): Promise<void> {
  const runs = quick ? 3 : 7;
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const app = new App(['--program', `node ${path.join(AGENTS, 'idle-agent.mjs')}`]);
    const t1 = await app.waitFor(/squadtui · 1 agent[\s\S]*typing into agent/);
    times.push(t1 - t0);
    await app.quit();
    const b0 = performance.now();
    const p = pty.spawn(process.execPath, ['-e', "process.stdout.write('hello')"], { name: 'xterm-256color', cols: 80, rows: 24, env: env() });
    await new Promise<void>((r) => p.onData(() => r()));
    bare.push(performance.now() - b0);
    await new Promise<void>((r) => p.onExit(() => r()));
  }
  const median = pct(times, 50);
  rows.push({ metric: `first frame (median of ${runs})`, value: `${fmt(median, 0)} ms`, baseline: `bare node ${fmt(pct(bare, 50), 0)} ms`, target: '≤ 300 ms', ok: median <= 300 });
}

/** Laying out and drawing the task board: a pure function, timed in this process. */
async function taskBoard(): Promise<void> {
  for (const [name, reach] of [
    ['task board, 500 tasks (deps on recent ones)', 20],
    ['  500 tasks, deps anywhere before', 500],
  ] as const) {
    const { medianMs, lanes } = measureLayout(benchBoard(500, reach), 50);
    rows.push({ metric: name, value: `${fmt(medianMs, 1)} ms`, baseline: `${lanes} lanes, 50 cols`, target: `≤ ${TASK_LAYOUT_TARGET_MS} ms`, ok: medianMs <= TASK_LAYOUT_TARGET_MS });
  }
}

/** CPU ticks of `app` over `seconds` (after a settling pause), and the bytes it drew meanwhile. */
async function idleTicks(app: App, seconds: number): Promise<{ ticks: number; bytes: number }> {
  await sleep(2000);
  const t0 = app.cpuTicks();
  let bytes = 0;
  const counting = app.proc.onData((d) => (bytes += d.length));
  await sleep(seconds * 1000);
  counting.dispose();
  return { ticks: app.cpuTicks() - t0, bytes };
}

/** The board open on a 50-task graph costs no idle CPU: the same squadtui, board closed then open. */
async function boardIdle(): Promise<void> {
  const seconds = quick ? 5 : 20;
  // A repository with a commit (each agent gets a worktree, beside it in the same temp folder).
  const parent = mkdtempSync(path.join(os.tmpdir(), 'squadtui-bench-board-'));
  const repo = path.join(parent, 'repo');
  mkdirSync(repo);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'bench');
  const file = tasksLocation(repo).file;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(benchBoard(50, 10)));
  const app = new App(['--program', `node ${path.join(AGENTS, 'idle-agent.mjs')}`, '--agents', '8'], 140, 40, repo);
  try {
    await app.waitFor(/idle agent node-1/);
    const closed = await idleTicks(app, seconds);
    app.proc.write('\x1d'); // Ctrl+]: the squad menu, where t opens the board
    await app.waitFor(/\n squad menu/);
    app.proc.write('t');
    await app.waitFor(/Tasks · 50/);
    const open = await idleTicks(app, seconds);
    // Closed again: a difference that is only the squad settling shows here too.
    app.proc.write('t');
    await app.waitFor(/\n squad menu/);
    const after = await idleTicks(app, seconds);
    const cpu = (ticks: number) => (ticks / 100 / seconds) * 100;
    const added = cpu(open.ticks) - Math.max(cpu(closed.ticks), cpu(after.ticks));
    rows.push({ metric: `idle CPU, board open, 50 tasks, 8 agents, ${seconds} s`, value: `${fmt(cpu(open.ticks), 2)} %`, baseline: `closed ${fmt(cpu(closed.ticks), 2)} / ${fmt(cpu(after.ticks), 2)} % before/after`, target: '≤ +0.5 %', ok: added <= 0.5 });
    // What was drawn meanwhile: an idle squad should draw (almost) nothing, board or not.
    rows.push({ metric: '  bytes drawn while idle, closed / open / closed', value: `${closed.bytes} / ${open.bytes} / ${after.bytes}`, baseline: `ticks ${closed.ticks} / ${open.ticks} / ${after.ticks}`, target: '', ok: undefined });
  } finally {
    await app.quit();
    rmSync(parent, { recursive: true, force: true });
  }
}

/** task_get through `squadtui mcp` and back, as an agent calls it. */
async function mcpCalls(): Promise<void> {
  const calls = quick ? 100 : 500;
  const times = await mcpRoundTrips(BIN, calls);
  rows.push({ metric: `MCP task_get round trip (${calls} calls) p50`, value: `${fmt(pct(times, 50), 2)} ms`, baseline: 'SDK client, stdio', target: `≤ ${MCP_P50_TARGET_MS} ms`, ok: pct(times, 50) <= MCP_P50_TARGET_MS });
  rows.push({ metric: '  p99', value: `${fmt(pct(times, 99), 2)} ms`, baseline: '', target: '', ok: undefined });
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const suites: [string, () => Promise<void>][] = [
  ['first-frame', firstFrame],
  ['idle', idleCost],
  ['latency', latency],
  ['throughput', throughput],
  ['tasks', taskBoard],
  ['mcp', mcpCalls],
  ['board-idle', boardIdle],
  ['memory', async () => void rows.push(...(await memorySuite((args, cols, r) => new App(args, cols, r), BIN, quick)))],
];
for (const [name, run] of suites) {
  if (only && !only.split(',').includes(name)) continue;
  process.stderr.write(`running ${name}...\n`);
  await run();
}

const widths = [44, 14, 26, 12];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(' ');
console.log(`\nsquadtui benchmarks · ${os.cpus().length} cores · node ${process.version} · ${new Date().toISOString()}\n`);
console.log(line(['metric', 'squadtui', 'baseline (same run)', 'target', 'met']));
console.log('-'.repeat(104));
for (const r of rows) console.log(line([r.metric, r.value, r.baseline, r.target, r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']));
process.exit(0);
