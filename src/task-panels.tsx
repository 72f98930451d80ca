// The task board's panels: the board (and its picks) and the task dialog, each subscribed to the
// slices it draws. The rows are laid out once per board and width, never per key.
import React, { useCallback, useMemo } from 'react';
import { TaskBoard } from '../components/TaskBoard.js';
import { TaskDialog } from '../components/TaskDialog.js';
import { TaskPicker } from '../components/TaskPicker.js';
import { pickChoices, selectedTask } from './core/commands/index.js';
import type { State, TaskField, TaskPick } from './core/state/index.js';
import { type Board, boardRows, readyTasks, taskLabel } from './core/tasks/index.js';
import { AgentContainer } from './agent-panels.js';
import { dialogKeys, keysLabel } from './help.js';
import { useServices } from './hooks/services.js';
import { useStore } from './hooks/use-store.js';
import type { Keymap } from './keymap.js';
import type { PanelProps } from './panels.js';

const selectTasks = (s: State) => s.squad.tasks;
const selectCursor = (s: State) => s.view.taskCursor;
const selectPick = (s: State) => s.view.pick;
const selectAgents = (s: State) => s.squad.agents;

function boardTitle(board: Board, auto: boolean): string {
  const count = board.tasks.length;
  const ready = readyTasks(board).filter((t) => t.owner === null).length;
  return `Tasks · ${count} · ${ready} ready · auto-dispatch ${auto ? 'on' : 'off'}`;
}

function question(pick: TaskPick): string {
  const id = taskLabel(pick.taskId);
  if (pick.purpose === 'depend') return `${id} depends on which task?`;
  if (pick.purpose === 'undepend') return `${id} no longer depends on which task?`;
  return `Assign ${id} to which agent? Its prompt is typed in once the agent is idle.`;
}

function pickHint(keymap: Keymap): string {
  const k = (id: Parameters<typeof keysLabel>[1]) => keysLabel(keymap, id, 'task-pick') ?? '';
  return `${k('tasks.down')}/${k('tasks.up')} move · ${k('tasks.pick')} choose · ${k('tasks.cancel')} back`;
}

export function TasksPanel({ width, height }: PanelProps) {
  const { store, keymap } = useServices();
  const tasks = useStore(store, selectTasks);
  const cursor = useStore(store, selectCursor);
  const pick = useStore(store, selectPick);
  const agents = useStore(store, selectAgents);
  const rows = useMemo(() => boardRows(tasks.board, Math.max(1, width - 1)), [tasks.board, width]);
  const stalled = useMemo(() => new Set(tasks.stalled), [tasks.stalled]);
  const state = store.getState();
  if (pick) {
    const choices = pickChoices({ ...state, squad: { ...state.squad, tasks, agents }, view: { ...state.view, pick } });
    return <TaskPicker question={question(pick)} choices={choices.map((c) => c.label)} cursor={pick.cursor} hint={pickHint(keymap)} width={width} height={height} />;
  }
  const selected = selectedTask({ ...state, squad: { ...state.squad, tasks }, view: { ...state.view, taskCursor: cursor } });
  const add = keysLabel(keymap, 'tasks.add', 'tasks') ?? 'the add key';
  const detail = tasks.problem
    ? tasks.problem
    : selected
      ? `${taskLabel(selected.id)} ${selected.description.replace(/\s*\n\s*/g, ' ') || '(no description)'}`
      : `No tasks yet: ${add} adds one (or \`squadtui task add TITLE\` in a shell).`;
  return <TaskBoard rows={rows} selectedId={selected?.id} stalled={stalled} title={boardTitle(tasks.board, tasks.autoDispatch)} detail={detail} width={width} height={height} />;
}

export function TaskDialogPanel(props: PanelProps) {
  const { store, keymap } = useServices();
  const dialog = useStore(store, (s) => s.view.dialog);
  const onChange = useCallback((field: TaskField, value: string) => store.dispatch({ type: 'task/value', field, value }), [store]);
  if (dialog?.kind !== 'task') return <AgentContainer {...props} />;
  return (
    <TaskDialog
      label={dialog.id === undefined ? undefined : taskLabel(dialog.id)}
      title={dialog.title}
      description={dialog.description}
      field={dialog.field}
      error={dialog.error}
      onChange={onChange}
      hint={dialogKeys(keymap, 'task', dialog.id === undefined ? 'add' : 'save')}
      width={props.width}
      height={props.height}
    />
  );
}
