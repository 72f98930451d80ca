// The background host (issue 11): attaching to a squad of 8 agents (window start to the full
// frame), and what the host costs at idle with no window attached. The host's echo latency and
// idle with a window attached are the latency and idle suites run through the `host` variant.
import { type Row, fmt, pct } from './report.js';
import { withTempRepo } from './repo.js';
import { AGENTS, Squadtui, hosted } from './squadtui.js';
import { cpuTicks } from './procs.js';
import { sleep } from './terminal.js';

const IDLE_AGENT = `node ${AGENTS}/idle-agent.mjs`;
const ATTACH_TARGET_MS = 300;
const FULL_FRAME = /squadtui · 8 agents[\s\S]*idle agent node-1[\s\S]*8 node-8/;

/** 8 idle agents in a repository, their window gone: the host alone. */
async function detachedSquad(repo: string): Promise<{ host: number[]; window: Squadtui }> {
  const window = new Squadtui(['--program', IDLE_AGENT, '--agents', '8'], { variant: hosted, cwd: repo });
  await window.waitFor(FULL_FRAME);
  const host = window.processes().filter((pid) => pid !== window.proc.pid);
  await window.close();
  return { host, window };
}

export async function attachAndDetached(rows: Row[], quick: boolean): Promise<void> {
  await withTempRepo('host', async (repo) => {
    const { host, window: first } = await detachedSquad(repo);
    try {
      const times: number[] = [];
      for (let i = 0; i < (quick ? 3 : 7); i++) {
        const t0 = performance.now();
        const w = new Squadtui(['attach'], { variant: hosted, cwd: repo });
        times.push((await w.waitFor(FULL_FRAME)) - t0);
        await w.close();
      }
      const median = pct(times, 50);
      rows.push({ metric: `attach, 8 agents: window start → full frame (median of ${times.length})`, value: `${fmt(median, 0)} ms`, baseline: `max ${fmt(Math.max(...times), 0)} ms`, target: `≤ ${ATTACH_TARGET_MS} ms`, ok: median <= ATTACH_TARGET_MS });
      // Start-up is over, and no window is attached: the host alone. About a minute after the
      // attaches V8 cleans up after them once (a major collection, ~0.1 s): the first minute shows
      // it, the next one what the host costs while it waits.
      await sleep(10_000);
      const seconds = quick ? 15 : 60;
      const ticksOver = async () => {
        const before = host.reduce((sum, pid) => sum + cpuTicks(pid), 0);
        await sleep(seconds * 1000);
        return host.reduce((sum, pid) => sum + cpuTicks(pid), 0) - before;
      };
      const percent = (ticks: number) => (ticks / 100 / seconds) * 100;
      const firstMinute = await ticksOver();
      const ticks = quick ? firstMinute : await ticksOver();
      const after = quick ? '' : `the ${seconds} s before: ${fmt(percent(firstMinute), 2)} % (${firstMinute} ticks, V8's clean-up after the attaches)`;
      rows.push({ metric: `idle CPU, 8 agents, host alone (detached), ${seconds} s`, value: `${fmt(percent(ticks), 2)} % (${ticks} ticks)`, baseline: after, target: '≤ 0.2 %', ok: percent(ticks) <= 0.2 });
    } finally {
      await hosted.stop?.(first);
    }
  });
}

/** Runs a suite through the host, its rows marked so. */
export async function throughHost(rows: Row[], suite: (into: Row[]) => Promise<void>): Promise<void> {
  const mine: Row[] = [];
  await suite(mine);
  for (const r of mine) rows.push({ ...r, metric: r.metric.startsWith('  ') ? r.metric : `host: ${r.metric}` });
}
