// What only a window has: its mode, dialog, cursors, scroll positions, footer notice, size and
// selection. Reduced from view actions and from the squad's own actions (an agent added is
// selected when none is; a removed one hands the selection to a neighbour; output off screen is unseen).
import type { ChangedFile, DiffLine } from '../git/index.js';
import type { AddDialog, AddField, Dialog, TaskField } from './dialogs.js';
import type { SquadAction, SquadState } from './squad-state.js';

/** How keys are read: typed into the selected agent, or squadtui's own navigation and dialogs. */
export type Mode = 'agent' | 'squad' | 'help' | 'add' | 'confirm' | 'inbox' | 'log' | 'message' | 'diff' | 'commit' | 'tasks' | 'task-pick' | 'task';

/** Views that replace the panel and return to the mode they came from. */
export type ViewMode = 'help' | 'inbox' | 'log' | 'tasks';

/** Picking on the task board: the task the selected one depends on (or no longer), or the agent it goes to. */
export interface TaskPick {
  readonly purpose: 'depend' | 'undepend' | 'assign';
  readonly taskId: number;
  /** Index into the choices (selectors' pickChoices). */
  readonly cursor: number;
}

/** The diff view: an agent's changed files against its base, and one file's diff. */
export interface DiffState {
  readonly agentId: string;
  readonly files?: readonly ChangedFile[];
  readonly cursor: number;
  readonly open?: { readonly path: string; readonly lines: readonly DiffLine[]; readonly binary: boolean; readonly offset: number };
  readonly error?: string;
}

export interface Notice {
  readonly text: string;
  readonly level: 'info' | 'warn' | 'error';
  /** About the waiting prompt itself (an answer refused): shown over it until the next key. */
  readonly aboutPrompt?: boolean;
}

export interface ViewState {
  readonly selectedId?: string;
  /** Agents with output this window has not shown yet. */
  readonly unseen: readonly string[];
  readonly mode: Mode;
  /** The mode to return to when a dialog or overlay closes. */
  readonly baseMode: 'agent' | 'squad';
  /** The squad menu was opened from typing into an agent: answering a prompt goes back there. */
  readonly menuFromAgent?: boolean;
  readonly size: { readonly cols: number; readonly rows: number };
  readonly dialog?: Dialog;
  readonly notice?: Notice;
  /** The inbox item under the cursor in the inbox view (an agent id). */
  readonly inboxCursor?: string;
  /** First row of the help view. */
  readonly helpOffset: number;
  readonly diff?: DiffState;
  /** The task under the board's cursor (an id: it stays on its task as others come and go). */
  readonly taskCursor?: number;
  readonly pick?: TaskPick;
  /** A dialog opened from the task board goes back there. */
  readonly dialogFrom?: 'tasks';
}

export type ViewAction =
  | { type: 'select'; id: string }
  | { type: 'select/step'; delta: number }
  | { type: 'select/index'; index: number }
  | { type: 'mode'; mode: 'agent' | 'squad' }
  | { type: 'view/toggle'; view: ViewMode }
  | { type: 'inbox/cursor'; id: string | undefined }
  | { type: 'help/scroll'; delta: number; max: number }
  | { type: 'message/value'; value: string }
  | { type: 'diff/open'; agentId: string }
  | { type: 'diff/files'; agentId: string; files: readonly ChangedFile[] }
  | { type: 'diff/cursor'; delta: number }
  | { type: 'diff/show'; agentId: string; path: string; lines: readonly DiffLine[]; binary: boolean }
  | { type: 'diff/scroll'; delta: number; page: number }
  | { type: 'diff/back' }
  | { type: 'diff/error'; agentId: string; error: string }
  | { type: 'dialog/patch'; patch: Partial<Omit<AddDialog, 'kind'>> }
  | { type: 'commit/value'; value: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'dialog/open'; dialog: Dialog }
  | { type: 'dialog/field'; field: AddField }
  | { type: 'dialog/value'; field: AddField; value: string; auto?: boolean }
  | { type: 'dialog/error'; error: string }
  | { type: 'dialog/close' }
  | { type: 'notice'; notice: Notice | undefined }
  | { type: 'tasks/cursor'; id: number | undefined }
  | { type: 'tasks/pick'; pick: TaskPick | undefined }
  | { type: 'task/value'; field: TaskField; value: string }
  | { type: 'task/patch'; patch: { field?: TaskField; error?: string } };

export function initialViewState(size: { cols: number; rows: number }): ViewState {
  return { unseen: [], mode: 'agent', baseMode: 'agent', size, helpOffset: 0 };
}

function select(view: ViewState, id: string | undefined): ViewState {
  return { ...view, selectedId: id, unseen: id !== undefined && view.unseen.includes(id) ? view.unseen.filter((u) => u !== id) : view.unseen };
}

/** The window's side of what happened to the squad (`before` and `after` are the squad around it). */
export function viewFollowsSquad(view: ViewState, action: SquadAction, before: SquadState, after: SquadState): ViewState {
  switch (action.type) {
    case 'agent/info':
    case 'agent/pending':
      return view.selectedId === undefined && after.agents.some((a) => a.id === action.info.id) ? select(view, action.info.id) : view;
    case 'agent/removed': {
      const index = before.agents.findIndex((a) => a.id === action.id);
      if (index < 0) return view;
      const unseen = view.unseen.includes(action.id) ? { ...view, unseen: view.unseen.filter((u) => u !== action.id) } : view;
      if (view.selectedId !== action.id) return unseen;
      return select(unseen, after.agents[Math.min(index, after.agents.length - 1)]?.id);
    }
    case 'agent/output':
      // Only output off screen matters, once: everything else leaves the view as it is.
      if (action.id === view.selectedId || view.unseen.includes(action.id) || !after.agents.some((a) => a.id === action.id)) return view;
      return { ...view, unseen: [...view.unseen, action.id] };
    default:
      return view;
  }
}

function reduceDiff(view: ViewState, action: ViewAction): ViewState {
  const diff = view.diff;
  switch (action.type) {
    case 'diff/open':
      return { ...view, mode: 'diff', dialog: undefined, diff: { agentId: action.agentId, cursor: 0 } };
    // Answers from git for a view since closed, or opened for another agent, are dropped.
    case 'diff/files':
      return diff?.agentId === action.agentId ? { ...view, diff: { ...diff, files: action.files, cursor: Math.min(diff.cursor, Math.max(0, action.files.length - 1)) } } : view;
    case 'diff/cursor': {
      const n = diff?.files?.length ?? 0;
      if (!diff || n === 0) return view;
      return { ...view, diff: { ...diff, cursor: (diff.cursor + action.delta + n) % n } };
    }
    case 'diff/show':
      return diff?.agentId === action.agentId ? { ...view, diff: { ...diff, open: { path: action.path, lines: action.lines, binary: action.binary, offset: 0 } } } : view;
    case 'diff/scroll': {
      const open = diff?.open;
      if (!diff || !open) return view;
      const max = Math.max(0, open.lines.length - action.page);
      return { ...view, diff: { ...diff, open: { ...open, offset: Math.max(0, Math.min(max, open.offset + action.delta)) } } };
    }
    case 'diff/back':
      return diff?.open ? { ...view, diff: { ...diff, open: undefined } } : { ...view, mode: view.baseMode, diff: undefined };
    case 'diff/error':
      return diff?.agentId === action.agentId ? { ...view, diff: { ...diff, error: action.error } } : view;
    default:
      return view;
  }
}

function reduceDialog(view: ViewState, action: ViewAction): ViewState {
  const dialog = view.dialog;
  switch (action.type) {
    case 'dialog/open': {
      const fromBoard = view.mode === 'tasks' || view.mode === 'task-pick' || view.dialogFrom === 'tasks';
      return { ...view, dialog: action.dialog, mode: action.dialog.kind, pick: undefined, dialogFrom: fromBoard ? 'tasks' : undefined };
    }
    case 'dialog/close':
      return { ...view, dialog: undefined, mode: view.dialogFrom ?? view.baseMode, dialogFrom: undefined };
    case 'task/value':
      return dialog?.kind === 'task' ? { ...view, dialog: { ...dialog, [action.field]: action.value, error: undefined } } : view;
    case 'task/patch':
      return dialog?.kind === 'task' ? { ...view, dialog: { ...dialog, ...action.patch } } : view;
    case 'dialog/patch':
      return dialog?.kind === 'add' ? { ...view, dialog: { ...dialog, ...action.patch } } : view;
    case 'dialog/field':
      return dialog?.kind === 'add' ? { ...view, dialog: { ...dialog, field: action.field } } : view;
    case 'dialog/error':
      return dialog?.kind === 'add' ? { ...view, dialog: { ...dialog, error: action.error } } : view;
    case 'dialog/value':
      if (dialog?.kind !== 'add') return view;
      return {
        ...view,
        dialog: {
          ...dialog,
          values: { ...dialog.values, [action.field]: action.value },
          error: undefined,
          nameEdited: dialog.nameEdited || (action.field === 'name' && !action.auto),
        },
      };
    case 'message/value':
      return dialog?.kind === 'message' ? { ...view, dialog: { ...dialog, value: action.value } } : view;
    case 'commit/value':
      return dialog?.kind === 'commit' ? { ...view, dialog: { ...dialog, value: action.value } } : view;
    default:
      return view;
  }
}

/** A view action; `squad` is the squad as it is (selection steps through its agents). */
export function reduceView(view: ViewState, action: ViewAction, squad: SquadState): ViewState {
  switch (action.type) {
    case 'select':
      return squad.agents.some((a) => a.id === action.id) ? select(view, action.id) : view;
    case 'select/step': {
      const n = squad.agents.length;
      if (n === 0) return view;
      const current = squad.agents.findIndex((a) => a.id === view.selectedId);
      const index = ((((current < 0 ? 0 : current) + action.delta) % n) + n) % n;
      return select(view, squad.agents[index]!.id);
    }
    case 'select/index': {
      const agent = squad.agents[action.index];
      return agent ? select(view, agent.id) : view;
    }
    case 'mode':
      return {
        ...view,
        mode: action.mode,
        baseMode: action.mode,
        dialog: undefined,
        dialogFrom: undefined,
        pick: undefined,
        menuFromAgent: action.mode === 'squad' ? view.mode === 'agent' || view.menuFromAgent === true : false,
      };
    case 'view/toggle':
      if (view.mode !== action.view) return { ...view, mode: action.view, dialog: undefined, helpOffset: 0, pick: undefined, dialogFrom: undefined };
      // Closing a view goes back to where it was opened from (the squad menu, for every view).
      return { ...view, mode: view.baseMode };
    case 'help/scroll':
      return { ...view, helpOffset: Math.max(0, Math.min(action.max, view.helpOffset + action.delta)) };
    case 'inbox/cursor':
      return { ...view, inboxCursor: action.id };
    case 'resize':
      return { ...view, size: { cols: action.cols, rows: action.rows } };
    case 'notice':
      return { ...view, notice: action.notice };
    case 'diff/open':
    case 'diff/files':
    case 'diff/cursor':
    case 'diff/show':
    case 'diff/scroll':
    case 'diff/back':
    case 'diff/error':
      return reduceDiff(view, action);
    case 'dialog/open':
    case 'dialog/close':
    case 'dialog/patch':
    case 'dialog/field':
    case 'dialog/error':
    case 'dialog/value':
    case 'message/value':
    case 'commit/value':
    case 'task/value':
    case 'task/patch':
      return reduceDialog(view, action);
    case 'tasks/cursor':
      return { ...view, taskCursor: action.id };
    case 'tasks/pick':
      return { ...view, pick: action.pick, mode: action.pick ? 'task-pick' : 'tasks' };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
