// Detectors beyond the recorded screens: variations of Claude's screens it has to survive (other
// wordings, wrapped labels, torn frames, newer dialogs), the definition format, the other programs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_DETECTORS,
  DetectorDefinitionError,
  aiderDetector,
  claudeDetector,
  codexDetector,
  defineDetector,
  detect,
  detectPrompt,
  detectorFor,
  geminiDetector,
  genericDetector,
  parseDetectorDefinitions,
  samePrompt,
  shellDetector,
} from '../../../src/core/agents/detect/index.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/claude-code');
const fixture = (name: string): string[] => readFileSync(path.join(DIR, `${name}.txt`), 'utf8').split('\n');
const RULE = '─'.repeat(120);
const DOWN = '\x1b[B';

/** A screen of `rows` lines with `body` at the bottom, as Screen.liveText() returns it. */
function screen(body: string[], rows = 40): string[] {
  return [...Array<string>(Math.max(0, rows - body.length)).fill(''), ...body];
}

/** Claude's permission prompt laid out as 2.1.197 draws it. */
function claudePrompt(opts: { title?: string; detail?: string[]; question?: string; options?: string[]; selected?: number; footer?: string } = {}): string[] {
  const options = opts.options ?? ['1. Yes', '2. Yes, and always allow access to work/ from this project', '3. No'];
  const selected = opts.selected ?? 1;
  return [
    '● Bash(npm test)',
    '  ⎿  Waiting…',
    '',
    RULE,
    ` ${opts.title ?? 'Bash command'}`,
    '',
    ...(opts.detail ?? ['   npm test', '   Run the tests']),
    '',
    ` ${opts.question ?? 'Do you want to proceed?'}`,
    ...options.map((o, i) => (o.startsWith('      ') ? o : `${i + 1 === selected ? ' ❯ ' : '   '}${o}`)),
    '',
    ` ${opts.footer ?? 'Esc to cancel · Tab to amend · ctrl+e to explain'}`,
  ];
}

describe('Claude prompts not recorded', () => {
  it('reads roles from any wording of option 2, and "other" for a wording it cannot place', () => {
    for (const [label, role] of [
      ['Yes, and don’t ask again for: npm test:*', 'always'],
      ["Yes, and don't ask again this session", 'always'],
      ['Yes, allow all edits during this session (shift+tab)', 'always'],
      ['Yes, and always allow access to src/ from this project', 'always'],
      ['Yes, and remember this decision', 'always'],
      // Stops asking for edits: y must not pick it where a plain yes sits beside it (plan mode).
      ['Yes, and auto-accept edits', 'always'],
      ['Yes, and use auto mode', 'always'],
      ['Maybe later', 'other'],
    ] as const) {
      const p = detect(screen(claudePrompt({ options: ['1. Yes', `2. ${label}`, '3. No'] })), claudeDetector).prompt!;
      expect(p.options.map((o) => o.role), label).toEqual(['yes', role, 'no']);
      expect(p.options[1]!.label).toBe(label);
    }
  });

  it('joins a wrapped option label and keeps the numbering', () => {
    const lines = screen(
      claudePrompt({
        options: ['1. Yes', '2. Yes, and don’t ask again for: node scripts/a-very-long-script-name.js --with --many --flags', '      --and-more-flags *', '3. No'],
      }),
    );
    const p = detect(lines, claudeDetector).prompt!;
    expect(p.options.map((o) => [o.number, o.keys])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
    ]);
    expect(p.options[1]!.label).toBe('Yes, and don’t ask again for: node scripts/a-very-long-script-name.js --with --many --flags --and-more-flags *');
  });

  it('keeps a multi-line command whole in the input for rules, and titles it by the tool', () => {
    const p = detect(screen(claudePrompt({ detail: ['   npm test &&', '     rm -rf /', '   Run the tests'] })), claudeDetector).prompt!;
    expect(p.tool).toBe('Bash');
    expect(p.subject).toBe('npm test &&');
    expect(p.input).toBe('npm test &&\nrm -rf /\nRun the tests');
  });

  it('reads a menu with other options as a question, and picks past the ninth with the arrows', () => {
    const options = Array.from({ length: 11 }, (_, i) => `${i + 1}. Choice ${i + 1}`);
    const p = detect(
      screen(claudePrompt({ title: 'Which framework?', detail: ['   Pick one'], question: 'Which one should I use?', options, selected: 10, footer: 'Enter to select · ↑/↓ to navigate · Esc to cancel' })),
      claudeDetector,
    ).prompt!;
    expect(p.kind).toBe('question');
    expect(p.tool).toBeUndefined();
    expect(p.options.every((o) => o.role === 'other')).toBe(true);
    expect(p.options[0]!.keys).toBe('1');
    expect(p.options[8]!.keys).toBe('9');
    expect(p.options[9]!.keys).toBe('\r');
    expect(p.options[10]!.keys).toBe(`${DOWN}\r`);
  });

  it('reads the newer trust dialog: no numbers, "No, exit" first — by label, picked with the arrows', () => {
    const lines = screen([
      RULE,
      ' Accessing workspace:',
      '',
      ' /home/dev/project',
      '',
      ' Quick safety check: Is this a project you created or one you trust?',
      '',
      ' ❯ No, exit',
      '   Yes, I trust this folder',
      '',
      ' Enter to confirm · Esc to cancel',
    ]);
    const p = detect(lines, claudeDetector).prompt!;
    expect(p.kind).toBe('trust');
    expect(p.subject).toBe('/home/dev/project');
    expect(p.options.map((o) => [o.label, o.role, o.keys, o.selected])).toEqual([
      ['No, exit', 'no', '\r', true],
      ['Yes, I trust this folder', 'yes', `${DOWN}\r`, false],
    ]);
  });

  it('picks by digit wherever the marker is, the trust dialog too (Claude reads "Down Enter" in one read as Enter)', () => {
    const lines = fixture('h-trust-cursor-on-2');
    const p = detect(lines, claudeDetector).prompt!;
    expect(p.options.map((o) => [o.role, o.keys, o.pick])).toEqual([
      ['yes', '1', 'keys'],
      ['no', '2', 'keys'],
    ]);
  });
});

describe('Claude screens that are not a prompt', () => {
  const base = fixture('c-bash-prompt');
  const rowOf = (text: string) => base.findIndex((l) => l.includes(text));

  it('refuses a prompt whose footer is gone, or has text under it', () => {
    const noFooter = base.map((l) => (l.includes('Esc to cancel') ? '' : l));
    expect(detect(noFooter, claudeDetector).prompt).toBeUndefined();
    const under = [...base.slice(0, rowOf('Esc to cancel') + 1), '', 'some later output', ...base.slice(rowOf('Esc to cancel') + 3)];
    expect(detect(under, claudeDetector).state).toBe('unknown');
  });

  it('refuses a prompt without the rule that opens it, or with options out of order', () => {
    const noRule = base.map((l, i) => (i === rowOf('────') ? '' : l));
    expect(detect(noRule, claudeDetector).prompt).toBeUndefined();
    const twoMarkers = base.map((l) => (l.includes('2. Yes') ? l.replace('   2.', ' ❯ 2.') : l));
    // The lowest marker is the selection; the row above then no longer lines up as an option.
    expect(detect(twoMarkers, claudeDetector).prompt).toBeUndefined();
    const gap = base.map((l) => (l.includes('2. Yes') ? l.replace('2.', '4.') : l));
    expect(detect(gap, claudeDetector).prompt).toBeUndefined();
  });

  it('refuses a frame torn by a redraw: the new input box over the top of the old prompt', () => {
    const top = rowOf('Bash(echo');
    const newFrame = ['  Bash(echo hello > out.txt)', '  ⎿  Running…', '', '· Propagating… (0s · ↓ 21 tokens)', '', RULE, '❯ '];
    const tornAtInput = [...base.slice(0, top), ...newFrame, ...base.slice(top + newFrame.length)];
    expect(tornAtInput.some((l) => l.includes('Esc to cancel'))).toBe(true);
    expect(detect(tornAtInput, claudeDetector).prompt).toBeUndefined();
    // Torn one line higher: the new rule sits right above the old command, which is no title.
    const tornAtRule = [...base.slice(0, top), ...newFrame.slice(0, 6), ...base.slice(top + 6)];
    expect(tornAtRule[top + 6]).toContain('echo hello');
    expect(detect(tornAtRule, claudeDetector).prompt).toBeUndefined();
  });

  it('says idle for typed text over several lines and for bash mode; working while typing during a turn', () => {
    const idle = screen(['● Done.', '', RULE, '❯ first line of a long request', '  second line', RULE, '']);
    expect(detect(idle, claudeDetector).state).toBe('idle');
    expect(detect(screen([RULE, '! ls -la', RULE, '  ! for bash mode']), claudeDetector).state).toBe('idle');
    const typingWhileWorking = screen(['✶ Pondering… (12s · ↓ 1.2k tokens)', '', RULE, '❯ and then', RULE, '']);
    expect(detect(typingWhileWorking, claudeDetector).state).toBe('working');
  });

  it('says starting on a blank screen and unknown on anything it cannot place; never idle by default', () => {
    expect(detect(screen([]), claudeDetector).state).toBe('starting');
    expect(detect([], claudeDetector).state).toBe('starting');
    expect(detect(screen(['Welcome to Claude Code', 'Loading…']), claudeDetector).state).toBe('unknown');
    expect(detect(screen(['  ▘▘ ▝▝    /home/dev/a-long-path-that-got-cut…']), claudeDetector).state).toBe('unknown');
    expect(detect(screen(['$ claude', 'error: unknown option']), claudeDetector).state).toBe('unknown');
  });

  it('reads only the bottom of a long screen', () => {
    const tall = [...fixture('c-bash-prompt'), ...Array<string>(60).fill('scrolled output')];
    expect(detect(tall, claudeDetector).state).toBe('unknown');
    const prompt = [...Array<string>(60).fill('history'), ...fixture('c-bash-prompt')];
    expect(detect(prompt, claudeDetector).state).toBe('permission');
  });
});

describe('samePrompt', () => {
  const a = detect(fixture('c-bash-prompt'), claudeDetector).prompt!;

  it('ignores a rewrap and the marker, not the command or the options', () => {
    expect(samePrompt(a, { ...a, detail: ['echo hello >', 'out.txt Write hello to', 'out.txt'] })).toBe(true);
    expect(samePrompt(a, { ...a, options: a.options.map((o) => ({ ...o, selected: o.number === 3, keys: 'x' })) })).toBe(true);
    expect(samePrompt(a, { ...a, detail: ['echo hello > other.txt', 'Write hello to out.txt'] })).toBe(false);
    expect(samePrompt(a, { ...a, options: a.options.slice(0, 2) })).toBe(false);
    expect(samePrompt(a, { ...a, options: a.options.map((o) => (o.number === 2 ? { ...o, label: 'Yes, always' } : o)) })).toBe(false);
    expect(samePrompt(a, { ...a, tool: 'Read' })).toBe(false);
  });
});

describe('definitions as data', () => {
  it('validates patterns and names the field that is wrong', () => {
    expect(() => defineDetector({ id: 'x', working: [{ match: '(unclosed' }] })).toThrow(DetectorDefinitionError);
    expect(() => defineDetector({ id: 'x', working: [{ match: '(unclosed' }] })).toThrow(/working\.0\.match/);
    expect(() => defineDetector({ id: 'Bad Id' })).toThrow(/id/);
  });

  it('loads user definitions from settings, skipping the broken ones with a reason', () => {
    const { definitions, problems } = parseDetectorDefinitions([
      { id: 'mytool', programs: ['^mytool$'], idle: [{ lines: ['^mytool> '] }] },
      { id: 'broken', prompts: [{ type: 'menu' }] },
      'not an object',
    ]);
    expect(definitions.map((d) => d.id)).toEqual(['mytool']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/#2/);
    expect(parseDetectorDefinitions({}).problems).toEqual(['Detectors must be a list of definitions.']);
  });

  it('runs a user definition: its own menu, key names and roles', () => {
    const def = defineDetector({
      id: 'deploybot',
      programs: ['^deploybot$'],
      prompts: [
        {
          type: 'menu',
          end: '^\\[enter\\] choose',
          top: '^=== ',
          topIsTitle: true,
          marker: '>',
          roles: [
            { role: 'yes', label: '^Ship it' },
            { role: 'no', label: '^Abort' },
          ],
          cancel: 'ctrl+c',
        },
      ],
      working: [{ match: '^Deploying' }],
      idle: [{ lines: ['^deploybot> '] }],
    });
    const lines = screen(['=== Deploy to production?', 'service: api', '> Ship it', '  Abort', '[enter] choose']);
    const p = detect(lines, def).prompt!;
    expect(p.title).toBe('=== Deploy to production?');
    expect(p.detail).toEqual(['service: api']);
    expect(p.options.map((o) => [o.role, o.keys])).toEqual([
      ['yes', '\r'],
      ['no', `${DOWN}\r`],
    ]);
    expect(p.cancelKeys).toBe('\x03');
    expect(detect(screen(['Deploying api…']), def).state).toBe('working');
    // Screens come right-trimmed (Screen.liveText()): an empty input line is "deploybot>".
    expect(detect(screen(['deploybot>']), def).state).toBe('unknown');
    expect(detect(screen(['deploybot> status']), def).state).toBe('idle');
  });

  it('caches compiled definitions and stays cheap on a full screen', () => {
    const lines = fixture('d-edit-prompt');
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) detect(lines, claudeDetector);
    // ~8 agents re-read on every debounced change: thousands per second is plenty of headroom.
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('choosing a detector', () => {
  it('matches the program, through launchers, user definitions first, by id when told', () => {
    expect(detectorFor('claude').id).toBe('claude');
    expect(detectorFor('/usr/local/bin/claude', ['--continue']).id).toBe('claude');
    expect(detectorFor('npx', ['-y', '@anthropic-ai/claude-code@latest']).id).toBe('claude');
    expect(detectorFor('codex').id).toBe('codex');
    expect(detectorFor('gemini').id).toBe('gemini');
    expect(detectorFor('aider', ['--model', 'x']).id).toBe('aider');
    expect(detectorFor('bash').id).toBe('shell');
    expect(detectorFor('/bin/zsh', ['-l']).id).toBe('shell');
    expect(detectorFor('vim').id).toBe('generic');
    expect(detectorFor('node', ['fake-agent.js']).id).toBe('generic');
    const mine = defineDetector({ id: 'mine', programs: ['^claude$'] });
    expect(detectorFor('claude', [], { definitions: [mine] }).id).toBe('mine');
    expect(detectorFor('node', ['agent.js'], { id: 'claude' }).id).toBe('claude');
    expect(detectorFor('claude', [], { id: 'generic' }).id).toBe('generic');
    expect(BUILTIN_DETECTORS.map((d) => d.id)).toEqual(['claude', 'codex', 'gemini', 'aider', 'shell']);
  });

  it('lets the generic detector say nothing but starting or unknown', () => {
    expect(detect(screen([]), genericDetector).state).toBe('starting');
    expect(detect(fixture('a-idle'), genericDetector).state).toBe('unknown');
    expect(detect(fixture('c-bash-prompt'), genericDetector).state).toBe('unknown');
  });
});

// The generic detectors below are written from those programs' documented layouts, not from
// recordings: these tests pin what they read, on look-alike screens.
describe('other programs (look-alike screens)', () => {
  it('shell: a prompt sign at the bottom is idle, anything else unknown', () => {
    // With the space shells print after the sign (the emulator keeps it), and bash's own default.
    for (const line of ['user@host:~/src$', 'user@host:~/src$ ', 'host%', 'host% ', '❯ ', 'PS C:\\Users\\dev>', 'root@box:/# ', 'bash-5.2# ', 'bash-5.2$ ']) {
      expect(detect(screen(['ls', 'a b c', line]), shellDetector).state, line).toBe('idle');
    }
    for (const line of ['Compiling... 100%', 'Compiling... 100% ', 'npm test', 'Downloading 3/4']) {
      expect(detect(screen(['$ make', line]), shellDetector).state, line).toBe('unknown');
    }
  });

  it('reads from the last line drawn: a prompt at the top of a tall screen is seen', () => {
    const tall = ['root@box:/# ', ...Array<string>(60).fill('')];
    expect(detect(tall, shellDetector).state).toBe('idle');
  });

  // Codex and Gemini CLI have golden tests on their real screens (codex-screens, gemini-screens);
  // these pin variations the recordings do not show.
  it('codex: a prompt in a narrow pane (option 2 wrapped, a long command on two lines), and a composer with typed lines', () => {
    const lines = screen([
      '  Would you like to run the following command?',
      '',
      '  Reason: Needs the network',
      '',
      '  $ curl -fsSL https://example.com/a/very/long/path/that/wraps',
      '    --output out.bin',
      '',
      '› 1. Yes, proceed (y)',
      "  2. Yes, and don't ask again for commands that start with",
      '     `curl -fsSL` (p)',
      '  3. No, and tell Codex what to do differently (esc)',
      '',
      '  Press enter to confirm or esc to cancel',
    ]);
    const p = detect(lines, codexDetector).prompt!;
    expect(p.tool).toBe('Bash');
    expect(p.subject).toBe('curl -fsSL https://example.com/a/very/long/path/that/wraps');
    // Auto-approve rules see the whole command, never its first line alone.
    expect(p.input).toBe('curl -fsSL https://example.com/a/very/long/path/that/wraps\n--output out.bin');
    expect(p.options.map((o) => [o.role, o.keys])).toEqual([
      ['yes', '1'],
      ['always', '2'],
      ['no', '3'],
    ]);
    const typed = ['  Worked for 2s • 03:25', '', '› first line', '  second line', '', '  GPT-Fake default · ~/work', '  ⚠ 1 warning · f2 to view'];
    expect(detect(screen(typed), codexDetector).state).toBe('idle');
    // The user's prompt sent, its working line not drawn yet: not idle.
    expect(detect(screen(['› run the tests', '', '› Ask Codex to do anything', '', '  GPT-Fake default · ~/work']), codexDetector).state).not.toBe('idle');
  });

  it('gemini: parallel calls ("1 of 2" on the title row) and the YOLO input line', () => {
    const box = (t: string) => `│ ${t.padEnd(76)} │`;
    const inner = (t: string) => box(`│ ${t.padEnd(72)} │`);
    const lines = screen([
      `╭${'─'.repeat(78)}╮`,
      box(`? Shell  echo one > one.txt${' '.repeat(40)}1 of 2`),
      box(`╭${'─'.repeat(74)}╮`),
      inner('echo one > one.txt'),
      box(`╰${'─'.repeat(74)}╯`),
      box('Allow execution of [Shell]?'),
      box(''),
      box('● 1. Allow once'),
      box('  2. Allow for this session'),
      box('  3. No, suggest changes (esc)'),
      `╰${'─'.repeat(78)}╯`,
    ]);
    const p = detect(lines, geminiDetector).prompt!;
    expect([p.tool, p.subject, p.question]).toEqual(['run_shell_command', 'echo one > one.txt', 'Allow execution of [Shell]?']);
    expect(p.options.map((o) => [o.role, o.keys])).toEqual([
      ['yes', '1'],
      ['always', '2'],
      ['no', '3'],
    ]);
    const rule = '─'.repeat(80);
    expect(detect(screen([rule, ' YOLO Ctrl+Y', '', ' *   Type your message or @path/to/file', '', ' ~/work   no sandbox   Auto']), geminiDetector).state).toBe('idle');
    expect(detect(screen([' ⠼ Thinking... (esc to cancel, 3s)', rule, ' Shift+Tab to accept edits', '', ' >   Type your message', '', ' ~/work']), geminiDetector).state).toBe('working');
  });

  it('aider: the inline question with lettered choices, Enter after the letter', () => {
    const lines = screen(['npm test', 'Run shell command? (Y)es/(N)o/(D)on\'t ask again [Yes]:']);
    const p = detect(lines, aiderDetector).prompt!;
    expect(p.tool).toBe('Shell');
    expect(p.subject).toBe('npm test');
    expect(p.options.map((o) => [o.label, o.role, o.keys])).toEqual([
      ['Yes', 'yes', 'y\r'],
      ['No', 'no', 'n\r'],
      ["Don't ask again", 'always', 'd\r'],
    ]);
    expect(detectPrompt(screen(['Run shell command? (Y)es/(N)o [Yes]: y']), aiderDetector)).toBeUndefined();
    expect(detect(screen(['Tokens: 2.1k sent', '', '> ']), aiderDetector).state).toBe('idle');
    expect(detect(screen(['architect> make it faster']), aiderDetector).state).toBe('idle');
    expect(detect(screen(['Waiting for gpt-4o']), aiderDetector).state).toBe('working');
  });
});
