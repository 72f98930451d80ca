// The squad's domain facts: its agents (session, activity, worktree), the repository, overlapping
// files and the activity log. Plain and serialisable: what will be saved, and what a background
// host will own while windows come and go. Nothing here knows about modes, dialogs or cursors.
import type { Activity } from '../agents/index.js';
import type { WorktreeStatus } from '../git/index.js';
import type { SessionInfo } from '../sessions/index.js';
import type { Board } from '../tasks/index.js';

export interface AgentView {
  readonly id: string;
  readonly info: SessionInfo;
  readonly activity: Activity;
  readonly worktree?: WorktreeView;
  /** Shown in the panel before the program starts: the worktree being made, the setup command's output. */
  readonly preparing?: { readonly title: string; readonly lines: readonly string[] };
  /** The program's own id for its conversation (Claude's session_id), to resume it after a restart. */
  readonly conversation?: string;
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
  | {
      readonly kind: 'none';
      readonly message: string;
      readonly hint: string;
      /** Not inside any repository (rather than a bare or unusable one). */
      readonly outside?: boolean;
    };

export interface LogEntry {
  readonly at: number;
  readonly agent?: string;
  readonly text: string;
  readonly kind: 'auto-approve' | 'answer' | 'dropped' | 'notice';
}

export interface Overlap {
  readonly file: string;
  readonly agents: readonly string[];
}

/** The task board as squadtui last read it, and how dispatch hands its tasks out. */
export interface TasksState {
  readonly board: Board;
  /** The task file could not be read: what to tell the user. */
  readonly problem?: string;
  /** Ready tasks go to idle agents without a task, lowest id first. */
  readonly autoDispatch: boolean;
  /** In-progress tasks whose owner finished a turn without completing them. */
  readonly stalled: readonly number[];
}

export interface SquadState {
  /** In the order they were added (the sidebar's order). */
  readonly agents: readonly AgentView[];
  readonly repo: RepoView;
  /** Files changed by two or more agents. */
  readonly overlaps: readonly Overlap[];
  readonly log: readonly LogEntry[];
  readonly tasks: TasksState;
}

/** What happens to the squad: sessions from the host, activity, worktrees, the repository, the log. */
export type SquadAction =
  | { type: 'agent/info'; info: SessionInfo }
  | { type: 'agent/pending'; info: SessionInfo; title: string }
  | { type: 'agent/removed'; id: string }
  /** Output arrived (the squad keeps nothing of it; a window marks it unseen). */
  | { type: 'agent/output'; id: string; at: number }
  | { type: 'agent/activity'; id: string; activity: Activity }
  | { type: 'agent/preparing'; id: string; line: string }
  | { type: 'agent/worktree'; id: string; worktree: WorktreeView | undefined }
  | { type: 'agent/conversation'; id: string; conversation: string }
  | { type: 'repo'; repo: RepoView }
  | { type: 'overlaps'; overlaps: readonly Overlap[] }
  | { type: 'log/add'; entry: LogEntry }
  | { type: 'tasks/board'; board: Board; problem?: string }
  | { type: 'tasks/auto'; on: boolean }
  | { type: 'tasks/stalled'; ids: readonly number[] };

const SQUAD_ACTIONS: ReadonlySet<string> = new Set<SquadAction['type']>([
  'agent/info', 'agent/pending', 'agent/removed', 'agent/output', 'agent/activity', 'agent/preparing', 'agent/worktree', 'agent/conversation', 'repo', 'overlaps', 'log/add',
  'tasks/board', 'tasks/auto', 'tasks/stalled',
]);

export function isSquadAction(action: { type: string }): action is SquadAction {
  return SQUAD_ACTIONS.has(action.type);
}

/** Newest entries kept in memory for the activity log view (the log file keeps everything). */
export const LOG_LIMIT = 500;
/** Lines of setup output kept for the panel while an agent is being prepared. */
const PREPARING_LINES = 200;

export function initialSquadState(): SquadState {
  return { agents: [], repo: { kind: 'checking' }, overlaps: [], log: [], tasks: { board: { version: 1, nextId: 1, tasks: [] }, autoDispatch: false, stalled: [] } };
}

function update(state: SquadState, id: string, change: (a: AgentView) => AgentView): SquadState {
  return { ...state, agents: state.agents.map((a) => (a.id === id ? change(a) : a)) };
}

export function reduceSquad(state: SquadState, action: SquadAction): SquadState {
  switch (action.type) {
    case 'agent/info': {
      if (state.agents.some((a) => a.id === action.info.id)) {
        // The program started: whatever was shown while preparing gives way to its screen.
        const started = action.info.status !== 'starting';
        return update(state, action.info.id, (a) => ({ ...a, info: action.info, preparing: started ? undefined : a.preparing }));
      }
      return { ...state, agents: [...state.agents, { id: action.info.id, info: action.info, activity: starting(action.info.startedAt) }] };
    }
    case 'agent/pending': {
      const preparing = { title: action.title, lines: [] };
      if (state.agents.some((a) => a.id === action.info.id)) return update(state, action.info.id, (a) => ({ ...a, info: action.info, preparing }));
      return { ...state, agents: [...state.agents, { id: action.info.id, info: action.info, activity: starting(action.info.startedAt), preparing }] };
    }
    case 'agent/removed':
      return state.agents.some((a) => a.id === action.id) ? { ...state, agents: state.agents.filter((a) => a.id !== action.id) } : state;
    case 'agent/output':
      return state;
    case 'agent/activity':
      return update(state, action.id, (a) => ({ ...a, activity: action.activity }));
    case 'agent/preparing':
      return update(state, action.id, (a) =>
        a.preparing ? { ...a, preparing: { ...a.preparing, lines: [...a.preparing.lines, action.line].slice(-PREPARING_LINES) } } : a,
      );
    case 'agent/worktree':
      return update(state, action.id, (a) => ({ ...a, worktree: action.worktree }));
    case 'agent/conversation':
      return update(state, action.id, (a) => (a.conversation === action.conversation ? a : { ...a, conversation: action.conversation }));
    case 'repo':
      return { ...state, repo: action.repo };
    case 'overlaps':
      return { ...state, overlaps: action.overlaps };
    case 'log/add': {
      const log = [...state.log, action.entry];
      return { ...state, log: log.length > LOG_LIMIT ? log.slice(log.length - LOG_LIMIT) : log };
    }
    case 'tasks/board': {
      // A stalled task that is no longer in progress has moved on.
      const inProgress = new Set(action.board.tasks.filter((t) => t.status === 'in_progress').map((t) => t.id));
      const stalled = state.tasks.stalled.filter((id) => inProgress.has(id));
      return { ...state, tasks: { ...state.tasks, board: action.board, problem: action.problem, stalled: stalled.length === state.tasks.stalled.length ? state.tasks.stalled : stalled } };
    }
    case 'tasks/auto':
      return state.tasks.autoDispatch === action.on ? state : { ...state, tasks: { ...state.tasks, autoDispatch: action.on } };
    case 'tasks/stalled':
      return { ...state, tasks: { ...state.tasks, stalled: action.ids } };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** A new agent's activity (agents/activity.ts's initialActivity; the state takes only its type). */
function starting(since: number): Activity {
  return { state: 'starting', since };
}
