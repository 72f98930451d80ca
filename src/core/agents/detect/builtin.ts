// Built-in detectors. Claude's is built on its real screens (test/fixtures/claude-code, 2.1.197)
// and on their structure rather than their wording; the others follow those programs' documented
// layouts and stay cautious: when in doubt they say unknown.
import { type DetectorDefinition, type MenuPromptInput, defineDetector } from './definition.js';

/** A full-width rule: Claude draws one above its input box and above every prompt. */
const CLAUDE_RULE = '^─{8,}';
/** The input line: "❯ " (or "! " in bash mode) at column 0. */
const CLAUDE_INPUT = '^[❯!](\\s|$)';
/** The input line, and not a menu row under the marker at column 0 ("❯ 1. Red", "❯    Submit"). */
const CLAUDE_INPUT_BOX = '^[❯!](?:$| (?! |\\d{1,2}[.)] ))';
/**
 * The spinner line: one glyph, a space, a verb, an ellipsis, maybe "(2s · ↓ 27 tokens)". It turns
 * into "✻ Baked for 6s" (no ellipsis) when the turn ends, so a stale one never matches.
 */
const CLAUDE_SPINNER = '^[^\\s●❯⎿] \\S[^…]{0,80}…(?: \\(.*\\))?$';

/**
 * The parts of Claude's menus: permission prompts, the trust dialog, AskUserQuestion (numbered
 * rows described under them, "[ ]" boxes when several may be picked, a "Type something." row, a
 * "Submit" row, "4. Chat about this" under a rule) and plan mode's "Exit plan mode?".
 */
/** AskUserQuestion's tabs ("☐ Colour", "←  ☒ Colour  ☐ Sizes  ✔ Submit  →"), plan mode's exit. */
const CLAUDE_QUESTION_TITLE = '^(←\\s+)?[☐☒✔]\\s|^Exit plan mode\\?';

const CLAUDE_MENU: MenuPromptInput = {
  type: 'menu',
  maxLines: 100,
  top: CLAUDE_RULE,
  // The title is right under the rule: a blank there is a frame half erased.
  titleGap: 0,
  marker: '❯',
  question: '\\?\\s*$',
  // The dashed rules around a diff or file preview.
  decoration: '^\\s*[╌┄┈]{3,}\\s*$',
  // The input box ("❯ text", not a menu row "❯ 1. Red" or "❯    Submit") or the working footer
  // inside the block: a frame only half redrawn.
  forbid: [CLAUDE_INPUT_BOX, '\\besc to interrupt\\b'],
  // "a digit picks its option at once (no Enter)", in every dialog, the trust dialog too.
  pick: 'digit',
  separator: CLAUDE_RULE,
  action: '^Submit$',
  check: '^\\[([ ✔✓×xX])\\]\\s+',
  free: '^Type something\\.?$',
  kinds: [
    { kind: 'trust', text: '\\btrust this folder\\b|^Accessing workspace|\\bDo you trust\\b' },
    { kind: 'question', text: CLAUDE_QUESTION_TITLE },
  ],
  tools: [
    { tool: 'Bash', title: '^Bash command' },
    { tool: 'Edit', title: '^Edit file' },
    { tool: 'Write', title: '^(Create|Write|Overwrite) file' },
    { tool: 'Read', title: '^Read file' },
    { tool: 'NotebookEdit', title: '^Edit notebook' },
    { tool: 'WebFetch', title: '^(Fetch|Web fetch)' },
    { tool: 'WebSearch', title: '^Web ?[Ss]earch' },
    { tool: 'AskUserQuestion', title: '^(←\\s+)?[☐☒✔]\\s' },
    { tool: 'ExitPlanMode', title: '^Exit plan mode\\?' },
  ],
  cancel: 'escape',
};

export const claudeDetector: DetectorDefinition = defineDetector({
  id: 'claude',
  programs: ['^claude(-code)?$'],
  // A tall pane can hold a long diff preview; scans stop early on structure, so a deep window is cheap.
  lines: 100,
  prompts: [
    // " Esc to cancel · Tab to amend · ctrl+e to explain", " Enter to confirm · Esc to cancel",
    // "Enter to select · ↑/↓ to navigate · Esc to cancel".
    // The footer's first line; a narrow panel wraps the rest onto the lines under it ("… · Esc to"
    // / "cancel"), so the end is where the footer starts, never a line it wrapped onto.
    { ...CLAUDE_MENU, end: '^\\s*(Esc to (cancel|exit|go back|close)|Enter to (confirm|select))\\b', endWraps: 2 },
    // "Exit plan mode?" and AskUserQuestion's "Review your answers" draw no footer: numbered options
    // end the screen. Only those, so a prompt whose footer is not drawn yet is no prompt.
    { ...CLAUDE_MENU, numbered: true, when: '^Exit plan mode\\?$|^Ready to submit your answers\\?$' },
  ],
  working: [
    { match: '\\besc to interrupt\\b', within: 4 },
    { match: CLAUDE_SPINNER, within: 16 },
  ],
  // Rule, input line right under it, the closing rule below (typed text may take lines), footer.
  idle: [{ lines: [CLAUDE_RULE, CLAUDE_INPUT, { match: CLAUDE_RULE, gap: 20 }], below: 10 }],
});

export const codexDetector: DetectorDefinition = defineDetector({
  id: 'codex',
  programs: ['^codex$'],
  prompts: [
    {
      type: 'menu',
      // "Press enter to confirm or esc to cancel"
      end: '\\b[Ee]sc to (cancel|go back)\\b|\\b[Pp]ress enter to (confirm|continue)\\b',
      below: 2,
      // "Would you like to run the following command?"
      top: '^\\s*(Would you like to|Allow|Approve|Do you want to)\\b.*\\?\\s*$',
      topIsTitle: true,
      marker: '[›▶>]',
      forbid: ['\\besc to interrupt\\b'],
      pick: 'arrows',
      // "Yes, proceed (y)" / "No, and tell Codex what to do differently (esc)"
      shortcut: '\\((\\w{1,6})\\)\\s*$',
      kinds: [{ kind: 'trust', text: '\\btrust\\b.*\\b(folder|directory|workspace)\\b' }],
      tools: [
        { tool: 'Bash', title: '\\b(run|execute)\\b.*\\bcommand\\b' },
        { tool: 'Edit', title: '\\b(make|apply)\\b.*\\b(edits?|changes?)\\b' },
      ],
      cancel: 'escape',
    },
  ],
  working: [{ match: '\\besc to interrupt\\b', within: 6 }],
  // The composer: "› " at the bottom, not an option row ("› 1. Yes").
  idle: [{ lines: ['^\\s*›(\\s(?!\\d+\\.)|$)'], below: 4 }],
});

export const geminiDetector: DetectorDefinition = defineDetector({
  id: 'gemini',
  programs: ['^gemini$'],
  prompts: [
    {
      type: 'menu',
      // The tool box: "╭───╮ │ ?  Shell npm test │ … │ ● 1. Yes, allow once │ … ╰───╯", then status lines.
      end: '^\\s*╰─',
      below: 6,
      top: '^\\s*╭─',
      strip: '^\\s*│ ?|\\s*│\\s*$',
      marker: '●',
      question: '\\?\\s*$',
      forbid: ['esc to cancel, \\d'],
      pick: 'arrows',
      shortcut: '\\((esc)\\)\\s*$',
      tools: [
        { tool: 'Shell', title: '^\\?\\s+Shell\\b' },
        { tool: 'Edit', title: '^\\?\\s+Edit\\b' },
        { tool: 'WriteFile', title: '^\\?\\s+WriteFile\\b' },
      ],
      cancel: 'escape',
    },
  ],
  // "⠼ Thinking... (esc to cancel, 3s)"
  working: [{ match: 'esc to cancel, \\d', within: 8 }],
  idle: [{ lines: ['^\\s*╭─', '^\\s*│\\s*[>!*]\\s', { match: '^\\s*╰─', gap: 10 }], below: 4 }],
});

export const aiderDetector: DetectorDefinition = defineDetector({
  id: 'aider',
  programs: ['^aider$'],
  prompts: [
    {
      type: 'inline',
      // "Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]:" with nothing typed yet.
      line: '^(?<question>[^()]*\\?)\\s+(?<choices>(?:\\(\\w\\)[^/\\[]*/?)+?)\\s*(?:\\[[^\\]]*\\])?:$',
      choice: '\\((\\w)\\)([^/\\[]*)',
      roles: [
        { role: 'no', label: '^No\\b' },
        { role: 'always', label: "^(Don['’]t ask again|All)\\b" },
        { role: 'yes', label: '^Yes\\b' },
      ],
      tools: [
        { tool: 'Shell', title: '\\bshell command' },
        { tool: 'Add', title: '^Add\\b.*\\bto the chat\\b' },
        { tool: 'Create', title: '^Create new file' },
        { tool: 'Edit', title: '^Allow edits\\b' },
      ],
    },
  ],
  working: [{ match: '\\bWaiting for\\b', within: 3 }],
  // "> ", "architect> ", "multi> ": its prompt_toolkit input line at the bottom.
  idle: [{ lines: ['^[\\w-]*>( .*)?$'] }],
});

export const shellDetector: DetectorDefinition = defineDetector({
  id: 'shell',
  programs: ['^(ba|z|fi|da|k|tc|c|mk|y|o)?sh$', '^(pwsh|powershell|nu|xonsh|elvish)$'],
  // A prompt sign ending the last line ("user@host:~$ ", "bash-5.2# ", "%", "❯", "PS C:\>"), with
  // the space shells print after it (the emulator keeps written spaces); "%" not after a digit ("100%").
  idle: [{ lines: ['(?:(?:^|[^\\d])%|[$#>❯›»λ])\\s*$'] }],
});

/** For programs nothing is known about: only "starting" (blank) or "unknown". */
export const genericDetector: DetectorDefinition = defineDetector({ id: 'generic' });

export const BUILTIN_DETECTORS: readonly DetectorDefinition[] = [
  claudeDetector,
  codexDetector,
  geminiDetector,
  aiderDetector,
  shellDetector,
];
