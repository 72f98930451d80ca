// The squad shell end to end: the built CLI in a real pty with three fake agents.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, AppDriver, descendants, isAlive } from '../helpers/app-driver.js';
import { waitFor } from '../helpers/wait-for.js';

const ECHO = path.join(AGENTS, 'echo-agent.mjs');
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function start(extra: string[] = [], options: { cols?: number; rows?: number } = {}): AppDriver {
  app = new AppDriver({ args: ['--program', `node ${ECHO} ${extra.join(' ')}`, '--agents', '3'], ...options });
  return app;
}

/** The agent named in the panel header (first line of the panel). */
async function selectedName(a: AppDriver): Promise<string> {
  const panel = await a.panel();
  return panel.split("\n")[0]!.trim().split(" ")[0]!;
}

async function ready(a: AppDriver): Promise<void> {
  await a.waitForText(/AGENT node-1 READY/);
}

describe('squad shell', () => {
  it('switches agents with Shift+Down/Up, wrapping around', async () => {
    const a = start();
    await ready(a);
    expect(await selectedName(a)).toBe('node-1');
    a.press('agent.next');
    await a.waitForText(/AGENT node-2 READY/);
    expect(await selectedName(a)).toBe('node-2');
    a.press('agent.next');
    await a.waitForText(/AGENT node-3 READY/);
    a.press('agent.next');
    await a.waitForText(/AGENT node-1 READY/);
    expect(await selectedName(a)).toBe('node-1');
    a.press('agent.prev');
    await a.waitForText(/AGENT node-3 READY/);
    expect(await selectedName(a)).toBe('node-3');
    a.press('agent.jump.2');
    await a.waitForText(/AGENT node-2 READY/);
  });

  it('sends typed text only to the selected agent', async () => {
    const a = start();
    await ready(a);
    a.type('hello squad\r');
    await a.waitForText(/node-1 got: hello squad/);
    for (const name of ['node-2', 'node-3']) {
      a.press('agent.next');
      await a.waitForText(new RegExp(`AGENT ${name} READY`));
      expect(await a.panel()).not.toMatch(/got: hello squad/);
    }
  });

  it('passes control keys through byte for byte', async () => {
    const a = start();
    await ready(a);
    // Ctrl+A, Ctrl+B, Ctrl+E, Ctrl+G, Ctrl+L, Ctrl+O, Ctrl+R, Ctrl+T, Tab, Ctrl+D all belong to the agent.
    a.type('\x01\x02\x05\x07\x0c\x0f\x12\x14\t\x04');
    await a.waitForText(/<01><02><05><07><0c><0f><12><14><09><04>/);
    // Esc and Shift+Tab too, as the bytes a terminal sends for them.
    a.key('escape');
    a.key('shift+tab');
    await a.waitForText(/<1b><1b>\[Z/);
    a.type('é中\r');
    await a.waitForText(/node-1 got: \[Zé中/);
  });

  it('scrolls back through history with a marker, and returns to live on typing', async () => {
    const a = start();
    await ready(a);
    a.type('flood 300\r');
    await a.waitForText(/FLOOD DONE/);
    const offset = async () => Number(/↑ scrolled back (\d+) lines/.exec(await a.waitForText(/↑ scrolled back \d+ lines/))![1]);
    a.press('scroll.pageUp');
    const one = await offset();
    expect(one).toBeGreaterThan(0);
    // (The frame may still be arriving when the marker shows: wait for all of it.)
    await a.waitForNoText(/FLOOD DONE/);
    a.press('scroll.pageUp');
    await a.waitForText(new RegExp(`scrolled back ${one * 2} lines`));
    a.press('scroll.pageDown');
    await a.waitForText(new RegExp(`scrolled back ${one} lines`));
    a.type('x');
    await a.waitForNoText(/scrolled back/);
    await a.waitForText(/FLOOD DONE/);
  });

  it('resizes every agent, hidden ones too', async () => {
    const a = start();
    await ready(a);
    // All three started (at the first size) before the terminal changes.
    await waitFor(async () => !(await a.screenText()).includes('starting'));
    a.resize(100, 30);
    await a.waitForText(/node-1 resized \d+x\d+/);
    const size = (await a.screenText()).match(/node-1 resized (\d+x\d+)/)![1];
    for (const name of ['node-2', 'node-3']) {
      a.press('agent.next');
      await a.waitForText(new RegExp(`${name} resized ${size}`));
    }
  });

  it('redraws the whole frame when only the height changes', async () => {
    const a = start();
    await ready(a);
    a.resize(120, 30);
    await a.waitForText(/node-1 resized 91x27/);
    const lines = await a.screen();
    expect(lines[0]).toContain('squadtui · 3 agents');
    expect(lines[28]).toMatch(/typing into agent/);
  });

  it('shows the exit code of an agent that exits, and restarts it', async () => {
    const a = start();
    await ready(a);
    a.type('exit 3\r');
    await a.waitForText(/exited with code 3/);
    a.press('mode.squad');
    a.press('agent.restart', 'squad');
    await a.waitForNoText(/exited with code 3/);
    // The new run starts on a clean screen; the old one is in the scrollback above one rule.
    await a.waitForText(/AGENT node-1 READY/);
    expect(await a.panel()).not.toMatch(/exit 3|restarted/);
    a.press('scroll.pageUp', 'squad');
    await a.waitForText(/exit 3[\s\S]*── restarted .* ──/);
  });

  it('quits on request, restores the terminal and leaves no agent alive', async () => {
    const a = start();
    await ready(a);
    a.type('child\r');
    const child = Number((await a.waitForText(/CHILD (\d+)/)).match(/CHILD (\d+)/)![1]);
    const agents = descendants(a.proc.pid);
    expect(agents.length).toBeGreaterThanOrEqual(4);
    a.press('mode.squad');
    a.press('quit', 'squad');
    await a.waitForText(/Quit squadtui\?/);
    a.press('dialog.submit', 'confirm');
    expect(await a.exited).toBe(0);
    // The last bytes leave the alternate screen with the cursor shown and input modes reset.
    const tail = a.output.slice(-200);
    expect(tail).toContain('\x1b[?2004l');
    expect(tail).toContain('\x1b[?25h');
    expect(tail.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(tail.lastIndexOf('\x1b[?1049h'));
    await waitFor(() => [...agents, child].every((pid) => !isAlive(pid)), { timeout: 5000 });
  });

  it('ends agents that ignore SIGTERM with SIGKILL, on SIGTERM to squadtui', async () => {
    const a = start(['--ignore-term']);
    await ready(a);
    const agents = descendants(a.proc.pid);
    process.kill(a.proc.pid, 'SIGTERM');
    await a.exited;
    expect(a.output).toContain('\x1b[?1049l');
    await waitFor(() => agents.every((pid) => !isAlive(pid)), { timeout: 5000 });
  });
});
