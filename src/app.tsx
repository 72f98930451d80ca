// The one container: reads the store and the selected agent's screen, lays out the pure components.
import { Box, useCursor } from 'ink';
import React, { useCallback } from 'react';
import { AddAgentDialog } from '../components/AddAgentDialog.js';
import { AgentPanel } from '../components/AgentPanel.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { Hints } from '../components/Hints.js';
import { Sidebar } from '../components/Sidebar.js';
import { TooSmall } from '../components/TooSmall.js';
import { MIN_COLS, MIN_ROWS, computeLayout } from './core/layout.js';
import { type AddField, type State, selectedAgent } from './core/store.js';
import { footerHints, helpSections, keysLabel, modeLabel } from './help.js';
import { useScreen } from './hooks/use-screen.js';
import { useServices } from './hooks/services.js';
import { useStore } from './hooks/use-store.js';

const whole = (s: State) => s;

export function App() {
  const { host, store, squad, keymap } = useServices();
  const state = useStore(store, whole);
  const layout = computeLayout(state.size.cols, state.size.rows);
  const selected = selectedAgent(state);
  const snapshot = useScreen(host, selected?.id);
  const { setCursorPosition } = useCursor();
  const onChange = useCallback((field: AddField, value: string) => store.dispatch({ type: 'dialog/value', field, value }), [store]);

  if (layout.tooSmall) {
    setCursorPosition(undefined);
    return (
      <Box height={layout.frameRows} overflow="hidden">
        <TooSmall cols={state.size.cols} rows={state.size.rows} minCols={MIN_COLS} minRows={MIN_ROWS} />
      </Box>
    );
  }

  const panelWidth = layout.cols - layout.sidebarWidth - 1;
  const typing = state.mode === 'agent';
  // Show the agent's own cursor where it is, as its terminal would, while the user types into it.
  const cursor = snapshot?.cursor;
  setCursorPosition(
    typing && cursor?.visible && snapshot?.scrollOffset === 0 && selected?.info.status === 'running'
      ? { x: layout.sidebarWidth + 1 + cursor.x, y: 1 + cursor.y }
      : undefined,
  );

  let panel: React.ReactNode;
  const dialog = state.dialog;
  if (state.mode === 'help') {
    panel = <HelpOverlay sections={helpSections(keymap)} width={panelWidth} height={layout.bodyRows} />;
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
        width={panelWidth}
        height={layout.bodyRows}
      />
    );
  } else {
    panel = (
      <AgentPanel info={selected?.info} snapshot={snapshot} width={panelWidth} height={layout.bodyRows} restartHint={squad.restartHint()} />
    );
  }

  return (
    <Box flexDirection="column" width={layout.cols} height={layout.frameRows}>
      <Box flexDirection="row" height={layout.bodyRows}>
        <Sidebar agents={state.agents} selectedId={state.selectedId} width={layout.sidebarWidth} height={layout.bodyRows} typing={typing} />
        <Box borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderColor="gray" width={panelWidth + 1}>
          {panel}
        </Box>
      </Box>
      <Hints modeLabel={modeLabel(state.mode)} hints={footerHints(keymap, state.mode)} notice={state.notice} width={layout.cols} />
    </Box>
  );
}
