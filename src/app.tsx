// The one container: reads the store and the selected agent's screen, lays out the pure components.
import { Box } from 'ink';
import React, { useCallback } from 'react';
import { AddAgentDialog } from '../components/AddAgentDialog.js';
import { AgentPanel } from '../components/AgentPanel.js';
import { CommitDialog } from '../components/CommitDialog.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { DiffView } from '../components/DiffView.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { Hints } from '../components/Hints.js';
import { InboxStrip } from '../components/InboxStrip.js';
import { InboxView } from '../components/InboxView.js';
import { LogView } from '../components/LogView.js';
import { MessageDialog } from '../components/MessageDialog.js';
import { Sidebar } from '../components/Sidebar.js';
import { TooSmall } from '../components/TooSmall.js';
import { MIN_COLS, MIN_ROWS, computeLayout } from './core/layout.js';
import { type AddField, type AgentView, type State, inbox, inboxTarget, selectedAgent } from './core/store.js';
import { branchNameFor } from './core/git/index.js';
import { footerHints, helpSections, keysLabel, modeLabel } from './help.js';
import { answerHints, inboxItem } from './inbox-items.js';

import { useClock } from './hooks/use-clock.js';
import { useServices } from './hooks/services.js';
import { useStore } from './hooks/use-store.js';
import type { Keymap } from './keymap.js';
import { LiveScreen, LiveScrollNote } from './live-screen.js';

const whole = (s: State) => s;

/** "1 yes · 2 always · 3 no · m no + message · w go · i inbox · ? keys", each from the keymap. */
function inboxKeys(keymap: Keymap, mode: 'squad' | 'inbox', prefix: string, agent: AgentView | undefined): string {
  const answers: [string, string][] = [...answerHints(agent?.activity.prompt, agent?.activity.request?.tool), ['inbox.jump', 'go']];
  const more: [string, string][] = mode === 'inbox' ? [['view.close', 'close']] : [['inbox.open', 'inbox'], ['help', 'keys']];
  const parts = [...answers, ...more].flatMap(([id, label]) => {
    const key = keysLabel(keymap, id, mode);
    return key ? [`${key} ${label}`] : [];
  });
  return `${prefix}${parts.join(' · ')}`;
}

export function App() {
  const { store, squad, keymap, logFile, branchPrefix } = useServices();
  const state = useStore(store, whole);
  const layout = computeLayout(state.size.cols, state.size.rows);
  const selected = selectedAgent(state);
  const now = useClock(state.agents);
  const onChange = useCallback((field: AddField, value: string) => squad.editField(field, value), [squad]);
  const onMessage = useCallback((value: string) => store.dispatch({ type: 'message/value', value }), [store]);
  const onCommitMessage = useCallback((value: string) => store.dispatch({ type: 'commit/value', value }), [store]);

  if (layout.tooSmall) {
    return (
      <Box height={layout.frameRows} overflow="hidden">
        <TooSmall cols={state.size.cols} rows={state.size.rows} minCols={MIN_COLS} minRows={MIN_ROWS} />
      </Box>
    );
  }

  const panelWidth = layout.cols - layout.sidebarWidth - 1;
  const typing = state.mode === 'agent';
  // The terminal cursor is the agent's (LiveScreen places it); views and dialogs have none.

  const waiting = inbox(state);
  const items = waiting.map(inboxItem);
  const menuKey = keysLabel(keymap, 'mode.squad', 'agent');
  let panel: React.ReactNode;
  const dialog = state.dialog;
  if (state.mode === 'help') {
    panel = <HelpOverlay sections={helpSections(keymap)} width={panelWidth} height={layout.bodyRows} offset={state.helpOffset} />;
  } else if (state.mode === 'inbox') {
    panel = <InboxView items={items} cursor={state.inboxCursor} keys={inboxKeys(keymap, 'inbox', '', inboxTarget(state))} width={panelWidth} height={layout.bodyRows} now={now} />;
  } else if (state.mode === 'log') {
    panel = <LogView entries={state.log} width={panelWidth} height={layout.bodyRows} file={logFile} />;
  } else if (state.mode === 'diff' && state.diff) {
    const agent = state.agents.find((a) => a.id === state.diff!.agentId);
    const name = agent?.info.spec.name;
    const shared = new Map(state.overlaps.filter((o) => name && o.agents.includes(name)).map((o) => [o.file, o.agents.filter((a) => a !== name)]));
    const keys = state.diff.open
      ? [`${keysLabel(keymap, 'diff.down', 'diff')}/${keysLabel(keymap, 'diff.up', 'diff')} scroll`, `${keysLabel(keymap, 'diff.pageDown', 'diff')}/${keysLabel(keymap, 'diff.pageUp', 'diff')} page`, `${keysLabel(keymap, 'diff.top', 'diff')}/${keysLabel(keymap, 'diff.bottom', 'diff')} top/end`, `${keysLabel(keymap, 'diff.back', 'diff')} files`]
      : footerHints(keymap, 'diff').map((h) => `${h.keys} ${h.label}`);
    panel = (
      <DiffView
        agent={agent?.info.spec.name ?? ''}
        branch={agent?.worktree?.branch ?? ''}
        base={agent?.worktree?.base ?? ''}
        files={state.diff.files}
        cursor={state.diff.cursor}
        open={state.diff.open}
        error={state.diff.error}
        shared={shared}
        keys={[...keys, `${keysLabel(keymap, 'agent.editor', 'diff')} editor`].join(' · ')}
        width={panelWidth}
        height={layout.bodyRows}
      />
    );
  } else if (dialog?.kind === 'add') {
    panel = (
      <AddAgentDialog
        values={dialog.values}
        field={dialog.field}
        error={dialog.error}
        width={panelWidth}
        height={layout.bodyRows}
        onChange={onChange}
        hint={`${keysLabel(keymap, 'dialog.next', 'add')} next field · ${keysLabel(keymap, 'dialog.submit', 'add')} start · ${keysLabel(keymap, 'dialog.cancel', 'add')} cancel`}
        worktree={dialog.worktree}
        worktreeUnavailable={state.repo.kind === 'none' ? state.repo.message : state.repo.kind === 'checking' ? 'checking the repository…' : undefined}
        worktreeKey={keysLabel(keymap, 'dialog.worktree', 'add') ?? ''}
        branch={branchNameFor(branchPrefix ?? 'squad/', dialog.values.name.trim())}
        busy={dialog.busy}
      />
    );
  } else if (dialog?.kind === 'commit') {
    const agent = state.agents.find((a) => a.id === dialog.agentId);
    panel = (
      <CommitDialog
        agent={agent?.info.spec.name ?? ''}
        branch={agent?.worktree?.branch ?? ''}
        files={agent?.worktree?.status?.files ?? 0}
        value={dialog.value}
        onChange={onCommitMessage}
        hint={`${keysLabel(keymap, 'dialog.submit', 'commit')} commit · ${keysLabel(keymap, 'dialog.cancel', 'commit')} cancel`}
        width={panelWidth}
        height={layout.bodyRows}
      />
    );
  } else if (dialog?.kind === 'confirm') {
    panel = (
      <ConfirmDialog
        title={dialog.title}
        body={dialog.body}
        yesLabel={dialog.yesLabel}
        yesKeys={keysLabel(keymap, 'dialog.submit', 'confirm', 1) ?? ''}
        noKeys={keysLabel(keymap, 'dialog.cancel', 'confirm', 1) ?? ''}
        alt={dialog.alt ? { keys: keysLabel(keymap, 'dialog.alt', 'confirm') ?? '', label: dialog.alt.label } : undefined}
        info={dialog.info}
        width={panelWidth}
        height={layout.bodyRows}
      />
    );
  } else if (dialog?.kind === 'message') {
    const target = state.agents.find((a) => a.id === dialog.agentId);
    const item = target ? inboxItem(target) : undefined;
    panel = (
      <MessageDialog
        agent={target?.info.spec.name ?? 'agent'}
        prompt={item ? `${item.tool}${item.subject ? `: ${item.subject}` : ''}` : ''}
        value={dialog.value}
        onChange={onMessage}
        purpose={dialog.purpose}
        hint={`${keysLabel(keymap, 'dialog.submit', 'message')} ${dialog.purpose === 'answer' ? 'answer' : 'deny and send'} · ${keysLabel(keymap, 'dialog.cancel', 'message')} cancel`}
        width={panelWidth}
        height={layout.bodyRows}
      />
    );
  } else {
    panel = (
      <AgentPanel
        info={selected?.info}
        activity={selected?.activity}
        now={now}
        screen={
          selected ? (
            <LiveScreen
              id={selected.id}
              width={panelWidth}
              height={layout.bodyRows - 1}
              origin={{ x: layout.sidebarWidth + 1, y: 1 }}
              showCursor={typing && selected.info.status === 'running'}
            />
          ) : undefined
        }
        scrollMarker={selected ? <LiveScrollNote id={selected.id} /> : undefined}
        width={panelWidth}
        height={layout.bodyRows}
        restartHint={squad.restartHint()}
        branch={selected?.worktree?.branch}
        paused={selected?.worktree?.paused}
        preparing={selected?.preparing}
        menu={state.mode === 'squad'}
        addHint={state.mode === 'squad' ? keysLabel(keymap, 'agent.add', 'squad') : `${menuKey} then ${keysLabel(keymap, 'agent.add', 'squad')}`}
      />
    );
  }

  // The footer: the prompt the answer keys act on while one waits (the selected agent's, else the
  // oldest), else the hints.
  const inDialog = state.mode === 'add' || state.mode === 'confirm' || state.mode === 'message' || state.mode === 'commit';
  const target = inboxTarget(state);
  const footer =
    target && !inDialog && state.mode !== 'inbox' ? (
      <InboxStrip
        item={inboxItem(target)}
        count={items.length}
        keys={inboxKeys(keymap, 'squad', state.mode === 'agent' && menuKey ? `${menuKey}, then ` : '', target)}
        width={layout.cols}
        now={now}
      />
    ) : (
      <Hints
        modeLabel={modeLabel(state.mode)}
        hints={dialog?.kind === 'confirm' && dialog.info ? [{ keys: keysLabel(keymap, 'dialog.cancel', 'confirm', 3) ?? 'Esc', label: 'close' }] : footerHints(keymap, state.mode)}
        notice={state.notice}
        width={layout.cols}
        fullNoticeKey={[state.mode === 'agent' ? keysLabel(keymap, 'mode.squad', 'agent') : undefined, keysLabel(keymap, 'log.open', 'squad')].filter(Boolean).join(' ')}
      />
    );

  return (
    <Box flexDirection="column" width={layout.cols} height={layout.frameRows}>
      <Box flexDirection="row" height={layout.bodyRows}>
        <Sidebar
          agents={state.agents}
          selectedId={state.selectedId}
          width={layout.sidebarWidth}
          height={layout.bodyRows}
          typing={typing}
          now={now}
          overlapping={new Set(state.overlaps.flatMap((o) => o.agents))}
        />
        <Box borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderColor="gray" width={panelWidth + 1}>
          {panel}
        </Box>
      </Box>
      {footer}
    </Box>
  );
}
