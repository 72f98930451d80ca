// Golden tests: the Gemini CLI detector on every real screen recorded from Gemini CLI 0.61.0
// (test/fixtures/gemini, from ../shared/other-cli-harness, a 120x40 pty).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentState, detect, detectPrompt, geminiDetector, samePrompt } from '../../../src/core/agents/detect/index.js';
import { goldenScreenTests, promptShape, screenFixtures } from '../../helpers/golden-screens.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/gemini');
const { screens, lines, read } = screenFixtures(DIR, geminiDetector);

/** Every screen must be listed: a new fixture without an entry fails. */
const EXPECTED: Record<string, AgentState> = {
  'a-startup': 'idle',
  'a-idle': 'idle',
  'a-idle-typed': 'idle',
  'a-idle-after-turn': 'idle',
  'b-busy': 'working',
  'b-busy-2': 'working',
  'b-busy-12s': 'working',
  'b-busy-done': 'idle',
  'b-streaming': 'working',
  'b-streaming-done': 'idle',
  'c-shell-prompt': 'permission',
  'd-write-prompt': 'permission',
  'd-edit-prompt': 'permission',
  'd-edit-approved': 'idle',
  'e-shell-approved-key1': 'idle',
  'h-trust-dialog': 'permission',
  // Accepted: the CLI restarted itself under the dialog it had drawn.
  'h-trust-accepted': 'idle',
  'h-trust-declined': 'idle',
  'i-ask-user': 'permission',
  'i-ask-user-done': 'idle',
  // Recorded for squadtui at 80x24 (k-*), hooks off, the folder not trusted at first.
  'k-narrow-trust': 'permission',
  // "3" (Don't trust): "untrusted" in the footer.
  'k-narrow-untrusted-idle': 'idle',
  // In an untrusted folder a command has no "Allow for this session".
  'k-narrow-shell-prompt': 'permission',
  // "n" does nothing: the same box.
  'k-narrow-shell-prompt-after-n': 'permission',
  // Esc: "-  Shell …" and "ℹ Request cancelled.": the turn is over.
  'k-narrow-shell-rejected': 'idle',
  'k-narrow-idle-after-shell': 'idle',
  // ask_user with "Green" typed on its free row (3 pressed first): the footer says "Enter to submit".
  'k-ask-free-typed': 'permission',
};

const EDIT_OPTIONS = ['Allow once', 'Allow for this session', 'Modify with external editor', 'No, suggest changes (esc)'];

/** The parse of every prompt screen, and the option the ● marks. */
type Expected = ReturnType<typeof promptShape>;
const PROMPTS: Record<string, Expected> = {
  'c-shell-prompt': {
    kind: 'tool',
    title: '? Shell  echo hello > out.txt',
    tool: 'run_shell_command',
    subject: 'echo hello > out.txt',
    input: 'echo hello > out.txt',
    detail: ['echo hello > out.txt'],
    // The hint under it ("Redirection detected. To auto-accept, press Shift+Tab") is neither.
    question: 'Allow execution of [Shell]?',
    labels: ['Allow once', 'Allow for this session', 'No, suggest changes (esc)'],
    roles: ['yes', 'always', 'no'],
    keys: ['1', '2', '3'],
    selected: 1,
  },
  'd-write-prompt': {
    kind: 'tool',
    title: '? WriteFile  Writing to hello.py',
    tool: 'write_file',
    subject: 'hello.py',
    input: 'hello.py',
    detail: ["1 print('hello')"],
    question: 'Apply this change?',
    labels: EDIT_OPTIONS,
    roles: ['yes', 'always', 'other', 'no'],
    keys: ['1', '2', '3', '4'],
    selected: 1,
  },
  'd-edit-prompt': {
    kind: 'tool',
    title: '? Edit  greet.txt: Hello old world => Hello NEW world',
    tool: 'replace',
    subject: 'greet.txt',
    input: 'greet.txt',
    detail: ['1   line one', '2 - Hello old world', '2 + Hello NEW world', '3   line three'],
    question: 'Apply this change?',
    labels: EDIT_OPTIONS,
    roles: ['yes', 'always', 'other', 'no'],
    keys: ['1', '2', '3', '4'],
    selected: 1,
  },
  'h-trust-dialog': {
    kind: 'trust',
    title: 'Do you trust the files in this folder?',
    subject: 'Trusting a folder allows Gemini CLI to load its local configurations, including custom commands, hooks, MCP',
    input: [
      'Trusting a folder allows Gemini CLI to load its local configurations, including custom commands, hooks, MCP',
      'servers, agent skills, and settings. These configurations could execute code on your behalf or change the behavior',
      'of the CLI.',
    ].join('\n'),
    detail: [
      'Trusting a folder allows Gemini CLI to load its local configurations, including custom commands, hooks, MCP',
      'servers, agent skills, and settings. These configurations could execute code on your behalf or change the behavior',
      'of the CLI.',
    ],
    question: '',
    labels: ['Trust folder (work)', 'Trust parent folder (trust)', "Don't trust"],
    roles: ['yes', 'other', 'no'],
    keys: ['1', '2', '3'],
    selected: 1,
  },
  'i-ask-user': {
    kind: 'question',
    title: 'Answer Questions',
    tool: 'ask_user',
    subject: '',
    input: '',
    detail: [],
    question: 'Which colour do you prefer?',
    labels: ['Red Warm', 'Blue Cool', 'Enter a custom value'],
    roles: ['other', 'other', 'other'],
    keys: ['1', '2', '3'],
    selected: 1,
  },
};

const untrustedShell: Expected = {
  ...PROMPTS['c-shell-prompt']!,
  labels: ['Allow once', 'No, suggest changes (esc)'],
  roles: ['yes', 'no'],
  keys: ['1', '2'],
};
PROMPTS['k-narrow-shell-prompt'] = untrustedShell;
PROMPTS['k-narrow-shell-prompt-after-n'] = untrustedShell;
const NARROW_TRUST = [
  'Trusting a folder allows Gemini CLI to load its local configurations,',
  'including custom commands, hooks, MCP servers, agent skills, and settings.',
  'These configurations could execute code on your behalf or change the',
  'behavior of the CLI.',
];
PROMPTS['k-ask-free-typed'] = { ...PROMPTS['i-ask-user']!, labels: ['Red Warm', 'Blue Cool', 'Green'], selected: 3 };
PROMPTS['k-narrow-trust'] = {
  ...PROMPTS['h-trust-dialog']!,
  subject: NARROW_TRUST[0]!,
  input: NARROW_TRUST.join('\n'),
  detail: NARROW_TRUST,
  labels: ['Trust folder (work)', 'Trust parent folder (gemini-s2)', "Don't trust"],
};

describe('Gemini detector on the recorded screens', () => {
  goldenScreenTests({ detector: geminiDetector, screens, lines, expected: EXPECTED, prompts: PROMPTS, atLeast: 27 });

  it('answers by digit (select and confirm at once); "no" is its own digit, never "n", which does nothing', () => {
    for (const name of Object.keys(PROMPTS)) {
      const p = read(name).prompt!;
      expect(p.options.every((o) => o.pick === 'keys' && o.keys === String(o.number)), name).toBe(true);
      expect(p.options.some((o) => o.keys === 'n'), name).toBe(false);
    }
  });

  it("marks ask_user's free-text row, so a typed answer goes there", () => {
    const p = read('i-ask-user').prompt!;
    expect(p.options.map((o) => o.free ?? false)).toEqual([false, false, true]);
    expect(p.options[0]!.head).toBe('Red');
  });

  it('reads no prompt from a box still being drawn: a confirmation without its closing border, ask_user without its footer', () => {
    for (const name of Object.keys(PROMPTS)) {
      const all = lines(name);
      const end = PROMPTS[name]!.tool === 'ask_user' ? all.findIndex((l) => /Enter to (select|submit)/.test(l)) : all.length - 1 - [...all].reverse().findIndex((l) => /^\s?╰─/.test(l));
      expect(end, name).toBeGreaterThan(0);
      expect(detectPrompt(all.slice(0, end), geminiDetector), name).toBeUndefined();
    }
  });

  it("reads the input area as idle with squadtui's MCP server named on a line of its own (a narrow panel)", () => {
    // Gemini CLI 0.61 in a 77-column panel, squadtui's MCP server configured (seen through the harness).
    const narrow = [
      '─'.repeat(77),
      ' Shift+Tab to accept edits',
      '',
      '  1 MCP server',
      '',
      ' >   Type your message or @path/to/file',
      '',
      ' workspace (/directory)                   sandbox                     /model',
      ' /var/tmp/hB-gemini/work                  no sandbox                    Auto',
    ];
    expect(detect(narrow, geminiDetector).state).toBe('idle');
  });

  it('tells the edit boxes apart by their file', () => {
    expect(samePrompt(read('d-edit-prompt').prompt, read('d-write-prompt').prompt)).toBe(false);
    expect(samePrompt(read('c-shell-prompt').prompt, read('d-edit-prompt').prompt)).toBe(false);
  });
});
