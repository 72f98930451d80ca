// How the inbox names a prompt: from the screen, or from the hook where the screen falls short.
import { describe, expect, it } from 'vitest';
import type { DetectedPrompt } from '../../src/core/agents/detect/index.js';
import { initialActivity } from '../../src/core/agents/activity.js';
import type { AgentView } from '../../src/core/state/index.js';
import { inboxItem } from '../../src/inbox-items.js';

function agent(prompt: Partial<DetectedPrompt>, input?: Record<string, unknown>): AgentView {
  const shown: DetectedPrompt = { kind: 'tool', title: 'Bash command', subject: '', input: '', detail: [], question: '', options: [], ...prompt };
  const activity = { ...initialActivity(0), state: 'permission' as const, prompt: shown, ...(input ? { request: { tool: shown.tool ?? 'Bash', input, at: 0 } } : {}) };
  return { id: 'a', info: { id: 'a', spec: { name: 'coder', command: 'claude', args: [], cwd: '/w' }, status: 'running', startedAt: 0 }, activity } as AgentView;
}

describe('the inbox names a prompt', () => {
  it("by the hook's command (the screen may shorten it), a file as the screen names it", () => {
    expect(inboxItem(agent({ tool: 'Bash', subject: '... 23 hidden ...' }, { command: 'echo a long command' })).subject).toBe('echo a long command');
    expect(inboxItem(agent({ tool: 'Write', subject: 'hello.py' }, { file_path: '/w/hello.py' })).subject).toBe('hello.py');
  });

  it('by what the screen wraps in the tool\'s name, and by the hook where the screen shows a box border', () => {
    expect(inboxItem(agent({ tool: 'Read', subject: 'Read(/etc/hosts)' })).subject).toBe('/etc/hosts');
    expect(inboxItem(agent({ tool: 'NotebookEdit', subject: '╭──────────╮' }, { notebook_path: '/w/nb.ipynb' })).subject).toBe('/w/nb.ipynb');
  });
});
