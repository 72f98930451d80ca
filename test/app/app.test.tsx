// The composed app against a fake host: what the user sees and what reaches the agents, with no pty.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { type Rig, appRig } from './rig.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/claude-code');
const screen = (name: string) => readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8').split('\n');

let rig: Rig;
afterEach(() => rig?.done());

/** A new app with one Claude agent, "coder", showing the screen `name`, once `seen` is drawn; its id. */
async function coderShowing(name: string, seen: string): Promise<string> {
  rig = appRig();
  const id = await rig.spawn({ name: 'coder', detector: 'claude' });
  await rig.host.show(id, screen(name));
  await rig.see(seen);
  return id;
}

describe('App, composed', () => {
  it('lists the agents the host runs, with their states', async () => {
    rig = appRig();
    await rig.spawn({ name: 'planner' });
    const coder = await rig.spawn({ name: 'coder' });
    rig.host.exit(coder, 2);
    const frame = await rig.see('exit');
    expect(frame).toContain('planner');
    expect(frame).toContain('coder');
    expect(frame).toMatch(/coder[\s\S]*exit 2/);
  });

  it("shows a Claude permission prompt in the footer and answers it with the option's key", async () => {
    rig = appRig();
    const id = await rig.spawn({ name: 'coder', detector: 'claude' });
    // The agent moves on once answered, as Claude does.
    rig.host.react = (_id, data) => (data === '1' ? screen('e-bash-approved-key1') : undefined);
    await rig.host.show(id, screen('c-bash-prompt'));
    await rig.see('needs permission');
    rig.press('mode.squad', 'agent');
    await rig.see('1 yes');
    rig.press('inbox.option.1', 'squad');
    await waitFor(() => rig.host.writtenTo(id) === '1', { message: () => JSON.stringify(rig.host.writtenTo(id)) });
    expect(rig.app.store.getState().squad.log.some((e) => e.kind === 'answer')).toBe(true);
  });

  it("does not let a second tap meant for the agent just answered land on another agent's prompt", async () => {
    rig = appRig();
    const other = await rig.spawn({ name: 'tester', detector: 'claude' });
    await rig.host.show(other, screen('c-bash-prompt'));
    const coder = await rig.spawn({ name: 'coder', detector: 'claude' });
    rig.host.react = (id, data) => (id === coder && data === '1' ? screen('e-bash-approved-key1') : undefined);
    await rig.host.show(coder, screen('c-bash-prompt'));
    rig.press('agent.next', 'agent');
    await rig.see('◆ coder  Bash');
    // coder is selected: y answers its prompt; its next one is not drawn yet, and y again would
    // have gone to the oldest prompt waiting, tester's.
    rig.press('mode.squad', 'agent');
    rig.press('inbox.yes', 'squad');
    await waitFor(() => rig!.host.writtenTo(coder) === '1');
    rig.press('mode.squad', 'agent');
    rig.press('inbox.yes', 'squad');
    await rig.see('Nothing was sent to tester: its prompt took');
    expect(rig.host.writtenTo(other)).toBe('');
    // The same when coder's prompt was answered in its own panel, the key typed there.
    rig.press('mode.agent', 'squad');
    await rig.host.show(coder, screen('c-bash-prompt'));
    await rig.see('◆ coder  Bash');
    rig.type('1');
    await waitFor(() => rig!.host.writtenTo(coder) === '11');
    rig.press('mode.squad', 'agent');
    rig.press('inbox.yes', 'squad');
    await rig.see('Nothing was sent to tester: its prompt took');
    expect(rig.host.writtenTo(other)).toBe('');
  });

  it('on the task board, keeps the board\'s keys and says the prompt waits, since the answer keys do not work there', async () => {
    await coderShowing('c-bash-prompt', 'needs permission');
    rig.press('mode.squad', 'agent');
    rig.press('tasks.open', 'squad');
    const board = await rig.see('close this view to answer');
    const footer = board.trimEnd().split('\n').at(-1)!;
    expect(footer).toMatch(/◆ coder waits, close this view to answer: Bash/);
    expect(footer).not.toContain('more: ');
    expect(footer).toContain('t close');
    expect(footer).not.toContain('1 yes');
    // Closed: the squad menu, where the keys answer it.
    rig.press('tasks.open', 'tasks');
    await rig.see('1 yes');
  });

  it('keeps the menu open and says why when an answer is refused; once answered, the keys go back to the agent', async () => {
    const id = await coderShowing('i-askuserquestion', 'asks a question');
    rig.press('mode.squad', 'agent');
    await rig.see('MENU');
    // n on a question without a "no": nothing is sent, the reason shows over the waiting question.
    rig.press('inbox.no', 'squad');
    await rig.see('asks a question: pick');
    expect(rig.app.store.getState().view.mode).toBe('squad');
    expect(rig.host.writtenTo(id)).toBe('');
    rig.press('inbox.option.2', 'squad');
    await waitFor(() => rig.host.writtenTo(id) === '2');
    await waitFor(() => rig.app.store.getState().view.mode === 'agent');
  });

  it('offers no message for the trust dialog, and a typed answer for a question only its hook announced', async () => {
    const id = await coderShowing('h-trust-dialog', 'Trust this folder?');
    rig.press('mode.squad', 'agent');
    rig.press('inbox.message', 'squad');
    await rig.see('Declining coder');
    expect(rig.app.store.getState().view.dialog).toBeUndefined();
    // AskUserQuestion's PermissionRequest comes before its screen is read: m already opens the answer.
    // (The screen reads as nothing definite yet: the hook's word stands.)
    await rig.host.show(id, ['● Thinking about your question']);
    rig.app.monitor.hook({ agentId: id, event: 'PermissionRequest', payload: { hook_event_name: 'PermissionRequest', session_id: 's', tool_name: 'AskUserQuestion', tool_input: {} }, at: 0 } as never);
    await waitFor(() => rig.app.store.getState().squad.agents[0]?.activity.request?.tool === 'AskUserQuestion');
    rig.press('inbox.message', 'squad');
    await rig.see("Answer coder's question");
    expect(rig.app.store.getState().view.dialog).toMatchObject({ kind: 'message', purpose: 'answer' });
  });

  it('opens the add dialog and says what to fix before starting anything', async () => {
    rig = appRig();
    rig.press('mode.squad', 'agent');
    rig.press('agent.add', 'squad');
    await rig.see('Add an agent');
    rig.press('dialog.next', 'add');
    // The command field holds the default program (sh): replaced by one that is not installed.
    rig.type('\x7f\x7fno-such-agent-program-xyz');
    await rig.see('Command       no-such-agent-program-xyz');
    // The name follows the command until the user types one.
    expect(rig.frame()).toContain('Name          no-such-agent-program-xyz');
    rig.press('dialog.submit', 'add');
    await rig.see('Program not found: no-such-agent-program-xyz');
    expect(rig.app.store.getState().view.dialog?.kind).toBe('add');
    expect(rig.host.list()).toEqual([]);
  });

  it('keys typed in one burst behind a command meet the dialog it opens', async () => {
    rig = appRig();
    // As over ssh: the menu key, the add key and a name arrive in one read.
    rig.type(rig.keyOf('mode.squad', 'agent') + rig.keyOf('agent.add', 'squad') + '\x7f\x7freviewer');
    await rig.see('Name          reviewer');
    expect(rig.app.store.getState().view.dialog).toMatchObject({ kind: 'add', values: { name: 'reviewer' } });
  });

  it('notes when keys come, for background git to wait while the user types', async () => {
    rig = appRig();
    const id = await rig.spawn({ name: 'one' });
    await rig.host.show(id, ['$ ']);
    expect(rig.app.keyboard.untilQuiet(1000)).toBe(0);
    rig.type('x');
    expect(rig.app.keyboard.untilQuiet(1000)).toBeGreaterThan(500);
    await waitFor(() => rig!.host.writtenTo(id) === 'x', { message: () => JSON.stringify(rig!.host.writtenTo(id)) });
  });

  it('tells where the user is back from when the editor returns', async () => {
    rig = appRig();
    rig.editorReturns({ command: 'vim -u NONE', program: 'vim' });
    await rig.see('Back from vim.');
    rig.editorReturns({ command: 'nano', program: 'nano', error: new Error('spawn nano ENOENT') });
    await rig.see('Could not start nano: spawn nano ENOENT. Set $EDITOR.');
  });

  it('asks before quitting while agents run, and quits at once when none does', async () => {
    rig = appRig();
    const id = await rig.spawn({ name: 'coder' });
    rig.press('mode.squad', 'agent');
    rig.press('quit', 'squad');
    await rig.see('Quit squadtui?');
    expect(rig.frame()).toContain('1 agent is still running: coder');
    rig.press('dialog.cancel', 'confirm');
    await waitFor(() => !rig.frame().includes('Quit squadtui?'));
    expect(rig.quits()).toBe(0);
    rig.host.exit(id, 0);
    await waitFor(() => rig.app.store.getState().squad.agents[0]?.info.status === 'exited');
    rig.press('quit', 'squad');
    await waitFor(() => rig.quits() === 1);
  });

  it('offers to detach or stop the squad when a host runs it, and detaches at once from the menu', async () => {
    rig = appRig({ hosted: true });
    await rig.spawn({ name: 'coder' });
    rig.press('mode.squad', 'agent');
    rig.press('quit', 'squad');
    const dialog = await rig.see('y stop the squad');
    expect(dialog).toContain('d detach');
    // The footer names the question's own answers, not a generic confirm/cancel.
    expect(dialog.trimEnd().split('\n').at(-1)).toMatch(/confirm +y stop the squad · d detach · n cancel/);
    expect(dialog).toContain('Detach (d): this window closes and they keep working');
    rig.press('detach', 'confirm');
    await waitFor(() => rig.detaches() === 1);
    expect(rig.quits()).toBe(0);
    expect(rig.frame()).not.toContain('Quit squadtui?');
    // The next window types into the agent, as the host leaves it.
    expect(rig.app.store.getState().view.mode).toBe('agent');
    rig.press('mode.squad', 'agent');
    rig.press('detach', 'squad');
    await waitFor(() => rig.detaches() === 2);
    rig.press('mode.squad', 'agent');
    rig.press('quit', 'squad');
    await rig.see('y stop the squad');
    rig.press('dialog.submit', 'confirm');
    await waitFor(() => rig.quits() === 1);
  });

  it('drops what was typed in one burst behind the detach key: it was typed in the window that goes', async () => {
    rig = appRig({ hosted: true });
    const id = await rig.spawn({ name: 'coder' });
    await rig.host.show(id, ['$ ']);
    // From the menu, and from the quit question: "echo LEAK" and Enter come in the same read.
    rig.type(rig.keyOf('mode.squad', 'agent') + rig.keyOf('detach', 'squad') + 'echo LEAK\r');
    await waitFor(() => rig!.detaches() === 1);
    rig.type(rig.keyOf('mode.squad', 'agent') + rig.keyOf('quit', 'squad'));
    await rig!.see('y stop the squad');
    rig.type(rig.keyOf('detach', 'confirm') + 'echo LEAK2\r');
    await waitFor(() => rig!.detaches() === 2);
    // The next window's keys go to the agent as ever.
    await waitFor(() => rig!.app.store.getState().view.mode === 'agent');
    rig.type('ok');
    await waitFor(() => rig!.host.writtenTo(id) === 'ok', { message: () => JSON.stringify(rig!.host.writtenTo(id)) });
  });

  it('says there is nothing to detach from when the squad runs in the window (--no-host)', async () => {
    rig = appRig();
    await rig.spawn({ name: 'coder' });
    rig.press('mode.squad', 'agent');
    rig.press('detach', 'squad');
    await rig.see('Nothing to detach from');
    expect(rig.app.store.getState().view.notice?.text).toBe('Nothing to detach from: the squad runs in this window (started with --no-host).');
  });
});
