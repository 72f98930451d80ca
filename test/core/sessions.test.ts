import { describe, expect, it, vi } from 'vitest';
import { SpawnError } from '../../src/core/pty/node-pty.js';
import { LocalSessionHost } from '../../src/core/sessions/local-host.js';
import type { Frame, SessionEvent } from '../../src/core/sessions/host.js';
import { fakeSpawner, running } from '../helpers/fake-pty.js';
import { waitFor } from '../helpers/wait-for.js';

const spec = (name: string) => ({ name, command: 'agent', args: [], cwd: '/tmp' });

function setup(frameIntervalMs = 1000, queuedParse = false) {
  const { spawn, ptys } = fakeSpawner();
  const host = new LocalSessionHost({ spawnPty: spawn, cols: 40, rows: 10, frameIntervalMs, env: { PATH: '/bin', TMUX: 'x' }, queuedParse });
  const events: SessionEvent[] = [];
  const frames: string[] = [];
  host.onEvent((e) => events.push(e));
  host.onFrame((frame) => frames.push(frame.id));
  /** Spawns an agent and waits for its program to run (the spawn is answered a moment later). */
  const start = async (name: string) => running(host, host.spawn(spec(name)).id);
  return { host, ptys, events, frames, start };
}

describe('LocalSessionHost', () => {
  it('starts agents in their own pty with the panel size and a clean environment', async () => {
    const { host, ptys } = setup();
    const info = await running(host, host.spawn(spec('a')).id);
    expect(info.status).toBe('running');
    expect(info.pid).toBe(ptys[0]!.pid);
    expect(ptys[0]!.options).toMatchObject({ cols: 40, rows: 10, cwd: '/tmp' });
    expect(ptys[0]!.options.env).toMatchObject({ TERM: 'xterm-256color', SQUADTUI_AGENT: 'a' });
    expect(ptys[0]!.options.env.TMUX).toBeUndefined();
  });

  it('reports a program that cannot start, in words, without throwing', async () => {
    const host = new LocalSessionHost({
      spawnPty: () => Promise.reject(new SpawnError('Program not found: nope', 'Install it.')),
      cols: 40,
      rows: 10,
    });
    const { id } = host.spawn(spec('a'));
    const info = await running(host, id);
    expect(info.status).toBe('failed');
    expect(host.get(info.id)?.error).toEqual({ message: 'Program not found: nope', hint: 'Install it.' });
  });

  it('sends frames only for the watched agent; hidden output costs one output event', async () => {
    const { host, ptys, events, frames, start } = setup(0);
    const a = await start('a');
    const b = await start('b');
    host.watch(a.id);
    frames.length = 0;
    ptys[1]!.emit('hidden 1');
    ptys[1]!.emit('hidden 2');
    await waitFor(() => host.screenText(b.id)[0] === 'hidden 1hidden 2');
    expect(frames).toEqual([]);
    expect(events.filter((e) => e.type === 'output' && e.id === b.id)).toHaveLength(1);
    ptys[0]!.emit('visible');
    await waitFor(() => frames.includes(a.id));
    expect(host.snapshot(a.id)!.lines[0]!.runs[0]!.text.startsWith('visible')).toBe(true);
  });

  it('marks output unseen as soon as a streaming agent is left, without waiting for a pause', async () => {
    const { host, ptys, events, start } = setup(0);
    const a = await start('a');
    const b = await start('b');
    host.watch(a.id);
    ptys[0]!.emit('streaming 1');
    await waitFor(() => host.screenText(a.id)[0]!.startsWith('streaming 1'));
    const before = events.filter((e) => e.type === 'output' && e.id === a.id).length;
    // Switched away in the middle of the stream: the very next output counts.
    host.watch(b.id);
    ptys[0]!.emit(' streaming 2');
    await waitFor(() => host.screenText(a.id)[0]!.includes('streaming 2'));
    expect(events.filter((e) => e.type === 'output' && e.id === a.id)).toHaveLength(before + 1);
  });

  it('holds frames back while streaming, but never the one after a keystroke', async () => {
    const { host, ptys, frames, start } = setup(60_000);
    const a = await start('a');
    host.watch(a.id);
    ptys[0]!.emit('first');
    await waitFor(() => host.screenText(a.id)[0] === 'first');
    const afterFirst = frames.length;
    ptys[0]!.emit(' second');
    await waitFor(() => host.screenText(a.id)[0] === 'first second');
    expect(frames.length).toBe(afterFirst); // throttled: the next frame waits
    host.write(a.id, 'x');
    ptys[0]!.emit('x');
    await waitFor(() => frames.length > afterFirst);
    expect(host.snapshot(a.id)!.lines[0]!.runs[0]!.text.startsWith('first secondx')).toBe(true);
  });

  it('holds a hidden flood to its parse budget, pausing and resuming its pty', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    await start('b');
    host.watch('none');
    for (let i = 0; i < 10; i++) ptys[0]!.emit('x'.repeat(64 * 1024));
    expect(ptys[0]!.paused).toBe(true);
    await waitFor(() => !ptys[0]!.paused, { timeout: 2000 });
    expect(host.screenText(a.id)[0]).toMatch(/^x+$/);
  });

  it('parses a hidden agent a slice per turn, reports every parsed byte, and reads far ahead only for the selected one', async () => {
    const { host, ptys, events, start } = setup(0);
    const a = await start('a');
    const b = await start('b');
    host.watch(a.id);
    expect(ptys[0]!.readAheadBytes).toBeGreaterThan(ptys[1]!.readAheadBytes!);
    // One big read of 100 KB: it is parsed over several turns, the last line last.
    ptys[1]!.emit(`${'h'.repeat(40)}\r\n`.repeat(2500));
    ptys[1]!.emit('TAIL');
    await new Promise((r) => setImmediate(r));
    expect(ptys[1]!.consumedBytes).toBeLessThan(100_000);
    await waitFor(() => ptys[1]!.consumedBytes === 42 * 2500 + 4);
    expect(host.screenText(b.id).join('\n')).toContain('TAIL');
    expect(events.filter((e) => e.type === 'output' && e.id === b.id)).toHaveLength(1);
    // Selecting it lets it read far ahead; the other one is held to little.
    host.watch(b.id);
    expect(ptys[1]!.readAheadBytes).toBeGreaterThan(ptys[0]!.readAheadBytes!);
  });

  it('parses one slice of one hidden agent per turn, the streaming agents in turn, so keys are read between slices', async () => {
    const { host, ptys, start } = setup(0);
    const a = await start('a');
    await start('b');
    await start('c');
    host.watch(a.id);
    const lines = `${'h'.repeat(40)}\r\n`.repeat(2500);
    ptys[1]!.emit(lines);
    ptys[2]!.emit(lines);
    const turn = () => new Promise((r) => setImmediate(r));
    await turn();
    // One slice in all, not one per streaming agent.
    expect(ptys[1]!.consumedBytes + ptys[2]!.consumedBytes).toBe(24 * 1024);
    await turn();
    expect(ptys[1]!.consumedBytes).toBe(24 * 1024);
    expect(ptys[2]!.consumedBytes).toBe(24 * 1024);
    await waitFor(() => ptys[1]!.consumedBytes === lines.length && ptys[2]!.consumedBytes === lines.length);
  });

  it("keeps a hidden agent's output unparsed from a keystroke until its echo is drawn (keys first)", async () => {
    const { host, ptys, frames, start } = setup(0);
    const a = await start('a');
    const b = await start('b');
    host.watch(a.id);
    host.write(a.id, 'k');
    ptys[1]!.emit('hidden while typing');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(ptys[1]!.consumedBytes).toBe(0);
    // A read that does not parse first still sees nothing of it.
    expect(host.screenText(b.id, true)[0]).toBe('');
    frames.length = 0;
    ptys[0]!.emit('k');
    await waitFor(() => frames.includes(a.id));
    await waitFor(() => ptys[1]!.consumedBytes === 'hidden while typing'.length);
    expect(host.screenText(b.id, true)[0]).toBe('hidden while typing');
  });

  it('lets hidden agents go on when a keystroke draws nothing (the hold runs out)', async () => {
    const { host, ptys, start } = setup(0);
    const a = await start('a');
    const b = await start('b');
    host.watch(a.id);
    host.write(a.id, '\x1b[Z');
    ptys[1]!.emit('not held for long');
    await waitFor(() => host.screenText(b.id, true)[0] === 'not held for long');
  });

  it('parses nothing more of an agent once it is closed', async () => {
    const { host, ptys, events, start } = setup(0);
    const a = await start('a');
    await start('b');
    host.watch('none');
    ptys[0]!.emit('x'.repeat(200_000));
    host.remove(a.id);
    // Its unparsed output would be parsed on the next turns, into a disposed screen.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(events.filter((e) => 'id' in e && e.id === a.id).map((e) => e.type)).toEqual(['removed']);
    // And whoever reads its pty is told nobody will take that output.
    expect(ptys[0]!.disposed).toBe(true);
  });

  it('with a queued emulator, bounds unparsed output by pausing the pty (flow control)', async () => {
    const { host, ptys, start } = setup(1000, true);
    const a = await start('a');
    host.watch(a.id);
    for (let i = 0; i < 12; i++) ptys[0]!.emit('z'.repeat(64 * 1024));
    expect(ptys[0]!.paused).toBe(true);
    await waitFor(() => !ptys[0]!.paused, { timeout: 5000 });
    expect(host.screenText(a.id)[9]).toMatch(/^z+$/);
  });

  it('lets the selected agent stream at full speed', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    host.watch(a.id);
    for (let i = 0; i < 20; i++) ptys[0]!.emit('y'.repeat(64 * 1024));
    expect(ptys[0]!.pauseCount).toBe(0);
  });

  it('reports an exit with its code after the last output is on screen', async () => {
    const { host, ptys, events, start } = setup();
    const a = await start('a');
    ptys[0]!.emit('last words');
    ptys[0]!.exit(3);
    await waitFor(() => host.get(a.id)?.status === 'exited');
    expect(host.get(a.id)).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(host.screenText(a.id)[0]).toBe('last words');
    expect(events.some((e) => e.type === 'info' && e.info.status === 'exited')).toBe(true);
    // Writes to an exited agent go nowhere.
    host.write(a.id, 'ignored');
    expect(ptys[0]!.sent).toBe('');
  });

  it('restarts an exited agent below its old output', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    ptys[0]!.emit('old');
    ptys[0]!.exit(1);
    await waitFor(() => host.get(a.id)?.status === 'exited');
    expect(host.restart(a.id).status).toBe('starting');
    expect(ptys).toHaveLength(2);
    await running(host, a.id);
    expect(host.get(a.id)?.status).toBe('running');
    host.scroll(a.id, 'top');
    const viewport = host.snapshot(a.id)!.lines.map((l) => l.runs.map((r) => r.text).join('').trimEnd());
    expect(viewport.slice(0, 2)).toEqual(['old', expect.stringMatching(/^── restarted .* ──$/)]);
  });

  it('does not mark a redraw of what the user saw as new output (Claude redraws when it loses focus)', async () => {
    const { host, ptys, events, start } = setup(0);
    const a = await start('a');
    const b = await start('b');
    host.watch(a.id);
    // Claude draws its own cursor: a styled space after the text.
    ptys[0]!.emit('❯ hello\x1b[7m \x1b[27m');
    await waitFor(() => host.screenText(a.id)[0]!.startsWith('❯ hello'));
    host.watch(b.id);
    const outputs = () => events.filter((e) => e.type === 'output' && e.id === a.id).length;
    const before = outputs();
    const screens = () => events.filter((e) => e.type === 'screen' && e.id === a.id).length;
    const screensBefore = screens();
    // Losing focus, it draws the same screen again without that cursor.
    ptys[0]!.emit('\x1b[H\x1b[2K❯ hello\x1b[?25h');
    // Parsed (the screen event follows every parse); no output event came with it.
    await waitFor(() => screens() > screensBefore);
    expect(outputs()).toBe(before);
    ptys[0]!.emit('\r\nnew line');
    await waitFor(() => outputs() === before + 1);
  });

  it('restarts on a clean screen, the old output in the scrollback above one rule, whatever cursor the program saved', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    // Like Claude: a cursor saved with ESC 7 high up, then more output under it; then it exits.
    ptys[0]!.emit('line 1\r\nline 2\r\n\x1b7line 3\r\nline 4 is longer than the new header');
    ptys[0]!.exit(0);
    await waitFor(() => host.get(a.id)?.status === 'exited');
    host.restart(a.id);
    await running(host, a.id);
    ptys[1]!.emit('NEW');
    await waitFor(() => host.screenText(a.id)[0] === 'NEW');
    // No old characters show through the new program's screen.
    expect(host.screenText(a.id).filter((l) => l !== '')).toEqual(['NEW']);
    host.scroll(a.id, 'top');
    const viewport = host.snapshot(a.id)!.lines.map((l) => l.runs.map((r) => r.text).join('').trimEnd());
    expect(viewport.slice(0, 5)).toEqual(['line 1', 'line 2', 'line 3', 'line 4 is longer than the new header', expect.stringMatching(/^── restarted .* ──$/)]);
    expect(viewport[5]).toBe('NEW');
  });

  it('restarts a full screen the same way: every old row above the rule', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    ptys[0]!.emit(Array.from({ length: 10 }, (_, i) => `row ${i}`).join('\r\n'));
    ptys[0]!.exit(0);
    await waitFor(() => host.get(a.id)?.status === 'exited');
    host.restart(a.id);
    await running(host, a.id);
    ptys[1]!.emit('NEW');
    await waitFor(() => host.screenText(a.id)[0] === 'NEW');
    host.scroll(a.id, 'top');
    const viewport = host.snapshot(a.id)!.lines.map((l) => l.runs.map((r) => r.text).join('').trimEnd());
    expect(viewport).toEqual([...Array.from({ length: 10 }, (_, i) => `row ${i}`)]);
    host.scroll(a.id, { lines: 10 });
    const next = host.snapshot(a.id)!.lines.map((l) => l.runs.map((r) => r.text).join('').trimEnd());
    expect(next[0]).toMatch(/^── restarted .* ──$/);
    expect(next[1]).toBe('NEW');
  });

  it('resizes every agent, hidden ones included', async () => {
    const { host, ptys, start } = setup();
    await start('a');
    await start('b');
    host.resize(80, 20);
    expect(ptys.map((p) => p.sizes.at(-1))).toEqual([[80, 20], [80, 20]]);
  });

  it('answers terminal queries from the emulator', async () => {
    const { ptys, start } = setup();
    await start('a');
    ptys[0]!.emit('ab\x1b[6n');
    await waitFor(() => ptys[0]!.sent.includes('\x1b[1;3R'));
  });

  it('types a first line as a paste when the program asked for bracketed paste, then Enter', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    ptys[0]!.emit('\x1b[?2004h');
    await waitFor(() => host.modes(a.id)?.bracketedPaste);
    host.typeLine(a.id, 'do the thing');
    expect(ptys[0]!.sent).toBe('\x1b[200~do the thing\x1b[201~');
    ptys[0]!.emit('do the thing');
    await waitFor(() => ptys[0]!.sent.endsWith('\r'));
  });

  it("types a line's Enter once the program has shown the text, a moment later (never in the text's burst)", async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      host.typeLine(a.id, 'do the thing');
      // Longer than the gap: without an echo the Enter still waits, also while the program draws
      // something else (busy starting, it has not read the text yet).
      vi.advanceTimersByTime(500);
      ptys[0]!.emit('Initializing...\r\n');
      host.screenText(a.id);
      vi.advanceTimersByTime(500);
      expect(ptys[0]!.sent).toBe('do the thing');
      ptys[0]!.emit('> do the thing');
      host.screenText(a.id);
      vi.advanceTimersByTime(119);
      expect(ptys[0]!.sent).toBe('do the thing');
      vi.advanceTimersByTime(1);
      expect(ptys[0]!.sent).toBe('do the thing\r');
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits longer for a program that was slow to show the text (twice the echo's time)", async () => {
    let clock = 0;
    const { spawn, ptys } = fakeSpawner();
    const host = new LocalSessionHost({ spawnPty: spawn, cols: 40, rows: 10, frameIntervalMs: 1000, now: () => clock });
    const a = await running(host, host.spawn(spec('a')).id);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      host.typeLine(a.id, 'slow one');
      clock += 400;
      vi.advanceTimersByTime(400);
      ptys[0]!.emit('> slow one');
      host.screenText(a.id);
      vi.advanceTimersByTime(799);
      expect(ptys[0]!.sent).toBe('slow one');
      vi.advanceTimersByTime(1);
      expect(ptys[0]!.sent).toBe('slow one\r');
    } finally {
      vi.useRealTimers();
    }
  });

  it('types Enter anyway when the program never shows the text', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      host.typeLine(a.id, 'quiet');
      vi.advanceTimersByTime(2999);
      expect(ptys[0]!.sent).toBe('quiet');
      vi.advanceTimersByTime(1);
      expect(ptys[0]!.sent).toBe('quiet\r');
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts a program with squadtui's own arguments and environment under a chosen id", async () => {
    const { host, ptys } = setup();
    const id = host.newId();
    const info = host.spawn(spec('a'), { id, args: ['--settings', '/tmp/x.json'], env: { HOOK: '1' } });
    expect(info.id).toBe(id);
    expect(ptys[0]!.options.args).toEqual(['--settings', '/tmp/x.json']);
    expect(ptys[0]!.options.env.HOOK).toBe('1');
    expect(host.get(id)?.spec.args).toEqual([]);
  });

  it('tells focused programs when they gain and lose the panel', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    const b = await start('b');
    ptys[0]!.emit('\x1b[?1004h');
    await waitFor(() => host.modes(a.id)?.sendFocus);
    host.watch(a.id);
    host.watch(b.id);
    expect(ptys[0]!.sent).toBe('\x1b[I\x1b[O');
    // Lent for an answer while hidden (to see its text cursor), and taken back; never to the one shown.
    expect(host.lendFocus(a.id, true)).toBe(true);
    expect(host.lendFocus(a.id, false)).toBe(true);
    expect(ptys[0]!.sent).toBe('\x1b[I\x1b[O\x1b[I\x1b[O');
    host.watch(a.id);
    expect(host.lendFocus(a.id, true)).toBe(false);
    // A program that asked for no focus reports is told nothing.
    expect(host.lendFocus(b.id, true)).toBe(false);
  });

  it('scrolls back and returns to live on typing', async () => {
    const { host, ptys, start } = setup();
    const a = await start('a');
    ptys[0]!.emit(Array.from({ length: 40 }, (_, i) => `l${i}`).join('\r\n'));
    await waitFor(() => host.screenText(a.id)[9] === 'l39');
    host.scroll(a.id, { pages: -1 });
    expect(host.snapshot(a.id)!.scrollOffset).toBeGreaterThan(0);
    host.write(a.id, 'k');
    expect(host.snapshot(a.id)!.scrollOffset).toBe(0);
  });

  describe('while a spawn is in flight', () => {
    function held() {
      const spawner = fakeSpawner({ held: true });
      const host = new LocalSessionHost({ spawnPty: spawner.spawn, cols: 40, rows: 10, frameIntervalMs: 0 });
      const events: SessionEvent[] = [];
      host.onEvent((e) => events.push(e));
      return { host, events, ...spawner };
    }

    it('returns a starting agent at once; running, with its pid, comes as an event', async () => {
      const { host, events, ptys, answer } = held();
      const info = host.spawn(spec('a'));
      expect(info.status).toBe('starting');
      expect(host.get(info.id)?.status).toBe('starting');
      expect(events).toEqual([]);
      answer();
      const started = await running(host, info.id);
      expect(started).toMatchObject({ status: 'running', pid: ptys[0]!.pid });
      expect(events).toEqual([{ type: 'info', info: started }]);
    });

    it('delivers what was written while it started, in order, before anything written once it runs', async () => {
      const { host, ptys, answer } = held();
      const { id } = host.spawn(spec('a'));
      host.write(id, 'one ');
      host.typeLine(id, 'two');
      host.write(id, ' three');
      // Whoever hears 'running' and writes at once comes after what waited.
      host.onEvent((e) => e.type === 'info' && e.info.status === 'running' && host.write(id, ' four'));
      expect(ptys[0]!.sent).toBe('');
      answer();
      await running(host, id);
      expect(ptys[0]!.sent).toBe('one two three four');
      // typeLine's Enter follows a moment later, as always.
      await waitFor(() => ptys[0]!.sent === 'one two three four\r');
    });

    it('reports a program that cannot start, in words, and drops what waited for it', async () => {
      const { host, ptys, fail } = held();
      const { id } = host.spawn(spec('a'));
      host.write(id, 'lost');
      fail(new SpawnError('Directory not found: /nope', 'Pick an existing directory for this agent.'));
      expect(await running(host, id)).toMatchObject({ status: 'failed', error: { message: 'Directory not found: /nope', hint: 'Pick an existing directory for this agent.' } });
      expect(ptys[0]!.sent).toBe('');
    });

    it('says what went wrong when the spawner throws instead of rejecting', async () => {
      const host = new LocalSessionHost({ spawnPty: () => { throw new Error('boom'); }, cols: 40, rows: 10 });
      const { id } = host.spawn(spec('a'));
      expect(await running(host, id)).toMatchObject({ status: 'failed', error: { message: 'Could not start agent: boom' } });
    });

    it('ends a program that starts after its agent was removed', async () => {
      const { host, events, ptys, answer } = held();
      const { id } = host.spawn(spec('a'));
      host.remove(id);
      answer();
      await waitFor(() => ptys[0]!.disposed);
      expect(ptys[0]!.signals).toEqual(['SIGKILL']);
      // Nothing is told of an agent that is gone.
      expect(events.map((e) => e.type)).toEqual(['removed']);
    });

    it('ends a program killed while it started, as soon as it runs', async () => {
      const { host, ptys, answer } = held();
      const { id } = host.spawn(spec('a'));
      host.kill(id);
      answer();
      await running(host, id);
      expect(ptys[0]!.signals).toEqual(['SIGHUP', 'SIGTERM']);
    });

    it('gives a program the size its screen took while it started', async () => {
      const { host, ptys, answer } = held();
      const { id } = host.spawn(spec('a'));
      host.resize(100, 30);
      answer();
      await running(host, id);
      expect(ptys[0]!.options).toMatchObject({ cols: 40, rows: 10 });
      expect(ptys[0]!.sizes).toEqual([[100, 30]]);
    });
  });

  it('sends frames with the screen in them, one at once for a newly watched agent', async () => {
    const { host, ptys, start } = setup(0);
    const sent: Frame[] = [];
    host.onFrame((f) => sent.push(f));
    const a = await start('a');
    const b = await start('b');
    ptys[1]!.emit('hidden');
    await waitFor(() => host.screenText(b.id)[0] === 'hidden');
    host.watch(b.id);
    expect(sent.map((f) => [f.id, f.snapshot.lines[0]!.runs[0]!.text.trimEnd()])).toEqual([[b.id, 'hidden']]);
    host.watch(a.id);
    ptys[0]!.emit('shown');
    await waitFor(() => sent.length === 3);
    expect(sent[2]!.snapshot.lines[0]!.runs[0]!.text.trimEnd()).toBe('shown');
    // The frame is the screen as it is now: everything read is parsed before it is made.
    expect(sent[2]!.snapshot).toBe(host.snapshot(a.id));
  });
});
