// The footer: the prompt the answer keys act on while one waits (the selected agent's, else the
// oldest), else the mode's key hints (dimmed when a command can't act now) and the latest notice.
import React from 'react';
import { Hints } from '../components/Hints.js';
import { InboxStrip } from '../components/InboxStrip.js';
import { disabledReason } from './core/commands/index.js';
import type { Layout } from './core/util/index.js';
import { type Mode, type State, inDialog, inboxTarget, waitingAgents } from './core/state/index.js';
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
  // Why an answer was refused shows over the waiting prompt until the next key.
  if (target && !inDialog(view) && mode !== 'inbox' && !view.notice?.aboutPrompt) {
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
  return (
    <Hints
      modeLabel={modeLabel(mode)}
      hints={hints}
      notice={view.notice}
      width={layout.cols}
      fullNoticeKey={[mode === 'agent' ? menuKey : undefined, keysLabel(keymap, 'log.open', 'squad')].filter(Boolean).join(' ')}
    />
  );
}
