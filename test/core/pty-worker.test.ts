// Ptys owned by the worker thread (the built dist/pty-thread.js, as squadtui runs it), on real programs.
import { existsSync, mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PtyExit, SpawnError } from '../../src/core/pty/node-pty.js';
import { startPtyThread } from '../../src/core/pty/thread-client.js';
import { waitFor } from '../helpers/wait-for.js';

const spawnPty = startPtyThread(pathToFileURL(path.resolve(import.meta.dirname, '../../dist/pty-thread.js')));

/** Runs a shell script; its output is taken (and reported parsed) as it comes, after `slowMs` on the first piece. */
async function run(script: string, cols = 80, rows = 24, slowMs = 0) {
  const pty = await spawnPty({ command: 'sh', args: ['-c', script], cwd: os.tmpdir(), env: process.env, cols, rows });
  const state = { out: '', exit: undefined as PtyExit | undefined, bytesAtExit: -1 };
  const decoder = new TextDecoder();
  let first = true;
  pty.onData((d) => {
    if (first && slowMs > 0) {
      // A main thread busy elsewhere: nothing is taken for a while.
      const until = Date.now() + slowMs;
      while (Date.now() < until);
    }
    first = false;
    state.out += typeof d === 'string' ? d : decoder.decode(d, { stream: true });
    pty.consumed?.(d.length);
  });
  pty.onExit((e) => {
    state.exit = e;
    state.bytesAtExit = state.out.length;
  });
  return { pty, state };
}

describe('pty thread', () => {
  it('runs a program at its size, types into it, resizes it and reports its exit code', async () => {
    const { pty, state } = await run("trap 'stty size' WINCH; stty size; read line; echo got:$line; read more; exit 3", 100, 30);
    expect(pty.pid).toBeGreaterThan(0);
    await waitFor(() => state.out.includes('30 100'));
    pty.write('hello\r');
    await waitFor(() => state.out.includes('got:hello'));
    pty.resize(120, 40);
    await waitFor(() => state.out.includes('40 120'));
    pty.write('\r');
    await waitFor(() => state.exit);
    expect(state.exit!.exitCode).toBe(3);
  });

  // Linux may drop the last KB a program wrote if it exits before the pty is read to the end
  // (plain node-pty too), so these programs wait for Enter once their output is on its way.
  it('hands over everything a program wrote, however much, before its exit', async () => {
    const { pty, state } = await run("head -c 3000000 /dev/zero | tr '\\0' x; printf END; read done");
    pty.readAhead?.(64 * 1024);
    await waitFor(() => state.out.endsWith('xEND'), { timeout: 20_000 });
    pty.write('\r');
    await waitFor(() => state.exit, { timeout: 20_000 });
    // The Enter's echo (CR LF) is the only thing after END.
    expect(state.bytesAtExit).toBe(3_000_005);
  });

  it('loses nothing while the main thread is too busy to take output', async () => {
    const { pty, state } = await run("head -c 300000 /dev/zero | tr '\\0' y; printf END; read done", 80, 24, 500);
    await waitFor(() => state.out.endsWith('yEND'), { timeout: 20_000 });
    expect(state.out.length).toBe(300_003);
    pty.write('\r');
    await waitFor(() => state.exit, { timeout: 20_000 });
    expect(state.bytesAtExit).toBe(300_005);
  });

  it('tells an exit only after the output still waiting for the main thread', async () => {
    // 150 KB: more than is sent ahead (64 KB), all of it read while the main thread is busy for
    // 1.5 s; the program has exited meanwhile (after its own 1 s), its exit waits behind the rest.
    const { state } = await run("head -c 150000 /dev/zero | tr '\\0' z; printf END; sleep 1", 80, 24, 1500);
    await waitFor(() => state.exit, { timeout: 20_000 });
    expect(state.bytesAtExit).toBe(150_003);
  });

  it('stops holding a closed agent back, so its program is never stuck writing', async () => {
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'squadtui-drop-')), 'done');
    const { pty } = await run(`head -c 5000000 /dev/zero; touch '${marker}'; read wait`);
    pty.pause();
    pty.dispose?.();
    await waitFor(() => existsSync(marker), { timeout: 20_000 });
    pty.kill('SIGKILL');
  });

  // node-pty 1.1.0 left each pty's master open across exec, and 1.2's prebuilt binary stops
  // closing them at the first free descriptor number (here: the closed first agent's).
  it.runIf(process.platform === 'linux')('gives an agent no descriptor but its own terminal, none of another agent', async () => {
    const agents = await Promise.all([0, 1, 2].map(() => run('echo ready; exec sleep 30')));
    await waitFor(() => agents.every((a) => a.state.out.includes('ready')));
    agents[0]!.pty.kill('SIGKILL');
    await waitFor(() => agents[0]!.state.exit);
    agents.push(await run('echo ready; exec sleep 30'));
    await waitFor(() => agents[3]!.state.out.includes('ready'));
    for (const { pty } of agents.slice(1)) {
      const fds = Object.fromEntries(readdirSync(`/proc/${pty.pid}/fd`).map((fd) => [fd, readlinkSync(`/proc/${pty.pid}/fd/${fd}`)]));
      const own = fds[0];
      expect(own).toMatch(/^\/dev\/pts\/\d+$/);
      expect(fds).toEqual({ 0: own, 1: own, 2: own });
      pty.kill('SIGKILL');
    }
  });

  it('never hands a late answer to the next spawn, and ends the program it was for', async () => {
    const late = startPtyThread(pathToFileURL(path.resolve(import.meta.dirname, '../fixtures/threads/late-first-answer.mjs')), { spawnTimeoutMs: 150 });
    const options = { command: 'agent', args: [], cwd: os.tmpdir(), env: {}, cols: 80, rows: 24 };
    await expect(late(options)).rejects.toThrow(/did not answer/);
    const second = await late(options);
    expect(second.pid).toBe(1002);
    let out = '';
    second.onData((d) => (out += String(d)));
    second.write('abandoned?');
    await waitFor(() => out === 'abandoned:1');
  });

  it('refuses a missing directory or program, in words', async () => {
    const missing = spawnPty({ command: 'sh', args: [], cwd: '/no/such/dir', env: process.env, cols: 80, rows: 24 });
    await expect(missing).rejects.toThrow(SpawnError);
    await expect(missing).rejects.toThrow(/Directory not found: \/no\/such\/dir/);
    const unknown = spawnPty({ command: 'no-such-agent-xyz', args: [], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 });
    await expect(unknown).rejects.toThrow(/Program not found: no-such-agent-xyz/);
  });

  it('says at once when the thread itself is missing', async () => {
    const missing = startPtyThread(pathToFileURL(path.join(os.tmpdir(), 'no-such-pty-thread.js')));
    await expect(missing({ command: 'sh', args: [], cwd: os.tmpdir(), env: process.env, cols: 80, rows: 24 })).rejects.toThrow(/no-such-pty-thread\.js is missing/);
  });

  it('keeps the main thread running while a spawn is in flight', async () => {
    // This thread answers a spawn only once the next one is asked for, and the next one is asked
    // for by a timer: a main thread that blocked until the first answer would never get there.
    const relay = startPtyThread(pathToFileURL(path.resolve(import.meta.dirname, '../fixtures/threads/answer-on-next-spawn.mjs')), { spawnTimeoutMs: 5000 });
    const options = { command: 'agent', args: [], cwd: os.tmpdir(), env: {}, cols: 80, rows: 24 };
    const first = relay(options);
    let second: Promise<unknown> | undefined;
    setTimeout(() => (second = relay(options)), 20);
    expect((await first).pid).toBe(1001);
    expect(second).toBeDefined();
  });

  it('hands over output a program writes as soon as it starts, and its exit', async () => {
    const { state } = await run('printf now; exit 5');
    await waitFor(() => state.exit);
    expect({ out: state.out, exit: state.exit!.exitCode }).toEqual({ out: 'now', exit: 5 });
  });
});
