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
/**
 * AskUserQuestion's tabs ("☐ Colour", "←  ☒ Colour  ☐ Sizes  ✔ Submit  →"), plan mode's exit: "Exit
 * plan mode?", or with a plan file "Ready to code?" over the plan, a rule, then "Claude has written
 * up a plan and is ready to execute. Would you like to proceed?" (the title under that rule).
 */
const CLAUDE_PLAN_TITLE = '^Exit plan mode\\?|^Ready to code\\?|^Claude has written up a plan\\b';
const CLAUDE_QUESTION_TITLE = `^(←\\s+)?[☐☒✔]\\s|${CLAUDE_PLAN_TITLE}`;

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
  // The plan's "Tell Claude what to change" takes the feedback typed on its row.
  free: '^Type something\\.?$|^Tell Claude what to change\\b',
  // Tab to amend, a focused "Type something." row: the field's cursor is an inverse cell.
  fieldCursor: true,
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
    { tool: 'ExitPlanMode', title: CLAUDE_PLAN_TITLE },
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
    // The plan's dialog: "ctrl+g to edit in Vim · ~/.claude/plans/….md".
    { ...CLAUDE_MENU, end: '^\\s*(Esc to (cancel|exit|go back|close)|Enter to (confirm|select)|ctrl\\+g to edit)\\b', endWraps: 2 },
    // "Exit plan mode?" and AskUserQuestion's "Review your answers" draw no footer: numbered options
    // end the screen. Only those, so a prompt whose footer is not drawn yet is no prompt.
    { ...CLAUDE_MENU, numbered: true, when: '^Exit plan mode\\?$|^Ready to submit your answers\\?$' },
    // Nor does WebFetch's "Do you want to allow Claude to fetch this content?": whole once its
    // last option, "No, and tell Claude what to do differently", is drawn.
    { ...CLAUDE_MENU, numbered: true, when: '^Do you want to allow Claude to\\b', lastRole: 'no' },
  ],
  working: [
    { match: '\\besc to interrupt\\b', within: 4 },
    { match: CLAUDE_SPINNER, within: 16 },
  ],
  // Rule, input line right under it, the closing rule below (typed text may take lines), footer.
  idle: [{ lines: [CLAUDE_RULE, CLAUDE_INPUT, { match: CLAUDE_RULE, gap: 20 }], below: 10 }],
});

/**
 * Codex (0.171, test/fixtures/codex): a full-screen ratatui app, each frame drawn whole (synchronized
 * output). Its dialogs replace the composer at the bottom: the approval prompts, the folder-trust
 * dialog and "Hooks need review" (a numbered menu under "›", a footer naming Enter and Esc), and
 * request_user_input's question (its footer says "esc to interrupt", as the working line does).
 */
/** The composer: "› " at column 0, not an option row ("› 1. Yes"); typed text may run onto more lines. */
const CODEX_COMPOSER = '^›(?: (?!\\d{1,2}\\. )|$)';
/**
 * The composer at the bottom with only blank lines above it back to the last thing in the transcript,
 * then (under the lines of typed text, indented) the footer's model line: "  GPT-Fake default · ~/work".
 * A user's earlier prompt in the transcript ("› fix it") is followed by other lines, not the footer.
 */
const CODEX_INPUT = [
  { match: CODEX_COMPOSER, gap: 60, between: '^\\s*$' },
  { match: '^  \\S[^·]* · ', gap: 12, between: '^(?:  \\S.*|\\s*)$' },
];
/** Option 2 names what it allows; "(p)" / "(a)" are Codex's own keys for it, "(y)" and "(esc)" the others'. */
const CODEX_ROLES = [
  { role: 'no', label: '^(No|Back to|Continue without trusting)\\b' },
  { role: 'always', label: "^Yes\\b.*\\b(don['’]t ask again|always)\\b" },
  { role: 'yes', label: '^(Yes|Trust)\\b' },
] as const;

const CODEX_DIALOG: Omit<MenuPromptInput, 'top'> = {
  type: 'menu',
  marker: '›',
  topIsTitle: true,
  maxLines: 60,
  below: 1,
  roles: [...CODEX_ROLES],
  cancel: 'escape',
};

export const codexDetector: DetectorDefinition = defineDetector({
  id: 'codex',
  programs: ['^codex$'],
  prompts: [
    {
      ...CODEX_DIALOG,
      // "Would you like to run the following command?" / "…make the following edits?", the trust
      // dialog's "Folder access", "Hooks need review".
      top: '^\\s*(?:(?:Would you like to|Do you want to)\\b.*\\?|Folder access|Hooks need review)\\s*$',
      // "Press enter to confirm or esc to cancel", "enter continue · esc back", "enter confirm · esc skip"
      end: '^\\s*(?:Press enter to (?:confirm|continue)\\b.*\\besc\\b.*|enter \\w+ · esc \\w+)\\s*$',
      // The command under the reason ("$ echo hello > out.txt"); an edit's file.
      subject: '^\\$ (.+)$|^Destination: (.+)$',
      // The working line above the composer: a frame that is not this dialog's.
      forbid: ['\\besc to interrupt\\b', CODEX_COMPOSER],
      // Digits 1..3 select and confirm at once, as do y, p / a and n / Esc.
      pick: 'digit',
      kinds: [
        // In these two a digit does not confirm (seen on the real CLI: "1" leaves "Folder access"
        // up): the arrows, each move seen, then Enter.
        { kind: 'trust', text: '^Hooks need review$', pick: 'arrows' },
        { kind: 'trust', text: '^Folder access$|^Trust this folder\\?', pick: 'arrows' },
      ],
      tools: [
        { tool: 'Bash', title: '\\brun the following command\\b' },
        { tool: 'apply_patch', title: '\\bmake the following edits\\b' },
      ],
    },
    {
      // request_user_input (Plan mode): "Question 1/1 (1 unanswered)", the question, options under
      // "›" with their descriptions in a column, "tab to add notes | enter to submit answer | esc to
      // interrupt". A digit picks its option and submits.
      ...CODEX_DIALOG,
      top: '^\\s*Question \\d+/\\d+\\b',
      end: '\\benter to submit answers?\\b',
      question: '\\S',
      forbid: [CODEX_COMPOSER],
      pick: 'digit',
      kinds: [{ kind: 'question', text: '^Question \\d+/\\d+\\b' }],
      tools: [{ tool: 'request_user_input', title: '^Question \\d+/\\d+\\b' }],
    },
  ],
  // "◦ Working (3s • esc to interrupt)", "• Running hooks", a reasoning label: all end the same way.
  working: [{ match: '\\besc to interrupt\\)', within: 6 }],
  // While an answer streams in, and between an approved edit and the next model call, Codex shows
  // no working line and a composer that looks idle: the last thing above the composer is then the
  // answer itself ("• text" or its indented lines) or the edit's diff, not yet followed by "Worked
  // for …" (or "■ Conversation interrupted").
  busy: [{ lines: ['^(?:• (?!Model changed to\\b)|\\s{2,}(?!Worked for\\b|[~/\\u2800-\\u28FF])\\S)', ...CODEX_INPUT], below: 2 }],
  // The composer at rest, with nothing but blank lines between it and a settled transcript: the
  // end of a turn ("Worked for 8s • 03:25", "■ Conversation interrupted …"), the start-up header
  // (its folder line) or logo, or the line Codex prints when a mode changes.
  idle: [
    {
      lines: ['^(?:  Worked for\\b|■ |     [~/]|\\s*[\\u2800-\\u28FF]{3,}|• Model changed to\\b)', ...CODEX_INPUT],
      below: 2,
    },
  ],
});

/** A pattern for any non-empty start of `text` ("e", "es", … "esc to cancel"), longest first. */
function prefixesOf(text: string): string {
  const out: string[] = [];
  for (let n = text.length; n > 0; n--) out.push(text.slice(0, n).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return out.join('|');
}

/**
 * Gemini CLI (0.61, test/fixtures/gemini): an inline Ink app that redraws its live region every
 * frame. A confirmation, the trust dialog and ask_user are boxes drawn in place of the input and
 * its footer: "╭─…─╮", rows between "│" borders (a command or diff in an inner box), options
 * under "●", "╰─…─╯" last.
 */
const GEMINI_BOX: MenuPromptInput = {
  type: 'menu',
  // The outer box opens at column 0 or 1; the inner one (a command, a diff) is stripped away below.
  top: '^\\s?╭─',
  // The outer borders, and the inner box's: its top and bottom rows vanish, its sides go.
  strip: '^\\s?│ [╭╰]─+[╮╯]\\s*│\\s*$|^\\s?│ (?:│ )?|(?:\\s*│)?\\s*│\\s*$',
  marker: '●',
  maxLines: 80,
  forbid: ['\\besc to cancel, \\d'],
  // Digits select and confirm; Esc is "no"; "n" does nothing.
  pick: 'digit',
  roles: [
    { role: 'no', label: "^(No|Don['’]t trust)\\b" },
    { role: 'always', label: '^(Allow|Yes)\\b.*\\b(for this session|always)\\b' },
    { role: 'yes', label: '^(Allow once|Trust folder|Yes)\\b' },
  ],
  cancel: 'escape',
};

export const geminiDetector: DetectorDefinition = defineDetector({
  id: 'gemini',
  programs: ['^gemini(-cli)?$'],
  prompts: [
    {
      // "? Shell  echo hello > out.txt" / "Allow execution of [Shell]?"; "? Edit  greet.txt: …" /
      // "? WriteFile  Writing to hello.py" / "Apply this change?" (a 4th option: the external
      // editor); "Do you trust the files in this folder?".
      ...GEMINI_BOX,
      end: '^\\s?╰─',
      below: 2,
      question: '\\?\\s*$',
      // "Redirection detected. To auto-accept, press Shift+Tab", between the question and the options.
      hint: '\\bpress Shift\\+Tab\\b',
      // An edit names its file in the title; a command is in the box under it (the subject by default).
      subject: '^\\? (?:Edit|WriteFile)\\s+(?:Writing to )?(.+?)(?::\\s.*)?(?:\\s{2,}\\d+ of \\d+)?$',
      kinds: [{ kind: 'trust', text: '^Do you trust the files in this folder\\?' }],
      tools: [
        { tool: 'run_shell_command', title: '^\\? Shell\\b' },
        { tool: 'replace', title: '^\\? Edit\\b' },
        { tool: 'write_file', title: '^\\? WriteFile\\b' },
      ],
    },
    {
      // ask_user: "Answer Questions", the question, "● 1.  Red" with its description under it,
      // a free-text row, "Enter to select · ↑/↓ to navigate · Esc to cancel" inside the box
      // ("Enter to submit · Esc to cancel" once the free row is marked: it then shows typed text).
      ...GEMINI_BOX,
      end: '^Enter to (?:select|submit)\\b.*\\bEsc to cancel\\s*$',
      below: 1,
      question: '\\S',
      hint: '^\\(Select all that apply\\)\\s*$',
      check: '^\\[([ xX✓✔])\\]\\s+',
      free: '^Enter a custom value$',
      kinds: [{ kind: 'question', text: '^Answer Questions?$' }],
      tools: [{ tool: 'ask_user', title: '^Answer Questions?$' }],
    },
  ],
  // "⠼ Thinking... (esc to cancel, 3s)", "⠙ Executing Hook(s): … (esc to cancel, 0s)", led by the
  // braille spinner. Hooks leave their list ("  Executing Hooks: a, b, …", no spinner, no "esc")
  // for a few seconds after they ran: that is no work. A running one too long for the row is cut
  // at its end ("…(esc to cancel", "… (") and may have "? for shortcuts" drawn over its start.
  working: [
    {
      match: `\\besc to cancel(?:, \\d|\\s*$)|^\\s*[\\u2801-\\u28FF] \\S|^\\? for shortcuts\\S.*\\((?:${prefixesOf('esc to cancel')})?\\s*$`,
      within: 8,
    },
  ],
  // The input area: a full-width rule, the mode line, the input line (" > ", "*" in YOLO mode, "!"
  // in shell mode), then the footer. In a narrow panel "1 MCP server" (squadtui's) takes a line of
  // its own between the mode line and the input, with a blank line each side.
  idle: [{ lines: ['^─{20,}\\s*$', '^ \\S', { match: '^ [>*!](?:\\s|$)', gap: 4 }], below: 8 }],
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
