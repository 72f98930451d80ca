// Answering the prompts agents wait on: from the squad menu (the selected agent's, else the
// oldest) or from the inbox view (the one under the cursor).
import type { CommandId, OptionId } from '../../keymap.js';
import type { Choice } from '../agents/index.js';
import { type State, inbox, inboxTarget } from '../state/index.js';
import type { Command, CommandContext, CommandTable } from './types.js';

type InboxId = Extract<CommandId, `inbox.${string}`>;

const NOTHING_WAITS = 'No prompt is waiting.';


const noPrompt = (state: State) => (inboxTarget(state) ? undefined : 'no prompt is waiting');

function answer(ctx: CommandContext, choice: Choice): void {
  const { store, state, notices } = ctx;
  const target = inboxTarget(state);
  if (!target) return notices.notice(NOTHING_WAITS);
  const { view } = state;
  const name = target.info.spec.name;
  // The menu's keys answer the selected agent's prompt, else the oldest: one that has just taken
  // over from another agent's (answered, dismissed) may not be the one the key was meant for. The
  // inbox view names the prompt under its cursor, so there the keys go down the list at once.
  const before = view.mode === 'inbox' ? undefined : ctx.answerTarget.justTookOverFrom();
  if (before !== undefined && before !== target.id) {
    const was = state.squad.agents.find((a) => a.id === before)?.info.spec.name ?? 'another agent';
    ctx.log.info(`${name}: not answered: its prompt took ${was}'s place a moment ago; nothing was sent`);
    return notices.show(`Nothing was sent to ${name}: its prompt took ${was}'s place a moment ago, and this key may have been meant for that one. Press it again to answer ${name}.`, 'warn', true);
  }
  if (view.mode === 'inbox') {
    // The cursor moves on to the next prompt, so the next key never lands on one not shown.
    const items = inbox(state.squad);
    const next = items[items.indexOf(target) + 1] ?? items[items.indexOf(target) - 1];
    store.dispatch({ type: 'inbox/cursor', id: next?.id });
  }
  ctx.track(
    ctx.monitor.answer(target.id, choice, target.activity.prompt).then((result) => {
      // The activity log has the answer already (the monitor records it): the footer only shows it.
      if (!result.sent) return notices.show(result.reason, 'warn', true);
      notices.show(`${name}: ${result.option}`);
      // The menu was a step on the way: once answered, the next keys go to the agent the user was
      // typing into (keys typed meanwhile wait for this). A refused answer leaves the menu open.
      const now = store.getState().view;
      if (now.mode === 'squad' && now.menuFromAgent && now.selectedId) store.dispatch({ type: 'mode', mode: 'agent' });
    }),
    `answering ${name}`,
  );
}

const answerWith = (choice: Choice): Command => ({ run: (ctx) => answer(ctx, choice), disabledReason: noPrompt });
const option = (n: number): Command => answerWith({ by: 'number', number: n });

function moveCursor({ store, state }: CommandContext, delta: number): void {
  const items = inbox(state.squad);
  if (items.length === 0) return;
  const i = Math.max(0, items.findIndex((a) => a.id === state.view.inboxCursor));
  store.dispatch({ type: 'inbox/cursor', id: items[(i + delta + items.length) % items.length]!.id });
}

function openMessage({ state, store, notices, monitor, keyLabelFor }: CommandContext): void {
  const target = inboxTarget(state);
  if (!target) return notices.notice(NOTHING_WAITS);
  const prompt = target.activity.prompt;
  const name = target.info.spec.name;
  if (prompt?.kind === 'question' && !prompt.options.some((o) => o.free)) {
    return notices.show(`${name}'s question takes no typed answer: pick an option by its number.`, 'warn', true);
  }
  if (prompt?.kind === 'trust') {
    const no = keyLabelFor('inbox.no', state.view.mode === 'inbox' ? 'inbox' : 'squad') ?? 'the no key';
    return notices.show(`Declining ${name}'s folder trust ends it: there is nothing to tell it. ${no} declines.`, 'warn', true);
  }
  // A question its hook announced before it is read on screen is answered too: the answer goes to
  // the question on screen when it is sent.
  const question = prompt ? prompt.kind === 'question' : target.activity.request?.question === true;
  const purpose = question ? 'answer' : 'deny';
  const kept = purpose === 'deny' ? (monitor.takeKeptMessage(target.id) ?? '') : '';
  store.dispatch({ type: 'dialog/open', dialog: { kind: 'message', purpose, agentId: target.id, value: kept, ...(prompt ? { prompt } : {}) } });
}

const options: CommandTable<OptionId> = {
  'inbox.option.1': option(1),
  'inbox.option.2': option(2),
  'inbox.option.3': option(3),
  'inbox.option.4': option(4),
  'inbox.option.5': option(5),
  'inbox.option.6': option(6),
  'inbox.option.7': option(7),
  'inbox.option.8': option(8),
  'inbox.option.9': option(9),
};

export const inboxCommands: CommandTable<InboxId> = {
  ...options,
  'inbox.yes': answerWith({ by: 'role', role: 'yes' }),
  'inbox.no': answerWith({ by: 'role', role: 'no' }),
  'inbox.message': { run: openMessage, disabledReason: noPrompt },
  'inbox.jump': {
    run: ({ state, store, notices }) => {
      const target = inboxTarget(state);
      if (!target) return notices.notice(NOTHING_WAITS);
      store.dispatch({ type: 'select', id: target.id });
      store.dispatch({ type: 'mode', mode: 'agent' });
    },
    disabledReason: noPrompt,
  },
  'inbox.open': {
    run: ({ state, store }) => {
      store.dispatch({ type: 'inbox/cursor', id: inbox(state.squad)[0]?.id });
      store.dispatch({ type: 'view/toggle', view: 'inbox' });
    },
  },
  'inbox.next': { run: (ctx) => moveCursor(ctx, 1) },
  'inbox.prev': { run: (ctx) => moveCursor(ctx, -1) },
};
