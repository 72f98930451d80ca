// The inbox as the UI shows it: each waiting agent's prompt, from its screen or its hook report.
import type { InboxItem } from '../components/InboxView.js';
import type { AgentView } from './core/store.js';

function hookSubject(input: Readonly<Record<string, unknown>> | undefined): string {
  if (!input) return '';
  for (const key of ['command', 'file_path', 'notebook_path', 'path', 'url', 'pattern', 'query']) {
    if (typeof input[key] === 'string') return input[key];
  }
  return '';
}

export function inboxItem(agent: AgentView): InboxItem {
  const { prompt, request, since } = agent.activity;
  const subject = prompt?.subject || hookSubject(request?.input);
  return {
    agentId: agent.id,
    agent: agent.info.spec.name,
    tool: request?.tool || prompt?.tool || prompt?.title || 'prompt',
    subject,
    detail: prompt?.detail.length ? prompt.detail : subject ? [subject] : [],
    question: prompt?.question ?? '',
    options: prompt?.options.map((o) => `${o.number}. ${o.label}`) ?? [],
    cwd: agent.info.spec.cwd,
    since,
    onScreen: Boolean(prompt),
  };
}
