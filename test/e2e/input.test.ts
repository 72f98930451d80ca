// Nothing typed is lost, end to end: pastes of several MB reach the agent whole, with paste markers
// only for a program that asked for them, and keys typed while an agent starts reach it in order.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, AppDriver } from '../helpers/app-driver.js';
import { CLAUDE_COLS, CLAUDE_ROWS, claudeShim, inputLog } from '../helpers/claude-shim.js';
import { GIT_IDENTITY, type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

let app: AppDriver | undefined;
let repo: TempRepo | undefined;

afterEach(async () => {
  await app?.stop();
  repo?.cleanup();
  app = undefined;
  repo = undefined;
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

describe('keys typed while an agent starts', () => {
  /** squadtui in a new repository whose worktree setup waits for the file it returns. */
  function slowStart(args: string[], options: { env?: Record<string, string>; cols?: number; rows?: number } = {}) {
    repo = tempRepo();
    const go = path.join(path.dirname(repo.dir), 'go');
    const setup = `echo SETUP-WAITING; while [ ! -e '${go}' ]; do sleep 0.05; done`;
    app = new AppDriver({ args, cwd: repo.dir, env: { ...GIT_IDENTITY, ...options.env }, cols: options.cols, rows: options.rows, settings: JSON.stringify({ worktree: { setup } }) });
    return { a: app, go };
  }

  it('reach the agent in order once it runs, however long its worktree takes', async () => {
    const { go } = slowStart(['--program', `node ${path.join(AGENTS, 'echo-agent.mjs')}`]);
    app = app!;
    await app.waitForText('SETUP-WAITING');
    app.type('first line\r');
    app.type('second');
    app.type(' line\r');
    await app.waitForText('is starting: what you type is sent once it runs.');
    writeFileSync(go, '');
    const screen = await app.waitForText(/node got: second line/);
    expect(screen.indexOf('node got: first line')).toBeGreaterThan(-1);
    expect(screen.indexOf('node got: first line')).toBeLessThan(screen.indexOf('node got: second line'));
  });

  it("wait while Claude's first screen asks to trust the folder, so they never answer it", async () => {
    const shim = claudeShim({ claude: 'trust' });
    const { a, go } = slowStart([], { env: shim.env, cols: CLAUDE_COLS, rows: CLAUDE_ROWS });
    await a.waitForText('SETUP-WAITING');
    // Enter here would pick "Yes, I trust this folder" if it reached the dialog.
    a.type('hello\r');
    await a.waitForText('is starting: what you type is sent once it runs.');
    writeFileSync(go, '');
    // The dialog is up and squadtui has read it (its footer shows it).
    await a.waitForText(/◆ claude\s+Trust this folder\?/);
    const keys = () => inputLog(shim.dir, 'claude').filter((l) => !l.includes('terminal reply')).map((l) => l.split(' ')[0]);
    // The user answers it; only then does what was typed before go to the input.
    a.type('\r');
    await waitFor(() => keys().length >= 7, { message: () => inputLog(shim.dir, 'claude').join('\n') });
    expect(keys()).toEqual(['0d', '68', '65', '6c', '6c', '6f', '0d']);
  });
});
