// The one container: the layout, and for each mode the panel that draws it (an exhaustive switch:
// a new mode does not compile until it is drawn). Each part subscribes to the slices it draws, so
// an agent's output or a log line re-renders only what shows it.
import { Box } from 'ink';
import React from 'react';
import { TooSmall } from '../components/TooSmall.js';
import { theme } from '../components/theme.js';
import { MIN_COLS, MIN_ROWS, computeLayout } from './core/util/index.js';
import type { Mode, State } from './core/state/index.js';
import { Footer } from './footer.js';
import { useServices } from './hooks/services.js';
import { ClockProvider } from './hooks/use-clock.js';
import { useStore } from './hooks/use-store.js';
import { AgentContainer, SidebarContainer } from './agent-panels.js';
import { TaskDialogPanel, TasksPanel } from './task-panels.js';
import { AddPanel, CommitPanel, ConfirmPanel, DiffPanel, HelpPanel, InboxPanel, LogPanel, MessagePanel, type PanelProps } from './panels.js';

const selectSize = (s: State) => s.view.size;
const selectMode = (s: State) => s.view.mode;

/** The panel beside the sidebar for a mode. */
function panelFor(mode: Mode, props: PanelProps): React.ReactNode {
  switch (mode) {
    case 'agent':
    case 'squad':
      return <AgentContainer {...props} />;
    case 'help':
      return <HelpPanel {...props} />;
    case 'inbox':
      return <InboxPanel {...props} />;
    case 'log':
      return <LogPanel {...props} />;
    case 'diff':
      return <DiffPanel {...props} />;
    case 'add':
      return <AddPanel {...props} />;
    case 'commit':
      return <CommitPanel {...props} />;
    case 'confirm':
      return <ConfirmPanel {...props} />;
    case 'message':
      return <MessagePanel {...props} />;
    case 'tasks':
    case 'task-pick':
      return <TasksPanel {...props} />;
    case 'task':
      return <TaskDialogPanel {...props} />;
    default: {
      const unreachable: never = mode;
      return unreachable;
    }
  }
}

/** What each mode has open, for a window too small to show it (typing into an agent opens nothing). */
const OPEN: Partial<Record<Mode, string>> = {
  squad: 'the squad menu',
  help: 'the help',
  add: 'the add-agent dialog',
  confirm: 'a question (y/n)',
  inbox: 'the inbox',
  log: 'the activity log',
  message: 'the message dialog',
  diff: 'the changes view',
  commit: 'the commit dialog',
  tasks: 'the task board',
  'task-pick': 'the task board',
  task: 'the task dialog',
};

export function App() {
  const { store } = useServices();
  const size = useStore(store, selectSize);
  const mode = useStore(store, selectMode);
  const layout = computeLayout(size.cols, size.rows);

  if (layout.tooSmall) {
    return (
      <Box height={layout.frameRows} overflow="hidden">
        <TooSmall cols={size.cols} rows={size.rows} minCols={MIN_COLS} minRows={MIN_ROWS} open={OPEN[mode]} />
      </Box>
    );
  }

  const panelWidth = layout.cols - layout.sidebarWidth - 1;
  return (
    <ClockProvider>
      <Box flexDirection="column" width={layout.cols} height={layout.frameRows}>
        <Box flexDirection="row" height={layout.bodyRows}>
          <SidebarContainer width={layout.sidebarWidth} height={layout.bodyRows} typing={mode === 'agent'} />
          <Box borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderColor={theme.border} width={panelWidth + 1}>
            {panelFor(mode, { layout, width: panelWidth, height: layout.bodyRows, mode })}
          </Box>
        </Box>
        <Footer layout={layout} mode={mode} />
      </Box>
    </ClockProvider>
  );
}
