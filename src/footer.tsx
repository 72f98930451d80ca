// The footer: the prompt the answer keys act on while one waits (the selected agent's, else the
// oldest), else the mode's key hints (dimmed when a command can't act now) and the latest notice.
// In a view whose keys are its own (the task board, the changes view, the key list), the prompt is
// said as the notice beside that view's hints: the answer keys would not work there.
import React from 'react';
import { Hints } from '../components/Hints.js';
import type { InboxItem } from '../components/InboxView.js';
import { InboxStrip, promptWhat } from '../components/InboxStrip.js';
import { disabledReason } from './core/commands/index.js';
import type { Layout } from './core/util/index.js';
import { type Mode, type Notice, type State, inDialog, inboxTarget, waitingAgents } from './core/state/index.js';
import { footerHints, inboxKeyList, keysLabel, modeLabel, questionHints } from './help.js';
import { inboxItem } from './inbox-items.js';
import { useClock } from './hooks/use-clock.js';
import { useServices } from './hooks/services.js';
import { useStore } from './hooks/use-store.js';

const selectView = (s: State) => s.view;
const selectAgents = (s: State) => s.squad.agents;
const selectRepo = (s: State) => s.squad.repo;

export function Footer({ layout, mode }: { readonly layout: Layout; readonly mode: Mode }) {
  const { store, keymap, commands } = useServices();
  const view = useStore(store, selectView);
  const agents = useStore(store, selectAgents);
  const repo = useStore(store, selectRepo);
  const now = useClock();
  // Everything the footer reads from the state is subscribed to above: the log is not.
  const state: State = { squad: { ...store.getState().squad, agents, repo }, view };
  const target = inboxTarget(state);
  const menuKey = keysLabel(keymap, 'mode.squad', 'agent');
  // Answer keys work in the squad menu, and from an agent after the menu key.
  const answerable = mode === 'agent' || keymap.keysFor('inbox.yes', mode).length > 0;
  // Why an answer was refused shows over the waiting prompt until the next key.
  if (target && answerable && !inDialog(view) && mode !== 'inbox' && !view.notice?.aboutPrompt) {
    return (
      <InboxStrip
        item={inboxItem(target)}
        count={waitingAgents(agents).length}
        keys={inboxKeyList(keymap, 'squad', target)}
        prefix={mode === 'agent' && menuKey ? `${menuKey}, then ` : ''}
        width={layout.cols}
        now={now}
      />
    );
  }
  const dialog = view.dialog;
  const hints =
    dialog?.kind === 'confirm'
      ? questionHints(keymap, dialog)
      : footerHints(keymap, mode, (id) => disabledReason(id, state), (id) => id !== 'detach' || commands.canDetach);
  const waiting = target && !answerable && !inDialog(view) && !view.notice ? waitingNotice(inboxItem(target), waitingAgents(agents).length) : undefined;
  return (
    <Hints
      modeLabel={modeLabel(mode)}
      hints={hints}
      notice={view.notice ?? waiting}
      width={layout.cols}
      // The log holds notices whole; the waiting prompt is whole in the inbox, not there.
      fullNoticeKey={view.notice ? [mode === 'agent' ? menuKey : undefined, keysLabel(keymap, 'log.open', 'squad')].filter(Boolean).join(' ') : undefined}
    />
  );
}

/** A prompt waiting while a view with keys of its own is open: what waits, and where it is answered. */
function waitingNotice(item: InboxItem, count: number): Notice {
  const more = count > 1 ? ` (+${count - 1} more)` : '';
  // Where it is answered first: a narrow footer cuts the subject, not that.
  return { text: `◆ ${item.agent} waits${more}, close this view to answer: ${promptWhat(item)}`, level: 'warn' };
}
