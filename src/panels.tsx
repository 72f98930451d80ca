// The panels that replace the agent's screen: the key list, the inbox, the activity log, the
// changes view and the dialogs. Each subscribes to the slices it draws.
import React, { useCallback } from 'react';
import { AddAgentDialog } from '../components/AddAgentDialog.js';
import { CommitDialog } from '../components/CommitDialog.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { DiffView } from '../components/DiffView.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { InboxView } from '../components/InboxView.js';
import { LogView } from '../components/LogView.js';
import { MessageDialog } from '../components/MessageDialog.js';
import { disabledReason } from './core/commands/index.js';
import { branchNameFor } from './core/git/index.js';
import type { Layout } from './core/util/index.js';
import { type AddField, type Mode, type State, findAgent, waitingAgents } from './core/state/index.js';
import { AgentContainer } from './agent-panels.js';
import { dialogKeys, diffKeys, helpKeys, helpSections, inboxKeys, keysLabel } from './help.js';
import { inboxItem } from './inbox-items.js';
import { useClock } from './hooks/use-clock.js';
import { useServices } from './hooks/services.js';
import { useStore } from './hooks/use-store.js';

export interface PanelProps {
  readonly layout: Layout;
  readonly width: number;
  readonly height: number;
  readonly mode: Mode;
}

const selectAgents = (s: State) => s.squad.agents;
const selectDialog = (s: State) => s.view.dialog;
const selectRepo = (s: State) => s.squad.repo;

export function HelpPanel({ width, height }: PanelProps) {
  const { store, keymap } = useServices();
  const offset = useStore(store, (s) => s.view.helpOffset);
  // Drawn over the squad menu's state: what a key would do there now.
  useStore(store, selectAgents);
  const state = store.getState();
  const sections = helpSections(keymap, (id) => disabledReason(id, state));
  return <HelpOverlay sections={sections} width={width} height={height} offset={offset} keys={helpKeys(keymap)} />;
}

export function InboxPanel({ width, height }: PanelProps) {
  const { store, keymap } = useServices();
  const agents = useStore(store, selectAgents);
  const cursor = useStore(store, (s) => s.view.inboxCursor);
  const now = useClock();
  const waiting = waitingAgents(agents);
  const target = findAgent(waiting, cursor) ?? waiting[0];
  const keys = inboxKeys(keymap, 'inbox', '', target);
  return <InboxView items={waiting.map(inboxItem)} cursor={cursor} keys={keys} jumpKey={keysLabel(keymap, 'inbox.jump', 'inbox')} width={width} height={height} now={now} />;
}

export function LogPanel({ width, height }: PanelProps) {
  const { store, logFile } = useServices();
  const log = useStore(store, (s) => s.squad.log);
  return <LogView entries={log} width={width} height={height} file={logFile} />;
}

export function DiffPanel(props: PanelProps) {
  const { store, keymap } = useServices();
  const diff = useStore(store, (s) => s.view.diff);
  const agents = useStore(store, selectAgents);
  const overlaps = useStore(store, (s) => s.squad.overlaps);
  if (!diff) return <AgentContainer {...props} />;
  const agent = findAgent(agents, diff.agentId);
  const name = agent?.info.spec.name;
  const shared = new Map(overlaps.filter((o) => name && o.agents.includes(name)).map((o) => [o.file, o.agents.filter((a) => a !== name)]));
  return (
    <DiffView
      agent={name ?? ''}
      branch={agent?.worktree?.branch ?? ''}
      base={agent?.worktree?.base ?? ''}
      files={diff.files}
      cursor={diff.cursor}
      open={diff.open}
      error={diff.error}
      shared={shared}
      keys={diffKeys(keymap, diff.open !== undefined)}
      width={props.width}
      height={props.height}
      rows={props.layout.diffRows}
    />
  );
}

export function AddPanel(props: PanelProps) {
  const { store, keymap, commands, branchPrefix } = useServices();
  const dialog = useStore(store, selectDialog);
  const repo = useStore(store, selectRepo);
  const onChange = useCallback((field: AddField, value: string) => commands.editField(field, value), [commands]);
  if (dialog?.kind !== 'add') return <AgentContainer {...props} />;
  const unavailable = repo.kind === 'none' ? repo.message : repo.kind === 'checking' ? 'checking the repository…' : undefined;
  return (
    <AddAgentDialog
      values={dialog.values}
      field={dialog.field}
      error={dialog.error}
      width={props.width}
      height={props.height}
      onChange={onChange}
      hint={dialogKeys(keymap, 'add', 'start')}
      worktree={dialog.worktree}
      worktreeUnavailable={unavailable}
      worktreeKey={keysLabel(keymap, 'dialog.worktree', 'add') ?? ''}
      branch={branchNameFor(branchPrefix ?? 'squad/', dialog.values.name.trim())}
      busy={dialog.busy}
    />
  );
}

export function CommitPanel(props: PanelProps) {
  const { store, keymap } = useServices();
  const dialog = useStore(store, selectDialog);
  const agents = useStore(store, selectAgents);
  const onChange = useCallback((value: string) => store.dispatch({ type: 'commit/value', value }), [store]);
  if (dialog?.kind !== 'commit') return <AgentContainer {...props} />;
  const agent = findAgent(agents, dialog.agentId);
  return (
    <CommitDialog
      agent={agent?.info.spec.name ?? ''}
      branch={agent?.worktree?.branch ?? ''}
      files={agent?.worktree?.status?.files ?? 0}
      value={dialog.value}
      onChange={onChange}
      hint={dialogKeys(keymap, 'commit', 'commit')}
      width={props.width}
      height={props.height}
    />
  );
}

export function ConfirmPanel(props: PanelProps) {
  const { store, keymap } = useServices();
  const dialog = useStore(store, selectDialog);
  if (dialog?.kind !== 'confirm') return <AgentContainer {...props} />;
  return (
    <ConfirmDialog
      title={dialog.title}
      body={dialog.body}
      yesLabel={dialog.yesLabel}
      yesKeys={keysLabel(keymap, 'dialog.submit', 'confirm', 1) ?? ''}
      noKeys={keysLabel(keymap, 'dialog.cancel', 'confirm', 1) ?? ''}
      noLabel={dialog.noLabel}
      alt={dialog.alt ? { keys: keysLabel(keymap, dialog.alt.action.kind === 'detach' ? 'detach' : 'dialog.alt', 'confirm') ?? '', label: dialog.alt.label } : undefined}
      info={dialog.info}
      width={props.width}
      height={props.height}
    />
  );
}

export function MessagePanel(props: PanelProps) {
  const { store, keymap } = useServices();
  const dialog = useStore(store, selectDialog);
  const agents = useStore(store, selectAgents);
  const onChange = useCallback((value: string) => store.dispatch({ type: 'message/value', value }), [store]);
  if (dialog?.kind !== 'message') return <AgentContainer {...props} />;
  const target = findAgent(agents, dialog.agentId);
  const item = target ? inboxItem(target) : undefined;
  return (
    <MessageDialog
      agent={target?.info.spec.name ?? 'agent'}
      prompt={item ? `${item.tool}${item.subject ? `: ${item.subject}` : ''}` : ''}
      value={dialog.value}
      onChange={onChange}
      purpose={dialog.purpose}
      hint={dialogKeys(keymap, 'message', dialog.purpose === 'answer' ? 'answer' : 'deny and send')}
      width={props.width}
      height={props.height}
    />
  );
}
