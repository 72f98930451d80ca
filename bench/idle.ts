// What an idle squad costs: 8 agents that print a line and wait, in a repository (each on its
// worktree). Measured from 10 s after start (start-up done) over a minute, beside tmux holding the
// same 8 programs over the same minute; and the task board open vs closed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tasksLocation } from '../src/core/tasks/location.js';
import { withTempRepo } from './repo.js';
import { type Row, fmt } from './report.js';
import { AGENTS, Squadtui, type Variant } from './squadtui.js';
import { benchBoard } from './tasks.js';
import { sleep } from './terminal.js';
import { TmuxServer, tmuxVersion } from './tmux.js';

const IDLE_AGENT = `node ${path.join(AGENTS, 'idle-agent.mjs')}`;
const percent = (ticks: number, seconds: number) => (ticks / 100 / seconds) * 100;

interface Sampled {
  /** CPU ticks in each slice. */
  readonly slices: number[];
  readonly bytes: number;
}

/** CPU ticks of `measure` in `slices` slices of `every` seconds, and the bytes `app` drew meanwhile. */
async function sample(app: { proc: Squadtui['proc'] }, measure: (() => number)[], slices: number, every: number): Promise<Sampled[]> {
  let bytes = 0;
  const counting = app.proc.onData((d) => (bytes += d.length));
  const results = measure.map(() => [] as number[]);
  let before = measure.map((m) => m());
  for (let i = 0; i < slices; i++) {
    await sleep(every * 1000);
    const now = measure.map((m) => m());
    now.forEach((t, k) => results[k]!.push(t - before[k]!));
    before = now;
  }
  counting.dispose();
  return results.map((s) => ({ slices: s, bytes }));
}

export async function idleCost(rows: Row[], variant: Variant, quick: boolean): Promise<void> {
  const [slices, every] = quick ? [3, 5] : [6, 10];
  const seconds = slices * every;
  await withTempRepo('idle', async (repo) => {
    const started = performance.now();
    const app = new Squadtui(['--program', IDLE_AGENT, '--agents', '8'], { variant, cwd: repo });
    const tmux = tmuxVersion() ? TmuxServer.start({ windows: Array.from({ length: 8 }, () => IDLE_AGENT), cwd: repo }) : undefined;
    const client = tmux?.attach();
    try {
      await app.waitFor(/idle agent node-1/);
      await sleep(Math.max(0, started + 10_000 - performance.now()));
      const [ours, theirs] = await sample(app, [() => app.cpuTicks(), () => tmux?.cpuTicks() ?? 0], slices, every);
      const ticks = ours!.slices.reduce((a, b) => a + b, 0);
      const tmuxTicks = theirs!.slices.reduce((a, b) => a + b, 0);
      const cpu = percent(ticks, seconds);
      const rss = app.memory('VmRSS');
      const baseline = tmux ? `tmux ${fmt(percent(tmuxTicks, seconds), 2)} % (${tmuxTicks} ticks)` : 'tmux not installed';
      rows.push({ metric: `idle CPU, 8 agents, ${seconds} s from 10 s after start`, value: `${fmt(cpu, 2)} % (${ticks} ticks)`, baseline, target: '≤ 0.5 %', ok: cpu <= 0.5 });
      rows.push({ metric: `  ticks per ${every} s, bytes drawn`, value: ours!.slices.join(' '), baseline: `${ours!.bytes} bytes drawn`, target: '', ok: undefined });
      rows.push({ metric: 'idle RSS, 8 agents', value: `${fmt(rss, 0)} MB`, baseline: tmux ? `tmux server ${fmt(tmux.memory('VmRSS'), 0)} MB` : '', target: '≤ 120 MB', ok: rss <= 120 });
    } finally {
      await app.quit();
      await client?.close();
      await tmux?.kill();
    }
  });
}

/** The board open on a 50-task graph costs no idle CPU: the same squadtui, board closed then open. */
export async function boardIdle(rows: Row[], variant: Variant, quick: boolean): Promise<void> {
  const seconds = quick ? 5 : 20;
  await withTempRepo('board', async (repo) => {
    const file = tasksLocation(repo).file;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(benchBoard(50, 10)));
    const started = performance.now();
    const app = new Squadtui(['--program', IDLE_AGENT, '--agents', '8'], { variant, cwd: repo });
    const window = async () => {
      await sleep(2000);
      const [s] = await sample(app, [() => app.cpuTicks()], 1, seconds);
      return { ticks: s!.slices[0]!, bytes: s!.bytes };
    };
    try {
      await app.waitFor(/idle agent node-1/);
      // Start-up (8 worktrees) done, as for the idle figure above.
      await sleep(Math.max(0, started + 8_000 - performance.now()));
      const closed = await window();
      app.write('\x1d'); // Ctrl+]: the squad menu, where t opens the board
      await app.waitFor(/\n squad menu/);
      app.write('t');
      await app.waitFor(/Tasks · 50/);
      const open = await window();
      // Closed again: a difference that is only the squad settling shows here too.
      app.write('t');
      await app.waitFor(/\n squad menu/);
      const after = await window();
      const cpu = (ticks: number) => percent(ticks, seconds);
      const added = cpu(open.ticks) - Math.max(cpu(closed.ticks), cpu(after.ticks));
      rows.push({ metric: `idle CPU, board open, 50 tasks, 8 agents, ${seconds} s`, value: `${fmt(cpu(open.ticks), 2)} %`, baseline: `closed ${fmt(cpu(closed.ticks), 2)} / ${fmt(cpu(after.ticks), 2)} % before/after`, target: '≤ +0.5 %', ok: added <= 0.5 });
      // What was drawn meanwhile: an idle squad should draw (almost) nothing, board or not.
      rows.push({ metric: '  bytes drawn while idle, closed / open / closed', value: `${closed.bytes} / ${open.bytes} / ${after.bytes}`, baseline: `ticks ${closed.ticks} / ${open.ticks} / ${after.ticks}`, target: '', ok: undefined });
    } finally {
      await app.quit();
    }
  });
}
