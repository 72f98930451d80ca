// Definitions turned into precompiled regexes once, so detection on every screen change only
// runs tests over a few dozen lines.
import { keyBytes } from '../../terminal/index.js';
import {
  type DetectorDefinition,
  type InlinePromptDefinition,
  type MenuPromptDefinition,
  PATTERN_FLAGS,
} from './definition.js';
import type { OptionRole, PromptKind } from './types.js';

export interface CompiledStep {
  readonly re: RegExp;
  readonly gap: number;
  readonly between?: RegExp;
}

export interface CompiledLayout {
  readonly steps: readonly CompiledStep[];
  readonly below: number;
}

export interface CompiledSignal {
  readonly re: RegExp;
  readonly within: number;
}

interface CompiledShared {
  readonly roles: readonly { readonly role: OptionRole; readonly re: RegExp }[];
  readonly kinds: readonly { readonly kind: PromptKind; readonly re: RegExp; readonly pick?: 'digit' | 'arrows' }[];
  readonly tools: readonly { readonly tool: string; readonly re: RegExp }[];
  readonly cancel?: string;
}

export interface CompiledMenu extends CompiledShared {
  readonly type: 'menu';
  readonly end?: RegExp;
  readonly below: number;
  readonly endWraps: number;
  readonly top: RegExp;
  readonly topIsTitle: boolean;
  readonly titleGap: number;
  /** `^(indent)marker\s+(option text)$` */
  readonly markerLine: RegExp;
  readonly question?: RegExp;
  readonly hint?: RegExp;
  readonly subject?: RegExp;
  readonly decoration?: RegExp;
  /** Global, for replace(). */
  readonly strip?: RegExp;
  readonly forbid: readonly RegExp[];
  readonly maxLines: number;
  readonly pick: 'digit' | 'arrows';
  readonly shortcut?: RegExp;
  readonly numbered: boolean;
  readonly when?: RegExp;
  readonly separator?: RegExp;
  readonly action?: RegExp;
  readonly check?: RegExp;
  readonly free?: RegExp;
  readonly fieldCursor: boolean;
  readonly lastRole?: OptionRole;
}

export interface CompiledInline extends CompiledShared {
  readonly type: 'inline';
  readonly line: RegExp;
  /** Global, for matchAll(). */
  readonly choice: RegExp;
  readonly submit: string;
  readonly detailLines: number;
}

export interface CompiledDetector {
  readonly id: string;
  readonly definition: DetectorDefinition;
  readonly programs: readonly RegExp[];
  readonly lines: number;
  readonly prompts: readonly (CompiledMenu | CompiledInline)[];
  readonly working: readonly CompiledSignal[];
  readonly busy: readonly CompiledLayout[];
  readonly idle: readonly CompiledLayout[];
}

/** The bytes of the arrow keys and Enter as a terminal without application cursor mode sends them. */
export const ARROW_UP = keyBytes('up');
export const ARROW_DOWN = keyBytes('down');
export const ENTER = keyBytes('enter');

const re = (source: string, extra = ''): RegExp => new RegExp(source, PATTERN_FLAGS + extra);

function compileShared(p: MenuPromptDefinition | InlinePromptDefinition): CompiledShared {
  return {
    roles: p.roles.map((r) => ({ role: r.role, re: re(r.label) })),
    kinds: p.kinds.map((k) => ({ kind: k.kind, re: re(k.text), ...(k.pick ? { pick: k.pick } : {}) })),
    tools: p.tools.map((t) => ({ tool: t.tool, re: re(t.title) })),
    ...(p.cancel !== undefined ? { cancel: p.cancel } : {}),
  };
}

function compileMenu(p: MenuPromptDefinition): CompiledMenu {
  return {
    type: 'menu',
    ...compileShared(p),
    ...(p.end !== undefined ? { end: re(p.end) } : {}),
    below: p.below,
    endWraps: p.endWraps,
    top: re(p.top),
    topIsTitle: p.topIsTitle,
    titleGap: p.titleGap,
    markerLine: re(`^(\\s*)(?:${p.marker})\\s+(\\S.*)$`),
    ...(p.question !== undefined ? { question: re(p.question) } : {}),
    ...(p.hint !== undefined ? { hint: re(p.hint) } : {}),
    ...(p.subject !== undefined ? { subject: re(p.subject) } : {}),
    ...(p.decoration !== undefined ? { decoration: re(p.decoration) } : {}),
    ...(p.strip !== undefined ? { strip: re(p.strip, 'g') } : {}),
    forbid: p.forbid.map((f) => re(f)),
    maxLines: p.maxLines,
    pick: p.pick,
    ...(p.shortcut !== undefined ? { shortcut: re(p.shortcut) } : {}),
    numbered: p.numbered,
    ...(p.when !== undefined ? { when: re(p.when) } : {}),
    ...(p.separator !== undefined ? { separator: re(p.separator) } : {}),
    ...(p.action !== undefined ? { action: re(p.action) } : {}),
    ...(p.check !== undefined ? { check: re(p.check) } : {}),
    ...(p.free !== undefined ? { free: re(p.free) } : {}),
    fieldCursor: p.fieldCursor,
    ...(p.lastRole !== undefined ? { lastRole: p.lastRole } : {}),
  };
}

function compileInline(p: InlinePromptDefinition): CompiledInline {
  return {
    type: 'inline',
    ...compileShared(p),
    line: re(p.line),
    choice: re(p.choice, 'g'),
    submit: p.submit,
    detailLines: p.detailLines,
  };
}

function layout(l: DetectorDefinition['idle'][number]): CompiledLayout {
  return { steps: l.lines.map((s) => ({ re: re(s.match), gap: s.gap, ...('between' in s && s.between !== undefined ? { between: re(s.between) } : {}) })), below: l.below };
}

export function compileDetector(definition: DetectorDefinition): CompiledDetector {
  return {
    id: definition.id,
    definition,
    programs: definition.programs.map((p) => re(p)),
    lines: definition.lines,
    prompts: definition.prompts.map((p) => (p.type === 'menu' ? compileMenu(p) : compileInline(p))),
    working: definition.working.map((w) => ({ re: re(w.match), within: w.within })),
    busy: definition.busy.map(layout),
    idle: definition.idle.map(layout),
  };
}

const cache = new WeakMap<DetectorDefinition, CompiledDetector>();

/** The compiled form of a definition, built once per definition object. */
export function compiled(definition: DetectorDefinition | CompiledDetector): CompiledDetector {
  if ('definition' in definition) return definition;
  let hit = cache.get(definition);
  if (!hit) {
    hit = compileDetector(definition);
    cache.set(definition, hit);
  }
  return hit;
}
