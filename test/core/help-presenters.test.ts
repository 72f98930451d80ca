import { describe, expect, it } from 'vitest';
import { disabledReason } from '../../src/core/commands/index.js';
import { initialState, reduce } from '../../src/core/state/index.js';
import { addHint, dialogKeys, footerHints, helpKeys, helpSections, restartHint } from '../../src/help.js';
import { buildKeymap } from '../../src/keymap.js';

describe('presenters', () => {
  const keymap = buildKeymap();
  let state = reduce(initialState({ cols: 120, rows: 40 }), { type: 'agent/info', info: { id: 'a', spec: { name: 'a', command: 'x', args: [], cwd: '/' }, status: 'running', startedAt: 0 } });
  state = reduce(state, { type: 'mode', mode: 'squad' });

  it('marks footer hints of commands that cannot act now, with the reason', () => {
    const hints = footerHints(keymap, 'squad', (id) => disabledReason(id, state));
    expect(hints.find((h) => h.label === 'changes')).toMatchObject({ keys: 'd', disabled: 'no worktree' });
    expect(hints.find((h) => h.label === 'add')?.disabled).toBeUndefined();
    // Without a state (the README, --help) nothing is marked.
    expect(footerHints(keymap, 'squad').some((h) => h.disabled)).toBe(false);
  });

  it('says a done task cannot be taken back because it is done, not because nobody has it', () => {
    const task = (status: 'completed' | 'in_progress', owner: string | null) => ({ id: 1, title: 'Plan', description: '', status, owner, deps: [], notes: [] });
    const withTask = (t: ReturnType<typeof task>) => reduce(state, { type: 'tasks/board', board: { version: 1, nextId: 2, tasks: [t] } });
    expect(disabledReason('tasks.unassign', withTask(task('completed', 'planner')))).toBe('it is done');
    expect(disabledReason('tasks.unassign', withTask(task('in_progress', null)))).toBe('nobody has it');
    expect(disabledReason('tasks.unassign', withTask(task('in_progress', 'planner')))).toBeUndefined();
  });

  it('offers detach in the footer only to a window whose squad runs in a host', () => {
    expect(footerHints(keymap, 'squad').find((h) => h.label === 'detach')).toMatchObject({ keys: 'D' });
    expect(footerHints(keymap, 'squad', undefined, (id) => id !== 'detach').map((h) => h.label)).not.toContain('detach');
  });

  it('says in the key list why a command is unavailable now', () => {
    const squad = helpSections(keymap, (id) => disabledReason(id, state)).find((s) => s.title.startsWith('In the squad menu'))!;
    expect(squad.lines.find((l) => l.description.startsWith('Restart the selected agent'))).toMatchObject({ keys: 'r', disabled: 'only once it has exited' });
    expect(squad.lines.find((l) => l.description.startsWith('Merge the agent'))?.disabled).toBe('no worktree');
    expect(helpSections(keymap).flatMap((s) => s.lines).some((l) => l.disabled)).toBe(false);
  });

  it('says what a key does in the view it is listed for: the board key closes the board on the board', () => {
    const sections = helpSections(keymap);
    const board = sections.find((s) => s.title.includes('task board'))!;
    expect(board.lines.find((l) => l.keys === 't/Ctrl+t/Esc/q')?.description).toBe('Close the task board');
    const squad = sections.find((s) => s.title.startsWith('In the squad menu'))!;
    expect(squad.lines.find((l) => l.keys === 't/Ctrl+t')?.description).toMatch(/^The task board: /);
    // Keys of only a later view of a section say which: picking a task, a question.
    expect(board.lines.find((l) => l.description === 'Back to the board')?.keys).toBe('Esc/q (picking)');
    expect(board.lines.find((l) => l.description.startsWith('Add a task'))?.keys).toBe('a');
    const dialogs = sections.find((s) => s.title === 'In dialogs')!;
    expect(dialogs.lines.find((l) => l.description.startsWith('Detach'))?.keys).toBe('d (question)');
  });

  it('names keys from the keymap, remapped ones too', () => {
    const remapped = buildKeymap({ 'agent.restart': ['R'], 'dialog.submit': { add: ['ctrl+s'] }, 'view.close': { help: ['q'] } });
    expect(restartHint(keymap, 'agent')).toBe('Ctrl+] r');
    expect(restartHint(remapped, 'squad')).toBe('R');
    expect(addHint(keymap, 'agent')).toBe('Ctrl+] then a');
    expect(dialogKeys(remapped, 'add', 'start')).toBe('Tab next field · Ctrl+s start · Esc cancel');
    expect(helpKeys(remapped).close).toBe('q closes');
  });
});
