// What a command handler gets: the window's store, the services, and helpers that run its work
// without ever letting a failure end the squad.
import type { CommandId } from '../../keymap.js';
import type { Launcher } from '../agents/index.js';
import type { Logger } from '../util/index.js';
import type { Monitor } from '../agents/index.js';
import type { SessionHost } from '../sessions/index.js';
import type { Mode, Notices, Question, State, Store } from '../state/index.js';
import type { TaskStore } from '../tasks/index.js';
import type { Workspace } from '../workspace/index.js';
import type { WorktreeFlows } from '../workspace/index.js';
import type { AnswerTarget } from './answer-target.js';

export interface CommandsOptions {
  host: SessionHost;
  /** The window's store: commands are where keys change the view as well as the squad. */
  store: Store;
  notices: Notices;
  launcher: Launcher;
  monitor: Monitor;
  workspace: Workspace;
  flows: WorktreeFlows;
  log: Logger;
  /** New agents get their own worktree unless this is false (--no-worktree). */
  worktreesByDefault: boolean;
  /** Directory squadtui started in: the default for new agents. */
  cwd: string;
  /** Default command line for new agents. */
  program: string;
  /** Labels of the keys bound to a command in a mode, for messages. */
  keyLabelFor: (command: CommandId, mode: Mode) => string | undefined;
  onQuit: () => void;
  /** Closes the window and leaves the squad running; absent when the squad lives in this window (--no-host). */
  onDetach?: () => void;
  /** The demo squad, in a throwaway repository removed when it stops. */
  demo?: boolean;
  /** The offer of the squad saved before was answered (see restore.ts). */
  onRestore?: (accept: boolean) => void;
  /** An agent rang its terminal bell. */
  onBell?: (agentId: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
  /** The repository's task list, shared with `squadtui task` and the agents. */
  tasks: TaskStore;
  /** Auto-dispatch at start (the setting tasks.autoDispatch). */
  autoDispatch?: boolean;
  /** How many rows the key list has (for scrolling it). */
  helpRows: () => number;
}

export interface CommandContext extends CommandsOptions {
  /** The state when the key was read. */
  readonly state: State;
  /** Runs work in the background; keys typed behind it wait for it (see Commands.pending). */
  readonly track: (work: Promise<unknown>, what: string) => void;
  /** Runs work in the background; a failure is logged and shown, never the end of the squad. */
  readonly runTask: (work: Promise<unknown>, what: string) => void;
  /** Shows a question from the flows as a confirm dialog. */
  readonly ask: (question: Question | undefined) => void;
  /** Whose prompt the menu's answer keys act on, and whether it has only just taken over. */
  readonly answerTarget: AnswerTarget;
}

export interface Command {
  readonly run: (ctx: CommandContext) => void;
  /** Why the command can't do anything now (shown in the footer and the key list), if so. */
  readonly disabledReason?: (state: State) => string | undefined;
}

export type CommandTable<Id extends CommandId = CommandId> = { readonly [K in Id]: Command };
