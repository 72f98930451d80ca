// What an agent asks, as text: a prompt, or a hook's account of the tool it wants to run.
import path from 'node:path';
import type { Activity } from './activity.js';
import type { DetectedPrompt } from './detect/index.js';

/** "Bash: npm test", from the hook's account or the screen's. */
export function requestSummary(activity: Activity): string {
  const tool = activity.request?.tool ?? activity.prompt?.tool ?? activity.prompt?.title ?? 'a prompt';
  const input = activity.request?.input;
  const subject = (typeof input?.command === 'string' && input.command) || (typeof input?.file_path === 'string' && input.file_path) || activity.prompt?.subject;
  return subject ? `${tool}: ${subject.split('\n')[0]}` : tool;
}

/** The command or file a hook said the tool wants, as the rules see it (paths relative to the agent). */
export function requestInput(activity: Activity, cwd: string): string | undefined {
  const input = activity.request?.input;
  if (!input) return undefined;
  if (typeof input.command === 'string') return input.command;
  const file = input.file_path ?? input.notebook_path ?? input.path;
  if (typeof file === 'string') return path.isAbsolute(file) ? path.relative(cwd, file) || '.' : file;
  if (typeof input.url === 'string') return input.url;
  return undefined;
}

/** "Bash: npm test", "AskUserQuestion: Which colour…?", "Accessing workspace: /path". */
export function describe(prompt: DetectedPrompt): string {
  const subject = prompt.kind === 'question' ? prompt.question || prompt.subject : prompt.subject;
  return [(prompt.tool ?? prompt.title).replace(/:\s*$/, ''), subject].filter(Boolean).join(': ');
}
