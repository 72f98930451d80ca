// Keys inside dialogs: moving between fields, clearing, and what confirming each dialog does.
import type { CommandId } from '../../keymap.js';
import type { CommitDialog, ConfirmAction, ConfirmDialog, MessageDialog } from '../state/index.js';
import { moveField, submitAdd, toggleWorktree } from './add-agent.js';
import { deleteTask, submitTask } from './tasks.js';
import type { CommandContext, CommandTable } from './types.js';

type DialogsId = Extract<CommandId, `dialog.${string}`>;

/** Does what a question's answer says; a new kind of action does not compile until it is handled here. */
export function runConfirmAction(ctx: CommandContext, action: ConfirmAction): void {
  switch (action.kind) {
    case 'quit':
      ctx.onQuit();
      return;
    case 'detach':
      ctx.onDetach?.();
      return;
    case 'close':
      ctx.runTask(ctx.flows.close(action.id).then(ctx.ask), 'closing the agent');
      return;
    case 'pause':
      ctx.runTask(ctx.flows.pause(action.id).then(ctx.ask), 'pausing the agent');
      return;
    case 'merge':
      ctx.runTask(ctx.flows.merge(action.id, action.push).then(ctx.ask), 'merging');
      return;
    case 'task-delete':
      deleteTask(ctx, action.id);
      return;
    case 'restore':
      ctx.onRestore?.(action.accept);
      return;
    case 'none':
      return;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function confirm(ctx: CommandContext, dialog: ConfirmDialog): void {
  ctx.store.dispatch({ type: 'dialog/close' });
  runConfirmAction(ctx, dialog.onYes);
}

function commit(ctx: CommandContext, dialog: CommitDialog): void {
  ctx.store.dispatch({ type: 'dialog/close' });
  const message = dialog.value.trim();
  if (message === '') ctx.notices.notice('A commit needs a message; nothing was committed.', 'warn');
  else ctx.runTask(ctx.flows.commit(dialog.agentId, message), 'committing');
}

function message(ctx: CommandContext, dialog: MessageDialog): void {
  const { store, monitor, notices } = ctx;
  store.dispatch({ type: 'dialog/close' });
  const view = store.getState().view;
  if (view.mode === 'squad' && view.menuFromAgent) store.dispatch({ type: 'mode', mode: 'agent' });
  const answered =
    dialog.purpose === 'answer'
      ? monitor.answer(dialog.agentId, { by: 'text', text: dialog.value }, dialog.prompt)
      : monitor.answerWithMessage(dialog.agentId, dialog.value, dialog.prompt);
  ctx.track(
    answered.then((result) => {
      if (!result.sent) notices.show(result.reason, 'warn');
      else if (dialog.purpose === 'answer') notices.show(`Answered: ${result.option}`);
      else if (dialog.value.trim()) notices.show('Denied, and told the agent what to do instead.');
      else notices.show(`Denied: ${result.option}`);
    }),
    'sending the message',
  );
}

function submit(ctx: CommandContext): void {
  const dialog = ctx.store.getState().view.dialog;
  switch (dialog?.kind) {
    case undefined:
      return;
    case 'confirm':
      return confirm(ctx, dialog);
    case 'commit':
      return commit(ctx, dialog);
    case 'message':
      return message(ctx, dialog);
    case 'add':
      return ctx.track(submitAdd(ctx, dialog), 'adding the agent');
    case 'task':
      return submitTask(ctx, dialog);
    default: {
      const unreachable: never = dialog;
      return unreachable;
    }
  }
}

/** The next or previous field of the add form or the task dialog. */
function moveBetween(ctx: CommandContext, delta: number): void {
  const dialog = ctx.state.view.dialog;
  if (dialog?.kind === 'task') ctx.store.dispatch({ type: 'task/patch', patch: { field: dialog.field === 'title' ? 'description' : 'title' } });
  else moveField(ctx, delta);
}

export const dialogs: CommandTable<DialogsId> = {
  'dialog.next': { run: (ctx) => moveBetween(ctx, 1) },
  'dialog.prev': { run: (ctx) => moveBetween(ctx, -1) },
  'dialog.worktree': {
    run: toggleWorktree,
    disabledReason: (state) => (state.squad.repo.kind === 'repo' ? undefined : 'no worktrees here'),
  },
  'dialog.clear': {
    run: ({ state, store }) => {
      const dialog = state.view.dialog;
      if (dialog?.kind === 'add') store.dispatch({ type: 'dialog/value', field: dialog.field, value: '' });
      else if (dialog?.kind === 'message') store.dispatch({ type: 'message/value', value: '' });
      else if (dialog?.kind === 'commit') store.dispatch({ type: 'commit/value', value: '' });
      else if (dialog?.kind === 'task') store.dispatch({ type: 'task/value', field: dialog.field, value: '' });
    },
  },
  'dialog.alt': {
    run: (ctx) => {
      const dialog = ctx.state.view.dialog;
      if (dialog?.kind !== 'confirm' || !dialog.alt) return;
      ctx.store.dispatch({ type: 'dialog/close' });
      runConfirmAction(ctx, dialog.alt.action);
    },
    disabledReason: (state) => (state.view.dialog?.kind === 'confirm' && state.view.dialog.alt ? undefined : 'this question has one answer'),
  },
  'dialog.submit': { run: submit },
  'dialog.cancel': {
    run: (ctx) => {
      const dialog = ctx.state.view.dialog;
      ctx.store.dispatch({ type: 'dialog/close' });
      if (dialog?.kind === 'confirm' && dialog.onNo) runConfirmAction(ctx, dialog.onNo);
    },
  },
};
