// Reads a one-line question with lettered choices on the last line ("Run shell command?
// (Y)es/(N)o/(D)on't ask again [Yes]:"), as aider and many scripts ask. Typed text after the
// question means the user is answering already: then it is not read as a prompt.
import type { CompiledInline } from './compile.js';
import { dedent, isBlank, lastNonBlank } from './lines.js';
import { buildPrompt, defaultKind, kindRuleOf, roleOf, toolOf } from './options.js';
import type { DetectedPrompt, PromptOption } from './types.js';

export function readInline(lines: readonly string[], start: number, end: number, p: CompiledInline): DetectedPrompt | undefined {
  const last = lastNonBlank(lines, start, end);
  if (last < 0) return undefined;
  const m = p.line.exec(lines[last]!);
  const question = m?.groups?.['question']?.trim();
  const choices = m?.groups?.['choices'];
  if (!question || !choices) return undefined;

  const labels: string[] = [];
  const keys: string[] = [];
  for (const c of choices.matchAll(p.choice)) {
    if (!c[1]) continue;
    labels.push(`${c[1]}${c[2] ?? ''}`.trim());
    keys.push(c[1].toLowerCase() + p.submit);
  }
  if (labels.length < 2) return undefined;

  const detailStart = Math.max(start, last - p.detailLines);
  let from = last;
  while (from > detailStart && !isBlank(lines[from - 1])) from--;
  const detail = dedent(lines.slice(from, last));

  const roles = labels.map((l) => roleOf(l, p));
  const options: PromptOption[] = labels.map((label, k) => ({
    number: k + 1,
    label,
    role: roles[k]!,
    keys: keys[k]!,
    pick: 'keys',
    selected: false,
  }));
  const kindRule = kindRuleOf([question, ...detail, ...labels], p);
  return buildPrompt({
    kind: kindRule?.kind ?? defaultKind(roles),
    title: question,
    tool: toolOf(question, p),
    detail,
    question,
    options,
    cancel: p.cancel,
  });
}
