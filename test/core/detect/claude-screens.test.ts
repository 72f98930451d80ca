// Golden tests: the Claude detector on every real screen recorded from Claude Code 2.1.197.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentState, type DetectedPrompt, claudeDetector, detect, samePrompt } from '../../../src/core/agents/detect/index.js';

import { goldenScreenTests } from '../../helpers/golden-screens.js';
const DIR = path.resolve(import.meta.dirname, '../../fixtures/claude-code');
const NOT_SCREENS = new Set(['help.txt', 'version.txt']);
const screens = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt') && !NOT_SCREENS.has(f))
  .map((f) => f.slice(0, -4))
  .sort();
const lines = (name: string): string[] => readFileSync(path.join(DIR, `${name}.txt`), 'utf8').split('\n');

/** Every screen must be listed: a new fixture without an entry fails. */
const EXPECTED: Record<string, AgentState> = {
  'a-idle-typed': 'idle',
  'a-idle': 'idle',
  'b-busy-12s-done': 'idle',
  'b-busy-12s': 'working',
  'b-busy-2': 'working',
  'b-busy-done': 'idle',
  'b-busy': 'working',
  'c-bash-prompt-2': 'permission',
  'c-bash-prompt-prefix-rule': 'permission',
  'c-bash-prompt': 'permission',
  'd-edit-after-2': 'idle',
  'd-edit-approved': 'idle',
  'd-edit-prompt': 'permission',
  'd-write-approved': 'idle',
  'd-write-prompt': 'permission',
  'e-bash-approved-enter': 'idle',
  'e-bash-approved-key1': 'idle',
  'f-bash-prefix-after-2': 'idle',
  'f-bash-prefix-prompt': 'permission',
  'f-bash-prefix-second-run': 'idle',
  'g-prompt-before-esc': 'permission',
  'g-prompt-cursor-on-2': 'permission',
  'g-prompt-cursor-on-3': 'permission',
  'g-reject-down-enter': 'idle',
  'g-reject-esc': 'idle',
  'g-reject-no': 'idle',
  'g-tab-amend-submitted': 'idle',
  'g-tab-amend-typed': 'permission',
  'g-tab-amend': 'permission',
  'h-trust-accepted': 'idle',
  'h-trust-cursor-on-2': 'permission',
  // Claude has exited (the recorder's "[claude exited rc=1]" follows the dialog): nothing to tell.
  'h-trust-declined': 'unknown',
  'h-trust-dialog': 'permission',
  'i-bash-running-done': 'idle',
  'i-bash-running': 'working',
  'i-continue-turn': 'idle',
  'i-continue': 'idle',
  'i-interrupt-streaming-after': 'idle',
  'i-interrupt-streaming-before': 'working',
  'i-interrupt-tool-after': 'idle',
  'i-interrupt-tool-before': 'working',
  'i-interrupt-waiting-after': 'idle',
  'i-interrupt-waiting-before': 'working',
  'i-interrupt-waiting-later': 'idle',
  'i-multi-done': 'idle',
  'i-multi-first-prompt': 'permission',
  'i-multi-second-prompt': 'permission',
  'i-resume-id': 'idle',
  'i-askuserquestion': 'permission',
  'i-askuserquestion-after-2': 'idle',
  'i-askuserquestion-done': 'idle',
  'j-ask1-free-selected': 'permission',
  'j-ask1-free-typed': 'permission',
  'j-ask2-colour': 'permission',
  'j-ask2-review': 'permission',
  'j-ask2-sizes': 'permission',
  'j-ask2-sizes-ticked': 'permission',
  'j-askm': 'permission',
  'j-askm-on-submit': 'permission',
  'j-plan-exit': 'permission',
  // A 57-column panel (an 80x24 terminal): footers and option rows wrap.
  'k-narrow-ask1-free': 'permission',
  'k-narrow-ask2': 'permission',
  'k-narrow-bash': 'permission',
};

const ALWAYS_WORK = 'Yes, and always allow access to work/ from this project';
const ECHO_HELLO = ['echo hello > out.txt', 'Write hello to out.txt'];
const bash = (detail: string[], labels: string[] = ['Yes', ALWAYS_WORK, 'No'], selected = 1) => ({
  kind: 'tool',
  title: 'Bash command',
  tool: 'Bash',
  subject: detail[0],
  detail,
  question: 'Do you want to proceed?',
  labels,
  selected,
});

/** The parse of every prompt screen, and the option the ❯ marks. */
const PROMPTS: Record<string, { kind: string; title: string; tool?: string; subject: string | undefined; detail: string[]; question: string; labels: string[]; selected: number }> = {
  'c-bash-prompt': bash(ECHO_HELLO),
  'c-bash-prompt-2': bash(ECHO_HELLO),
  'c-bash-prompt-prefix-rule': bash(["node -e 'console.log(6*7)'", 'Print 42 with node', 'This command requires approval'], ['Yes', 'Yes, and don’t ask again for: node *', 'No']),
  'f-bash-prefix-prompt': bash(["node -e 'console.log(6*7)'", 'Print 42 with node', 'This command requires approval'], ['Yes', 'Yes, and don’t ask again for: node *', 'No']),
  'g-prompt-before-esc': bash(ECHO_HELLO),
  'g-prompt-cursor-on-2': bash(ECHO_HELLO, undefined, 2),
  'g-prompt-cursor-on-3': bash(ECHO_HELLO, undefined, 3),
  'g-tab-amend': bash(ECHO_HELLO, ['Yes, and tell Claude what to do next', ALWAYS_WORK, 'No']),
  'g-tab-amend-typed': bash(ECHO_HELLO, ['Yes, use printf instead', ALWAYS_WORK, 'No']),
  'i-multi-first-prompt': bash(['echo one > one.txt', 'Write one']),
  'i-multi-second-prompt': bash(['echo two > two.txt', 'Write two']),
  'd-edit-prompt': {
    kind: 'tool',
    title: 'Edit file',
    tool: 'Edit',
    subject: 'greet.txt',
    detail: ['greet.txt', '1  line one', '2 -Hello old world', '2 +Hello NEW world', '3  line three'],
    question: 'Do you want to make this edit to greet.txt?',
    labels: ['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No'],
    selected: 1,
  },
  'd-write-prompt': {
    kind: 'tool',
    title: 'Create file',
    tool: 'Write',
    subject: 'hello.py',
    detail: ['hello.py', '1 def hello():', '2     print("hello, world")', '3', '4', '5 if __name__ == "__main__":', '6     hello()'],
    question: 'Do you want to create hello.py?',
    labels: ['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No'],
    selected: 1,
  },
  'h-trust-dialog': trust('/home/dev/squad/runs/trust/work', 1),
  'i-askuserquestion': colour('☐ Colour', 1),
  'j-ask1-free-selected': colour('☐ Colour', 3),
  'j-ask1-free-typed': colour('☐ Colour', 3, 'Green'),
  'j-ask2-colour': colour('←  ☐ Colour  ☐ Sizes  ✔ Submit  →', 1),
  'j-ask2-sizes': sizes('←  ☒ Colour  ☐ Sizes  ✔ Submit  →', 1),
  'j-ask2-sizes-ticked': sizes('←  ☒ Colour  ☒ Sizes  ✔ Submit  →', 1),
  'j-askm': sizes('←  ☐ Sizes  ✔ Submit  →', 1),
  'j-askm-on-submit': sizes('←  ☒ Sizes  ✔ Submit  →', 0),
  'k-narrow-ask2': colour('←  ☐ Colour  ☐ Sizes  ✔ Submit  →', 1),
  'k-narrow-ask1-free': colour('☐ Colour', 3),
  'k-narrow-bash': bash(
    ['mkdir -p /tmp/review-narrow-dir/with/a/rather/long/', 'path/name/that/wraps', 'Make a deep directory'],
    ['Yes', 'Yes, and always allow access to that/ from this project', 'No'],
  ),
  'j-ask2-review': {
    kind: 'question',
    title: '←  ☒ Colour  ☒ Sizes  ✔ Submit  →',
    tool: 'AskUserQuestion',
    subject: 'Review your answers',
    detail: ['Review your answers', '● Which colour should the button be?', '  → Blue', '● Which sizes do you need?', '  → Small, Large'],
    question: 'Ready to submit your answers?',
    labels: ['Submit answers', 'Cancel'],
    selected: 1,
  },
  'j-plan-exit': {
    kind: 'question',
    title: 'Exit plan mode?',
    tool: 'ExitPlanMode',
    subject: 'Claude wants to exit plan mode',
    detail: ['Claude wants to exit plan mode'],
    question: '',
    labels: ['Yes', 'No'],
    selected: 1,
  },
  'h-trust-cursor-on-2': trust('/home/dev/squad/runs/trust_no/work', 2),
};

function colour(title: string, selected: number, typed = 'Type something.') {
  return {
    kind: 'question',
    title,
    tool: 'AskUserQuestion',
    subject: '',
    detail: [],
    question: 'Which colour should the button be?',
    labels: ['Red A red button', 'Blue A blue button', typed, 'Chat about this'],
    selected,
  };
}

/** The multi-select question; `selected` 0 is the unnumbered "Submit" row. */
function sizes(title: string, selected: number) {
  return {
    kind: 'question',
    title,
    tool: 'AskUserQuestion',
    subject: '',
    detail: [],
    question: 'Which sizes do you need?',
    labels: ['Small For phones', 'Medium For tablets', 'Large For desktops', 'Type something', 'Submit', 'Chat about this'],
    selected,
  };
}

function trust(folder: string, selected: number) {
  return {
    kind: 'trust',
    title: 'Accessing workspace:',
    subject: folder,
    detail: [
      folder,
      'Quick safety check: Is this a project you created or one you trust? (Like your own code, a well-known open source',
      "project, or work from your team). If not, take a moment to review what's in this folder first.",
      "Claude Code'll be able to read, edit, and execute files here.",
      'Security guide',
    ],
    question: '',
    labels: ['Yes, I trust this folder', 'No, exit'],
    selected,
  };
}

function shape(p: DetectedPrompt) {
  return {
    kind: p.kind,
    title: p.title,
    ...(p.tool ? { tool: p.tool } : {}),
    subject: p.subject,
    detail: p.detail,
    question: p.question,
    labels: p.options.map((o) => o.label),
    selected: p.options.find((o) => o.selected)?.number,
  };
}

describe('Claude detector on the recorded screens', () => {
  goldenScreenTests({ detector: claudeDetector, screens, lines, expected: EXPECTED, prompts: PROMPTS, shape, atLeast: 41 });

  it('answers tool prompts with their digit, whatever the marker, and reads roles from the wording', () => {
    for (const name of ['c-bash-prompt', 'g-prompt-cursor-on-2', 'g-prompt-cursor-on-3', 'd-edit-prompt', 'd-write-prompt', 'f-bash-prefix-prompt']) {
      const { prompt } = detect(lines(name), claudeDetector);
      expect(prompt!.options.map((o) => [o.number, o.role, o.keys])).toEqual([
        [1, 'yes', '1'],
        [2, 'always', '2'],
        [3, 'no', '3'],
      ]);
    }
  });

  it('answers the trust dialog by its digits: "2" declines at once, as in Claude itself', () => {
    const first = detect(lines('h-trust-dialog'), claudeDetector).prompt!;
    expect(first.kind).toBe('trust');
    expect(first.options.map((o) => [o.role, o.keys])).toEqual([
      ['yes', '1'],
      ['no', '2'],
    ]);
    const onNo = detect(lines('h-trust-cursor-on-2'), claudeDetector).prompt!;
    expect(onNo.options.map((o) => [o.role, o.keys])).toEqual([
      ['yes', '1'],
      ['no', '2'],
    ]);
  });

  it('reads AskUserQuestion: options by digit, the free-text row, check boxes, and the Submit row reached with the arrows', () => {
    const single = detect(lines('i-askuserquestion'), claudeDetector).prompt!;
    expect(single.multiSelect).toBeUndefined();
    expect(single.options.map((o) => [o.number, o.keys, o.pick, o.free ?? false])).toEqual([
      [1, '1', 'keys', false],
      [2, '2', 'keys', false],
      [3, '3', 'keys', true],
      [4, '4', 'keys', false],
    ]);
    const ticked = detect(lines('j-ask2-sizes-ticked'), claudeDetector).prompt!;
    expect(ticked.multiSelect).toBe(true);
    expect(ticked.options.map((o) => o.checked)).toEqual([true, false, true, false, undefined, undefined]);
    const submit = ticked.options.find((o) => o.action)!;
    expect([submit.number, submit.label, submit.pick, submit.keys]).toEqual([0, 'Submit', 'navigate', '\x1b[B\x1b[B\x1b[B\x1b[B\r']);
    // Ticking a box does not make another question: the pending answer still applies.
    expect(samePrompt(detect(lines('j-ask2-sizes'), claudeDetector).prompt, ticked)).toBe(true);
    const onSubmit = detect(lines('j-askm-on-submit'), claudeDetector).prompt!;
    expect(onSubmit.options.find((o) => o.selected)!.label).toBe('Submit');
    expect(onSubmit.options.find((o) => o.number === 1)!.keys).toBe('1');
    // Never auto-approvable: a question has no "yes".
    for (const name of ['i-askuserquestion', 'j-ask2-review', 'j-askm']) {
      expect(detect(lines(name), claudeDetector).prompt!.options.some((o) => o.role === 'yes')).toBe(false);
    }
  });

  it('gives auto-approve rules the whole first paragraph, so a description never passes as the command', () => {
    expect(detect(lines('c-bash-prompt'), claudeDetector).prompt!.input).toBe('echo hello > out.txt\nWrite hello to out.txt');
    expect(detect(lines('d-edit-prompt'), claudeDetector).prompt!.input).toBe('greet.txt');
  });

  it('tells the same prompt by content, not by the marker; and two commands apart', () => {
    const read = (n: string) => detect(lines(n), claudeDetector).prompt;
    expect(samePrompt(read('c-bash-prompt'), read('g-prompt-cursor-on-3'))).toBe(true);
    expect(samePrompt(read('c-bash-prompt'), read('c-bash-prompt-2'))).toBe(true);
    expect(samePrompt(read('i-multi-first-prompt'), read('i-multi-second-prompt'))).toBe(false);
    expect(samePrompt(read('d-edit-prompt'), read('d-write-prompt'))).toBe(false);
    // In amend mode digits would type into the text field: the reading differs, so a queued answer is not sent.
    expect(samePrompt(read('c-bash-prompt'), read('g-tab-amend'))).toBe(false);
    expect(samePrompt(read('c-bash-prompt'), undefined)).toBe(false);
  });
});
