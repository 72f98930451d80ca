// The inbox as the UI shows it: each waiting agent's prompt, from its screen or its hook report.
import type { InboxItem } from '../components/InboxView.js';
import type { DetectedPrompt } from './core/agents/detect/index.js';
import type { AgentView } from './core/state/index.js';
import type { HookRequest } from './core/agents/index.js';
import { type CommandId, isCommandId } from './keymap.js';

function hookSubject(input: Readonly<Record<string, unknown>> | undefined): string {
  if (!input) return '';
  for (const key of ['command', 'file_path', 'notebook_path', 'path', 'url', 'pattern', 'query']) {
    if (typeof input[key] === 'string') return input[key];
  }
  return '';
}

/** A title as a label: "Accessing workspace:" reads "Accessing workspace" before ": /path". */
function untitled(title: string | undefined): string {
  return (title ?? '').replace(/:\s*$/, '');
}

/** A subject the screen names by its tool as well ("Read(/etc/hosts)" under "Read file"): the inside. */
function unwrapped(subject: string, tool: string | undefined): string {
  return tool && subject.startsWith(`${tool}(`) && subject.endsWith(')') ? subject.slice(tool.length + 1, -1) : subject;
}

export function inboxItem(agent: AgentView): InboxItem {
  const { prompt, request, since } = agent.activity;
  // A command as the hook reports it: the screen may shorten a long one ("... 23 hidden (Ctrl+O) ...").
  // A file as the screen names it (relative to the agent's directory), else as the hook does.
  const command = request?.input?.['command'];
  const onScreen = unwrapped(prompt?.subject ?? '', prompt?.tool);
  // A screen subject with no word in it is a box's border (NotebookEdit draws its path in a box).
  const subject = (typeof command === 'string' && command) || (/\w/.test(onScreen) ? onScreen : '') || hookSubject(request?.input);
  return {
    agentId: agent.id,
    agent: agent.info.spec.name,
    tool: prompt?.kind === 'question' ? 'Question' : prompt?.kind === 'trust' ? 'Trust this folder?' : request?.tool || prompt?.tool || untitled(prompt?.title) || 'prompt',
    subject: prompt?.kind === 'question' ? prompt.question || prompt.subject || untitled(prompt.title) : subject,
    detail: prompt?.detail.length ? prompt.detail : subject ? [subject] : [],
    question: prompt?.question ?? '',
    options: prompt?.options.map((o) => (o.action ? o.label : `${o.number}. ${o.label}`)) ?? [],
    cwd: agent.info.spec.cwd,
    since,
    onScreen: Boolean(prompt),
  };
}

/**
 * The answer keys a prompt offers, by command id: its own options by number (named by role, or by
 * a short label), then y to send a multi-select, then m. Without a prompt on screen yet (a hook
 * announced it), the usual three.
 */
export function answerHints(prompt: DetectedPrompt | undefined, request?: HookRequest): [CommandId, string][] {
  // A question announced by its hook but not read on the screen yet: its options are not known.
  if (!prompt) return request?.question ? [] : [['inbox.yes', 'yes'], ['inbox.no', 'no'], ['inbox.message', 'no + message']];
  const hints: [CommandId, string][] = prompt.options.flatMap((o): [CommandId, string][] => {
    const id = `inbox.option.${o.number}`;
    if (o.action || !isCommandId(id)) return [];
    return [[id, `${o.checked ? '☒ ' : o.checked === false ? '☐ ' : ''}${shortLabel(o.role, o.head ?? o.label)}`]];
  });
  if (prompt.multiSelect && prompt.options.some((o) => o.action)) hints.push(['inbox.yes', 'submit']);
  // Its "no" row out of view: n sends its cancel key (see choose()).
  if (prompt.kind === 'tool' && prompt.cancelKeys && !prompt.options.some((o) => o.role === 'no')) hints.push(['inbox.no', 'no (Esc)']);
  // Declining trust ends Claude: there is no input left to send a message to.
  if (prompt.kind === 'tool') hints.push(['inbox.message', 'no + message']);
  else if (prompt.options.some((o) => o.free)) hints.push(['inbox.message', 'type an answer']);
  return hints;
}

function shortLabel(role: string, label: string): string {
  if (role === 'yes' || role === 'always' || role === 'no') return role;
  return label.length > 18 ? `${label.slice(0, 17)}…` : label;
}
