// The UI state: one reducer over a discriminated union of actions, behind a tiny external store.
import { type Activity, initialActivity } from './activity.js';
import type { SessionInfo } from './sessions.js';

/** How keys are read: typed into the selected agent, or squadtui's own navigation and dialogs. */
export type Mode = 'agent' | 'squad' | 'help' | 'add' | 'confirm' | 'inbox' | 'log' | 'message';

/** Views that replace the panel and return to the mode they came from. */
export type ViewMode = 'help' | 'inbox' | 'log';

export interface AgentView {
  readonly id: string;
  readonly info: SessionInfo;
  /** Output arrived while the agent was not on screen. */
  readonly unseen: boolean;
  readonly lastOutputAt?: number;
  readonly title?: string;
  readonly activity: Activity;
}

export interface LogEntry {
  readonly at: number;
  readonly agent?: string;
  readonly text: string;
  readonly kind: 'auto-approve' | 'answer' | 'dropped' | 'notice';
}

/** Newest entries kept in memory for the activity log view (the log file keeps everything). */
export const LOG_LIMIT = 500;

export type AddField = 'name' | 'command' | 'cwd' | 'prompt';
export const ADD_FIELDS: readonly AddField[] = ['name', 'command', 'cwd', 'prompt'];

export interface AddDialog {
  readonly kind: 'add';
  readonly values: Readonly<Record<AddField, string>>;
  readonly field: AddField;
  readonly error?: string;
}

export interface ConfirmDialog {
  readonly kind: 'confirm';
  readonly title: string;
  readonly body: readonly string[];
  /** What to run when the user says yes (an opaque id the controller understands). */
  readonly onYes: { readonly action: string; readonly id?: string };
  readonly yesLabel: string;
}

/** "No, and tell the agent what to do instead": the message typed back after the rejection. */
export interface MessageDialog {
  readonly kind: 'message';
  readonly agentId: string;
  readonly value: string;
}

export type Dialog = AddDialog | ConfirmDialog | MessageDialog;

export interface Notice {
  readonly text: string;
  readonly level: 'info' | 'warn' | 'error';
}

export interface State {
  readonly agents: readonly AgentView[];
  readonly selectedId?: string;
  readonly mode: Mode;
  /** The mode to return to when a dialog or overlay closes. */
  readonly baseMode: 'agent' | 'squad';
  readonly size: { readonly cols: number; readonly rows: number };
  readonly dialog?: Dialog;
  readonly notice?: Notice;
  /** The inbox item under the cursor in the inbox view (an agent id). */
  readonly inboxCursor?: string;
  /** First row of the help view. */
  readonly helpOffset: number;
  readonly log: readonly LogEntry[];
}

export type Action =
  | { type: 'agent/info'; info: SessionInfo }
  | { type: 'agent/removed'; id: string }
  | { type: 'agent/output'; id: string; at: number }
  | { type: 'agent/title'; id: string; title: string }
  | { type: 'agent/activity'; id: string; activity: Activity }
  | { type: 'select'; id: string }
  | { type: 'select/step'; delta: number }
  | { type: 'select/index'; index: number }
  | { type: 'mode'; mode: 'agent' | 'squad' }
  | { type: 'help/toggle' }
  | { type: 'view/toggle'; view: ViewMode }
  | { type: 'inbox/cursor'; id: string | undefined }
  | { type: 'help/scroll'; delta: number; max: number }
  | { type: 'message/value'; value: string }
  | { type: 'log/add'; entry: LogEntry }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'dialog/open'; dialog: Dialog }
  | { type: 'dialog/field'; field: AddField }
  | { type: 'dialog/value'; field: AddField; value: string }
  | { type: 'dialog/error'; error: string }
  | { type: 'dialog/close' }
  | { type: 'notice'; notice: Notice | undefined };

export function initialState(size: { cols: number; rows: number }): State {
  return { agents: [], mode: 'agent', baseMode: 'agent', size, log: [], helpOffset: 0 };
}

function markSeen(agents: readonly AgentView[], id: string | undefined): readonly AgentView[] {
  return agents.map((a) => (a.id === id && a.unseen ? { ...a, unseen: false } : a));
}

function select(state: State, id: string | undefined): State {
  return { ...state, selectedId: id, agents: markSeen(state.agents, id) };
}

export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'agent/info': {
      const existing = state.agents.find((a) => a.id === action.info.id);
      if (existing) {
        return { ...state, agents: state.agents.map((a) => (a.id === action.info.id ? { ...a, info: action.info } : a)) };
      }
      const agents = [...state.agents, { id: action.info.id, info: action.info, unseen: false, activity: initialActivity(action.info.startedAt) }];
      return state.selectedId === undefined ? select({ ...state, agents }, action.info.id) : { ...state, agents };
    }
    case 'agent/removed': {
      const index = state.agents.findIndex((a) => a.id === action.id);
      if (index < 0) return state;
      const agents = state.agents.filter((a) => a.id !== action.id);
      if (state.selectedId !== action.id) return { ...state, agents };
      const next = agents[Math.min(index, agents.length - 1)];
      return select({ ...state, agents }, next?.id);
    }
    case 'agent/output': {
      const seen = action.id === state.selectedId;
      return {
        ...state,
        agents: state.agents.map((a) =>
          a.id === action.id ? { ...a, lastOutputAt: action.at, unseen: a.unseen || !seen } : a,
        ),
      };
    }
    case 'agent/title':
      return { ...state, agents: state.agents.map((a) => (a.id === action.id ? { ...a, title: action.title } : a)) };
    case 'agent/activity':
      return { ...state, agents: state.agents.map((a) => (a.id === action.id ? { ...a, activity: action.activity } : a)) };
    case 'select':
      return state.agents.some((a) => a.id === action.id) ? select(state, action.id) : state;
    case 'select/step': {
      const n = state.agents.length;
      if (n === 0) return state;
      const current = state.agents.findIndex((a) => a.id === state.selectedId);
      const index = (((current < 0 ? 0 : current) + action.delta) % n + n) % n;
      return select(state, state.agents[index]!.id);
    }
    case 'select/index': {
      const agent = state.agents[action.index];
      return agent ? select(state, agent.id) : state;
    }
    case 'mode':
      return { ...state, mode: action.mode, baseMode: action.mode, dialog: undefined };
    case 'help/toggle':
      return reduce(state, { type: 'view/toggle', view: 'help' });
    case 'view/toggle':
      return state.mode === action.view
        ? { ...state, mode: state.baseMode }
        : { ...state, mode: action.view, dialog: undefined, helpOffset: 0 };
    case 'help/scroll':
      return { ...state, helpOffset: Math.max(0, Math.min(action.max, state.helpOffset + action.delta)) };
    case 'inbox/cursor':
      return { ...state, inboxCursor: action.id };
    case 'message/value':
      return state.dialog?.kind === 'message' ? { ...state, dialog: { ...state.dialog, value: action.value } } : state;
    case 'log/add': {
      const log = [...state.log, action.entry];
      return { ...state, log: log.length > LOG_LIMIT ? log.slice(log.length - LOG_LIMIT) : log };
    }
    case 'resize':
      return { ...state, size: { cols: action.cols, rows: action.rows } };
    case 'dialog/open':
      return { ...state, dialog: action.dialog, mode: action.dialog.kind };
    case 'dialog/field':
      return state.dialog?.kind === 'add' ? { ...state, dialog: { ...state.dialog, field: action.field } } : state;
    case 'dialog/value':
      return state.dialog?.kind === 'add'
        ? { ...state, dialog: { ...state.dialog, values: { ...state.dialog.values, [action.field]: action.value }, error: undefined } }
        : state;
    case 'dialog/error':
      return state.dialog?.kind === 'add' ? { ...state, dialog: { ...state.dialog, error: action.error } } : state;
    case 'dialog/close':
      return { ...state, dialog: undefined, mode: state.baseMode };
    case 'notice':
      return { ...state, notice: action.notice };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

export interface Store {
  getState(): State;
  dispatch(action: Action): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(initial: State): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function selectedAgent(state: State): AgentView | undefined {
  return state.agents.find((a) => a.id === state.selectedId);
}

/** Every agent waiting on a permission prompt, oldest first: the inbox. */
export function inbox(state: State): AgentView[] {
  return state.agents.filter((a) => a.activity.state === 'permission').sort((a, b) => a.activity.since - b.activity.since);
}

/** The inbox item commands act on: the one under the cursor in the inbox view, else the oldest. */
export function inboxTarget(state: State): AgentView | undefined {
  const items = inbox(state);
  return (state.mode === 'inbox' ? items.find((a) => a.id === state.inboxCursor) : undefined) ?? items[0];
}
