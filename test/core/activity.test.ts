import { describe, expect, it } from 'vitest';
import { type Activity, HOOK_GRACE_MS, initialActivity, observe } from '../../src/core/agents/activity.js';
import type { Detection } from '../../src/core/agents/detect/index.js';
import type { SessionInfo } from '../../src/core/sessions/host.js';

const screen = (state: Detection['state'], prompt?: Detection['prompt']) => ({ kind: 'screen', detection: { state, prompt, detector: 'claude' } }) as const;
const hook = (event: string, payload: Record<string, unknown> = {}) => ({ kind: 'hook', event, payload }) as const;
const session = (status: SessionInfo['status']) =>
  ({ kind: 'session', info: { id: 'a', spec: { name: 'a', command: 'x', args: [], cwd: '/' }, status, startedAt: 0 } }) as const;
const prompt = { kind: 'tool', title: 'Bash command', tool: 'Bash', subject: 'ls', input: 'ls', detail: ['ls'], question: 'Do you want to proceed?', options: [] } as const;

function run(...steps: [number, Parameters<typeof observe>[1]][]): Activity {
  return steps.reduce((a, [t, o]) => observe(a, o, t), initialActivity(0));
}

describe('activity', () => {
  it('follows the screen for programs without hooks, and says unknown rather than guessing', () => {
    expect(run([10, screen('working')]).state).toBe('working');
    expect(run([10, screen('working')], [20, screen('idle')])).toMatchObject({ state: 'idle', since: 20, finishedTurn: true });
    expect(run([10, screen('idle')], [20, screen('unknown')]).state).toBe('unknown');
  });

  it('says waiting only once the input box is drawn: SessionStart comes before it', () => {
    expect(run([10, hook('SessionStart', { source: 'startup' })]).state).toBe('starting');
    expect(run([10, hook('SessionStart')], [20, screen('idle')]).state).toBe('idle');
  });

  it("takes no prompt from Claude's late Notification: the prompt it speaks of came with its PermissionRequest", () => {
    const answered = run([0, hook('PermissionRequest', { tool_name: 'Bash' })], [100, screen('permission', prompt)], [5000, screen('idle')]);
    expect(answered.state).toBe('idle');
    expect(observe(answered, hook('Notification', { notification_type: 'permission_prompt' }), 6000).state).toBe('idle');
    expect(observe(answered, hook('Notification', { notification_type: 'idle_prompt' }), 65_000).state).toBe('idle');
  });

  it('keeps a prompt read on the screen when a slow PreToolUse hook comes in behind it', () => {
    const shown = run([0, screen('working')], [100, screen('permission', prompt)]);
    expect(observe(shown, hook('PreToolUse', { tool_name: 'Bash' }), 900)).toMatchObject({ state: 'permission', prompt });
    // Answered in the agent: the screen says so, whatever the hooks said before.
    expect(observe(observe(shown, hook('PreToolUse'), 900), screen('working'), 1000 + HOOK_GRACE_MS).state).toBe('working');
  });

  it('is the same object while nothing changes, so an unchanged agent is not redrawn', () => {
    // Each parse of a streaming agent's output is an observation: an equal copy would be a change of state.
    for (const state of ['unknown', 'working', 'idle'] as const) {
      const seen = run([10, screen(state)]);
      expect(observe(seen, screen(state), 20)).toBe(seen);
    }
    const idle = run([10, screen('working')], [20, screen('idle')]);
    expect(observe(idle, screen('working'), 30)).not.toBe(idle);
  });

  it('keeps when a state began while it lasts', () => {
    expect(run([10, screen('working')], [50, screen('working')]).since).toBe(10);
  });

  it('takes hook events at once and lets the screen catch up', () => {
    const a = run([0, screen('idle')], [100, hook('UserPromptSubmit')]);
    expect(a.state).toBe('working');
    // The screen still shows the idle box for a frame: the hook stands.
    expect(observe(a, screen('idle'), 150).state).toBe('working');
    // Long after, a screen that disagrees wins (e.g. an Esc interrupt fires no hook).
    expect(observe(a, screen('idle'), 100 + HOOK_GRACE_MS + 1).state).toBe('idle');
  });

  it('takes a PermissionRequest before the prompt is drawn, then the drawn prompt', () => {
    const a = run([0, hook('PreToolUse', { tool_name: 'Bash' })], [50, hook('PermissionRequest', { tool_name: 'Bash', tool_input: { command: 'ls' } })]);
    expect(a).toMatchObject({ state: 'permission', request: { tool: 'Bash', input: { command: 'ls' } } });
    expect(a.prompt).toBeUndefined();
    const drawn = observe(a, screen('permission', prompt), 120);
    expect(drawn).toMatchObject({ state: 'permission', since: 50, prompt, request: { tool: 'Bash' } });
    // Answered in the agent: it works again and the prompt is gone.
    const answered = observe(drawn, screen('working'), 2000);
    expect(answered.state).toBe('working');
    expect(answered.prompt).toBeUndefined();
  });

  it('drops a hook request that does not belong to the prompt on screen', () => {
    const write = { ...prompt, title: 'Create file', tool: 'Write', subject: 'a.py', input: 'a.py' };
    // A request for another tool than the one the screen asks about is not this prompt's.
    const other = run([0, hook('PermissionRequest', { tool_name: 'Bash', tool_input: { command: 'rm -rf x' } })], [50, screen('permission', write)]);
    expect(other.request).toBeUndefined();
    // A request from before the shown prompt replaced another one is stale.
    const first = run([0, hook('PermissionRequest', { tool_name: 'Bash', tool_input: { command: 'ls' } })], [50, screen('permission', prompt)]);
    expect(first.request).toMatchObject({ tool: 'Bash' });
    const replaced = observe(first, screen('permission', { ...prompt, subject: 'rm -rf x', input: 'rm -rf x', detail: ['rm -rf x'] }), 900);
    expect(replaced.request).toBeUndefined();
    expect(replaced.promptAt).toBe(900);
  });

  it('lets a prompt the screen showed go once it shows it no more, though the screen cannot say what is there instead', () => {
    const shown = run([0, hook('PermissionRequest', { tool_name: 'Bash', tool_input: { command: 'ls' } })], [50, screen('permission', prompt)]);
    // Denied in a layout the detector cannot read (Gemini in a narrow panel): no prompt is waiting.
    const gone = observe(shown, screen('unknown'), 50 + HOOK_GRACE_MS + 1);
    expect(gone.state).toBe('unknown');
    expect(gone.prompt).toBeUndefined();
    // A request the screen never showed (its prompt not read) still stands on the hook's word.
    const unseen = run([0, hook('PermissionRequest', { tool_name: 'Bash', tool_input: { command: 'ls' } })]);
    expect(observe(unseen, screen('unknown'), HOOK_GRACE_MS + 1).state).toBe('permission');
  });

  it('never lets a hook hide a prompt that is on screen', () => {
    const a = run([0, screen('permission', prompt)], [10, hook('PostToolUse')]);
    expect(observe(a, screen('permission', prompt), 20).state).toBe('permission');
  });

  it('reports exits, and starts over on restart', () => {
    const a = run([0, screen('working')], [10, session('exited')]);
    expect(a.state).toBe('exited');
    expect(observe(a, screen('idle'), 20).state).toBe('exited');
    expect(observe(a, session('running'), 30).state).toBe('starting');
  });
});
