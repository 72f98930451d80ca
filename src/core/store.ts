// The UI state: one reducer over a discriminated union of actions, behind a tiny external store.
import { type Activity, initialActivity } from './activity.js';
import type { DetectedPrompt } from './detect/index.js';
import type { ChangedFile, DiffLine, WorktreeStatus } from './git/index.js';
import type { SessionInfo } from './sessions.js';

/** How keys are read: typed into the selected agent, or squadtui's own navigation and dialogs. */
export type Mode = 'agent' | 'squad' | 'help' | 'add' | 'confirm' | 'inbox' | 'log' | 'message' | 'diff' | 'commit';

/** Views that replace the panel and return to the mode they came from. */
export type ViewMode = 'help' | 'inbox' | 'log';

export interface AgentView {
  readonly id: string;
  readonly info: SessionInfo;
  /** Output arrived while the agent was not on screen. */
  readonly unseen: boolean;
  readonly activity: Activity;
  readonly worktree?: WorktreeView;
  /** Shown in the panel before the program starts: the worktree being made, the setup command's output. */
  readonly preparing?: { readonly title: string; readonly lines: readonly string[] };
}

/** An agent's own worktree and branch, and what changed there (refreshed in the background). */
export interface WorktreeView {
  readonly path: string;
  readonly branch: string;
  readonly base: string;
  readonly status?: WorktreeStatus;
  /** The last refresh failed: why. */
  readonly error?: string;
  /** Work committed, worktree removed, branch kept: resume brings it back. */
  readonly paused?: boolean;
}

/** Whether agents get worktrees here. */
export type RepoView =
  | { readonly kind: 'checking' }
  | { readonly kind: 'repo'; readonly topLevel: string; readonly head: string; readonly operation?: string; readonly remotes: readonly string[] }
  | { readonly kind: 'none'; readonly message: string; readonly hint: string; /** Not inside any repository (rather than a bare or unusable one). */ readonly outside?: boolean };

/** The diff view: an agent's changed files against its base, and one file's diff. */
export interface DiffState {
  readonly agentId: string;
  readonly files?: readonly ChangedFile[];
  readonly cursor: number;
  readonly open?: { readonly path: string; readonly lines: readonly DiffLine[]; readonly binary: boolean; readonly offset: number };
  readonly error?: string;
}

export interface LogEntry {
  readonly at: number;
  readonly agent?: string;
  readonly text: string;
  readonly kind: 'auto-approve' | 'answer' | 'dropped' | 'notice';
}

/** Newest entries kept in memory for the activity log view (the log file keeps everything). */
export const LOG_LIMIT = 500;
/** Lines of setup output kept for the panel while an agent is being prepared. */
const PREPARING_LINES = 200;

export type AddField = 'name' | 'command' | 'cwd' | 'base' | 'prompt';
export const ADD_FIELDS: readonly AddField[] = ['name', 'command', 'cwd', 'base', 'prompt'];

export interface AddDialog {
  readonly kind: 'add';
  readonly values: Readonly<Record<AddField, string>>;
  readonly field: AddField;
  /** Give the agent its own worktree and branch (when in a repository). */
  readonly worktree: boolean;
  readonly error?: string;
  /** The branch the name would get exists: submitting this name again reuses it. */
  readonly reuse?: { readonly name: string; readonly branch: string; /** Its worktree from an earlier run is still there: continue in it. */ readonly pickUp?: boolean };
  readonly busy?: boolean;
  /** The user typed the name: it no longer follows the command. */
  readonly nameEdited?: boolean;
}

export interface ConfirmDialog {
  readonly kind: 'confirm';
  readonly title: string;
  readonly body: readonly string[];
  /** What to run when the user says yes (an opaque id the controller understands). */
  readonly onYes: { readonly action: string; readonly id?: string };
  readonly yesLabel: string;
  /** A second way to say yes (e.g. merge and push), on its own key. */
  readonly alt?: { readonly action: string; readonly label: string };
  /** Only informs: any key closes it. */
  readonly info?: boolean;
}

/**
 * deny: "No, and tell the agent what to do instead", the message typed back after the rejection.
 * answer: the text for a question's free row ("Type something.").
 */
export interface MessageDialog {
  readonly kind: 'message';
  readonly purpose: 'deny' | 'answer';
  readonly agentId: string;
  readonly value: string;
  /** The prompt as the user saw it when the dialog opened: the answer goes to that one only. */
  readonly prompt?: DetectedPrompt;
}

export interface CommitDialog {
  readonly kind: 'commit';
  readonly agentId: string;
  readonly value: string;
}

export type Dialog = AddDialog | ConfirmDialog | MessageDialog | CommitDialog;

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
  /** The squad menu was opened from typing into an agent: answering a prompt goes back there. */
  readonly menuFromAgent?: boolean;
  readonly size: { readonly cols: number; readonly rows: number };
  readonly dialog?: Dialog;
  readonly notice?: Notice;
  /** The inbox item under the cursor in the inbox view (an agent id). */
  readonly inboxCursor?: string;
  /** First row of the help view. */
  readonly helpOffset: number;
  readonly repo: RepoView;
  /** Files changed by two or more agents. */
  readonly overlaps: readonly { readonly file: string; readonly agents: readonly string[] }[];
  readonly diff?: DiffState;
  readonly log: readonly LogEntry[];
}

export type Action =
  | { type: 'agent/info'; info: SessionInfo }
  | { type: 'agent/removed'; id: string }
  | { type: 'agent/output'; id: string; at: number }
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
  | { type: 'agent/pending'; info: SessionInfo; title: string }
  | { type: 'agent/preparing'; id: string; line: string }
  | { type: 'agent/worktree'; id: string; worktree: WorktreeView | undefined }
  | { type: 'repo'; repo: RepoView }
  | { type: 'overlaps'; overlaps: State['overlaps'] }
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
  | { type: 'notice'; notice: Notice | undefined };

export function initialState(size: { cols: number; rows: number }): State {
  return { agents: [], mode: 'agent', baseMode: 'agent', size, log: [], helpOffset: 0, repo: { kind: 'checking' }, overlaps: [] };
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
        // The program started: whatever was shown while preparing gives way to its screen.
        const started = action.info.status !== 'starting';
        return {
          ...state,
          agents: state.agents.map((a) => (a.id === action.info.id ? { ...a, info: action.info, preparing: started ? undefined : a.preparing } : a)),
        };
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
      // Only output off screen matters, once: everything else leaves the state as it is.
      if (action.id === state.selectedId || state.agents.find((a) => a.id === action.id)?.unseen !== false) return state;
      return { ...state, agents: state.agents.map((a) => (a.id === action.id ? { ...a, unseen: true } : a)) };
    }
    case 'agent/pending': {
      const view: AgentView = {
        id: action.info.id,
        info: action.info,
        unseen: false,
        activity: initialActivity(action.info.startedAt),
        preparing: { title: action.title, lines: [] },
      };
      const exists = state.agents.some((a) => a.id === action.info.id);
      const agents = exists ? state.agents.map((a) => (a.id === action.info.id ? { ...a, info: action.info, preparing: view.preparing } : a)) : [...state.agents, view];
      return state.selectedId === undefined ? select({ ...state, agents }, action.info.id) : { ...state, agents };
    }
    case 'agent/preparing':
      return {
        ...state,
        agents: state.agents.map((a) =>
          a.id === action.id && a.preparing ? { ...a, preparing: { ...a.preparing, lines: [...a.preparing.lines, action.line].slice(-PREPARING_LINES) } } : a,
        ),
      };
    case 'agent/worktree':
      return { ...state, agents: state.agents.map((a) => (a.id === action.id ? { ...a, worktree: action.worktree } : a)) };
    case 'repo':
      return { ...state, repo: action.repo };
    case 'overlaps':
      return { ...state, overlaps: action.overlaps };
    case 'diff/open':
      return { ...state, mode: 'diff', dialog: undefined, diff: { agentId: action.agentId, cursor: 0 } };
    // Answers from git for a view since closed, or opened for another agent, are dropped.
    case 'diff/files':
      return state.diff?.agentId === action.agentId ? { ...state, diff: { ...state.diff, files: action.files, cursor: Math.min(state.diff.cursor, Math.max(0, action.files.length - 1)) } } : state;
    case 'diff/cursor': {
      const n = state.diff?.files?.length ?? 0;
      if (!state.diff || n === 0) return state;
      return { ...state, diff: { ...state.diff, cursor: (state.diff.cursor + action.delta + n) % n } };
    }
    case 'diff/show':
      return state.diff?.agentId === action.agentId ? { ...state, diff: { ...state.diff, open: { path: action.path, lines: action.lines, binary: action.binary, offset: 0 } } } : state;
    case 'diff/scroll': {
      const open = state.diff?.open;
      if (!open) return state;
      const max = Math.max(0, open.lines.length - action.page);
      return { ...state, diff: { ...state.diff!, open: { ...open, offset: Math.max(0, Math.min(max, open.offset + action.delta)) } } };
    }
    case 'diff/back':
      return state.diff?.open ? { ...state, diff: { ...state.diff, open: undefined } } : { ...state, mode: state.baseMode, diff: undefined };
    case 'diff/error':
      return state.diff?.agentId === action.agentId ? { ...state, diff: { ...state.diff, error: action.error } } : state;
    case 'dialog/patch':
      return state.dialog?.kind === 'add' ? { ...state, dialog: { ...state.dialog, ...action.patch } } : state;
    case 'commit/value':
      return state.dialog?.kind === 'commit' ? { ...state, dialog: { ...state.dialog, value: action.value } } : state;
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
      return {
        ...state,
        mode: action.mode,
        baseMode: action.mode,
        dialog: undefined,
        menuFromAgent: action.mode === 'squad' ? state.mode === 'agent' || state.menuFromAgent === true : false,
      };
    case 'help/toggle':
      return reduce(state, { type: 'view/toggle', view: 'help' });
    case 'view/toggle':
      if (state.mode !== action.view) return { ...state, mode: action.view, dialog: undefined, helpOffset: 0 };
      // The inbox is a glance: closing it goes back to where the user was, typing into an agent too.
      if (action.view === 'inbox' && state.baseMode === 'squad' && state.menuFromAgent && state.selectedId) {
        return { ...state, mode: 'agent', baseMode: 'agent', menuFromAgent: false };
      }
      return { ...state, mode: state.baseMode };
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
        ? {
            ...state,
            dialog: {
              ...state.dialog,
              values: { ...state.dialog.values, [action.field]: action.value },
              error: undefined,
              nameEdited: state.dialog.nameEdited || (action.field === 'name' && !action.auto),
            },
          }
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

/**
 * The inbox item commands act on: in the inbox view the one under the cursor (or the first);
 * elsewhere the selected agent's own prompt when it shows one, else the oldest.
 */
export function inboxTarget(state: State): AgentView | undefined {
  const items = inbox(state);
  if (state.mode === 'inbox') return items.find((a) => a.id === state.inboxCursor) ?? items[0];
  return items.find((a) => a.id === state.selectedId) ?? items[0];
}
