// Golden tests: the Codex detector on every real screen recorded from Codex 0.171.0
// (test/fixtures/codex, from ../shared/other-cli-harness, a 120x40 pty).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentState, codexDetector, detect, detectPrompt, samePrompt } from '../../../src/core/agents/detect/index.js';
import { goldenScreenTests, promptShape, screenFixtures } from '../../helpers/golden-screens.js';
import { choose } from '../../../src/core/agents/prompt-answer.js';
import { answerHints } from '../../../src/inbox-items.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/codex');
const { screens, lines, read } = screenFixtures(DIR, codexDetector);

/** Every screen must be listed: a new fixture without an entry fails. */
const EXPECTED: Record<string, AgentState> = {
  'a-idle': 'idle',
  'a-idle-typed': 'idle',
  'a-idle-after-turn': 'idle',
  'b-busy': 'working',
  'b-busy-2': 'working',
  'b-busy-12s': 'working',
  'b-busy-done': 'idle',
  // The answer streams in with no working line and a composer that looks idle.
  'b-streaming': 'working',
  'b-streaming-done': 'idle',
  'c-exec-prompt': 'permission',
  'd-patch-prompt': 'permission',
  'd-patch-approved-y': 'idle',
  'e-exec-approved-key1': 'idle',
  'h-hooks-review': 'permission',
  'h-trust-dialog': 'permission',
  'h-trust-accepted': 'idle',
  // "2. Back to Agent Command Center" opened the command center: no agent at its composer.
  'h-trust-declined': 'unknown',
  'i-question': 'permission',
  'i-question-done': 'idle',
  // Recorded for squadtui at 80x24 (k-*): a long command wraps in the dialog and in option 2.
  'k-narrow-idle': 'idle',
  'k-narrow-exec-prompt': 'permission',
  'k-narrow-exec-prompt-on-2': 'permission',
  // "3" declined: "■ Conversation interrupted" ends the turn.
  'k-narrow-rejected': 'idle',
  // Shift+Tab at the composer: "• Model changed to … for Plan mode." is the last transcript line.
  'k-plan-mode-idle': 'idle',
  'k-narrow-question': 'permission',
  // "2" picked Blue and submitted.
  'k-narrow-question-answered': 'idle',
  // Ctrl+C at an empty composer: Codex exited, its resume hint under it.
  'k-exited': 'unknown',
  // `codex resume --last`: the transcript restored, the composer at rest.
  'k-resume-last': 'idle',
};

const YES_NO = (always: string) => ['Yes, proceed (y)', always, 'No, and tell Codex what to do differently (esc)'];

/** The parse of every prompt screen, and the option the › marks. */
type Expected = ReturnType<typeof promptShape>;
const PROMPTS: Record<string, Expected> = {
  'c-exec-prompt': {
    kind: 'tool',
    title: 'Would you like to run the following command?',
    tool: 'Bash',
    subject: 'echo hello > out.txt',
    input: 'echo hello > out.txt',
    detail: ['Environment: local', 'Reason: Allow writing out.txt outside the sandbox?', '$ echo hello > out.txt'],
    question: '',
    labels: YES_NO("Yes, and don't ask again for commands that start with `echo hello > out.txt` (p)"),
    roles: ['yes', 'always', 'no'],
    keys: ['1', '2', '3'],
    selected: 1,
  },
  'd-patch-prompt': {
    kind: 'tool',
    title: 'Would you like to make the following edits?',
    tool: 'apply_patch',
    subject: '/var/tmp/other-clis-runs/codex/patch/home/patched.txt',
    input: '/var/tmp/other-clis-runs/codex/patch/home/patched.txt',
    detail: ['Description: Apply proposed file edits', 'Destination: /var/tmp/other-clis-runs/codex/patch/home/patched.txt'],
    question: '',
    labels: YES_NO("Yes, and don't ask again for these files (a)"),
    roles: ['yes', 'always', 'no'],
    keys: ['1', '2', '3'],
    selected: 1,
  },
  'h-trust-dialog': {
    kind: 'trust',
    title: 'Folder access',
    subject: '/var/tmp/other-clis-runs/codex/trust/work',
    input: '/var/tmp/other-clis-runs/codex/trust/work',
    detail: [
      '/var/tmp/other-clis-runs/codex/trust/work',
      'Trust this folder? Codex can read, edit, and run files here, subject to your permission settings. Folder settings',
      'can run code automatically, even without a model request. Continue only if you trust these files. Your trust',
      'decision will be saved.',
    ],
    question: '',
    labels: ['Trust and continue', 'Back to Agent Command Center'],
    roles: ['yes', 'no'],
    // A digit does not confirm here: the arrows, then Enter.
    keys: ['\r', '\x1b[B\r'],
    selected: 1,
  },
  // A digit only moves the cursor here: each option is reached with the arrows, then Enter.
  'h-hooks-review': {
    kind: 'trust',
    title: 'Hooks need review',
    subject: '11 hooks are new or changed.',
    input: '11 hooks are new or changed.\nHooks can run outside the sandbox after you trust them.',
    detail: ['11 hooks are new or changed.', 'Hooks can run outside the sandbox after you trust them.'],
    question: '',
    labels: ['Review hooks', 'Trust all and continue', "Continue without trusting (hooks won't run)"],
    roles: ['other', 'yes', 'no'],
    keys: ['\r', '\x1b[B\r', '\x1b[B\x1b[B\r'],
    selected: 1,
  },
  'i-question': {
    kind: 'question',
    title: 'Question 1/1 (1 unanswered)',
    tool: 'request_user_input',
    subject: '',
    input: '',
    detail: [],
    question: 'Which colour do you prefer?',
    labels: ['Red (Recommended)  Warm and bright', 'Blue               Cool and calm', 'None of the above  Optionally, add details in notes (tab)'],
    roles: ['other', 'other', 'other'],
    keys: ['1', '2', '3'],
    selected: 1,
  },
};

const PRINTF = "printf '%s\\n' one two three four five six seven eight nine ten eleven";
const narrowExec = (selected: number): Expected => ({
  kind: 'tool',
  title: 'Would you like to run the following command?',
  tool: 'Bash',
  subject: PRINTF,
  // The whole command, its wrapped line too: an auto-approve rule never sees half of it.
  input: `${PRINTF}\ntwelve thirteen fourteen > numbers.txt`,
  detail: ['Environment: local', 'Reason: Write the numbers outside the sandbox?', `$ ${PRINTF}`, 'twelve thirteen fourteen > numbers.txt'],
  question: '',
  labels: YES_NO(`Yes, and don't ask again for commands that start with \`${PRINTF} twelve thirteen fourteen > numbers.txt\` (p)`),
  roles: ['yes', 'always', 'no'],
  keys: ['1', '2', '3'],
  selected,
});
PROMPTS['k-narrow-exec-prompt'] = narrowExec(1);
PROMPTS['k-narrow-exec-prompt-on-2'] = narrowExec(2);
PROMPTS['k-narrow-question'] = PROMPTS['i-question']!;

describe('Codex detector on the recorded screens', () => {
  goldenScreenTests({ detector: codexDetector, screens, lines, expected: EXPECTED, prompts: PROMPTS, atLeast: 28 });

  it('names the command, not the environment line, as what an approval is about', () => {
    const p = read('c-exec-prompt').prompt!;
    expect(`${p.tool}: ${p.subject}`).toBe('Bash: echo hello > out.txt');
  });

  it('picks approvals and questions by digit (select and confirm at once), the trust and hooks-review dialogs with the arrows', () => {
    for (const name of ['c-exec-prompt', 'd-patch-prompt', 'i-question', 'k-narrow-exec-prompt', 'k-narrow-question']) {
      expect(read(name).prompt!.options.every((o) => o.pick === 'keys' && o.keys === String(o.number)), name).toBe(true);
    }
    expect(read('h-hooks-review').prompt!.options.map((o) => o.pick)).toEqual(['navigate', 'navigate', 'navigate']);
    expect(read('h-trust-dialog').prompt!.options.map((o) => o.pick)).toEqual(['navigate', 'navigate']);
  });

  it('never reads the streaming answer, nor a screen with a working line, as idle', () => {
    expect(read('b-streaming').state).toBe('working');
    // The same screen once "Worked for" closes the turn.
    expect(read('b-streaming-done').state).toBe('idle');
    for (const name of ['b-busy', 'b-busy-2', 'b-busy-12s']) expect(read(name).state).toBe('working');
  });

  it('reads the approval from the screen the emulator shows, whatever lies above it in the transcript', () => {
    // The dialog alone at the bottom of a short pane still reads the same.
    const all = lines('c-exec-prompt');
    const from = all.findIndex((l) => l.includes('Would you like to run'));
    expect(samePrompt(detect(all.slice(from), codexDetector).prompt, read('c-exec-prompt').prompt)).toBe(true);
    // Without its footer it is no prompt (a frame still being drawn).
    const cut = all.slice(0, all.findIndex((l) => l.includes('Press enter to confirm')));
    expect(detectPrompt(cut, codexDetector)).toBeUndefined();
  });

  it("names a question's options by their own words, without the description set beside them", () => {
    const p = read('i-question').prompt!;
    expect(p.options.map((o) => o.head ?? o.label)).toEqual(['Red (Recommended)', 'Blue', 'None of the above']);
    expect(answerHints(p).map(([, text]) => text)).toEqual(['Red (Recommended)', 'Blue', 'None of the above']);
  });

  it('says no with Esc when a long command has scrolled the "no" option out of the dialog', () => {
    // Codex 0.171 with a 200-word command in a 111-column panel (seen through the harness): two options left.
    const words = Array.from({ length: 45 }, (_, i) => `word${String(i).padStart(3, '0')}`);
    const screen = [
      '  Would you like to run the following command?',
      '',
      '  Environment: local',
      '',
      '  Reason: vlong?',
      '',
      `  $ echo ${words.slice(0, 8).join(' ')}`,
      ...[8, 17, 26, 35].map((k) => `  ${words.slice(k, k + 9).join(' ')}`),
      '  [… 29 lines] ^a view all',
      '› 1. Yes, proceed (y)',
      "  2. Yes, and don't ask again for commands that start with `echo word000",
      '     word001 word002 word003 word004 word005 word006 word007 word008 word009',
      '  Press enter to confirm or esc to cancel',
    ];
    const prompt = detectPrompt(screen, codexDetector)!;
    expect(prompt.options.map((o) => o.role)).toEqual(['yes', 'always']);
    expect(choose(prompt, { by: 'role', role: 'no' })).toMatchObject({ role: 'no', keys: '\x1b', pick: 'keys' });
    expect(answerHints(prompt)).toContainEqual(['inbox.no', 'no (Esc)']);
  });

  it('tells the approvals apart', () => {
    expect(samePrompt(read('c-exec-prompt').prompt, read('d-patch-prompt').prompt)).toBe(false);
    expect(samePrompt(read('h-trust-dialog').prompt, read('h-hooks-review').prompt)).toBe(false);
  });
});
