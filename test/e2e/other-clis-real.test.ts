// Opt-in: squadtui's detectors and its answer path (prompt-answer's pick) against the REAL Codex
// and Gemini CLIs, run offline by ../shared/other-cli-harness (a fake model API on 127.0.0.1).
// Set SQUAD_REAL_CLIS=1 and install the CLIs as its README says (CODEX_BIN / GEMINI_BIN, or
// PREFIX); skipped otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DetectedPrompt, type DetectorDefinition, codexDetector, detect, detectPrompt, geminiDetector } from '../../src/core/agents/detect/index.js';
import { choose, pick, type PromptPort } from '../../src/core/agents/prompt-answer.js';
import { endSessionsSync } from '../../src/core/pty/node-pty.js';
import { Screen } from '../../src/core/terminal/screen.js';

import { HARNESS, cliBin, endNaming, realCliEnabled } from '../helpers/real-clis.js';
import { screenWaiter } from '../helpers/screen-waiter.js';

interface Agent {
  screen: Screen;
  write(data: string): void;
  waitFor(test: () => boolean, ms: number): Promise<boolean>;
  stop(): void;
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Starts the CLI's fake server with the harness, then the CLI itself in a node-pty at 120x40. */
async function start(cli: 'codex' | 'gemini', args: string[] = []): Promise<Agent> {
  const pty = await import('node-pty');
  // Codex's workspace sandbox may write to /tmp: its HOME must be elsewhere to be "outside" it.
  const state = mkdtempSync(path.join('/var/tmp', `squad-real-${cli}-`));
  const script = path.join(HARNESS, cli, `run-${cli}.sh`);
  const env = { ...process.env, [cli === 'codex' ? 'CODEX_BIN' : 'GEMINI_BIN']: cliBin(cli) };
  execFileSync(script, ['server', '--state', state, '--fresh', ...(cli === 'gemini' ? ['--no-hooks'] : []), ...args], { env, stdio: 'ignore' });
  const child = pty.spawn(path.join(state, `${cli}-cmd.sh`), [], { cols: 120, rows: 40, name: 'xterm-256color', env: env as Record<string, string> });
  const screen = new Screen({ cols: 120, rows: 40 });
  screen.onReply((data) => child.write(data));
  const wait = screenWaiter(child, screen);
  const stop = () => {
    // The whole session: Gemini's launcher runs the CLI in a child process that outlives a hangup.
    endSessionsSync([child.pid], 1000);
    screen.dispose();
    execFileSync(script, ['stop', '--state', state], { stdio: 'ignore' });
    endNaming(state);
    rmSync(state, { recursive: true, force: true });
  };
  stops.push(stop);
  return {
    screen,
    write: (data) => child.write(data),
    waitFor: wait,
    stop,
  };
}

function port(agent: Agent, detector: DetectorDefinition): PromptPort {
  return {
    read: () => detectPrompt(agent.screen.liveText(), detector),
    write: (data) => agent.write(data),
    until: async (test, ms) => {
      let seen: DetectedPrompt | undefined;
      const ok = await agent.waitFor(() => test((seen = detectPrompt(agent.screen.liveText(), detector))), ms);
      return ok ? seen : undefined;
    },
  };
}

const shows = (agent: Agent, text: string) => agent.screen.liveText().some((l) => l.includes(text));

/** Types a prompt, then Enter on its own once the text is on screen (Codex reads an Enter in the same burst as a pasted newline). */
async function submit(agent: Agent, text: string): Promise<void> {
  agent.write(text);
  expect(await agent.waitFor(() => shows(agent, text), 5000)).toBe(true);
  await new Promise((r) => setTimeout(r, 300));
  agent.write('\r');
}

describe.skipIf(!realCliEnabled('codex'))('real Codex', () => {
  it('reads idle, the approval with its command, answers "yes" with its digit, and idle again', { timeout: 60_000 }, async () => {
    const agent = await start('codex');
    const state = () => detect(agent.screen.liveText(), codexDetector).state;
    expect(await agent.waitFor(() => state() === 'idle', 20_000)).toBe(true);
    await submit(agent, 'escalate please');
    expect(await agent.waitFor(() => state() === 'permission', 20_000)).toBe(true);
    const prompt = detectPrompt(agent.screen.liveText(), codexDetector)!;
    expect([prompt.tool, prompt.subject]).toEqual(['Bash', 'echo hello > out.txt']);
    const yes = choose(prompt, { by: 'role', role: 'yes' });
    expect(typeof yes).not.toBe('string');
    expect(await pick(port(agent, codexDetector), prompt, yes as Exclude<typeof yes, string>)).toMatchObject({ ok: true });
    expect(await agent.waitFor(() => shows(agent, 'You approved codex to run echo hello > out.txt'), 10_000)).toBe(true);
    expect(await agent.waitFor(() => shows(agent, 'Worked for') && state() === 'idle', 20_000)).toBe(true);
  });
});

describe.skipIf(!realCliEnabled('codex'))('real Codex, hooks not trusted yet', () => {
  it('answers "Hooks need review" with the arrows, each move seen, then Enter (a digit there only moves)', { timeout: 60_000 }, async () => {
    const agent = await start('codex', ['--untrusted-hooks']);
    expect(await agent.waitFor(() => detectPrompt(agent.screen.liveText(), codexDetector)?.title === 'Hooks need review', 20_000)).toBe(true);
    // Codex drops keys that come in the first moments after it draws this dialog at launch (an
    // arrow sent at once is lost about one time in two): answer it as a person would, a second later.
    await new Promise((r) => setTimeout(r, 1000));
    const review = detectPrompt(agent.screen.liveText(), codexDetector)!;
    const trustAll = choose(review, { by: 'role', role: 'yes' }) as Exclude<ReturnType<typeof choose>, string>;
    expect([trustAll.label, trustAll.pick]).toEqual(['Trust all and continue', 'navigate']);
    expect(await pick(port(agent, codexDetector), review, trustAll)).toMatchObject({ ok: true });
    expect(await agent.waitFor(() => detect(agent.screen.liveText(), codexDetector).state === 'idle', 20_000)).toBe(true);
  });
});

describe.skipIf(!realCliEnabled('codex'))('real Codex, folder not trusted yet', () => {
  it('answers "Folder access" with Enter on its marked row (a digit does not confirm there)', { timeout: 60_000 }, async () => {
    const agent = await start('codex', ['--no-trust']);
    expect(await agent.waitFor(() => detectPrompt(agent.screen.liveText(), codexDetector)?.kind === 'trust', 20_000)).toBe(true);
    // As for the hooks review: keys in the first moments after launch are lost.
    await new Promise((r) => setTimeout(r, 1000));
    const dialog = detectPrompt(agent.screen.liveText(), codexDetector)!;
    const trust = choose(dialog, { by: 'role', role: 'yes' }) as Exclude<ReturnType<typeof choose>, string>;
    expect([trust.label, trust.pick, trust.keys]).toEqual(['Trust and continue', 'navigate', '\r']);
    expect(await pick(port(agent, codexDetector), dialog, trust)).toMatchObject({ ok: true });
    expect(await agent.waitFor(() => detect(agent.screen.liveText(), codexDetector).state === 'idle', 10_000)).toBe(true);
  });
});

describe.skipIf(!realCliEnabled('gemini'))('real Gemini CLI', () => {
  it('answers ask_user with a typed answer, and a command box "no" with its digit (the turn ends)', { timeout: 90_000 }, async () => {
    const agent = await start('gemini');
    const state = () => detect(agent.screen.liveText(), geminiDetector).state;
    expect(await agent.waitFor(() => state() === 'idle', 30_000)).toBe(true);
    await submit(agent, 'ask me');
    expect(await agent.waitFor(() => detectPrompt(agent.screen.liveText(), geminiDetector)?.tool === 'ask_user', 30_000)).toBe(true);
    const question = detectPrompt(agent.screen.liveText(), geminiDetector)!;
    const free = choose(question, { by: 'text', text: 'Green' });
    expect(await pick(port(agent, geminiDetector), question, free as Exclude<typeof free, string>, 'Green')).toMatchObject({ ok: true });
    expect(await agent.waitFor(() => shows(agent, '→ Green'), 20_000)).toBe(true);
    expect(await agent.waitFor(() => state() === 'idle', 20_000)).toBe(true);

    await submit(agent, 'shell please');
    expect(await agent.waitFor(() => state() === 'permission', 30_000)).toBe(true);
    const box = detectPrompt(agent.screen.liveText(), geminiDetector)!;
    expect([box.tool, box.subject]).toEqual(['run_shell_command', 'echo hello > out.txt']);
    const no = choose(box, { by: 'role', role: 'no' });
    expect(await pick(port(agent, geminiDetector), box, no as Exclude<typeof no, string>)).toMatchObject({ ok: true });
    expect(await agent.waitFor(() => shows(agent, 'Request cancelled') && state() === 'idle', 20_000)).toBe(true);
  });
});
