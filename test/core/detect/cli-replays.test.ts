// The fake codex and gemini (test/fixtures/agents/{codex,gemini}-replay.mjs) in a real pty, read
// through squadtui's detectors and answered through its answer path: the recorded sessions play
// through to their end, and input the real CLIs would not take as sent is refused.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DetectorDefinition, codexDetector, detect, detectPrompt, geminiDetector } from '../../../src/core/agents/detect/index.js';
import { type Choice, choose, pick, type PromptPort } from '../../../src/core/agents/prompt-answer.js';
import { createNodePtySpawner, endSessionsSync } from '../../../src/core/pty/node-pty.js';
import { LocalSessionHost } from '../../../src/core/sessions/index.js';
import { Screen } from '../../../src/core/terminal/screen.js';
import { screenWaiter } from '../../helpers/screen-waiter.js';
import { waitFor } from '../../helpers/wait-for.js';

const AGENTS = path.resolve(import.meta.dirname, '../../fixtures/agents');

interface Agent {
  readonly lines: () => string[];
  write(data: string): void;
  waitFor(test: () => boolean, ms?: number): Promise<boolean>;
}

const kills: (() => void)[] = [];
afterEach(() => {
  for (const kill of kills.splice(0)) kill();
});

async function start(cli: 'codex' | 'gemini'): Promise<Agent> {
  const pty = await import('node-pty');
  const child = pty.spawn(process.execPath, [path.join(AGENTS, `${cli}-replay.mjs`), '--speed', 'max'], { cols: 120, rows: 40, name: 'xterm-256color' });
  const screen = new Screen({ cols: 120, rows: 40 });
  const wait = screenWaiter(child, screen);
  kills.push(() => {
    endSessionsSync([child.pid], 1000);
    screen.dispose();
  });
  return {
    lines: () => screen.liveText(),
    write: (data) => child.write(data),
    waitFor: (test, ms = 5000) => wait(test, ms),
  };
}

const shows = (agent: Agent, text: string) => agent.lines().some((l) => l.includes(text));
const state = (agent: Agent, d: DetectorDefinition) => detect(agent.lines(), d).state;

function port(agent: Agent, d: DetectorDefinition): PromptPort {
  return {
    read: () => detectPrompt(agent.lines(), d),
    write: (data) => agent.write(data),
    until: async (test, ms) => ((await agent.waitFor(() => test(detectPrompt(agent.lines(), d)), ms)) ? detectPrompt(agent.lines(), d) : undefined),
  };
}

/** Types a prompt and, once it shows, Enter on its own. */
async function submit(agent: Agent, text: string): Promise<void> {
  agent.write(text);
  expect(await agent.waitFor(() => shows(agent, text))).toBe(true);
  agent.write('\r');
}

/** Answers the prompt on screen as the inbox would, and waits for it to go. */
async function answer(agent: Agent, d: DetectorDefinition, choice: Choice, subject: string): Promise<void> {
  expect(await agent.waitFor(() => detectPrompt(agent.lines(), d)?.subject === subject), `prompt for ${subject}`).toBe(true);
  const prompt = detectPrompt(agent.lines(), d)!;
  const option = choose(prompt, choice);
  if (typeof option === 'string') throw new Error(option);
  expect(await pick(port(agent, d), prompt, option)).toMatchObject({ ok: true });
  expect(await agent.waitFor(() => detectPrompt(agent.lines(), d)?.subject !== subject)).toBe(true);
}

const yes: Choice = { by: 'role', role: 'yes' };
const no: Choice = { by: 'role', role: 'no' };
const noReport = (agent: Agent) => expect(agent.lines().filter((l) => l.includes('REPLAY:'))).toEqual([]);

describe('codex-replay', () => {
  it('plays the recorded session to its end when typed to and answered as squadtui does', { timeout: 30_000 }, async () => {
    const agent = await start('codex');
    expect(await agent.waitFor(() => state(agent, codexDetector) === 'idle')).toBe(true);
    await submit(agent, 'escalate please');
    await answer(agent, codexDetector, yes, 'echo hello > out.txt');
    expect(await agent.waitFor(() => shows(agent, 'Done. Wrote out.txt.') && state(agent, codexDetector) === 'idle')).toBe(true);
    await submit(agent, 'stream please');
    expect(await agent.waitFor(() => shows(agent, 'until it ends here.') && state(agent, codexDetector) === 'idle')).toBe(true);
    await submit(agent, 'multi please');
    await answer(agent, codexDetector, yes, 'echo one > one.txt');
    await answer(agent, codexDetector, no, 'echo two > two.txt');
    expect(await agent.waitFor(() => shows(agent, 'Conversation interrupted') && state(agent, codexDetector) === 'idle')).toBe(true);
    await submit(agent, 'patch outside');
    await answer(agent, codexDetector, { by: 'number', number: 2 }, '/var/tmp/squad-rec/codex-s1/home/patched.txt');
    expect(await agent.waitFor(() => shows(agent, 'Created patched.txt.') && state(agent, codexDetector) === 'idle')).toBe(true);
    noReport(agent);
  });

  it('takes an Enter sent with the typed text as a paste, as Codex does: nothing is sent', { timeout: 15_000 }, async () => {
    const agent = await start('codex');
    expect(await agent.waitFor(() => state(agent, codexDetector) === 'idle')).toBe(true);
    agent.write('escalate please\r');
    expect(await agent.waitFor(() => shows(agent, 'REPLAY: Enter came in the same read as typed text'))).toBe(true);
    agent.write('\r');
    await new Promise((r) => setTimeout(r, 300));
    expect(detectPrompt(agent.lines(), codexDetector)).toBeUndefined();
    expect(shows(agent, 'I need to run this outside the sandbox.')).toBe(false);
  });
});

describe('gemini-replay', () => {
  it('plays the recorded session to its end when typed to and answered as squadtui does', { timeout: 30_000 }, async () => {
    const agent = await start('gemini');
    expect(await agent.waitFor(() => state(agent, geminiDetector) === 'idle')).toBe(true);
    await submit(agent, 'shell please');
    // "n" does nothing in Gemini: the box stays and nothing is reported.
    expect(await agent.waitFor(() => detectPrompt(agent.lines(), geminiDetector)?.subject === 'echo hello > out.txt')).toBe(true);
    agent.write('n');
    await new Promise((r) => setTimeout(r, 200));
    noReport(agent);
    await answer(agent, geminiDetector, yes, 'echo hello > out.txt');
    expect(await agent.waitFor(() => shows(agent, 'Done. Wrote out.txt.'))).toBe(true);
    await agent.waitFor(() => state(agent, geminiDetector) === 'idle');
    await submit(agent, 'stream please');
    expect(await agent.waitFor(() => shows(agent, 'until it ends here.'))).toBe(true);
    await agent.waitFor(() => state(agent, geminiDetector) === 'idle');
    await submit(agent, 'write a file');
    await answer(agent, geminiDetector, no, 'hello.py');
    expect(await agent.waitFor(() => shows(agent, 'Request cancelled.') && state(agent, geminiDetector) === 'idle')).toBe(true);
    await submit(agent, 'multi please');
    await answer(agent, geminiDetector, { by: 'number', number: 2 }, 'echo one > one.txt');
    await answer(agent, geminiDetector, yes, 'echo two > two.txt');
    expect(await agent.waitFor(() => shows(agent, 'Both done.') && state(agent, geminiDetector) === 'idle', 10_000)).toBe(true);
    noReport(agent);
  });

  it('takes an Enter sent with the typed text as a paste, as Gemini does: nothing is sent', { timeout: 15_000 }, async () => {
    const agent = await start('gemini');
    expect(await agent.waitFor(() => state(agent, geminiDetector) === 'idle')).toBe(true);
    agent.write('shell please\r');
    expect(await agent.waitFor(() => shows(agent, 'REPLAY: Enter came in the same read as typed text'))).toBe(true);
    expect(detectPrompt(agent.lines(), geminiDetector)).toBeUndefined();
  });
});

describe.each([
  ['codex', codexDetector, 'escalate please', 'echo hello > out.txt'],
  ['gemini', geminiDetector, 'shell please', 'echo hello > out.txt'],
] as const)('%s-replay typed to by squadtui', (cli, detector, line, subject) => {
  it("gets SessionHost.typeLine's line submitted (a bracketed paste, then Enter on its own)", { timeout: 20_000 }, async () => {
    const host = new LocalSessionHost({ spawnPty: await createNodePtySpawner(), cols: 120, rows: 40 });
    kills.push(() => host.shutdownSync(500));
    const { id } = host.spawn({ name: cli, command: process.execPath, args: [path.join(AGENTS, `${cli}-replay.mjs`), '--speed', 'max'], cwd: AGENTS });
    await waitFor(() => detect(host.screenText(id), detector).state === 'idle');
    expect(host.modes(id)?.bracketedPaste).toBe(true);
    host.typeLine(id, line);
    await waitFor(() => detectPrompt(host.screenText(id), detector)?.subject === subject || host.screenText(id).some((l) => l.includes('REPLAY:')), {
      message: () => host.screenText(id).join('\n'),
    });
    expect(host.screenText(id).filter((l) => l.includes('REPLAY:'))).toEqual([]);
  });
});

describe('an Enter right behind a bracketed paste', () => {
  it.each([
    ['even in the same read', ''],
    ['behind terminal replies read with it (an emulator that answered late)', '\x1b[?1;2c\x1b[1;1R'],
  ])('submits in Codex, %s', { timeout: 15_000 }, async (_, replies) => {
    const agent = await start('codex');
    expect(await agent.waitFor(() => state(agent, codexDetector) === 'idle')).toBe(true);
    agent.write(`${replies}\x1b[200~escalate please\x1b[201~\r`);
    expect(await agent.waitFor(() => detectPrompt(agent.lines(), codexDetector)?.subject === 'echo hello > out.txt')).toBe(true);
    noReport(agent);
  });

  it('is a newline in Gemini (within 40 ms of the paste): nothing is sent', { timeout: 15_000 }, async () => {
    const agent = await start('gemini');
    expect(await agent.waitFor(() => state(agent, geminiDetector) === 'idle')).toBe(true);
    agent.write('\x1b[200~shell please\x1b[201~\r');
    expect(await agent.waitFor(() => shows(agent, 'REPLAY: Enter came in the same read as the pasted text'))).toBe(true);
    expect(detectPrompt(agent.lines(), geminiDetector)).toBeUndefined();
  });
});
