// squadtui benchmarks: first frame, idle cost, keystroke latency, throughput, the task board, MCP
// calls, memory at scale. Each runs the built CLI in a real pty, reads its screen through
// @xterm/headless, and is compared with a baseline measured in the same run (bare node, bare
// xterm, bare tmux; machines here are noisy: read the ratios). The order below is the table's.
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';
import { flood } from './flood-data.mjs';
import { boardIdle, idleCost } from './idle.js';
import { latency } from './latency.js';
import { memoryAtScale } from './memory.js';
import { attachAndDetached, throughHost } from './host.js';
import { MCP_P50_TARGET_MS, mcpRoundTrips } from './mcp.js';
import { type Row, fmt, pct, printTable, rows } from './report.js';
import { AGENTS, BIN, Squadtui, type Variant, benchEnv, hosted, variantFromArgs } from './squadtui.js';
import { TASK_LAYOUT_TARGET_MS, benchBoard, measureLayout } from './tasks.js';

const { Terminal } = xtermHeadless;
const MB = 1024 * 1024;
const quick = process.argv.includes('--quick');
const variant = variantFromArgs(process.argv);

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
async function floodOnce(size: number, via: Variant): Promise<FloodRun> {
  const done = path.join(os.tmpdir(), `squadtui-flood-${process.pid}.json`);
  rmSync(done, { force: true });
  // The machine is shared: measure the bare parse before and after, and keep the faster.
  const bareBefore = await bareParse(size);
  const app = new Squadtui(['--program', `node ${path.join(AGENTS, 'flood-writer.mjs')} ${size} ${done}`], { variant: via });
  await app.waitFor(/FLOOD READY/);
  const rssBefore = app.memory('VmRSS');
  const ticksBefore = app.cpuTicks();
  const t0 = performance.now();
  app.proc.write('g');
  // The marker shows in the raw frames first; then confirm it is on the parsed screen.
  await app.waitForRaw('END-OF-FLOOD', 300_000);
  const shown = await app.waitFor(/END-OF-FLOOD/, 10_000);
  const cpuSeconds = (app.cpuTicks() - ticksBefore) / 100;
  const shownEpoch = Date.now() - (performance.now() - shown);
  const { end } = JSON.parse(readFileSync(done, 'utf8')) as { end: number };
  const peak = app.memory('VmHWM');
  await app.quit();
  const bareMs = Math.min(bareBefore, await bareParse(size));
  rmSync(done, { force: true });
  return { rate: size / MB / ((shown - t0) / 1000), bareRate: size / MB / (bareMs / 1000), lag: (shownEpoch - end) / 1000, peak, rssBefore, cpuSeconds };
}

async function throughput(into: Row[] = rows, via: Variant = variant): Promise<void> {
  const size = (quick ? 10 : 50) * MB;
  const runs: FloodRun[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) runs.push(await floodOnce(size, via));
  // The median run by ratio; the spread is shown beside it.
  const byRatio = [...runs].sort((a, b) => a.rate / a.bareRate - b.rate / b.bareRate);
  const mid = byRatio[Math.floor(byRatio.length / 2)]!;
  const ratio = mid.rate / mid.bareRate;
  const spread = `${fmt(byRatio[0]!.rate / byRatio[0]!.bareRate, 2)}-${fmt(byRatio.at(-1)!.rate / byRatio.at(-1)!.bareRate, 2)}x`;
  const cpuRatio = size / MB / mid.cpuSeconds / mid.bareRate;
  into.push({ metric: `throughput (${size / MB} MB mixed ANSI, median of ${runs.length})`, value: `${fmt(mid.rate)} MB/s`, baseline: `bare xterm ${fmt(mid.bareRate)} MB/s`, target: '≥ 0.5x bare', ok: ratio >= 0.5 });
  into.push({ metric: '  ratio to bare parse', value: `${fmt(ratio, 2)}x`, baseline: `runs ${spread}`, target: '≥ 0.50x', ok: ratio >= 0.5 });
  into.push({ metric: '  per CPU second (all of squadtui\'s threads)', value: `${fmt(size / MB / mid.cpuSeconds)} MB/s`, baseline: `${fmt(cpuRatio, 2)}x bare`, target: '', ok: undefined });
  into.push({ metric: '  lag: writer end → last line on screen', value: `${fmt(Math.max(...runs.map((r) => r.lag)), 3)} s`, baseline: 'worst run', target: '< 0.2 s', ok: runs.every((r) => r.lag < 0.2) });
  into.push({ metric: '  peak RSS during the flood', value: `${fmt(Math.max(...runs.map((r) => r.peak)), 0)} MB`, baseline: `${fmt(mid.rssBefore, 0)} MB before`, target: '< 250 MB', ok: runs.every((r) => r.peak < 250) });
}

async function firstFrame(into: Row[] = rows, via: Variant = variant): Promise<void> {
  const runs = quick ? 3 : 7;
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const app = new Squadtui(['--program', `node ${path.join(AGENTS, 'idle-agent.mjs')}`], { variant: via });
    const t1 = await app.waitFor(/squadtui · 1 agent[\s\S]*typing into agent/);
    times.push(t1 - t0);
    await app.quit();
    const b0 = performance.now();
    const p = pty.spawn(process.execPath, ['-e', "process.stdout.write('hello')"], { name: 'xterm-256color', cols: 80, rows: 24, env: benchEnv() });
    await new Promise<void>((r) => p.onData(() => r()));
    bare.push(performance.now() - b0);
    await new Promise<void>((r) => p.onExit(() => r()));
  }
  const median = pct(times, 50);
  into.push({ metric: `first frame (median of ${runs})`, value: `${fmt(median, 0)} ms`, baseline: `bare node ${fmt(pct(bare, 50), 0)} ms`, target: '≤ 300 ms', ok: median <= 300 });
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
  ['idle', () => idleCost(rows, variant, quick)],
  ['latency', () => latency(rows, variant, quick)],
  ['throughput', throughput],
  ['tasks', taskBoard],
  ['mcp', mcpCalls],
  ['board-idle', () => boardIdle(rows, variant, quick)],
  ['memory', () => memoryAtScale(rows, variant)],
  // Through the background host, beside the figures above.
  ['host-first-frame', () => throughHost(rows, (into) => firstFrame(into, hosted))],
  ['host-throughput', () => throughHost(rows, (into) => throughput(into, hosted))],
  ['host-latency', () => throughHost(rows, (into) => latency(into, hosted, quick))],
  ['host-idle', () => throughHost(rows, (into) => idleCost(into, hosted, quick))],
  ['host-attach', () => attachAndDetached(rows, quick)],
  ['host-memory', () => throughHost(rows, (into) => memoryAtScale(into, hosted))],
];
for (const [name, run] of suites) {
  if (only && !only.split(',').includes(name)) continue;
  process.stderr.write(`running ${name}...\n`);
  await run();
}

printTable(`squadtui benchmarks · ${variant.name} · ${os.cpus().length} cores · node ${process.version} · ${new Date().toISOString()}`);
process.exit(0);
