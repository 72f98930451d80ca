// Footer hints and help sections, generated from the keymap so they can't drift from it.
import type { HelpSection } from '../components/HelpOverlay.js';
import type { Hint } from '../components/Hints.js';
import type { StripKey } from '../components/InboxStrip.js';
import { keyLabel } from './core/terminal/keys.js'; // not the index: see keymap.ts
import type { AgentView, Mode, Question } from './core/state/index.js';
import { answerHints } from './inbox-items.js';
import type { CommandDef, CommandId, Keymap } from './keymap.js';

/** Why a command can't act now, if so (from the command table, for the current state). */
export type DisabledReason = (id: CommandId) => string | undefined;

const MODE_NAMES: Record<Mode, string> = {
  agent: 'typing into agent',
  squad: 'squad menu',
  help: 'help',
  add: 'add agent',
  confirm: 'confirm',
  inbox: 'inbox',
  log: 'activity log',
  message: 'message to agent',
  diff: 'changes',
  commit: 'commit',
  tasks: 'task board',
  'task-pick': 'task board: pick',
  task: 'task',
};

export function modeLabel(mode: Mode): string {
  return MODE_NAMES[mode];
}

/** Labels of a command's keys in a mode: the first `max` of them, joined with "/". */
export function keysLabel(keymap: Keymap, id: CommandId, mode: Mode, max = 1): string | undefined {
  const keys = keymap.keysFor(id, mode).slice(0, max);
  return keys.length ? keys.map(keyLabel).join('/') : undefined;
}

/** Hints a narrow footer keeps when others give way: the way into the other keys, help, out. */
const KEEP_IN_FOOTER: ReadonlySet<CommandId> = new Set<CommandId>(['mode.squad', 'help', 'quit', 'view.close']);

/**
 * The footer's key hints for a mode; with `disabled`, a command that can't act now is marked so
 * (and says why); `shown` leaves out commands this window has no use for.
 */
export function footerHints(keymap: Keymap, mode: Mode, disabled?: DisabledReason, shown: (id: CommandId) => boolean = () => true): Hint[] {
  const hints: Hint[] = [];
  const prev = keymap.keysFor('agent.prev', mode)[0];
  const next = keymap.keysFor('agent.next', mode)[0];
  for (const c of keymap.commands) {
    if (!c.footer?.includes(mode) || !shown(c.id)) continue;
    const keys = keymap.keysFor(c.id, mode);
    if (keys.length === 0) continue;
    if (c.id === 'agent.prev' && prev && next) {
      // Shift+↑ and Shift+↓ read best as one hint.
      const [pm] = splitMods(prev);
      const [nm, nb] = splitMods(next);
      hints.push(pm === nm ? { keys: `${keyLabel(prev)}/${keyLabel(nb)}`, label: 'switch' } : { keys: keyLabel(prev), label: hintOf(c, mode), disabled: disabled?.(c.id) });
      continue;
    }
    if (c.id === 'agent.next' && prev && next && splitMods(prev)[0] === splitMods(next)[0]) continue;
    hints.push({ keys: keyLabel(keys[0]!), label: hintOf(c, mode), disabled: disabled?.(c.id), keep: KEEP_IN_FOOTER.has(c.id) || undefined });
  }
  return hints;
}

function hintOf(c: CommandDef, mode: Mode): string {
  if (typeof c.hint === 'string') return c.hint;
  return c.hint?.[mode] ?? c.description;
}

function splitMods(key: string): [string, string] {
  const i = key.lastIndexOf('+', key.length - 2);
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

const SECTIONS: readonly { title: (keymap: Keymap) => string; modes: readonly Mode[] }[] = [
  { title: () => 'While typing into an agent', modes: ['agent'] },
  { title: (k) => `In the squad menu (${keysLabel(k, 'mode.squad', 'agent') ?? 'menu key'} from an agent)`, modes: ['squad'] },
  { title: () => 'In the inbox view', modes: ['inbox'] },
  { title: () => 'In the changes view', modes: ['diff'] },
  { title: () => 'On the task board', modes: ['tasks', 'task-pick'] },
  { title: () => 'In this key list and the activity log', modes: ['help', 'log'] },
  { title: () => 'In dialogs', modes: ['add', 'confirm', 'message', 'commit', 'task'] },
];

/** Where a key does something else in another mode of the same section ("Enter (form)"). */
const MODE_WORDS: Partial<Record<Mode, string>> = { add: 'form', confirm: 'question', message: 'message', commit: 'commit', help: 'key list', log: 'log', tasks: 'board', 'task-pick': 'picking' };

/**
 * One section per mode group, one line per command: its keys in that mode and what it does; with
 * `disabled`, why a command can't act now (the key list in the app; the README has none).
 */
export function helpSections(keymap: Keymap, disabled?: DisabledReason): HelpSection[] {
  return SECTIONS.map((section) => {
    const lines = new Map<string, { mode: Mode; label: string; why?: string }[]>();
    for (const mode of section.modes) {
      const seenGroups = new Set<string>();
      for (const c of keymap.commands) {
        const keys = keymap.keysFor(c.id, mode);
        if (keys.length === 0) continue;
        let label = keys.map(keyLabel).join('/');
        if (c.group) {
          if (seenGroups.has(c.group)) continue;
          seenGroups.add(c.group);
          const members = keymap.commands.filter((m) => m.group === c.group);
          const lastKeys = keymap.keysFor(members[members.length - 1]!.id, mode);
          label = keys.map((k, i) => `${keyLabel(k)}..${keyLabel(lastKeys[i] ?? k).split('+').pop()}`).join('/');
        }
        const description = c.describedIn?.[mode] ?? c.description;
        const existing = lines.get(description) ?? [];
        existing.push({ mode, label, why: c.group ? undefined : disabled?.(c.id) });
        lines.set(description, existing);
      }
    }
    return {
      title: section.title(keymap),
      lines: [...lines].map(([description, uses]) => {
        const labels = [...new Set(uses.map((u) => u.label))];
        const modes = [...new Set(uses.map((u) => u.mode))];
        // A key only of views other than the section's first says which ("Esc/q (picking)" on the board).
        const keys = labels.length > 1
          ? uses.map((u) => `${u.label} (${MODE_WORDS[u.mode] ?? u.mode})`).join(' · ')
          : modes.includes(section.modes[0]!)
            ? labels[0]!
            : `${labels[0]!} (${modes.map((m) => MODE_WORDS[m] ?? m).join(', ')})`;
        const why = uses.find((u) => u.why)?.why;
        return why ? { keys, description, disabled: why } : { keys, description };
      }),
    };
  }).filter((s) => s.lines.length > 0);
}

/** The key tables of the README, one per section, generated from the keymap (see test/docs.test.ts). */
export function keyTablesMarkdown(keymap: Keymap): string {
  return helpSections(keymap)
    .map((section) => {
      const rows = section.lines.map((l) => `| ${l.keys.replace(/\|/g, '\\|')} | ${l.description} |`);
      return [`**${section.title}**`, '', '| Keys | What it does |', '| --- | --- |', ...rows].join('\n');
    })
    .join('\n\n');
}

/** The key summary of `squadtui --help`, from the keymap (wrapped to `width` columns). */
export function keySummary(keymap: Keymap, width = 100): string {
  const k = (id: CommandId, mode: Mode, max = 1) => keysLabel(keymap, id, mode, max) ?? '(unbound)';
  const menu = (id: CommandId, what: string) => `${k(id, 'squad')} ${what}`;
  const text =
    `Keys: ${k('agent.prev', 'agent', 2)} and ${k('agent.next', 'agent', 2)} switch agents while you type into them; ` +
    `${k('agent.jump.1', 'agent')}..9 jump; ${k('mode.squad', 'agent')} opens the squad menu ` +
    `(${k('mode.agent', 'squad', 2)} go back to typing): ` +
    [
      menu('agent.add', 'add'),
      menu('agent.close', 'close'),
      menu('agent.restart', 'restart'),
      `${k('inbox.option.1', 'squad')}..9 pick an option of a waiting prompt or question as in the agent, ${k('inbox.yes', 'squad')}/${k('inbox.no', 'squad')} yes/no (the selected agent's prompt, else the oldest)`,
      menu('inbox.open', 'inbox'),
      menu('tasks.open', 'task board'),
      menu('agent.diff', 'changes'),
      menu('agent.commit', 'commit'),
      menu('agent.merge', 'merge'),
      menu('agent.pause', 'pause'),
      menu('log.open', 'activity log'),
      menu('help', 'every key'),
      menu('detach', 'detach'),
      menu('quit', 'quit'),
    ].join(', ') +
    '.';
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

/** "1 yes · 2 always · 3 no · m no + message · w go · i inbox · ? keys", each from the keymap. */
export function inboxKeys(keymap: Keymap, mode: 'squad' | 'inbox', prefix: string, agent: AgentView | undefined): string {
  return `${prefix}${inboxKeyList(keymap, mode, agent).map((k) => k.text).join(' · ')}`;
}

/** The keys that act on a waiting prompt, each "key label"; `keep`: the options, which a narrow strip never drops. */
export function inboxKeyList(keymap: Keymap, mode: 'squad' | 'inbox', agent: AgentView | undefined): StripKey[] {
  const answers = answerHints(agent?.activity.prompt, agent?.activity.request);
  const more: [CommandId, string][] = mode === 'inbox' ? [['inbox.jump', 'go'], ['view.close', 'close']] : [['inbox.jump', 'go'], ['inbox.open', 'inbox'], ['help', 'keys']];
  return [...answers, ...more].flatMap(([id, label]) => {
    const key = keysLabel(keymap, id, mode);
    // Answering with a message of one's own opens a dialog: it gives way, like the keys after it.
    return key ? [{ text: `${key} ${label}`, keep: answers.some(([a]) => a === id) && id !== 'inbox.message' }] : [];
  });
}

/** The changes view's key line: scrolling keys while a diff is open, else its footer hints; the editor always. */
export function diffKeys(keymap: Keymap, open: boolean): string {
  const k = (id: CommandId) => keysLabel(keymap, id, 'diff');
  const keys = open
    ? [`${k('diff.down')}/${k('diff.up')} scroll`, `${k('diff.pageDown')}/${k('diff.pageUp')} page`, `${k('diff.top')}/${k('diff.bottom')} top/end`, `${k('diff.back')} files`]
    : footerHints(keymap, 'diff').map((h) => `${h.keys} ${h.label}`);
  return [...keys, `${k('agent.editor')} editor`].join(' · ');
}

/** A dialog's key line, e.g. "Enter commit · Esc cancel". */
export function dialogKeys(keymap: Keymap, mode: 'add' | 'commit' | 'message' | 'task', submit: string): string {
  const next = mode === 'add' || mode === 'task' ? `${keysLabel(keymap, 'dialog.next', 'add')} next field · ` : '';
  return `${next}${keysLabel(keymap, 'dialog.submit', mode)} ${submit} · ${keysLabel(keymap, 'dialog.cancel', mode)} cancel`;
}

/** A question's footer: its own answers, named as the question names them. */
export function questionHints(keymap: Keymap, q: Question): Hint[] {
  const key = (id: CommandId, max = 1) => keysLabel(keymap, id, 'confirm', max) ?? '(unbound)';
  if (q.info) return [{ keys: key('dialog.cancel', 3), label: 'close' }];
  return [
    { keys: key('dialog.submit'), label: q.yesLabel },
    ...(q.alt ? [{ keys: key(q.alt.action.kind === 'detach' ? 'detach' : 'dialog.alt'), label: q.alt.label }] : []),
    { keys: key('dialog.cancel'), label: q.noLabel ?? 'cancel' },
  ];
}

/** The footer text for restarting an exited agent, e.g. "Ctrl+] r" (just "r" in the squad menu). */
export function restartHint(keymap: Keymap, mode: Mode): string | undefined {
  const menu = keysLabel(keymap, 'mode.squad', 'agent');
  const restart = keysLabel(keymap, 'agent.restart', 'squad');
  if (!restart) return undefined;
  return mode === 'squad' || !menu ? restart : `${menu} ${restart}`;
}

/** What to press to add an agent: "a" in the menu, "Ctrl+] then a" while typing. */
export function addHint(keymap: Keymap, mode: Mode): string {
  const add = keysLabel(keymap, 'agent.add', 'squad') ?? '(unbound)';
  const menu = keysLabel(keymap, 'mode.squad', 'agent');
  return mode === 'squad' || !menu ? add : `${menu} then ${add}`;
}

/** The key list's own keys: "Esc/q/? closes", and "↓/↑ PgDn/PgUp" that scroll it. */
export function helpKeys(keymap: Keymap): { close: string; scroll: string } {
  const k = (id: CommandId, max = 1) => keysLabel(keymap, id, 'help', max) ?? '';
  return { close: `${k('view.close', 3)} closes`, scroll: `${k('help.down')}/${k('help.up')} ${k('help.pageDown')}/${k('help.pageUp')}` };
}
