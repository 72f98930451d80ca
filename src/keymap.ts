// Every command squadtui has, with its default keys per mode. The footer hints, the help overlay,
// the README's key table and the input router all read this one table.
// keys.js itself, not the terminal's index: that brings the emulator (xterm), which the window's
// `squadtui` would then load just to read its options.
import { normalizeKeySpec } from './core/terminal/keys.js';
import type { Mode } from './core/state/index.js';

export type Category = 'Agents' | 'Inbox' | 'Worktree' | 'Tasks' | 'View' | 'Squad' | 'Dialog';

export interface CommandDef<Id extends string = string> {
  readonly id: Id;
  readonly description: string;
  /** What it does in these modes, where that differs (a key that opens a view closes it there). */
  readonly describedIn?: Partial<Record<Mode, string>>;
  readonly category: Category;
  /** Default keys for each mode where the command is available. */
  readonly keys: Partial<Record<Mode, readonly string[]>>;
  /** Shown in the footer of these modes, with this short label (or one per mode). */
  readonly footer?: readonly Mode[];
  readonly hint?: string | Partial<Record<Mode, string>>;
  /** Commands sharing a group are listed as one line in help (e.g. jump to agent 1..9). */
  readonly group?: string;
}

/** Keys that agents need and squadtui must never take while the user types into an agent. */
export const AGENT_RESERVED_KEYS: readonly string[] = [
  'escape', 'ctrl+c', 'ctrl+d', 'shift+tab', 'tab', 'ctrl+r', 'ctrl+t', 'ctrl+o', 'ctrl+b', 'ctrl+e',
  'ctrl+g', 'ctrl+l', 'ctrl+a', 'enter', 'backspace', 'up', 'down', 'left', 'right', 'ctrl+j',
];

type Digit = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
const DIGITS: readonly Digit[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
export type JumpId = `agent.jump.${Digit}`;
export type OptionId = `inbox.option.${Digit}`;

const jumpCommands = DIGITS.map((n): CommandDef<JumpId> => ({
  id: `agent.jump.${n}`,
  description: 'Jump to agent N',
  category: 'Agents' as const,
  group: 'agent.jump',
  keys: { agent: [`alt+${n}`], squad: [`alt+${n}`] },
}));

/** A digit answers option N of the waiting prompt, exactly as the same digit in the agent would. */
const optionCommands = DIGITS.map((n): CommandDef<OptionId> => ({
  id: `inbox.option.${n}`,
  description: 'Pick option N of the waiting prompt, as N in the agent would',
  category: 'Inbox' as const,
  group: 'inbox.option',
  keys: { squad: [`${n}`], inbox: [`${n}`] },
}));

const DEFINITIONS = [
  {
    id: 'agent.prev',
    description: 'Select the previous agent',
    category: 'Agents',
    keys: { agent: ['shift+up', 'alt+up'], squad: ['shift+up', 'alt+up', 'up', 'k'] },
    footer: ['agent', 'squad'],
    hint: 'previous',
  },
  {
    id: 'agent.next',
    description: 'Select the next agent',
    category: 'Agents',
    keys: { agent: ['shift+down', 'alt+down'], squad: ['shift+down', 'alt+down', 'down', 'j'] },
    footer: ['agent', 'squad'],
    hint: 'next',
  },
  ...jumpCommands,
  {
    id: 'mode.squad',
    description: 'Leave the agent: squad menu (keys below act on squadtui)',
    category: 'Squad',
    keys: { agent: ['ctrl+]'] },
    footer: ['agent'],
    hint: 'menu',
  },
  {
    id: 'mode.agent',
    description: 'Type into the selected agent',
    category: 'Squad',
    keys: { squad: ['enter', 'escape'] },
    footer: ['squad'],
    hint: 'type',
  },
  { id: 'agent.add', description: 'Add an agent', category: 'Agents', keys: { squad: ['a'] }, footer: ['squad'], hint: 'add' },
  {
    id: 'agent.close',
    description: 'Close the selected agent (asks if it still runs)',
    category: 'Agents',
    keys: { squad: ['x'] },
    footer: ['squad'],
    hint: 'close',
  },
  {
    id: 'agent.restart',
    description: 'Restart the selected agent once it has exited (resumes a paused one)',
    category: 'Agents',
    keys: { squad: ['r'] },
  },
  {
    id: 'agent.diff',
    description: "The agent's changes against its base: files, then a file's diff",
    category: 'Worktree',
    keys: { squad: ['d'] },
    footer: ['squad'],
    hint: 'changes',
  },
  { id: 'agent.commit', description: "Commit everything in the agent's worktree", category: 'Worktree', keys: { squad: ['c'] } },
  {
    id: 'agent.merge',
    description: "Merge the agent's branch into its base (fast-forward if possible)",
    category: 'Worktree',
    keys: { squad: ['M'] },
  },
  {
    id: 'agent.pause',
    description: 'Pause: stop it, commit its work (WIP), remove the worktree, keep the branch',
    category: 'Worktree',
    keys: { squad: ['p'] },
  },
  { id: 'agent.editor', description: "Open the agent's worktree (or the file) in $EDITOR", category: 'Worktree', keys: { squad: ['e'], diff: ['e'] } },
  { id: 'diff.down', description: 'Next file / scroll down', category: 'Worktree', keys: { diff: ['down', 'j'] } },
  { id: 'diff.up', description: 'Previous file / scroll up', category: 'Worktree', keys: { diff: ['up', 'k'] } },
  { id: 'diff.open', description: "Show the file's diff", category: 'Worktree', keys: { diff: ['enter', 'right', 'l'] }, footer: ['diff'], hint: 'diff' },
  { id: 'diff.back', description: 'Back to the files, or close', category: 'Worktree', keys: { diff: ['left', 'h', 'escape', 'backspace'] }, footer: ['diff'], hint: 'back' },
  { id: 'diff.pageDown', description: 'Scroll the diff a page down', category: 'Worktree', keys: { diff: ['pagedown', 'space'] } },
  { id: 'diff.pageUp', description: 'Scroll the diff a page up', category: 'Worktree', keys: { diff: ['pageup', 'b'] } },
  { id: 'diff.top', description: 'First file / top of the diff', category: 'Worktree', keys: { diff: ['home', 'g'] } },
  { id: 'diff.bottom', description: 'Last file / end of the diff', category: 'Worktree', keys: { diff: ['end', 'shift+g'] } },
  { id: 'diff.close', description: 'Close the changes view', category: 'Worktree', keys: { diff: ['q', 'd'] }, footer: ['diff'], hint: 'close' },
  {
    id: 'scroll.pageUp',
    description: 'Scroll the agent back one page',
    category: 'View',
    keys: { agent: ['shift+pageup', 'alt+pageup'], squad: ['pageup', 'shift+pageup', 'b'] },
  },
  {
    id: 'scroll.pageDown',
    description: 'Scroll the agent forward one page',
    category: 'View',
    keys: { agent: ['shift+pagedown', 'alt+pagedown'], squad: ['pagedown', 'shift+pagedown', 'f'] },
  },
  { id: 'scroll.top', description: 'Scroll to the oldest line', category: 'View', keys: { squad: ['home', 'g'] } },
  {
    id: 'scroll.bottom',
    description: 'Back to the live screen (typing does this too)',
    category: 'View',
    keys: { squad: ['end', 'G'] },
  },
  {
    id: 'inbox.yes',
    description: 'Approve the waiting prompt ("Yes"); send a multi-select question (its Submit row)',
    category: 'Inbox',
    keys: { squad: ['y'], inbox: ['y'] },
  },
  ...optionCommands,
  { id: 'inbox.no', description: 'Deny the waiting prompt ("No")', category: 'Inbox', keys: { squad: ['n'], inbox: ['n'] } },
  {
    id: 'inbox.message',
    description: 'Deny, and tell the agent what to do instead; a question: type your own answer',
    category: 'Inbox',
    keys: { squad: ['m'], inbox: ['m'] },
  },
  { id: 'inbox.jump', description: 'Go to the agent whose prompt waits', category: 'Inbox', keys: { squad: ['w'], inbox: ['enter', 'w'] } },
  {
    id: 'inbox.open',
    description: 'Every waiting prompt, oldest first',
    category: 'Inbox',
    keys: { squad: ['i'] },
    footer: ['squad'],
    hint: 'inbox',
  },
  { id: 'inbox.next', description: 'Next waiting prompt', category: 'Inbox', keys: { inbox: ['down', 'j'] } },
  { id: 'inbox.prev', description: 'Previous waiting prompt', category: 'Inbox', keys: { inbox: ['up', 'k'] } },
  {
    id: 'log.open',
    description: 'Activity log: every answer, automatic approval and dropped prompt',
    category: 'Squad',
    keys: { squad: ['L'] },
  },
  {
    id: 'tasks.open',
    description: 'The task board: tasks, their dependencies, who works on what',
    describedIn: { tasks: 'Close the task board' },
    category: 'Tasks',
    // Ctrl+T wherever squadtui reads the keys; while typing into an agent it stays the agent's.
    keys: { squad: ['t', 'ctrl+t'], help: ['ctrl+t'], inbox: ['ctrl+t'], log: ['ctrl+t'], diff: ['ctrl+t'], tasks: ['t', 'ctrl+t', 'escape', 'q'] },
    footer: ['squad', 'tasks'],
    hint: { squad: 'tasks', tasks: 'close' },
  },
  { id: 'tasks.down', description: 'Next task / next choice', category: 'Tasks', keys: { tasks: ['down', 'j'], 'task-pick': ['down', 'j'] } },
  { id: 'tasks.up', description: 'Previous task / previous choice', category: 'Tasks', keys: { tasks: ['up', 'k'], 'task-pick': ['up', 'k'] } },
  { id: 'tasks.pageDown', description: 'A page of tasks down', category: 'Tasks', keys: { tasks: ['pagedown', 'space'] } },
  { id: 'tasks.pageUp', description: 'A page of tasks up', category: 'Tasks', keys: { tasks: ['pageup', 'b'] } },
  { id: 'tasks.add', description: 'Add a task (title and description)', category: 'Tasks', keys: { tasks: ['a'] }, footer: ['tasks'], hint: 'add' },
  { id: 'tasks.edit', description: "Edit the task's title and description", category: 'Tasks', keys: { tasks: ['e', 'enter'] }, footer: ['tasks'], hint: 'edit' },
  { id: 'tasks.delete', description: 'Delete the task (asks first, and says which dependencies go)', category: 'Tasks', keys: { tasks: ['x', 'delete'] } },
  { id: 'tasks.depend', description: 'Make the task depend on another: pick it', category: 'Tasks', keys: { tasks: ['d'] }, footer: ['tasks'], hint: 'depends on' },
  { id: 'tasks.undepend', description: 'Remove one of its dependencies: pick it', category: 'Tasks', keys: { tasks: ['u'] } },
  {
    id: 'tasks.assign',
    description: 'Assign the task to an agent: its prompt is typed into the agent once it is idle',
    category: 'Tasks',
    keys: { tasks: ['s'] },
    footer: ['tasks'],
    hint: 'assign',
  },
  { id: 'tasks.unassign', description: 'Take the task back from its agent (pending, no owner)', category: 'Tasks', keys: { tasks: ['S'] } },
  { id: 'tasks.done', description: 'Mark the task done: its dependents unblock', category: 'Tasks', keys: { tasks: ['c'] }, footer: ['tasks'], hint: 'done' },
  { id: 'tasks.reopen', description: 'Reopen the task: its dependents block again', category: 'Tasks', keys: { tasks: ['o'] } },
  {
    id: 'tasks.auto',
    description: 'Auto-dispatch on/off: ready tasks go to idle agents without a task, lowest id first',
    category: 'Tasks',
    keys: { tasks: ['A'] },
    footer: ['tasks'],
    hint: 'auto',
  },
  { id: 'tasks.pick', description: 'Take the choice', category: 'Tasks', keys: { 'task-pick': ['enter'] }, footer: ['task-pick'], hint: 'choose' },
  { id: 'tasks.cancel', description: 'Back to the board', category: 'Tasks', keys: { 'task-pick': ['escape', 'q'] }, footer: ['task-pick'], hint: 'cancel' },
  { id: 'help.down', description: 'Scroll the key list down', category: 'View', keys: { help: ['down', 'j'] }, footer: ['help'], hint: 'scroll' },
  { id: 'help.up', description: 'Scroll the key list up', category: 'View', keys: { help: ['up', 'k'] } },
  { id: 'help.pageDown', description: 'Scroll the key list a page down', category: 'View', keys: { help: ['pagedown', 'space'] } },
  { id: 'help.pageUp', description: 'Scroll the key list a page up', category: 'View', keys: { help: ['pageup'] } },
  { id: 'help', description: 'Show every key', category: 'Squad', keys: { squad: ['?'] }, footer: ['squad'], hint: 'help' },
  {
    id: 'view.close',
    description: 'Close this view',
    category: 'View',
    keys: { help: ['escape', 'q', '?'], inbox: ['escape', 'q', 'i'], log: ['escape', 'q', 'L'] },
    footer: ['help', 'inbox', 'log'],
    hint: 'close',
  },
  { id: 'quit', description: 'Quit squadtui (asks if agents still run: detach or stop them)', category: 'Squad', keys: { squad: ['q'] }, footer: ['squad'], hint: 'quit' },
  {
    id: 'detach',
    description: 'Detach: close this window, the agents keep running in the background (squadtui attach brings them back)',
    category: 'Squad',
    keys: { squad: ['D'], confirm: ['d'] },
    footer: ['squad'],
    hint: 'detach',
  },
  {
    id: 'dialog.next',
    description: 'Next field',
    category: 'Dialog',
    keys: { add: ['tab', 'down'], task: ['tab', 'down'] },
    footer: ['add', 'task'],
    hint: 'next field',
  },
  {
    id: 'dialog.worktree',
    description: 'Own worktree and branch for the new agent: on/off',
    category: 'Dialog',
    keys: { add: ['ctrl+t'] },
  },
  { id: 'dialog.clear', description: 'Clear the field', category: 'Dialog', keys: { add: ['ctrl+u'], message: ['ctrl+u'], commit: ['ctrl+u'], task: ['ctrl+u'] } },
  { id: 'dialog.alt', description: 'The second answer a question offers (e.g. merge and push)', category: 'Dialog', keys: { confirm: ['p'] } },
  { id: 'dialog.prev', description: 'Previous field', category: 'Dialog', keys: { add: ['shift+tab', 'up'], task: ['shift+tab', 'up'] } },
  { id: 'dialog.submit', description: 'Confirm', category: 'Dialog', keys: { add: ['enter'], confirm: ['y'], message: ['enter'], commit: ['enter'], task: ['enter'] }, footer: ['add', 'confirm', 'message', 'commit', 'task'], hint: { add: 'start', commit: 'commit', message: 'send', task: 'confirm', confirm: 'confirm' } },
  { id: 'dialog.cancel', description: 'Cancel', category: 'Dialog', keys: { add: ['escape'], confirm: ['n', 'escape', 'enter'], message: ['escape'], commit: ['escape'], task: ['escape'] }, footer: ['add', 'confirm', 'message', 'commit', 'task'], hint: 'cancel' },
] as const satisfies readonly CommandDef[];

/** Every command's id: a misspelled id does not compile. */
export type CommandId = (typeof DEFINITIONS)[number]['id'];

export const COMMANDS: readonly CommandDef<CommandId>[] = DEFINITIONS;

const KNOWN: ReadonlySet<string> = new Set(COMMANDS.map((c) => c.id));

/** Whether a string (from the user's settings, say) names a command. */
export function isCommandId(id: string): id is CommandId {
  return KNOWN.has(id);
}

export type KeyOverrides = Record<string, readonly string[] | Partial<Record<Mode, readonly string[]>>>;

/** mode -> canonical key name -> command id */
export type Bindings = ReadonlyMap<Mode, ReadonlyMap<string, CommandId>>;

export interface Keymap {
  readonly commands: readonly CommandDef<CommandId>[];
  readonly bindings: Bindings;
  /** Keys of a command in a mode, canonical names, in declaration order. */
  keysFor(id: CommandId, mode: Mode): readonly string[];
}

export class KeymapError extends Error {}

/** A key that is text for the agent: a character (shifted too) or the space bar. */
function typesText(key: string): boolean {
  return key === 'space' || key === 'shift+space' || [...key.replace(/^shift\+/, '')].length === 1;
}

/** Applies user overrides and checks the result: unknown commands, clashes and reserved agent keys are errors. */
export function buildKeymap(overrides: KeyOverrides = {}): Keymap {
  for (const id of Object.keys(overrides)) {
    if (!isCommandId(id)) throw new KeymapError(`Unknown command "${id}" in key settings.`);
  }
  const commands = COMMANDS.map((c): CommandDef<CommandId> => {
    const o = overrides[c.id];
    if (!o) return c;
    const keys: Partial<Record<Mode, readonly string[]>> = Array.isArray(o)
      ? Object.fromEntries(Object.keys(c.keys).map((m) => [m, o]))
      : { ...c.keys, ...(o as Partial<Record<Mode, readonly string[]>>) };
    return { ...c, keys };
  });
  const bindings = new Map<Mode, Map<string, CommandId>>();
  for (const c of commands) {
    for (const [mode, specs] of Object.entries(c.keys) as [Mode, readonly string[]][]) {
      const table = bindings.get(mode) ?? new Map<string, CommandId>();
      bindings.set(mode, table);
      for (const spec of specs) {
        const key = normalizeKeySpec(spec);
        const other = table.get(key);
        if (other && other !== c.id) throw new KeymapError(`Key ${spec} is bound to both ${other} and ${c.id} in ${mode} mode.`);
        if (mode === 'agent' && AGENT_RESERVED_KEYS.includes(key)) {
          throw new KeymapError(`Key ${spec} belongs to the agent and cannot be bound to ${c.id}.`);
        }
        if (mode === 'agent' && typesText(key)) {
          throw new KeymapError(`Key ${spec} types text into the agent and cannot be bound to ${c.id}: use a chord with Ctrl or Alt.`);
        }
        table.set(key, c.id);
      }
    }
  }
  const byId = new Map(commands.map((c) => [c.id, c]));
  return {
    commands,
    bindings,
    keysFor: (id, mode) => (byId.get(id)?.keys[mode] ?? []).map(normalizeKeySpec),
  };
}
