// The painter draws the selected agent's rows between Ink's frames (src/runtime/painter.ts). Drawn
// here by the real Ink, patched, into a terminal emulator: what the terminal shows must always be
// what Ink alone would have drawn, whoever drew last.
import '../helpers/outside-ci.js';
import xtermHeadless from '@xterm/headless';
import { Box, Text, render } from 'ink';
import { PassThrough } from 'node:stream';
import React, { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameCache } from '../../src/core/sessions/frame-cache.js';
import type { Frame, SessionEvent, SessionHost } from '../../src/core/sessions/host.js';
import { Screen } from '../../src/core/terminal/screen.js';
import { Emitter } from '../../src/core/util/emitter.js';
import { PainterContext } from '../../src/hooks/painter.js';
import { type Services, ServicesContext } from '../../src/hooks/services.js';
import { WindowScreen } from '../../src/host/window-io.js';
import { LiveScreen } from '../../src/live-screen.js';
import { type InkCursorControl, ScreenPainter } from '../../src/runtime/painter.js';
import { createUi } from '../../src/runtime/ui.js';
import { terminalCursor } from '../helpers/terminal-cursor.js';

const COLS = 30;
const ROWS = 8;
/** The agent's terminal: 20x4 at column 10, row 1 of the frame. */
const AT = { x: 10, y: 1 };

function agentFrame(id: string, text: string, cols = 20, scrollOffset = 0): Frame {
  const screen = new Screen({ cols, rows: 4 });
  screen.parseNow(text);
  return { id, snapshot: { ...screen.snapshot(), scrollOffset } };
}

/** The window's frame cache, fed by `sent` as a host's frames would. */
function frameSource(): { sent: Emitter<Frame>; frames: FrameCache } {
  const sent = new Emitter<Frame>();
  const host = { onFrame: (l: (f: Frame) => void) => sent.on(l), onEvent: (l: (e: SessionEvent) => void) => new Emitter<SessionEvent>().on(l) };
  return { sent, frames: new FrameCache(host as unknown as Pick<SessionHost, 'onFrame' | 'onEvent'>) };
}

interface Rig {
  /** The terminal's lines (without trailing blanks), once everything written so far is parsed. */
  lines(): Promise<string[]>;
  cursor(): Promise<{ x: number; y: number; shown: boolean }>;
  send(frame: Frame): void;
  /** Ink frames drawn so far. */
  renders(): number;
  setView(view: 'agent' | 'panel'): void;
  setClock(n: number): void;
  setTyping(typing: boolean): void;
  unmount(): void;
}

let rig: Rig | undefined;
afterEach(() => {
  rig?.unmount();
  rig = undefined;
});

/** A frame as the app lays it out: a clock line, a side column, and the agent's terminal or a panel of blank lines. */
function start(): Rig {
  // convertEol: a terminal's line discipline turns Ink's \n into \r\n.
  const term = new xtermHeadless.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, convertEol: true });
  let pending = Promise.resolve();
  const stdout = new WindowScreen((data) => {
    pending = pending.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
  }, COLS, ROWS).asStdout();
  const { sent, frames } = frameSource();
  const services = { frames } as unknown as Services;
  // Drawn to before render() returns it: the painter finds it once it is there.
  const drawn: { ink?: ReturnType<typeof render> } = {};
  const painter = new ScreenPainter(frames, stdout, () => drawn.ink as (ReturnType<typeof render> & InkCursorControl) | undefined);
  const controls: { view?: (v: 'agent' | 'panel') => void; clock?: (n: number) => void; typing?: (t: boolean) => void } = {};
  let renders = 0;

  function Frame() {
    const [view, setView] = useState<'agent' | 'panel'>('agent');
    const [clock, setClock] = useState(0);
    const [typing, setTyping] = useState(true);
    Object.assign(controls, { view: setView, clock: setClock, typing: setTyping });
    return (
      <Box flexDirection="column" width={COLS} height={ROWS - 1}>
        <Text>{`clock ${clock}`}</Text>
        <Box>
          <Box width={AT.x} height={4} flexDirection="column">
            <Text>side</Text>
          </Box>
          {view === 'agent' ? <LiveScreen id="a" width={20} height={4} origin={AT} showCursor={typing} /> : <Box width={20} height={4} />}
        </Box>
      </Box>
    );
  }

  sent.emit(agentFrame('a', 'first line\r\n$ '));
  drawn.ink = render(
    <ServicesContext.Provider value={services}>
      <PainterContext.Provider value={painter}>
        <Frame />
      </PainterContext.Provider>
    </ServicesContext.Provider>,
    { stdout, patchConsole: false, exitOnCtrlC: false, incrementalRendering: true, maxFps: 1000, onRender: () => renders++ },
  );
  painter.paint();
  const settled = async () => {
    // Ink's last frame (React commits in a microtask) and the writes before it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await pending;
  };
  return {
    async lines() {
      await settled();
      return Array.from({ length: ROWS }, (_, y) => term.buffer.active.getLine(y)?.translateToString(true).trimEnd() ?? '');
    },
    async cursor() {
      await settled();
      return terminalCursor(term);
    },
    send: (frame) => sent.emit(frame),
    renders: () => renders,
    setView: (v) => controls.view?.(v),
    setClock: (n) => controls.clock?.(n),
    setTyping: (t) => controls.typing?.(t),
    unmount() {
      drawn.ink?.unmount();
      painter.dispose();
      term.dispose();
    },
  };
}

describe('the painter', () => {
  it("draws the agent's new rows and cursor with no frame of Ink's, and Ink's next frame keeps them", async () => {
    const r = (rig = start());
    expect((await r.lines())[AT.y]).toBe('side      first line');
    expect(await r.cursor()).toEqual({ x: AT.x + 2, y: AT.y + 1, shown: true });
    const before = r.renders();
    r.send(agentFrame('a', 'first line\r\n$ echo hi'));
    expect((await r.lines())[AT.y + 1]).toBe('          $ echo hi');
    expect(await r.cursor()).toEqual({ x: AT.x + 9, y: AT.y + 1, shown: true });
    expect(r.renders()).toBe(before);
    // A row above the cursor changes: the cursor stays where the agent has it.
    r.send(agentFrame('a', 'top changed\r\n$ echo hi'));
    expect((await r.lines())[AT.y]).toBe('side      top changed');
    expect(await r.cursor()).toEqual({ x: AT.x + 9, y: AT.y + 1, shown: true });
    // Something else changes: Ink draws its frame, with the agent's rows as they are now.
    r.setClock(1);
    const lines = await r.lines();
    expect(lines[0]).toBe('clock 1');
    expect(lines.slice(AT.y, AT.y + 2)).toEqual(['side      top changed', '          $ echo hi']);
    expect(r.renders()).toBeGreaterThan(before);
    expect(await r.cursor()).toEqual({ x: AT.x + 9, y: AT.y + 1, shown: true });
  });

  it('leaves nothing behind where a panel takes the screen, even on lines Ink last drew blank', async () => {
    const r = (rig = start());
    // Row 3 of the agent was blank in Ink's last frame; only the painter drew on it.
    r.send(agentFrame('a', 'first line\r\n$ \r\n\r\npainted'));
    expect((await r.lines())[AT.y + 3]).toBe('          painted');
    // Keys leave the agent first (the squad menu), then the panel opens.
    r.setTyping(false);
    expect((await r.cursor()).shown).toBe(false);
    r.setView('panel');
    const lines = await r.lines();
    expect(lines.join('\n')).not.toMatch(/painted|first line/);
    expect((await r.cursor()).shown).toBe(false);
    // Frames that come while the panel shows are not drawn over it.
    r.send(agentFrame('a', 'later'));
    expect((await r.lines()).join('\n')).not.toContain('later');
    // Back to the agent: its screen as it is now.
    r.setView('agent');
    expect((await r.lines())[AT.y]).toBe('side      later');
  });

  it('draws no other agent, and no frame of another width (the agent is being resized)', async () => {
    const r = (rig = start());
    r.send(agentFrame('b', 'other agent'));
    expect((await r.lines()).join('\n')).not.toContain('other agent');
    r.send(agentFrame('a', 'too wide', 25));
    const lines = await r.lines();
    expect(lines.join('\n')).not.toMatch(/too wide|first line/);
    expect(lines[AT.y]).toBe('side');
  });

  it('shows the cursor only while the user types into the live screen', async () => {
    const r = (rig = start());
    r.setTyping(false);
    expect((await r.cursor()).shown).toBe(false);
    r.send(agentFrame('a', 'first line\r\n$ ls'));
    expect((await r.lines())[AT.y + 1]).toBe('          $ ls');
    expect((await r.cursor()).shown).toBe(false);
    r.setTyping(true);
    expect(await r.cursor()).toEqual({ x: AT.x + 4, y: AT.y + 1, shown: true });
    // Scrolled back: the cursor is not on the rows shown.
    r.send(agentFrame('a', 'old line', 20, 5));
    expect((await r.lines())[AT.y]).toBe('side      old line');
    expect((await r.cursor()).shown).toBe(false);
  });

  it('keeps painting after the UI was taken down and drawn again, as around the editor', () => {
    const chunks: string[] = [];
    const stdout = new WindowScreen((data) => chunks.push(data.toString()), COLS, ROWS).asStdout();
    const { sent, frames } = frameSource();
    const ui = createUi(stdout, new PassThrough() as unknown as NodeJS.ReadStream, <LiveScreen id="a" width={20} height={4} origin={AT} showCursor />);
    /** A new frame of the agent: whether the painter drew it (it saves the cursor first; Ink never does). */
    let n = 0;
    const painted = () => {
      const from = chunks.length;
      sent.emit(agentFrame('a', `frame ${n++}`));
      return chunks.slice(from).join('').includes('\x1b7');
    };
    try {
      ui.mount({ frames } as unknown as Services);
      expect(painted()).toBe(true);
      ui.unmount();
      ui.remount();
      expect(painted()).toBe(true);
    } finally {
      ui.unmount();
    }
  });
});
