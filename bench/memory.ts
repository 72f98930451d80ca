// Memory at scale: 16 agents each holding 10,000 lines of scrollback at 120 columns (code-like
// text, some coloured: bench/agents/scrollback-agent.mjs), squadtui's resident memory beside a
// tmux server holding the same 16 x 10,000 lines (history-limit 10000), in the same run. And
// whether switching to any agent still shows its screen at once (the frame after Shift+Down,
// beside tmux's next-window).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type MemoryField, memoryMB } from './procs.js';
import { type Row, fmt, pct } from './report.js';
import { AGENTS, Squadtui, type Variant } from './squadtui.js';
import { type PtyScreen, sleep } from './terminal.js';
import { TmuxServer, tmuxVersion } from './tmux.js';

const AGENT_COUNT = 16;
const LINES = 10_000;
/** The agents' screen: 120 x 37 in both. */
const AGENT_ROWS = 37;
/** squadtui's window for it: sidebar 28 + border 1 + 120; a header row, 37 rows, the footer. */
const WINDOW = { cols: 149, rows: 40 };
/** tmux's: the pane and tmux's status line. */
const PANE = { cols: 120, rows: AGENT_ROWS + 1 };
/**
 * Lines printed so that exactly LINES are in the scrollback (the last line and the prompt below
 * it make 2 more): tmux trims a tenth of its history-limit at once when it is exceeded.
 */
const PRINTED = LINES + AGENT_ROWS - 2;
const SHIFT_DOWN = '\x1b[1;2B';
const SWITCH_TARGET_MS = 100;
const TMUX_NEXT = '\x02n'; // the prefix (Ctrl+B), then n: the next window

interface Held {
  /** Resident MB before the agents print, and once everything is parsed (each once it holds still). */
  readonly before: number;
  readonly after: number;
  /** Milliseconds from the switch key to the next agent's screen, for each agent after the first. */
  readonly switches: number[];
  /** Resident MB after visiting every agent, and the part of it not mapped from files. */
  readonly visited: number;
  readonly own: number;
}

/** Until `test` holds, checking every 100 ms. */
async function until(test: () => boolean, what: string, timeout = 180_000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`timeout waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Resident memory once it holds still (within 1 MB for 3 s, at most 20 s): what a squad at rest
 * holds. squadtui gives memory back a second or two after it goes quiet (memory-reducer.ts); tmux's
 * holds still at once. The same rule for both.
 */
async function steady(memory: () => number): Promise<number> {
  const samples: number[] = [];
  const deadline = performance.now() + 20_000;
  for (;;) {
    samples.push(memory());
    const recent = samples.slice(-6);
    if (recent.length === 6 && Math.max(...recent) - Math.min(...recent) <= 1) return recent.at(-1)!;
    if (performance.now() > deadline) return samples.at(-1)!;
    await sleep(500);
  }
}

/** Until the CPU of `ticks` stays (almost) still for a second: all output parsed. */
async function settled(ticks: () => number): Promise<void> {
  let quiet = 0;
  let last = ticks();
  await until(() => {
    const now = ticks();
    quiet = now - last <= 1 ? quiet + 1 : 0;
    last = now;
    return quiet >= 10;
  }, 'the CPU to settle');
}

const files = (dir: string, prefix: string) => Array.from({ length: AGENT_COUNT }, (_, i) => path.join(dir, `${prefix}-node-${i + 1}`));

/**
 * One holder of the 16 agents: they start, wait for the go file, print, and are then visited one
 * by one with `next` (each agent's last line must be on screen).
 */
async function hold(screen: PtyScreen, dir: string, memory: (field?: MemoryField) => number, ticks: () => number, next: string): Promise<Held> {
  await until(() => files(dir, 'ready').every(existsSync), 'every agent to start');
  await settled(ticks);
  const before = await steady(() => memory());
  writeFileSync(path.join(dir, 'go'), '');
  await until(() => files(dir, 'done').every(existsSync), 'every agent to print its lines');
  await settled(ticks);
  const after = await steady(() => memory());
  const switches: number[] = [];
  for (let i = 2; i <= AGENT_COUNT; i++) {
    const shown = new RegExp(`END OF node-${i} SCROLLBACK`);
    const t = performance.now();
    screen.write(next);
    switches.push((await screen.waitFor(shown, 10_000)) - t);
    await sleep(100);
  }
  const visited = await steady(() => memory());
  return { before, after, switches, visited, own: memory('RssAnon') };
}

async function inSquadtui(variant: Variant, dir: string): Promise<Held> {
  const program = `node ${path.join(AGENTS, 'scrollback-agent.mjs')} ${PRINTED} ${path.join(dir, 'go')}`;
  const app = new Squadtui(['--program', program, '--agents', String(AGENT_COUNT)], { variant, ...WINDOW });
  try {
    await app.waitFor(new RegExp(`squadtui · ${AGENT_COUNT} agents`));
    return await hold(app, dir, (field) => app.memory(field), () => app.cpuTicks(), SHIFT_DOWN);
  } finally {
    await app.quit();
  }
}

async function inTmux(dir: string): Promise<Held & { client: number }> {
  const program = `node ${path.join(AGENTS, 'scrollback-agent.mjs')} ${PRINTED} ${path.join(dir, 'go')}`;
  const windows = Array.from({ length: AGENT_COUNT }, (_, i) => `SQUADTUI_AGENT=node-${i + 1} ${program}`);
  const server = TmuxServer.start({ windows, historyLimit: LINES, ...PANE });
  server.tmux('select-window', '-t', 'bench:0');
  const client = server.attach();
  try {
    const held = await hold(client, dir, (field) => server.memory(field), () => server.cpuTicks(), TMUX_NEXT);
    const histories = server.historySizes();
    if (histories.some((h) => h !== LINES)) throw new Error(`tmux holds other than ${LINES} lines: ${histories.join(' ')}`);
    return { ...held, client: memoryMB(client.proc.pid, 'VmRSS') };
  } finally {
    await client.close();
    await server.kill();
  }
}

async function inTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-bench-memory-'));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function memoryAtScale(rows: Row[], variant: Variant): Promise<void> {
  const ours = await inTempDir((dir) => inSquadtui(variant, dir));
  const tmux = tmuxVersion() ? await inTempDir((dir) => inTmux(dir)) : undefined;
  const mb = (n: number) => `${fmt(n, 0)} MB`;
  const perAgent = (h: Held) => `${fmt((h.after - h.before) / AGENT_COUNT, 1)} MB`;
  const held = `${AGENT_COUNT} agents x ${LINES} lines, 120 cols`;
  if (tmux) {
    const ratio = ours.visited / tmux.visited;
    rows.push({ metric: `RSS, ${held}`, value: mb(ours.visited), baseline: `tmux server ${mb(tmux.visited)} (client ${mb(tmux.client)})`, target: '≤ 2x tmux', ok: ratio <= 2 });
    rows.push({ metric: '  as a ratio of tmux\'s', value: `${fmt(ratio, 2)}x`, baseline: '', target: '≤ 2x', ok: ratio <= 2 });
    rows.push({ metric: '  per agent\'s 10,000 lines', value: perAgent(ours), baseline: `tmux ${perAgent(tmux)}`, target: '', ok: undefined });
    // Each node process maps about 40 MB of node's own binary (counted in each, shared by all).
    rows.push({ metric: '  of it the processes\' own (not mapped files)', value: mb(ours.own), baseline: `tmux ${mb(tmux.own)}`, target: '', ok: undefined });
  } else {
    rows.push({ metric: `RSS, ${held}`, value: mb(ours.visited), baseline: 'tmux not installed', target: '≤ 2x tmux', ok: undefined });
    rows.push({ metric: '  per agent\'s 10,000 lines', value: perAgent(ours), baseline: '', target: '', ok: undefined });
  }
  rows.push({ metric: '  before the agents printed / after', value: `${mb(ours.before)} / ${mb(ours.after)}`, baseline: tmux ? `tmux ${mb(tmux.before)} / ${mb(tmux.after)}` : '', target: '', ok: undefined });
  const p50 = pct(ours.switches, 50);
  const worst = Math.max(...ours.switches);
  const theirs = tmux ? `tmux next-window ${fmt(pct(tmux.switches, 50), 1)} / ${fmt(Math.max(...tmux.switches), 1)} ms` : '';
  // "At once": no slower than a frame a person notices.
  rows.push({ metric: `  Shift+Down → next agent's screen, p50 / max of ${ours.switches.length}`, value: `${fmt(p50, 1)} / ${fmt(worst, 1)} ms`, baseline: theirs, target: `max ≤ ${SWITCH_TARGET_MS} ms`, ok: worst <= SWITCH_TARGET_MS });
}
