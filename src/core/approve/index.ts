// Auto-approve: which permission prompts squadtui may answer "yes" to on its own. Off by default,
// per program. Pure but for reading where paths lead; the caller logs every automatic answer.
//
// Policy, in order:
// 1. Nothing over MAX_INPUT characters is approved (matching stays fast whatever an agent sends).
// 2. An exact rule (no `*`) equal to the whole input approves it, whatever it is.
// 3. A command must split into simple commands (at ; && || | & and line ends) with nothing hidden
//    (no $(…), backticks, variables, subshells, groups, here-documents, redirects into files), and
//    each needs a rule: an exact one equal to it, or a wildcard rule whose literal words it spells the
//    same and whose `*`s stand for plain words only — never an option, a quote, a glob, `~`, `$`, …
// 4. The destructive guard (danger.ts) vetoes any wildcard match; only an exact rule allows those.
// 5. Path rules match where the file really is (symlinks, `..`), inside the agent's directory
//    unless the pattern is absolute; `Read(*)` is any file in there.
import * as z from '../util/zod.js';
import { type CommandAnalysis, type Segment, analyzeCommand } from './danger.js';
import { resolvedForPattern } from './paths.js';
import { type ApproveRule, type PatternWord, RuleSyntaxError, isCommandTool, parseRule } from './rules.js';
import { type Word, isAssignment, isPlainWord } from './shell.js';

export { type ApproveRule, type CommandAnalysis, type Segment, RuleSyntaxError, analyzeCommand, isCommandTool, parseRule };

/** Longer inputs are never approved: no real command or path is this long, and matching stays cheap. */
export const MAX_INPUT = 4096;

export const ApproveRulesSchema = z.object({
  /** Nothing is ever approved automatically unless this is true. */
  enabled: z._default(z.boolean(), false),
  /** Detector id ("claude", "codex", …) → rules. */
  programs: z._default(z.record(z.string(), z.array(z.string())), {}),
});

export type ApproveRulesConfig = z.infer<typeof ApproveRulesSchema>;

export type Decision =
  | { readonly approve: true; readonly rules: readonly string[] }
  | { readonly approve: false; readonly reason: string };

/** Rules of each program; bad rules are reported and left out. */
export function compileApproveRules(config: ApproveRulesConfig): { rules: Map<string, ApproveRule[]>; problems: string[] } {
  const rules = new Map<string, ApproveRule[]>();
  const problems: string[] = [];
  for (const [program, sources] of Object.entries(config.programs)) {
    const list: ApproveRule[] = [];
    for (const source of sources) {
      try {
        list.push(parseRule(source));
      } catch (error) {
        problems.push(`Auto-approve rule for ${program} ignored: ${(error as Error).message}`);
      }
    }
    rules.set(program, list);
  }
  return { rules, problems };
}

/**
 * Should this prompt be answered "yes" without asking? `input` is the command, or the file path;
 * `cwd` is the agent's directory, against which paths are resolved.
 */
export function autoApprove(
  config: { enabled: boolean; rules: ReadonlyMap<string, readonly ApproveRule[]> },
  program: string,
  tool: string,
  input: string,
  cwd: string,
): Decision {
  if (!config.enabled) return { approve: false, reason: 'auto-approve is off' };
  return matchRules(config.rules.get(program) ?? [], tool, input, cwd);
}

/** The matcher: does any of `rules` allow `tool` with `input`? Without `cwd`, paths are taken as written. */
export function matchRules(rules: readonly ApproveRule[], tool: string, input: string, cwd?: string): Decision {
  const name = tool.toLowerCase();
  const mine = rules.filter((r) => r.tool === name);
  if (mine.length === 0) return { approve: false, reason: `no rule for ${tool}` };
  if (input.length > MAX_INPUT) return { approve: false, reason: `the input is over ${MAX_INPUT} characters` };
  const text = input.trim();
  const exact = mine.find((r) => r.mode === 'exact' && r.pattern === text);
  if (exact) return { approve: true, rules: [exact.source] };
  if (text === '') return { approve: false, reason: 'nothing to match: the input is empty' };
  return isCommandTool(name) ? matchCommand(mine, text) : matchPath(mine, text, cwd);
}

function matchCommand(rules: readonly ApproveRule[], command: string): Decision {
  const analysis = analyzeCommand(command);
  if ('opaque' in analysis) return { approve: false, reason: analysis.opaque };
  const used: string[] = [];
  for (const segment of analysis.segments) {
    const exact = rules.find((r) => r.mode === 'exact' && r.pattern === segment.text);
    if (exact) {
      used.push(exact.source);
      continue;
    }
    if (segment.danger) return { approve: false, reason: `"${segment.text}" ${segment.danger}: only an exact rule allows it` };
    const plain = coverable(segment.words);
    const rule = rules.find((r) => r.words !== undefined && wordsMatch(r.words, segment.words, plain));
    if (!rule) return { approve: false, reason: noRuleReason(segment, plain) };
    used.push(rule.source);
  }
  return { approve: true, rules: [...new Set(used)] };
}

/** Which words a `*` may stand for: plain ones, but not the assignments in front of the command. */
function coverable(words: readonly Word[]): boolean[] {
  let leading = true;
  return words.map((w) => {
    leading &&= isAssignment(w.value);
    return !leading && isPlainWord(w.raw);
  });
}

/** Literal words equal as written, each `*` zero or more plain words: O(pattern × words). */
function wordsMatch(pattern: readonly PatternWord[], words: readonly Word[], plain: readonly boolean[]): boolean {
  let reach = words.map(() => false).concat(false);
  reach[0] = true;
  for (const item of pattern) {
    const next = reach.map(() => false);
    for (let j = 0; j <= words.length; j++) {
      if ('star' in item) next[j] = reach[j]! || (j > 0 && next[j - 1]! && plain[j - 1]!);
      else next[j] = j > 0 && reach[j - 1]! && words[j - 1]!.raw === item.literal;
    }
    reach = next;
  }
  return reach[words.length]!;
}

function noRuleReason(segment: Segment, plain: readonly boolean[]): string {
  const odd = [...segment.words].reverse().find((_, i) => !plain[plain.length - 1 - i]);
  const hint = odd ? ` (a * stands only for plain words, not "${odd.raw}": write it in the rule)` : '';
  return `no rule allows "${segment.text}"${hint}`;
}

function matchPath(rules: readonly ApproveRule[], input: string, cwd: string | undefined): Decision {
  if (input.includes('\n')) return { approve: false, reason: 'the input spans several lines' };
  if (input.split(/[\\/]/).includes('..')) return { approve: false, reason: `"${input}" climbs out through "..": only an exact rule allows it` };
  let refused: string | undefined;
  for (const rule of rules) {
    if (rule.mode === 'exact') continue;
    let target = input;
    if (cwd !== undefined) {
      // `Tool(*)` is any file in the agent's directory: a link out of it is not "any file".
      const resolved = resolvedForPattern(input, cwd, rule.mode === 'glob' && rule.pattern.startsWith('/'));
      if ('refused' in resolved) {
        refused = resolved.refused;
        continue;
      }
      target = resolved.path;
    }
    if (rule.mode === 'any' || rule.regex!.test(target)) return { approve: true, rules: [rule.source] };
  }
  return { approve: false, reason: refused ?? `no rule allows "${input}"` };
}
