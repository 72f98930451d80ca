// Claude Code 2.1.197 screens that are not among the recorded fixtures, read off the real CLI
// through ../shared/claude-harness (2026-12-05; a scripted model, 140x40 window, the panel 111
// wide): plan mode's dialog once a plan file exists, and WebFetch's prompt, which has no footer.
import { describe, expect, it } from 'vitest';
import { claudeDetector, detect } from '../../../src/core/agents/detect/index.js';
import { choose } from '../../../src/core/agents/prompt-answer.js';

const RULE = '─'.repeat(111);
const DASHES = '╌'.repeat(111);

const READY_TO_CODE = [
  '❯ plan again',
  '',
  RULE,
  ' Ready to code?',
  '',
  " Here is Claude's plan:",
  DASHES,
  ' Plan',
  '',
  ' 1. Create plan.txt',
  ' 2. Write done into it',
  DASHES,
  '',
  RULE,
  ' Claude has written up a plan and is ready to execute. Would you like to proceed?',
  '',
  ' ❯ 1. Yes, and use auto mode',
  '   2. Yes, manually approve edits',
  '   3. Tell Claude what to change',
  '      shift+tab to approve with this feedback',
  '',
  ' ctrl+g to edit in  Vim  · ~/.claude/plans/plan-it-goofy-ullman.md',
  '',
];

const WEB_FETCH = [
  '● Fetch(https://example.com/page)',
  '',
  RULE,
  ' Fetch',
  '',
  '   url: "https://example.com/page", prompt: "Summarise"',
  '   Claude wants to fetch content from example.com',
  '',
  ' Do you want to allow Claude to fetch this content?',
  ' ❯ 1. Yes',
  "   2. Yes, and don't ask again for example.com",
  '   3. No, and tell Claude what to do differently (esc)',
  '',
];

describe('Claude screens not in the recorded fixtures', () => {
  it('reads the plan dialog ("Ready to code?"): y approves with edits still asked, auto mode counts as always', () => {
    const { state, prompt } = detect(READY_TO_CODE, claudeDetector);
    expect(state).toBe('permission');
    expect(prompt).toMatchObject({ kind: 'question', tool: 'ExitPlanMode' });
    expect(prompt!.options.map((o) => [o.number, o.role, o.free === true])).toEqual([
      [1, 'always', false],
      [2, 'yes', false],
      [3, 'other', true],
    ]);
    expect(choose(prompt!, { by: 'role', role: 'yes' })).toMatchObject({ number: 2, keys: '2' });
    // Feedback is typed on its row (m), never picked by a bare "n".
    expect(choose(prompt!, { by: 'role', role: 'no' })).toBe('asks a question: pick an option by its number');
    expect(choose(prompt!, { by: 'text', text: 'smaller steps' })).toMatchObject({ number: 3 });
  });

  it("reads WebFetch's prompt, which ends with its options (no footer)", () => {
    const { state, prompt } = detect(WEB_FETCH, claudeDetector);
    expect(state).toBe('permission');
    expect(prompt).toMatchObject({ kind: 'tool', tool: 'WebFetch', title: 'Fetch', question: 'Do you want to allow Claude to fetch this content?' });
    expect(prompt!.options.map((o) => o.role)).toEqual(['yes', 'always', 'no']);
    // Half drawn (the last option not there yet) it is no prompt: the options must end the screen whole.
    expect(detect(WEB_FETCH.slice(0, -2), claudeDetector).state).not.toBe('permission');
  });
});
