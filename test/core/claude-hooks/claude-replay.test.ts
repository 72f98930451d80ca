// The fake Claude (test/fixtures/agents/claude-replay.mjs) in a real pty, read through squadtui's
// Screen at 120x40: it stops at each recorded prompt, goes on only on the key the user pressed there,
// reports any other key, and runs the hooks squadtui registers the way Claude does.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import pty from 'node-pty';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HookEvent } from '../../../src/core/agents/claude-hooks/events.js';
import { HOOK_SOCKET_ENV, HOOK_TOKEN_ENV } from '../../../src/core/agents/claude-hooks/protocol.js';
import { HookServer } from '../../../src/core/agents/claude-hooks/server.js';
import { addHookSettings, hookCommand, hookSettings } from '../../../src/core/agents/claude-hooks/settings.js';
import { Screen } from '../../../src/core/terminal/screen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const REPLAY = path.join(ROOT, 'test/fixtures/agents/claude-replay.mjs');
const ENTER = '\r';
const ESC = '\x1b';
const DOWN = '\x1b[B';

let tmp: string;
let hookJs: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-replay-test-'));
  hookJs = path.join(tmp, 'hook.js');
  await build({ entryPoints: [path.join(ROOT, 'src/claude-hook.ts')], outfile: hookJs, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function waitFor<T>(what: string, probe: () => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

interface Running {
  readonly screen: Screen;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  text(): string;
  exitCode(): number | undefined;
  until(what: string | RegExp): Promise<void>;
  dispose(): void;
}

const running: Running[] = [];
afterEach(() => running.splice(0).forEach((r) => r.dispose()));

function replay(args: string[], env: Record<string, string> = {}): Running {
  const base = { ...process.env };
  for (const name of [HOOK_SOCKET_ENV, HOOK_TOKEN_ENV, 'SQUADTUI_HOOK_CMD']) delete base[name];
  const screen = new Screen({ cols: 120, rows: 40 });
  const child = pty.spawn(process.execPath, [REPLAY, ...args], { name: 'xterm-256color', cols: 120, rows: 40, cwd: tmp, env: { ...base, ...env } });
  let exit: number | undefined;
  // As squadtui does: the emulator's answers to the program's queries go back to it.
  screen.onReply((data) => child.write(data));
  child.onData((data) => void screen.write(data));
  child.onExit((e) => (exit = e.exitCode));
  const text = () => screen.text().join('\n');
  const r: Running = {
    screen,
    write: (data) => child.write(data),
    resize: (cols, rows) => child.resize(cols, rows),
    text,
    exitCode: () => exit,
    until: async (what) => {
      await waitFor(String(what), () => (typeof what === 'string' ? text().includes(what) : what.test(text())));
    },
    dispose: () => {
      if (exit === undefined) child.kill();
      screen.dispose();
    },
  };
  running.push(r);
  return r;
}

const PROMPT = 'Do you want to proceed?';
const unexpected = (hex: string) => `REPLAY: unexpected key ${hex}`;

describe('claude-replay', () => {
  it('stops at the Bash prompt, reports a wrong key, and goes on with "1"', async () => {
    const log = path.join(tmp, 'bash_key1.input.log');
    const r = replay(['--scenario', 'bash_key1', '--speed', 'max', '--input-log', log]);
    await r.until('❯ 1. Yes');
    expect(r.text()).toContain(PROMPT);
    // A resize (SIGWINCH) at the prompt changes nothing.
    r.resize(121, 40);
    r.write('x');
    await r.until(unexpected('78'));
    // Still at the prompt: it did not go on.
    expect(r.text()).toContain(PROMPT);
    expect(r.text()).not.toContain('(No output)');
    r.write('1');
    await r.until('? for shortcuts');
    expect(r.text()).not.toContain(PROMPT);
    expect(r.text()).toContain('(No output)');
    // The prompt is gone: an answer sent now is for a stale prompt.
    r.write('1');
    await r.until(unexpected('31'));
    const lines = readFileSync(log, 'utf8');
    expect(lines).toContain('78 unexpected\n');
    expect(lines).toContain('31 answers prompt 1 (1)\n');
    expect(lines).toContain('31 unexpected\n');
    // The emulator's answer to Claude's DECRQM query is not taken for a key.
    expect(lines).toContain(`${Buffer.from('\x1b[?2026;2$y').toString('hex')} terminal reply\n`);
  });

  it('takes exactly Enter where the user pressed Enter', async () => {
    const r = replay(['--scenario', 'bash_enter', '--speed', 'max']);
    await r.until('❯ 1. Yes');
    r.write('1');
    await r.until(unexpected('31'));
    expect(r.text()).toContain(PROMPT);
    r.write(ENTER);
    await r.until('? for shortcuts');
    expect(r.text()).toContain('Brewed for');
    r.write('\x03');
    await waitFor('exit on Ctrl+C', () => r.exitCode() !== undefined);
    expect(r.exitCode()).toBe(0);
  });

  it('rejects with Esc', async () => {
    const r = replay(['--scenario', 'reject_esc', '--speed', '20']);
    await r.until('❯ 1. Yes');
    r.write(ESC);
    await r.until('Interrupted · What should Claude do instead?');
    expect(r.text()).not.toContain(PROMPT);
  });

  it('rejects with "3", then with Down, Down, Enter one key at a time (each seen on screen)', async () => {
    const r = replay(['--scenario', 'reject_no', '--speed', 'max']);
    await r.until('❯ 1. Yes');
    r.write('3');
    await waitFor('the second prompt', () => r.text().includes('Interrupted') && r.text().includes('❯ 1. Yes'));
    r.write(DOWN);
    await r.until('❯ 2. Yes');
    r.write(DOWN);
    await r.until('❯ 3. No');
    r.write(ENTER);
    await waitFor('two rejections', () => r.text().split('Interrupted · What should Claude do instead?').length === 3);
    expect(r.text()).not.toContain(PROMPT);
    expect(r.text()).not.toContain('REPLAY:');
  });

  it('reads Down and Enter in one write as Enter on the marked row, as Claude 2.1.197 does', async () => {
    const inputLog = path.join(tmp, 'trust_no.input.log');
    const r = replay(['--scenario', 'trust_no', '--speed', 'max', '--input-log', inputLog]);
    await r.until('Enter to confirm');
    r.write(DOWN + ENTER);
    // The recorded user moved to "No, exit" first: Enter alone is not what this dialog waits for.
    await r.until(unexpected('0d'));
    expect(r.exitCode()).toBeUndefined();
    expect(readFileSync(inputLog, 'utf8')).toContain('1b5b42 lost: read with Enter in one write');
  });

  it('declines the trust dialog with "2" at once, as Claude does', async () => {
    const r = replay(['--scenario', 'trust_no', '--speed', 'max']);
    await r.until('Enter to confirm');
    r.write('2');
    await waitFor('exit', () => r.exitCode() !== undefined);
    expect(r.exitCode()).toBe(1);
  });

  it('answers "2" on an Edit prompt and turns on accept-edits, as in the recording', async () => {
    const r = replay(['--scenario', 'edit', '--speed', 'max']);
    await r.until('Do you want to make this edit to greet.txt?');
    r.write('1');
    await waitFor('the second prompt', () => r.text().includes('edit greet again') && r.text().includes('Do you want to make this edit'));
    // The diff is drawn before the wait, not after it.
    expect(r.text()).toContain('+Hello NEW world');
    r.write('2');
    await r.until('accept edits on');
  });

  it('waits in the trust dialog; declining exits with code 1 like Claude', async () => {
    const r = replay(['--scenario', 'trust_no', '--speed', 'max']);
    await r.until('Enter to confirm');
    r.write('x');
    await r.until(unexpected('78'));
    expect(r.exitCode()).toBeUndefined();
    r.write(DOWN);
    await r.until('❯ 2. No, exit');
    r.write(ENTER);
    await waitFor('exit', () => r.exitCode() !== undefined);
    expect(r.exitCode()).toBe(1);
  });

  it('runs the hooks squadtui registers with --settings, and the PermissionRequest arrives before the key', async () => {
    const server = await HookServer.start();
    try {
      const events: HookEvent[] = [];
      server.onEvent((e) => events.push(e));
      const reg = server.register('agent-9');
      const { args, problem } = addHookSettings(['--scenario', 'bash_key1', '--speed', 'max'], hookSettings(hookCommand(hookJs)), {
        cwd: tmp,
        file: reg.settingsFile,
      });
      expect(problem).toBeUndefined();
      const r = replay(args, { ...reg.env });
      await r.until('❯ 1. Yes');
      await waitFor('PermissionRequest', () => events.some((e) => e.event === 'PermissionRequest'));
      expect(events.map((e) => e.event)).toEqual(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest']);
      r.write('1');
      await waitFor('Stop', () => events.some((e) => e.event === 'Stop'));
      expect(events.map((e) => e.event)).toEqual(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop']);
      expect(events.every((e) => e.agentId === 'agent-9')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('finds, in every recording, exactly the prompts its key table lists', async () => {
    const run = promisify(execFile);
    const scenarios = ['idle', 'busy', 'bash_key1', 'bash_enter', 'write', 'edit', 'dontask', 'reject_esc', 'reject_no', 'multi', 'trust', 'trust_no', 'interrupt', 'toolsleep', 'resume_continue', 'resume_id', 'ask'];
    const waits: Record<string, string[]> = {};
    await Promise.all(
      scenarios.map(async (scenario) => {
        const { stdout } = await run(process.execPath, [REPLAY, '--scenario', scenario, '--plan']);
        const plan = JSON.parse(stdout) as { steps: { kind: string; key?: string }[] };
        waits[scenario] = plan.steps.filter((s) => s.kind === 'wait').map((s) => s.key ?? '');
      }),
    );
    expect(waits).toEqual({
      idle: [],
      busy: [],
      bash_key1: ['1'],
      bash_enter: ['Enter'],
      write: ['1 or Enter'],
      edit: ['1 or Enter', '2'],
      dontask: ['2', '1 or Enter'],
      reject_esc: ['Esc'],
      reject_no: ['3', 'Down (or 3)', 'Down', 'Enter'],
      multi: ['1 or Enter', '1 or Enter'],
      trust: ['1 or Enter'],
      trust_no: ['Down (or 2)', 'Enter'],
      ask: ['2'],
      interrupt: ['1 or Enter'],
      toolsleep: ['1 or Enter'],
      resume_continue: [],
      resume_id: [],
    });
  });

  it('at each wait, the prompt is fully drawn on the screen', async () => {
    // Replays the plan's writes into a Screen up to each wait, as a check on the pause rule.
    const { stdout } = await promisify(execFile)(process.execPath, [REPLAY, '--scenario', 'edit', '--plan']);
    const plan = JSON.parse(stdout) as { steps: { kind: string; t: number; bytes?: number }[] };
    const raw = readFileSync(path.join(ROOT, 'test/fixtures/claude-code/edit.session.raw'));
    const screen = new Screen({ cols: 120, rows: 40 });
    try {
      let offset = 0;
      const atWaits: string[] = [];
      for (const step of plan.steps) {
        if (step.kind === 'write' && step.bytes !== undefined) {
          await screen.write(raw.subarray(offset, offset + step.bytes));
          offset += step.bytes;
        }
        if (step.kind === 'wait') atWaits.push(screen.text().join('\n'));
      }
      expect(atWaits).toHaveLength(2);
      for (const text of atWaits) {
        expect(text).toContain('Do you want to make this edit to greet.txt?');
        expect(text).toContain('+Hello NEW world');
        expect(text).toContain('Esc to cancel');
      }
    } finally {
      screen.dispose();
    }
  });
});
