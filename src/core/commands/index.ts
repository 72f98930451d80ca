// The command controller: every command id of the keymap maps to a handler (by area, in the
// files beside this one) with an optional reason why it can't act now. Keys call run(); the
// footer and the key list call disabledReason().
import { inspect } from 'node:util';
import type { CommandId } from '../../keymap.js';
import type { AgentSpec } from '../sessions/index.js';
import type { AddField, Question, State } from '../state/index.js';
import type { StartOptions } from '../workspace/index.js';
import { editField, openAddDialog } from './add-agent.js';
import { agents } from './agents.js';
import { dialogs } from './dialogs.js';
import { inboxCommands } from './inbox.js';
import { navigation } from './navigation.js';
import { quit } from './quit.js';
import { syncWithHost } from './sync.js';
import { feedTasks } from './task-feed.js';
import { AnswerTarget } from './answer-target.js';
import { startDispatch } from './dispatch.js';
import { tasks } from './tasks.js';
import type { CommandContext, CommandTable, CommandsOptions } from './types.js';
import { views } from './views.js';

export type { Command, CommandContext, CommandTable, CommandsOptions } from './types.js';
export { freeAgentName } from './add-agent.js';
export { runConfirmAction } from './dialogs.js';
export { type OfferDeps, type RestoreDeps, offerSavedSquad, restoreQuestion, restoreSquad } from './restore.js';
export { taskPrompt } from './task-prompt.js';
export { type PickChoice, boardOrder, pickChoices, selectedTask } from './task-board.js';

/** Every command: a missing or misspelled id does not compile. */
export const COMMAND_TABLE: CommandTable = {
  ...navigation,
  ...inboxCommands,
  ...agents,
  ...views,
  ...dialogs,
  ...quit,
  ...tasks,
  'agent.add': { run: (ctx) => openAddDialog(ctx) },
};

/** Why a command can't act in this state (for the footer and the key list), or undefined. */
export function disabledReason(id: CommandId, state: State): string | undefined {
  return COMMAND_TABLE[id].disabledReason?.(state);
}

export class Commands {
  private readonly disposers: (() => void)[] = [];
  private busy: Promise<unknown> | undefined;
  private readonly answerTarget: AnswerTarget;

  constructor(private readonly o: CommandsOptions) {
    this.answerTarget = new AnswerTarget(o.store);
    this.disposers.push(syncWithHost(o), feedTasks(o), startDispatch(o), this.answerTarget.off);
  }

  dispose(): void {
    for (const d of this.disposers) d();
  }

  /** The squad runs in a background host this window can leave it to. */
  get canDetach(): boolean {
    return this.o.onDetach !== undefined;
  }

  run(id: CommandId): void {
    const ctx = this.context();
    try {
      COMMAND_TABLE[id].run(ctx);
    } catch (error) {
      this.failed(error, `running ${id}`);
    }
  }

  /** Starts an agent: its worktree (in a repository), its detector, Claude's hooks, then the program. */
  spawn(spec: AgentSpec, options: StartOptions = {}, id?: string): Promise<string> {
    return this.o.flows.start(spec, { ...options, worktree: (options.worktree ?? true) && this.o.worktreesByDefault }, id);
  }

  /** A field of the add form changed; the name follows the command until the user types one. */
  editField(field: AddField, value: string): void {
    editField(this.o, field, value);
  }

  /**
   * Work a command started to find out what to show (git runs before its dialog opens): keys
   * typed right behind the command wait for it, or they would act in the mode before the dialog
   * (a "y" meant for the merge question would answer a permission prompt).
   */
  get pending(): Promise<unknown> | undefined {
    return this.busy;
  }

  /** Runs work in the background: a failure is logged and shown, and never ends the squad. */
  runTask(work: Promise<unknown>, what: string): void {
    work.then(undefined, (error: unknown) => this.failed(error, what));
  }

  private track(work: Promise<unknown>, what: string): void {
    const done: Promise<unknown> = work
      .then(undefined, (error: unknown) => this.failed(error, what))
      .finally(() => {
        if (this.busy === done) this.busy = undefined;
      });
    this.busy = done;
  }

  private failed(error: unknown, what: string): void {
    this.o.log.error(`command failed: ${what}`, error);
    const why = error instanceof Error ? error.message : inspect(error);
    this.o.notices.notice(`Something went wrong ${what}: ${why}${this.o.log.file ? ` (details in ${this.o.log.file})` : ''}`, 'error');
  }

  private context(): CommandContext {
    return {
      ...this.o,
      state: this.o.store.getState(),
      track: (work, what) => this.track(work, what),
      runTask: (work, what) => this.runTask(work, what),
      answerTarget: this.answerTarget,
      ask: (question: Question | undefined) => {
        if (question) this.o.store.dispatch({ type: 'dialog/open', dialog: { kind: 'confirm', ...question } });
      },
    };
  }
}
