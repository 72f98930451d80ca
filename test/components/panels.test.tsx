import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { AgentPanel, ScrollNote } from '../../components/AgentPanel.js';
import { Sidebar } from '../../components/Sidebar.js';
import { TerminalView } from '../../components/TerminalView.js';
import { TooSmall } from '../../components/TooSmall.js';
import { Screen } from '../../src/core/terminal/screen.js';
import type { SessionInfo } from '../../src/core/sessions/host.js';
import type { AgentView } from '../../src/core/state/index.js';

const info = (name: string, patch: Partial<SessionInfo> = {}): SessionInfo => ({
  id: name, spec: { name, command: '/usr/bin/claude', args: ['--model', 'sonnet'], cwd: '/work/repo' }, status: 'running', startedAt: 0, ...patch,
});
const view = (name: string, patch: Partial<AgentView> = {}, infoPatch: Partial<SessionInfo> = {}): AgentView => ({
  id: name, info: info(name, infoPatch), activity: { state: 'working', since: 0 }, ...patch,
});

async function snapshotOf(data: string, cols = 30, rows = 4) {
  const s = new Screen({ cols, rows });
  await s.write(data);
  return s.snapshot();
}

describe('Sidebar', () => {
  it('lists every agent with its program, state, unseen mark and the selection', () => {
    const { lastFrame } = render(
      <Sidebar
        agents={[view('planner'), view('coder'), view('tester', { activity: { state: 'exited', since: 0 } }, { status: 'exited', exitCode: 2 })]}
        selectedId="coder"
        unseen={new Set(['coder'])}
        width={24}
        height={10}
        typing
        now={0}
        overlapping={new Set()}
      />,
    );
    const frame = plain(lastFrame()!);
    expect(frame).toContain('squadtui · 3 agents');
    expect(frame).toMatch(/▶ 2 coder\s+●/);
    expect(frame).toMatch(/ {2}1 planner/);
    expect(frame).toContain('◐ working 0s · claude');
    expect(frame).toContain('■ exit 2');
  });

  it('scrolls the list to keep the selected agent visible', () => {
    const agents = Array.from({ length: 12 }, (_, i) => view(`agent-${i + 1}`));
    const { lastFrame } = render(<Sidebar agents={agents} selectedId="agent-11" unseen={new Set()} width={24} height={7} typing={false} now={0} overlapping={new Set()} />);
    expect(plain(lastFrame()!)).toContain('▶ 11 agent-11');
    expect(plain(lastFrame()!)).not.toContain('agent-1 ');
    expect(plain(lastFrame()!)).toContain('↑');
  });
});

describe('TerminalView and AgentPanel', () => {
  it("draws the agent's screen with its colours", async () => {
    const snap = await snapshotOf('\x1b[31mred\x1b[0m text\r\n中文 wide');
    const { lastFrame } = render(<TerminalView snapshot={snap} width={30} height={4} />);
    const raw = lastFrame()!;
    expect(raw).toMatch(/\x1b\[(0;)?31mred/);
    const frame = plain(raw);
    expect(frame).toContain('中文 wide');
    expect(frame.split('\n')).toHaveLength(4);
  });

  it('shows name, state, command and directory in the header; exit code and how to restart', async () => {
    const snap = await snapshotOf('bye');
    const { lastFrame } = render(
      <AgentPanel info={info('coder', { status: 'exited', exitCode: 3 })} activity={{ state: 'exited', since: 0 }} now={0} screen={<TerminalView snapshot={snap} width={99} height={4} />} width={99} height={5} restartHint="Ctrl+] r" />,
    );
    expect(plain(lastFrame()!)).toContain('coder · exited with code 3 <1m (Ctrl+] r restarts) · /usr/bin/claude --model sonnet · /work/repo');
    expect(plain(lastFrame()!)).toContain('bye');
  });

  it('explains a program that failed to start instead of a blank terminal', () => {
    const failed = info('x', { status: 'failed', error: { message: 'Program not found: claude', hint: 'Install it.' } });
    const { lastFrame } = render(<AgentPanel info={failed} activity={{ state: 'failed', since: 0 }} now={0} width={60} height={6} />);
    expect(plain(lastFrame()!)).toContain('Program not found: claude');
    expect(plain(lastFrame()!)).toContain('Install it.');
  });

  it('marks a scrolled view', async () => {
    const s = new Screen({ cols: 20, rows: 3 });
    await s.write(Array.from({ length: 10 }, (_, i) => `l${i}`).join('\r\n'));
    s.scrollBy(-4);
    const { lastFrame } = render(<AgentPanel info={info('a')} activity={{ state: 'working', since: 0 }} now={5000} scrollMarker={<ScrollNote offset={s.snapshot().scrollOffset} />} screen={<TerminalView snapshot={s.snapshot()} width={80} height={3} />} width={80} height={4} />);
    expect(plain(lastFrame()!)).toContain('↑ scrolled back 4 lines');
  });
});

describe('TooSmall', () => {
  it('says what size is needed', () => {
    const { lastFrame } = render(<TooSmall cols={40} rows={8} minCols={60} minRows={12} />);
    expect(plain(lastFrame()!)).toContain('Terminal too small');
    expect(plain(lastFrame()!)).toContain('40x8, need 60x12');
  });

  it('says what is open and takes the keys though it cannot be shown (the quit question: y stops the squad)', () => {
    const frame = plain(render(<TooSmall cols={40} rows={8} minCols={60} minRows={12} open="a question (y/n)" />).lastFrame()!);
    expect(frame.replace(/\s+/g, ' ')).toContain('Open, and taking keys: a question (y/n).');
  });
});
