// Roles, kinds, tool names and keys of a prompt's options, shared by every prompt shape.
import type { CompiledInline, CompiledMenu } from './compile.js';
import type { DetectedPrompt, OptionRole, PromptKind, PromptOption } from './types.js';

export function roleOf(label: string, p: CompiledMenu | CompiledInline): OptionRole {
  for (const r of p.roles) if (r.re.test(label)) return r.role;
  return 'other';
}

export function toolOf(title: string, p: CompiledMenu | CompiledInline): string | undefined {
  for (const t of p.tools) if (t.re.test(title)) return t.tool;
  return undefined;
}

/** The kind rule that matches any line of the prompt, if one does. */
export function kindRuleOf(texts: readonly string[], p: CompiledMenu | CompiledInline): CompiledMenu['kinds'][number] | undefined {
  for (const k of p.kinds) if (texts.some((t) => k.re.test(t))) return k;
  return undefined;
}

export function defaultKind(roles: readonly OptionRole[]): PromptKind {
  return roles.includes('yes') ? 'tool' : 'question';
}

/** The first paragraph of the detail: what auto-approve rules see. */
export function firstParagraph(detail: readonly string[]): string {
  const out: string[] = [];
  for (const line of detail) {
    if (line === '') {
      if (out.length > 0) break;
      continue;
    }
    out.push(line.trim());
  }
  return out.join('\n');
}

export function buildPrompt(parts: {
  kind: PromptKind;
  title: string;
  /** What is asked about, when the definition names it; else the detail's first paragraph. */
  about?: { subject: string; input: string } | undefined;
  tool: string | undefined;
  detail: string[];
  question: string;
  options: PromptOption[];
  cancel: string | undefined;
  multiSelect?: boolean;
  fieldRow?: number;
}): DetectedPrompt {
  const input = parts.about?.input ?? firstParagraph(parts.detail);
  const detail = parts.detail.filter((l) => l !== '');
  return {
    kind: parts.kind,
    title: parts.title,
    ...(parts.tool !== undefined ? { tool: parts.tool } : {}),
    subject: parts.about?.subject ?? input.split('\n', 1)[0] ?? '',
    input,
    detail,
    question: parts.question,
    options: parts.options,
    ...(parts.multiSelect ? { multiSelect: true } : {}),
    ...(parts.cancel !== undefined ? { cancelKeys: parts.cancel } : {}),
    ...(parts.fieldRow !== undefined ? { fieldRow: parts.fieldRow } : {}),
  };
}
