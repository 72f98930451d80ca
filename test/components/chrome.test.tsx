import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AddAgentDialog } from '../../components/AddAgentDialog.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { Hints } from '../../components/Hints.js';
import { footerHints, helpSections } from '../../src/help.js';
import { buildKeymap } from '../../src/keymap.js';
import { waitFor } from '../helpers/wait-for.js';

const keymap = buildKeymap();

describe('Hints', () => {
  it('shows the keys of the current mode, from the keymap', () => {
    const { lastFrame } = render(<Hints modeLabel="typing into agent" hints={footerHints(keymap, 'agent')} width={100} />);
    expect(plain(lastFrame()!)).toContain('Shift+↑/↓ switch');
    expect(plain(lastFrame()!)).toContain('Ctrl+] menu');
  });

  it('follows user key overrides', () => {
    const custom = buildKeymap({ 'mode.squad': { agent: ['ctrl+\\'] } });
    const { lastFrame } = render(<Hints modeLabel="x" hints={footerHints(custom, 'agent')} width={100} />);
    expect(plain(lastFrame()!)).toContain('Ctrl+\\ menu');
  });

  it('gives up whole hints when narrow, never the menu, help or quit key, and never cuts one in half', () => {
    for (const width of [60, 80, 100]) {
      const frame = plain(render(<Hints modeLabel="squad menu" hints={footerHints(keymap, 'squad')} width={width} />).lastFrame()!);
      expect(frame).toMatch(/\? help · q quit$/);
      expect(frame).not.toContain('…');
    }
    const wide = plain(render(<Hints modeLabel="squad menu" hints={footerHints(keymap, 'squad')} width={140} />).lastFrame()!);
    expect(wide).toContain('a add · x close · d changes');
    expect(wide).toMatch(/q quit · D detach$/);
  });

  it('cuts a long notice, never the key into the menu', () => {
    const notice = { text: 'Brought back 2 agents of the squad from before. From earlier runs: node-3 (worktree kept)', level: 'info' as const };
    for (const width of [80, 100, 140]) {
      const frame = plain(render(<Hints modeLabel="typing into agent" hints={footerHints(keymap, 'agent')} notice={notice} width={width} fullNoticeKey="Ctrl+] L" />).lastFrame()!);
      if (width < 140) expect(frame).toContain('(more: Ctrl+] L)');
      expect(frame).toMatch(/Ctrl\+\] menu$/);
    }
  });

  it('shows a notice before the hints', () => {
    const { lastFrame } = render(<Hints modeLabel="m" hints={footerHints(keymap, 'squad')} notice={{ text: 'claude is not installed', level: 'warn' }} width={120} />);
    expect(plain(lastFrame()!)).toContain('claude is not installed');
  });
});

describe('HelpOverlay', () => {
  it('lists every command of every mode with its keys', () => {
    const { lastFrame } = render(<HelpOverlay sections={helpSections(keymap)} width={150} height={200} offset={0} />);
    const frame = plain(lastFrame()!);
    for (const c of keymap.commands) {
      if (c.group && c.id !== `${c.group}.1`) continue;
      expect(frame).toContain(c.description);
    }
    expect(frame).toContain('Alt+1..9');
    // Keys wider than the key column never run into their description.
    expect(frame).not.toMatch(/\)[A-Z]/);
    expect(frame).toMatch(/Shift\+↓\/Alt\+↓\s+Select the next agent/);
    // Keys wider than the key column have their own row, the description under them in its column.
    expect(frame).toMatch(/\(log\)\n {31}Close this view/);
  });

  it('keeps every description in a narrow panel, under keys too wide for their column', () => {
    // The panel of an 80-column terminal: the key column takes a third of it.
    const { lastFrame } = render(<HelpOverlay sections={helpSections(keymap)} width={51} height={200} offset={0} />);
    const frame = plain(lastFrame()!);
    expect(frame).toMatch(/^ {18}Confirm$/m);
    expect(frame).toMatch(/^ {18}Cancel$/m);
    expect(frame).toMatch(/^ PgDn\/Space {7}Scroll the key list a page down$/m);
    // Keys wider than that column still keep two spaces before their description.
    expect(frame).toMatch(/^ Shift\+PgUp\/Alt\+PgUp {2}Scroll the agent back/m);
  });

  it('scrolls when it is taller than the panel, saying where it is', () => {
    const sections = helpSections(keymap);
    const top = render(<HelpOverlay sections={sections} width={100} height={12} offset={0} />);
    expect(plain(top.lastFrame()!)).toMatch(/scroll \(1-11 of \d+\)/);
    expect(plain(top.lastFrame()!)).toContain('While typing into an agent');
    const end = render(<HelpOverlay sections={sections} width={100} height={12} offset={999} />);
    expect(plain(end.lastFrame()!)).toContain('Cancel');
    expect(plain(end.lastFrame()!)).not.toContain('While typing into an agent');
  });
});

describe('dialogs', () => {
  it('AddAgentDialog shows the fields, the error and sends typing to the focused field', async () => {
    const onChange = vi.fn();
    const { lastFrame, stdin } = render(
      <AddAgentDialog
        values={{ name: 'coder', command: 'claude', cwd: '/repo', base: '', prompt: '' }}
        field="command"
        error="Program not found: clod"
        width={80}
        height={16}
        onChange={onChange}
        hint="Tab next field"
        worktree
        worktreeKey="Ctrl+W"
        branch="squad/coder"
      />,
    );
    expect(plain(lastFrame()!)).toContain('Name');
    expect(plain(lastFrame()!)).toMatch(/› Command\s+claude/);
    expect(plain(lastFrame()!)).toContain('Program not found: clod');
    expect(plain(lastFrame()!)).toContain('on · Ctrl+W turns off · branch squad/coder');
    stdin.write('x');
    await waitFor(() => onChange.mock.calls.length > 0);
    expect(onChange).toHaveBeenCalledWith('command', 'claudex');
  });

  it('AddAgentDialog keeps the worktree key when a narrow panel cuts the line', () => {
    const { lastFrame } = render(
      <AddAgentDialog
        values={{ name: 'a-long-agent-name', command: 'claude', cwd: '/repo', base: '', prompt: '' }}
        field="name"
        width={72}
        height={16}
        onChange={() => {}}
        hint="Tab next field"
        worktree
        worktreeKey="Ctrl+t"
        branch="squad/a-long-agent-name"
      />,
    );
    const line = plain(lastFrame()!).split('\n').find((l) => l.includes('Worktree'))!;
    expect(line).toMatch(/on · Ctrl\+t turns off · branch squad\/a-long-agent/);
    expect(line).toContain('…');
  });

  it('ConfirmDialog says what would be affected and which keys answer', () => {
    const { lastFrame } = render(
      <ConfirmDialog title="Quit squadtui?" body={['2 agents are still running: a, b.']} yesLabel="quit" yesKeys="y" noKeys="n" width={60} height={8} />,
    );
    expect(plain(lastFrame()!)).toContain('Quit squadtui?');
    expect(plain(lastFrame()!)).toContain('2 agents are still running: a, b.');
    expect(plain(lastFrame()!)).toMatch(/y quit\s+n cancel/);
  });
});
