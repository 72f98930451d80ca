// Agent states and the permission inbox end to end: squadtui running fake Claudes that replay
// sessions recorded from the real CLI (their screens and their hook events).
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDriver } from '../helpers/app-driver.js';
import { CLAUDE_COLS, CLAUDE_ROWS, claudeShim, inputLog } from '../helpers/claude-shim.js';
import { waitFor } from '../helpers/wait-for.js';

let app: AppDriver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function start(scenarios: Record<string, string>, agents: number, settings?: string) {
  const shim = claudeShim(scenarios);
  app = new AppDriver({ args: ['--agents', String(agents)], cols: CLAUDE_COLS, rows: CLAUDE_ROWS, env: shim.env, settings });
  return { a: app, shim };
}

/** The keys an agent received (hex), terminal replies left out; fails on a key it did not expect. */
function sentKeys(dir: string, agent: string): string[] {
  const lines = inputLog(dir, agent).filter((l) => !l.includes('terminal reply'));
  expect(lines.filter((l) => l.includes('unexpected'))).toEqual([]);
  return lines.map((l) => l.split(' ')[0]!);
}

/** Waits until the footer shows the agent's prompt, drawn on its screen (not only announced by a hook). */
async function promptShown(a: AppDriver, agent: string, what: RegExp): Promise<void> {
  await waitFor(async () => {
    const line = await footer(a);
    return new RegExp(`◆ ${agent}\\s+`).test(line) && what.test(line) && !line.includes('not seen on screen');
  }, { message: () => a.output.slice(-500) });
}

/** The footer line (last line of the frame). */
async function footer(a: AppDriver): Promise<string> {
  const lines = await a.screen();
  return lines[CLAUDE_ROWS - 2] ?? '';
}

describe('agent states and the inbox', () => {
  it('shows a prompt of an agent that is not selected, and approving sends exactly "1"', async () => {
    const { a, shim } = start({ 'claude-1': 'idle', 'claude-2': 'bash_key1' }, 2);
    await promptShown(a, 'claude-2', /Bash: echo hello > out\.txt/);
    // The selected agent stays selected; its own state shows in the sidebar.
    expect((await a.panel()).split('\n')[0]).toMatch(/^claude-1 · waiting for input/);
    expect(await a.screenText()).toMatch(/◆ permission \d+s/);
    a.press('mode.squad');
    a.press('inbox.yes', 'squad');
    await a.waitForText(/claude-2: Yes/);
    // The agent carries on to the end of its turn and waits for input again.
    await waitFor(async () => /2 claude-2[^\n]*\n\s*○ waiting/.test(await a.screenText()));
    expect(sentKeys(shim.dir, 'claude-2')).toEqual(['31']);
  });

  it('queues two waiting agents oldest first, and denies with "3"', async () => {
    const { a, shim } = start({ claude: 'write', 'claude-2': 'reject_no' }, 1);
    await promptShown(a, 'claude', /Write: hello\.py/);
    a.press('mode.squad');
    a.press('agent.add', 'squad');
    await a.waitForText(/Add an agent/);
    a.press('dialog.submit', 'add');
    // The new agent is selected: the footer shows its own prompt first.
    await promptShown(a, 'claude-2', /Bash/);
    expect(await footer(a)).toContain('(+1 more)');
    // The inbox lists both, oldest first; answers go down the list.
    a.press('mode.squad');
    a.press('inbox.open', 'squad');
    // Both, the oldest first and under the cursor (waited for whole: a frame may arrive in pieces).
    await a.waitForText(/Inbox · 2 waiting[\s\S]*› claude Write[\s\S]*claude-2 Bash/);
    a.press('inbox.yes', 'inbox');
    await a.waitForText(/Inbox · 1 waiting/);
    await a.waitForText(/› claude-2 Bash/);
    a.press('inbox.no', 'inbox');
    // Not "0 waiting": the recording goes on to a second prompt at once, and the empty inbox
    // between the two can be too short to see. The fake says which prompt the key answered.
    await waitFor(() => inputLog(shim.dir, 'claude-2').some((l) => l.startsWith('33 answers prompt 1')));
    expect(sentKeys(shim.dir, 'claude')).toEqual(['31']);
  });

  it('drops a prompt answered in the agent itself at once, and never sends to a prompt that is gone', async () => {
    const { a, shim } = start({ claude: 'bash_key1' }, 1);
    await promptShown(a, 'claude', /Bash/);
    // Answered in the agent's own screen: it leaves the inbox.
    a.type('1');
    await a.waitForNoText(/◆ claude\s+Bash/);
    a.press('mode.squad');
    a.press('inbox.yes', 'squad');
    await a.waitForText(/No prompt is waiting/);
    expect(sentKeys(shim.dir, 'claude')).toEqual(['31']);
  });

  it('rings, notifies the desktop and says in the title how many wait', async () => {
    const { a } = start({ 'claude-1': 'idle', 'claude-2': 'bash_key1' }, 2);
    await a.waitForText(/◆ claude-2\s+Bash/);
    await waitFor(() => a.output.includes('\x1b]9;claude-2 needs permission: Bash'));
    expect(a.output).toContain('\x1b]777;notify;claude-2 needs permission;Bash: echo hello > out.txt\x07');
    // The bell rings right before the desktop notification.
    expect(a.output).toContain('\x07\x1b]9;');
    expect(a.output).toMatch(/\x1b\]2;squadtui · \d waiting\x07/);
  });

  it('stays quiet when notifications are turned off in the settings', async () => {
    const { a } = start({ 'claude-1': 'idle', 'claude-2': 'bash_key1' }, 2, JSON.stringify({ notify: { bell: false, desktop: false, title: false } }));
    await a.waitForText(/◆ claude-2\s+Bash/);
    expect(a.output).not.toContain('\x1b]9;');
    expect(a.output).not.toContain('\x1b]2;squadtui ·');
  });

  it('approves automatically what a rule allows, and writes it to the activity log', async () => {
    // Code in the command line is approved only by a rule that spells it out (a * never stands for it).
    const rule = `Bash(node -e 'setTimeout(() => console.log("slept"), 6000)')`;
    const settings = JSON.stringify({ approve: { enabled: true, programs: { claude: ['Bash(node -e *)', rule] } } });
    const { a, shim } = start({ claude: 'toolsleep' }, 1, settings);
    await waitFor(() => sentKeys(shim.dir, 'claude').includes('31'));
    a.press('mode.squad');
    a.press('log.open', 'squad');
    await a.waitForText(/auto-approved Bash\(node -e 'setTimeout.*by rule Bash\(node -e (?!\*)/);
  });

  it('answers a question by its number from the menu, then the keys go back to the agent the user typed into', async () => {
    const { a, shim } = start({ 'claude-1': 'idle', 'claude-2': 'ask' }, 2);
    await promptShown(a, 'claude-2', /Question: Which colour should the button be\?/);
    expect(await footer(a)).toMatch(/1 Red · 2 Blue · 3 Type something\. · 4 Chat about this · m type an answer/);
    expect(await a.screenText()).toMatch(/◆ question \d+s/);
    a.press('mode.squad');
    await a.waitForText(/ MENU /);
    a.press('inbox.option.2', 'squad');
    await waitFor(() => inputLog(shim.dir, 'claude-2').some((l) => !l.includes('terminal reply')), { message: () => a.output.slice(-2000) });
    expect(sentKeys(shim.dir, 'claude-2')).toEqual(['32']);
    a.press('mode.squad');
    a.press('log.open', 'squad');
    await a.waitForText(/claude-2 answered "Blue" \(AskUserQuestion: Which colour/);
    a.press('view.close', 'log');
    await a.waitForText(/ MENU /);
    a.press('mode.agent', 'squad');
    // Back to typing into claude-1: a key meant for it never runs a menu command (e: the editor).
    await a.waitForNoText(/ MENU /);
    a.type('e');
    await waitFor(() => inputLog(shim.dir, 'claude-1').some((l) => l.startsWith('65 ')), { message: () => inputLog(shim.dir, 'claude-1').join('\n') });
    await waitFor(async () => /2 claude-2[^\n]*\n\s*○ waiting/.test(await a.screenText()));
  });

  it('declines the folder-trust dialog with "2": Claude exits and the folder stays untrusted', async () => {
    const { a, shim } = start({ claude: 'trust_no' }, 1);
    await promptShown(a, 'claude', /Trust this folder\?: \/\S+ /);
    expect(await footer(a)).not.toContain('::');
    a.press('mode.squad');
    a.press('inbox.no', 'squad');
    await a.waitForText(/exit 1/);
    await waitFor(() => inputLog(shim.dir, 'claude').some((l) => !l.includes('terminal reply')));
    expect(sentKeys(shim.dir, 'claude')).toEqual(['32']);
  });

  it('closes the inbox back to where it was opened from: the squad menu', async () => {
    const { a } = start({ 'claude-1': 'idle', 'claude-2': 'bash_key1' }, 2);
    await promptShown(a, 'claude-2', /Bash: echo hello > out\.txt/);
    a.press('mode.squad');
    a.press('inbox.open', 'squad');
    await a.waitForText(/Inbox · 1 waiting/);
    a.press('view.close', 'inbox');
    await a.waitForNoText(/Inbox · 1 waiting/);
    expect(await a.screenText()).toContain(' MENU ');
  });

  it('takes hook events over a private socket and removes it on quit', async () => {
    const { a } = start({ claude: 'idle' }, 1);
    await a.waitForText(/waiting for input/);
    // Named after its owner (pid, start time): other squadtui running meanwhile have their own.
    const mine = readdirSync(os.tmpdir()).filter((f) => f.startsWith(`squadtui-hooks-${a.proc.pid}-`));
    expect(mine, mine.join(' ')).toHaveLength(1);
    a.press('mode.squad');
    a.press('quit', 'squad');
    a.press('dialog.submit', 'confirm');
    await a.exited;
    expect(readdirSync(os.tmpdir())).not.toContain(mine[0]);
  });
});
