import { stripVTControlCharacters as plain } from 'node:util';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { InboxStrip } from '../../components/InboxStrip.js';
import { type InboxItem, InboxView } from '../../components/InboxView.js';
import { LogView } from '../../components/LogView.js';
import { formatDuration, nextClockTick, nextDurationChange } from '../../components/format.js';

const item = (agent: string, patch: Partial<InboxItem> = {}): InboxItem => ({
  agentId: agent,
  agent,
  tool: 'Bash',
  subject: 'npm test',
  detail: ['npm test', 'Run the test suite'],
  question: 'Do you want to proceed?',
  options: ['1. Yes', '2. Yes, and don’t ask again for: npm test:*', '3. No'],
  cwd: '/work/repo',
  since: 0,
  onScreen: true,
  ...patch,
});

describe('inbox', () => {
  it('the strip shows the oldest prompt, how many more wait, and the keys', () => {
    const { lastFrame } = render(<InboxStrip item={item('coder')} count={3} keys={[{ text: '1 yes', keep: true }, { text: '3 no', keep: true }]} prefix="Ctrl+], then " width={100} now={12_000} />);
    expect(plain(lastFrame()!)).toContain('◆ coder  Bash: npm test 12s (+2 more) · Ctrl+], then 1 yes · 3 no');
  });

  it('the strip never cuts a key: it drops the ones that are not answers, then shortens the subject', () => {
    const keys = [{ text: '1 yes', keep: true }, { text: '2 always', keep: true }, { text: '3 no', keep: true }, { text: 'm no + message' }, { text: 'w go' }, { text: 'i inbox' }];
    const long = item('coder', { subject: 'npm test -- --run --reporter=verbose packages/server packages/client' });
    for (const width of [80, 100, 140]) {
      const line = plain(render(<InboxStrip item={long} count={1} keys={keys} prefix="Ctrl+], then " width={width} now={13_000} />).lastFrame()!);
      expect(line).toMatch(/Ctrl\+\], then 1 yes · 2 always · 3 no( · [^·]+)*$/);
      expect(line.split(' · ').at(-1)).toMatch(/^(3 no|m no \+ message|w go|i inbox)$/);
      expect(line).toContain('Bash: npm test');
    }
  });

  it('the strip keeps a multi-line command on its one line, so its keys still show', () => {
    const heredoc = item('coder', { subject: "cat > here.txt <<'EOF'\nline one\nEOF" });
    const line = plain(render(<InboxStrip item={heredoc} count={1} keys={[{ text: '1 yes', keep: true }, { text: '3 no', keep: true }]} width={100} now={0} />).lastFrame()!);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain("Bash: cat > here.txt <<'EOF' ⏎ line one ⏎ EOF");
    expect(line).toContain('1 yes · 3 no');
  });

  it('the strip says when a hook announced a prompt not seen on the screen yet', () => {
    const { lastFrame } = render(<InboxStrip item={item('coder', { onScreen: false })} count={1} keys={[]} width={100} now={0} />);
    expect(plain(lastFrame()!)).toContain('not seen on screen');
  });

  it('the view lists every prompt with agent, tool, directory, and the selected one in full', () => {
    const edit = item('tester', { tool: 'Edit', subject: 'greet.txt', detail: ['greet.txt', '1 -Hello old world', '1 +Hello NEW world'] });
    const { lastFrame } = render(<InboxView items={[item('coder'), edit]} cursor="tester" keys="1 yes" width={100} height={20} now={65_000} />);
    const frame = plain(lastFrame()!);
    expect(frame).toContain('Inbox · 2 waiting');
    expect(frame).toMatch(/ {2}coder Bash · \/work\/repo · 1m/);
    expect(frame).toMatch(/› tester Edit · \/work\/repo/);
    expect(frame).toContain('+Hello NEW world');
    expect(frame).toContain('Do you want to proceed?');
  });

  it('the empty view says nothing waits, and lists no answer keys', () => {
    const frame = plain(render(<InboxView items={[]} cursor={undefined} keys="y yes · n no · Esc close" width={60} height={10} now={0} />).lastFrame()!);
    expect(frame).toContain('No prompt is waiting.');
    expect(frame).not.toContain('y yes');
  });

  it("the view wraps the selected prompt's command in a narrow window: no word of it is cut", () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${String(i).padStart(3, '0')}`);
    const long = item('codex', { detail: [`$ echo ${words.slice(0, 20).join(' ')}`, words.slice(20).join(' ')] });
    const frame = plain(render(<InboxView items={[long]} cursor="codex" keys="1 yes" width={60} height={30} now={0} />).lastFrame()!);
    const shown = frame.replace(/\s+/g, ' ');
    for (const w of words) expect(shown, w).toContain(w);
  });

  it('the activity log lists what happened, newest last', () => {
    const entries = [
      { at: 0, agent: 'coder', text: 'auto-approved Bash(npm test) by rule Bash(npm test*)', kind: 'auto-approve' as const },
      { at: 1000, agent: 'tester', text: 'not answered: it no longer shows that prompt; nothing was sent', kind: 'dropped' as const },
    ];
    const { lastFrame } = render(<LogView entries={entries} width={100} height={10} file="/tmp/squadtui.log" />);
    const frame = plain(lastFrame()!);
    expect(frame).toContain('Activity log · 2 entries');
    expect(frame.indexOf('auto-approved')).toBeLessThan(frame.indexOf('nothing was sent'));
  });

  it('durations are coarse, and the clock wakes only when one changes', () => {
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(61_000)).toBe('1m');
    expect(formatDuration(3 * 3_600_000)).toBe('3h');
    expect(nextDurationChange(0, 1_500)).toBe(2_000);
    expect(nextDurationChange(0, 90_000)).toBe(120_000);
  });

  it('durations that change close together share one tick', () => {
    // Eight idle agents started 200 ms apart: their minute comes once for all, at the last.
    const idle = Array.from({ length: 8 }, (_, i) => ({ state: 'idle' as const, since: i * 200 }));
    expect(nextClockTick(idle, 10_000)).toBe(61_400);
    // A minute may show up to 5 s late, no later: an agent 6 s behind the first ticks on its own.
    expect(nextClockTick([{ state: 'idle', since: 0 }, { state: 'idle', since: 6_000 }], 10_000)).toBe(60_000);
    // Seconds (an agent working or asking) may show up to a second late.
    const busy = [{ state: 'working' as const, since: 100 }, { state: 'permission' as const, since: 700 }, { state: 'idle' as const, since: 0 }];
    expect(nextClockTick(busy, 5_000)).toBe(5_700);
    expect(nextClockTick(busy, 5_700)).toBe(6_700);
    expect(nextClockTick([], 5_000)).toBe(Infinity);
  });
});
