// Scrolling through a long history end to end: lines old enough to have left the emulator for the
// compact archive show on the panel with their text and colours, from the oldest one back to live.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, AppDriver } from '../helpers/app-driver.js';
import { waitFor } from '../helpers/wait-for.js';

const ECHO = path.join(AGENTS, 'echo-agent.mjs');
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** Colour (palette index) of the first cell of `word` on the driver's screen, if it is there. */
function colourOf(a: AppDriver, word: RegExp): number | undefined {
  const b = a.term.buffer.active;
  for (let y = 0; y < a.term.rows; y++) {
    const line = b.getLine(b.viewportY + y);
    const at = line?.translateToString().search(word) ?? -1;
    if (line && at >= 0) return line.getCell(at)?.getFgColor();
  }
  return undefined;
}

describe('scrollback', () => {
  it('scrolls to the oldest of 3,000 lines with their colours, a page down, and back to live', async () => {
    const a = (app = new AppDriver({ args: ['--program', `node ${ECHO}`, '--agents', '1'] }));
    await a.waitForText(/AGENT node READY/);
    a.type('flood 3000\r');
    await a.waitForText(/FLOOD DONE/);
    a.press('mode.squad');
    a.press('scroll.top', 'squad');
    await a.waitForText(/flood line 1 colour\n[^\n]*flood line 2 colour/);
    // flood line i says "colour" in palette colour i % 8.
    await a.waitForText(/flood line 3 colour/);
    expect(colourOf(a, /(?<=flood line 3 )colour/)).toBe(3);
    expect(colourOf(a, /(?<=flood line 5 )colour/)).toBe(5);
    a.press('scroll.pageDown', 'squad');
    await a.waitForNoText(/flood line 1 colour/);
    const page = Number(/flood line (\d+) colour/.exec(await a.panel())![1]);
    expect(page).toBeGreaterThan(10);
    expect(colourOf(a, new RegExp(`(?<=flood line ${page + 1} )colour`))).toBe((page + 1) % 8);
    a.press('scroll.bottom', 'squad');
    await a.waitForText(/flood line 3000 colour[\s\S]*FLOOD DONE/);
    await a.waitForNoText(/scrolled back/);
  });

  it('gives back what start-up and then a flood left once the squad is quiet, and says so in the log', async () => {
    // Four agents: the reducer acts on 8 MB of growth, and one agent's start-up leaves about that, no more.
    const a = (app = new AppDriver({ args: ['--program', `node ${ECHO}`, '--agents', '4'] }));
    const givenBack = (count: number) =>
      waitFor(() => [...a.log().matchAll(/memory given back after a quiet second: heap and buffers ([\d.]+) MB → ([\d.]+) MB/g)][count - 1], {
        timeout: 30_000,
        interval: 200,
        message: () => a.log(),
      });
    await a.waitForText(/AGENT node-1 READY/);
    const startUp = await givenBack(1);
    expect(Number(startUp[1]) - Number(startUp[2])).toBeGreaterThan(1);
    a.type('flood 100000\r');
    await a.waitForText(/FLOOD DONE/);
    const flood = await givenBack(2);
    expect(Number(flood[1]) - Number(flood[2])).toBeGreaterThan(1);
  });
});
