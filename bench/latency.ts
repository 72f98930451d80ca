// Keystroke echo latency: a key into the window until its echo is on the parsed screen, at the
// cursor. squadtui idle and with 3 other agents streaming; bare tmux with the same programs in the
// same run (3 windows streaming, the echo in the 4th, on screen) as the baseline under load; a bare
// pty as the floor.
import path from 'node:path';
import * as pty from 'node-pty';
import { type Row, fmt, pct } from './report.js';
import { AGENTS, ECHO, Squadtui, type Variant, benchEnv } from './squadtui.js';
import { type PtyScreen, sleep } from './terminal.js';
import { TmuxServer, tmuxVersion } from './tmux.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const STREAM = path.join(AGENTS, 'stream-agent.mjs');

/** Keys typed first and not counted: the first keys after start also time the JIT warming up. */
const WARM_UP_KEYS = 20;

/**
 * Keys into `screen` one at a time, each timed until the echo agent's line shows it before the
 * cursor; Enter every 40 keys keeps lines short. `from` varies the keys from round to round.
 */
export async function typeAndMeasure(screen: PtyScreen, keys: number, from = 0): Promise<number[]> {
  const times: number[] = [];
  let typed = '';
  for (let i = -WARM_UP_KEYS; i < keys; i++) {
    if (typed.length === 40) {
      screen.write('\r');
      await screen.waitUntil(() => screen.beforeCursor().endsWith('> '), () => 'a new prompt after Enter', 10_000);
      typed = '';
      await sleep(20);
    }
    typed += ALPHABET[(from + i + WARM_UP_KEYS) % ALPHABET.length];
    const expected = `> ${typed}`;
    const t = performance.now();
    screen.write(typed.at(-1)!);
    const shown = await screen.waitUntil(() => screen.beforeCursor().endsWith(expected), () => JSON.stringify(expected), 10_000);
    if (i >= 0) times.push(shown - t);
    await sleep(5 + ((i + WARM_UP_KEYS) % 7));
  }
  return times;
}

/** The same keys straight into the echo agent in a bare pty: the floor of what a terminal can do. */
async function bareEcho(keys: number): Promise<number[]> {
  const p = pty.spawn(process.execPath, [ECHO], { name: 'xterm-256color', cols: 140, rows: 40, env: benchEnv() });
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

/** squadtui with the echo agent first and `streaming` agents streaming behind it. */
async function squadtuiEcho(variant: Variant, streaming: number, keys: number, from: number): Promise<number[]> {
  const program = streaming ? `node ${path.join(AGENTS, 'latency-agent.mjs')}` : `node ${ECHO}`;
  const app = new Squadtui(['--program', program, '--agents', String(streaming + 1)], { variant });
  try {
    await app.waitFor(/AGENT \S+ READY/);
    await sleep(500);
    return await typeAndMeasure(app, keys, from);
  } finally {
    await app.quit();
  }
}

/** tmux with the same programs: `streaming` windows streaming, the echo agent's window on screen. */
async function tmuxEcho(streaming: number, keys: number, from: number): Promise<number[]> {
  const windows = [...Array.from({ length: streaming }, () => `node ${STREAM}`), `SQUADTUI_AGENT=node-1 node ${ECHO}`];
  const server = TmuxServer.start({ windows });
  const client = server.attach();
  try {
    await client.waitFor(/AGENT node-1 READY/);
    await sleep(500);
    return await typeAndMeasure(client, keys, from);
  } finally {
    await client.close();
    await server.kill();
  }
}

const ms = (n: number) => `${fmt(n, 2)} ms`;

export async function latency(rows: Row[], variant: Variant, quick: boolean): Promise<void> {
  const keys = quick ? 60 : 200;
  // Under load the two are measured in alternating rounds: the machine's load moves over a run.
  // Four rounds (800 keys each): the p99 of 400 was the 4th slowest key, and moved by 2x from run to run.
  const rounds = quick ? 1 : 4;
  const withTmux = tmuxVersion() !== undefined;
  const bare = await bareEcho(keys);
  const idle = await squadtuiEcho(variant, 0, keys, 0);
  const tmuxIdle = withTmux ? await tmuxEcho(0, keys, 0) : [];
  const loaded: number[] = [];
  const tmuxLoaded: number[] = [];
  for (let r = 0; r < rounds; r++) {
    loaded.push(...(await squadtuiEcho(variant, 3, keys, r * 7)));
    if (withTmux) tmuxLoaded.push(...(await tmuxEcho(3, keys, r * 7)));
  }
  const tmux = (values: number[], p: number) => (withTmux ? `tmux ${ms(pct(values, p))}` : 'tmux not installed');
  rows.push({ metric: `echo latency idle (${keys} keys) p50`, value: ms(pct(idle, 50)), baseline: `${tmux(tmuxIdle, 50)}, bare pty ${ms(pct(bare, 50))}`, target: '≤ 8 ms', ok: pct(idle, 50) <= 8 });
  rows.push({ metric: '  p99', value: ms(pct(idle, 99)), baseline: `${tmux(tmuxIdle, 99)}, bare pty ${ms(pct(bare, 99))}`, target: '≤ 16 ms', ok: pct(idle, 99) <= 16 });
  rows.push({ metric: `echo latency, 3 agents streaming (${loaded.length} keys) p50`, value: ms(pct(loaded, 50)), baseline: tmux(tmuxLoaded, 50), target: '≤ 8 ms', ok: pct(loaded, 50) <= 8 });
  rows.push({ metric: '  p99', value: ms(pct(loaded, 99)), baseline: tmux(tmuxLoaded, 99), target: '≤ 16 ms', ok: pct(loaded, 99) <= 16 });
  if (withTmux) {
    const ratio = pct(loaded, 99) / pct(tmuxLoaded, 99);
    rows.push({ metric: '  p99 as a ratio of tmux\'s under the same load', value: `${fmt(ratio, 2)}x`, baseline: `${rounds} alternating rounds each`, target: '≤ 2x', ok: ratio <= 2 });
  }
}
