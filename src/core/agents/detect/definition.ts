// Detector definitions as plain data (regex strings, key names), so users can describe other
// programs in their settings file. Validated with zod; every regex is checked to compile.
// Patterns are tested line by line against the screen as Screen.liveText() gives it: plain text,
// right-trimmed (an empty "> " prompt reads ">"), no colours.
import { keyBytes, normalizeKeySpec } from '../../terminal/index.js';
import * as z from '../../util/zod.js';

/** Flags every pattern is compiled with: Unicode-aware, case-sensitive. */
export const PATTERN_FLAGS = 'u';

function compiles(source: string): boolean {
  try {
    new RegExp(source, PATTERN_FLAGS);
    return true;
  } catch {
    return false;
  }
}

const Pattern = z.string().check(z.minLength(1), z.refine(compiles, { message: 'not a valid regular expression (JavaScript syntax, flag u)' }));

/** A key name as in the keymap ("escape", "enter", "down", "y"), turned into the bytes a terminal sends. */
const KeySpec = z.pipe(
  z.string().check(z.minLength(1)),
  z.transform((spec: string) => keyBytes(normalizeKeySpec(spec))),
);

const Count = (max: number) => z.number().check(z.int(), z.minimum(0), z.maximum(max));

/**
 * One line of a layout; `gap` is how many lines may lie between it and the previous one, and
 * `between`, when given, is what every one of those lines must match ("^\\s*$": nothing drawn there).
 */
const Step = z.union([
  z.pipe(Pattern, z.transform((match: string) => ({ match, gap: 0 }))),
  z.object({ match: Pattern, gap: z._default(Count(200), 0), between: z.optional(Pattern) }),
]);

const Layout = z.object({
  /** Lines that must appear in this order, top to bottom. */
  lines: z.array(Step).check(z.minLength(1)),
  /** Non-blank lines allowed below the last of them (footers, status lines). */
  below: z._default(Count(20), 0),
});

const Signal = z.object({
  match: Pattern,
  /** Looked for in this many non-blank lines from the bottom. */
  within: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(200)), 8),
});

export const OptionRoleSchema = z.enum(['yes', 'always', 'no', 'other']);
export const PromptKindSchema = z.enum(['tool', 'trust', 'question']);

const RoleRule = z.object({ role: OptionRoleSchema, label: Pattern });
/** How options are picked: by their number, or by moving the marker with the arrow keys and Enter. */
const Pick = z.enum(['digit', 'arrows']);
const KindRule = z.object({
  kind: PromptKindSchema,
  /** Matched against every line of the prompt (title, detail, question, labels). */
  text: Pattern,
  pick: z.optional(Pick),
});
const ToolRule = z.object({ tool: z.string().check(z.minLength(1)), title: Pattern });

/** Roles by label, first match wins; a label matching none is 'other'. */
export const DEFAULT_ROLES = [
  { role: 'no', label: '^(No|Deny|Reject|Decline)\\b' },
  {
    role: 'always',
    label: "^(Yes|Allow|Approve)\\b.*\\b(always|don[’'`]?t ask again|allow all|remember|for this session|during this session|auto[- ]accept|auto mode)\\b",
  },
  { role: 'yes', label: '^(Yes|Allow|Approve|Proceed)\\b' },
] as const;

const Shared = {
  roles: z._default(z.array(RoleRule), () => DEFAULT_ROLES.map((r) => ({ ...r }))),
  /** First match decides the kind; otherwise 'tool' when an option says yes, else 'question'. */
  kinds: z._default(z.array(KindRule), []),
  /** Tool names by title, for auto-approve rules and the inbox. */
  tools: z._default(z.array(ToolRule), []),
  /** Key that dismisses the prompt without choosing. */
  cancel: z.optional(KeySpec),
};

/** A menu of options, one of them under a marker, at the bottom of the screen. */
const MenuPrompt = z.object({
  type: z.literal('menu'),
  /** The prompt's last line (its footer); omit when the options themselves end the prompt. */
  end: z.optional(Pattern),
  /** Non-blank lines allowed below the end (status lines drawn under the prompt). */
  below: z._default(Count(20), 0),
  /** Lines the end line may wrap onto in a narrow panel (its text continues on them). */
  endWraps: z._default(Count(5), 0),
  /** The line that opens the prompt: a rule above the title, or the title itself (`topIsTitle`). */
  top: Pattern,
  topIsTitle: z._default(z.boolean(), false),
  /** Blank lines allowed between the opening line and the title under it. */
  titleGap: z._default(Count(20), 20),
  /** What marks the selected option ("❯"); it is followed by a space and the option. */
  marker: Pattern,
  /** The line just above the options, when it matches, is the question. */
  question: z.optional(Pattern),
  /** Lines drawn between the question and the options that are neither (a key hint): skipped. */
  hint: z.optional(Pattern),
  /**
   * The line naming what is asked about ("$ npm test", "Destination: /a/b"), looked for in the
   * title, then the detail: group 1 is the subject. In the detail, the lines under it in its
   * paragraph carry it on (a wrapped command) and go with it to auto-approve rules. Without it, or
   * when no line matches, the subject is the detail's first line.
   */
  subject: z.optional(Pattern),
  /** Detail lines to drop (dashed rules around a diff). */
  decoration: z.optional(Pattern),
  /** Removed from every line before parsing (box borders). */
  strip: z.optional(Pattern),
  /** No line of the prompt may match these: they belong to another screen (half-redrawn frames). */
  forbid: z._default(z.array(Pattern), []),
  /** The tallest prompt, in lines from its top to its end. */
  maxLines: z._default(z.number().check(z.int(), z.minimum(3), z.maximum(200)), 40),
  pick: z._default(Pick, 'arrows'),
  /** A label ending in a key hint, e.g. "(y)": group 1 names the key that picks it. */
  shortcut: z.optional(Pattern),
  /** Only numbered options make this menu (for menus without an end line). */
  numbered: z._default(z.boolean(), false),
  /**
   * Only a prompt whose title or question matches is this menu: for menus without an end line,
   * where a prompt still being drawn would otherwise read as one with fewer options.
   */
  when: z.optional(Pattern),
  /** A line drawn between two rows (a rule before "4. Chat about this"): skipped. */
  separator: z.optional(Pattern),
  /** An unnumbered row of a numbered menu that picks like an option ("Submit"). */
  action: z.optional(Pattern),
  /** A check box at the start of a label, group 1 its mark ("[✔] Small", "[ ] Large"): a multi-select. */
  check: z.optional(Pattern),
  /** The label of a row that takes typed text ("Type something."). */
  free: z.optional(Pattern),
  /**
   * The program draws the cursor of a text field it has focused as an inverse-video cell, and
   * nothing else inverse on a marked row (Claude): a marked row showing one takes typed keys, so
   * answers wait. Not for programs that mark the selected row in inverse video (Codex).
   */
  fieldCursor: z._default(z.boolean(), false),
  /**
   * The role the last option must have for the menu to be whole: for a menu without an end line,
   * so one still being drawn (its "No" not there yet) is no prompt.
   */
  lastRole: z.optional(OptionRoleSchema),
  ...Shared,
});

/** A question on the last line with lettered choices: "Run shell command? (Y)es/(N)o [Yes]:". */
const InlinePrompt = z.object({
  type: z.literal('inline'),
  /** The whole last non-blank line; named groups `question` and `choices`. */
  line: Pattern,
  /** Matched repeatedly in `choices`: group 1 the key letter, group 2 the rest of the label. */
  choice: Pattern,
  /** Sent after the letter. */
  submit: z.prefault(KeySpec, 'enter'),
  /** How many lines above the question (up to a blank line) form the detail. */
  detailLines: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(40)), 8),
  ...Shared,
});

export const PromptDefinitionSchema = z.discriminatedUnion('type', [MenuPrompt, InlinePrompt]);

export const DetectorDefinitionSchema = z.object({
  /** Short name ("claude"), also used to key auto-approve rules. */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "-" and "_"')),
  /** Matched against the program's file name ("claude", "codex"). */
  programs: z._default(z.array(Pattern), []),
  /** Lines from the bottom of the screen that detection reads. */
  lines: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(500)), 40),
  /** Tried in order; the first that reads a whole prompt wins. */
  prompts: z._default(z.array(PromptDefinitionSchema), []),
  /** Any of these near the bottom means the program is busy. */
  working: z._default(z.array(Signal), []),
  /**
   * Any of these layouts at the bottom means the program is busy though it shows no sign of work
   * (an answer streaming in above an input line that looks idle). Checked after `working`.
   */
  busy: z._default(z.array(Layout), []),
  /** Any of these layouts at the bottom means the program waits for input (when not working). */
  idle: z._default(z.array(Layout), []),
});

/** A definition as written (JSON, settings): defaults may be left out, keys are names. */
export type DetectorDefinitionInput = z.input<typeof DetectorDefinitionSchema>;
/** A definition after validation: defaults filled in, keys turned into bytes. */
export type DetectorDefinition = z.output<typeof DetectorDefinitionSchema>;
export type PromptDefinition = z.output<typeof PromptDefinitionSchema>;
export type MenuPromptInput = Extract<z.input<typeof PromptDefinitionSchema>, { type: 'menu' }>;
export type MenuPromptDefinition = Extract<PromptDefinition, { type: 'menu' }>;
export type InlinePromptDefinition = Extract<PromptDefinition, { type: 'inline' }>;

export class DetectorDefinitionError extends Error {}

/** Validates one definition; throws DetectorDefinitionError naming the field that is wrong. */
export function defineDetector(input: DetectorDefinitionInput): DetectorDefinition {
  const parsed = DetectorDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const id = typeof input === 'object' && input && 'id' in input ? String(input.id) : '?';
  throw new DetectorDefinitionError(`Detector "${id}" is invalid: ${describeIssues(parsed.error)}`);
}

/** Validates user definitions from settings; a bad one is reported and skipped, never fatal. */
export function parseDetectorDefinitions(value: unknown): { definitions: DetectorDefinition[]; problems: string[] } {
  const definitions: DetectorDefinition[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) {
    problems.push('Detectors must be a list of definitions.');
    return { definitions, problems };
  }
  value.forEach((item, index) => {
    const parsed = DetectorDefinitionSchema.safeParse(item);
    if (parsed.success) definitions.push(parsed.data);
    else problems.push(`Detector #${index + 1} is ignored: ${describeIssues(parsed.error)}`);
  });
  return { definitions, problems };
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
