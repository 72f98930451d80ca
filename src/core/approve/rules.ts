// Auto-approve rules as written in the settings — `Bash(npm test*)`, `Read(*)`, `Edit(src/**)` — and
// what each one means once parsed.
import { pathGlob } from './paths.js';
import { shellWords, splitCommand } from './shell.js';

/** A word of a command rule: one literal word as written, or `*` (zero or more plain words). */
export type PatternWord = { readonly literal: string } | { readonly star: true };

export interface ApproveRule {
  /** As written, for the activity log. */
  readonly source: string;
  /** Lower-cased tool name. */
  readonly tool: string;
  /**
   * 'exact': no wildcard, equal to the whole input (or one simple command of it).
   * 'words': a command rule with `*`, matched word by word.
   * 'any': a path rule for any path. 'glob': a path rule with `*`, `**` or `?`.
   */
  readonly mode: 'exact' | 'words' | 'any' | 'glob';
  readonly pattern: string;
  readonly words?: readonly PatternWord[];
  readonly regex?: RegExp;
}

export class RuleSyntaxError extends Error {}

/** Tools whose input is a shell command; every other tool's input is matched as a path or plain text. */
const COMMAND_TOOLS = new Set(['bash', 'shell', 'run_shell_command', 'exec', 'exec_command', 'local_shell', 'powershell']);

const RULE = /^\s*([A-Za-z_][\w.:-]*)\s*(?:\((.*)\))?\s*$/s;

export function isCommandTool(tool: string): boolean {
  return COMMAND_TOOLS.has(tool.toLowerCase());
}

/** Parses `Tool` or `Tool(pattern)`; throws RuleSyntaxError saying what is wrong. */
export function parseRule(source: string): ApproveRule {
  const m = RULE.exec(source);
  if (!m) throw new RuleSyntaxError(`"${source}" is not a rule: write Tool or Tool(pattern), e.g. Bash(npm test*) or Read(*).`);
  const tool = m[1]!.toLowerCase();
  let pattern = (m[2] ?? '*').trim();
  if (pattern === '') throw new RuleSyntaxError(`"${source}" has an empty pattern: write ${m[1]}(*) to allow any input.`);
  if (pattern === '**') pattern = '*';
  if (!COMMAND_TOOLS.has(tool)) {
    if (pattern === '*') return { source, tool, mode: 'any', pattern };
    if (!pattern.includes('*') && !pattern.includes('?')) return { source, tool, mode: 'exact', pattern };
    return { source, tool, mode: 'glob', pattern, regex: pathGlob(pattern) };
  }
  // Claude Code's prefix form: `npm run test:*` is `npm run test *`.
  if (pattern.endsWith(':*')) pattern = `${pattern.slice(0, -2).trimEnd()} *`;
  const written = shellWords(pattern);
  if (!written?.some((w) => w.stars.length > 0)) return { source, tool, mode: 'exact', pattern };
  return { source, tool, mode: 'words', pattern, words: patternWords(source, pattern) };
}

function patternWords(source: string, pattern: string): PatternWord[] {
  const split = splitCommand(pattern);
  const part = 'parts' in split && split.parts.length === 1 ? split.parts[0] : undefined;
  if (part === undefined || part.bare.trim() !== part.text) {
    throw new RuleSyntaxError(`"${source}": a rule with * covers one simple command (no ; && | redirects or $): write one rule per command.`);
  }
  const out: PatternWord[] = [];
  for (const word of shellWords(part.bare)!) {
    if (word.stars.length === 0) out.push({ literal: word.raw });
    else if (word.raw === '*') out.push({ star: true });
    else if (word.stars.length === 1 && word.stars[0] === word.value.length - 1 && word.raw.endsWith('*')) {
      out.push({ literal: word.raw.slice(0, -1) }, { star: true });
    } else {
      throw new RuleSyntaxError(
        `"${source}": in a command rule * stands for whole words, so it goes alone or at the end of a word (Bash(npm test*), Bash(git add *)); quote a * that is part of the command.`,
      );
    }
  }
  return out;
}
