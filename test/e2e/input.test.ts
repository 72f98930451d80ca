// Nothing typed is lost, end to end: pastes of several MB reach the agent whole, with paste markers
// only for a program that asked for them.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, AppDriver } from '../helpers/app-driver.js';

let app: AppDriver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const PASTE_AGENT = path.join(AGENTS, 'paste-agent.mjs');
const START = '\x1b[200~';
const END = '\x1b[201~';

/** About `mb` MB of lines, each with the squad-menu key followed by "x y" (close, yes) and Enter. */
function payload(mb: number): string {
  const line = (i: number) => `line ${i} \x1d x y ${'abcdefghij'.repeat(6)}\r`;
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    lines.push(line(i));
    size += lines[i]!.length;
  }
  return `\x1dxy${lines.join('')}`;
}

const digest = (text: string) => createHash('sha256').update(text, 'latin1').digest('hex').slice(0, 16);

function startPasteAgent(bracketed: boolean) {
  app = new AppDriver({ args: ['--program', `node ${PASTE_AGENT}${bracketed ? ' --bracketed' : ''}`, '--no-worktree'], cols: 120, rows: 30 });
  return app;
}

describe('pastes', () => {
  it('a paste of several MB reaches a program that never asked for bracketed paste whole, without markers, and runs no squadtui key', async () => {
    const a = startPasteAgent(false);
    await a.waitForText('PASTE AGENT READY');
    const content = payload(4);
    a.type(`${START}${content}${END}`);
    await a.waitForText(`GOT ${content.length} ${digest(content)} MARKERS 0`, 20_000);
    const screen = await a.screenText();
    expect(screen).toContain('squadtui · 1 agent');
    expect(screen).not.toMatch(/Close|MENU/);
  });

  it('a program that asked for bracketed paste gets the paste between its markers', async () => {
    const a = startPasteAgent(true);
    await a.waitForText('PASTE AGENT READY (bracketed)');
    const content = payload(2);
    a.type(`${START}${content}${END}`);
    const sent = `${START}${content}${END}`;
    await a.waitForText(`GOT ${sent.length} ${digest(sent)} MARKERS 2`, 20_000);
    expect(await a.screenText()).toContain('squadtui · 1 agent');
  });
});
