// The sidebar and the selected agent's panel, each subscribed to what it draws.
import React, { useMemo } from 'react';
import { AgentPanel } from '../components/AgentPanel.js';
import { Sidebar } from '../components/Sidebar.js';
import { type State, findAgent } from './core/state/index.js';
import { addHint, restartHint } from './help.js';
import { taskLabel } from './core/tasks/index.js';
import { useClock } from './hooks/use-clock.js';
import { useServices } from './hooks/services.js';
import { useStore } from './hooks/use-store.js';
import { LiveScreen, LiveScrollNote } from './live-screen.js';
import type { PanelProps } from './panels.js';

const selectAgents = (s: State) => s.squad.agents;
const selectOverlaps = (s: State) => s.squad.overlaps;
const selectSelectedId = (s: State) => s.view.selectedId;
const selectUnseen = (s: State) => s.view.unseen;
const selectBoard = (s: State) => s.squad.tasks.board;

export function SidebarContainer({ width, height, typing }: { readonly width: number; readonly height: number; readonly typing: boolean }) {
  const { store } = useServices();
  const agents = useStore(store, selectAgents);
  const overlaps = useStore(store, selectOverlaps);
  const selectedId = useStore(store, selectSelectedId);
  const unseen = useStore(store, selectUnseen);
  const now = useClock();
  const unseenSet = useMemo(() => new Set(unseen), [unseen]);
  const overlapping = useMemo(() => new Set(overlaps.flatMap((o) => o.agents)), [overlaps]);
  const board = useStore(store, selectBoard);
  // The lowest id when an agent holds several (one a rule allows, a hand-edited file may hold more).
  const tasks = useMemo(() => {
    const current = new Map<string, string>();
    for (const t of [...board.tasks].sort((a, b) => a.id - b.id)) {
      if (t.status === 'in_progress' && t.owner && !current.has(t.owner)) current.set(t.owner, `${taskLabel(t.id)} ${t.title}`);
    }
    return current;
  }, [board]);
  return (
    <Sidebar agents={agents} selectedId={selectedId} unseen={unseenSet} width={width} height={height} typing={typing} now={now} overlapping={overlapping} tasks={tasks} />
  );
}

export function AgentContainer({ layout, width, height, mode }: PanelProps) {
  const { store, keymap } = useServices();
  const agents = useStore(store, selectAgents);
  const selectedId = useStore(store, selectSelectedId);
  const selected = findAgent(agents, selectedId);
  const now = useClock();
  const typing = mode === 'agent';
  // The terminal cursor is the agent's (LiveScreen places it); views and dialogs have none.
  const screen =
    selected ? (
      <LiveScreen
        id={selected.id}
        width={width}
        height={height - 1}
        origin={{ x: layout.sidebarWidth + 1, y: 1 }}
        showCursor={typing && selected.info.status === 'running'}
      />
    ) : undefined;
  return (
    <AgentPanel
      info={selected?.info}
      activity={selected?.activity}
      now={now}
      screen={screen}
      scrollMarker={selected ? <LiveScrollNote id={selected.id} /> : undefined}
      width={width}
      height={height}
      restartHint={restartHint(keymap, mode)}
      branch={selected?.worktree?.branch}
      paused={selected?.worktree?.paused}
      preparing={selected?.preparing}
      menu={mode === 'squad'}
      addHint={addHint(keymap, mode)}
    />
  );
}
