// What the squad menu does to the selected agent: close, restart, pause, and its worktree's
// changes, commit, merge and editor.
import type { CommandId } from '../../keymap.js';
import { type AgentView, type State, hasEnded, selectedAgent } from '../state/index.js';
import { openDiff } from './views.js';
import type { Command, CommandContext, CommandTable } from './types.js';

type AgentsId = Extract<CommandId, 'agent.close' | 'agent.restart' | 'agent.pause' | 'agent.diff' | 'agent.commit' | 'agent.merge' | 'agent.editor'>;

/** Why a worktree command can't act on the selected agent, if so. */
export function worktreeReason(agent: AgentView | undefined): string | undefined {
  if (!agent) return 'no agent selected';
  if (!agent.worktree) return 'no worktree';
  if (agent.worktree.paused) return 'paused: resume it first';
  return undefined;
}

/** Runs `act` on the selected agent, if there is one. */
function onSelected(act: (ctx: CommandContext, agent: AgentView) => void): (ctx: CommandContext) => void {
  return (ctx) => {
    const selected = selectedAgent(ctx.state);
    if (selected) act(ctx, selected);
  };
}

const worktreeCommand = (act: (ctx: CommandContext, agent: AgentView) => void): Command => ({
  run: onSelected(act),
  disabledReason: (state: State) => worktreeReason(selectedAgent(state)),
});

export const agents: CommandTable<AgentsId> = {
  'agent.close': {
    run: onSelected((ctx, agent) => ctx.track(ctx.flows.requestClose(agent.id).then(ctx.ask), `closing ${agent.info.spec.name}`)),
    disabledReason: (state) => (selectedAgent(state) ? undefined : 'no agent selected'),
  },
  'agent.restart': {
    run: onSelected((ctx, agent) => {
      if (hasEnded(agent)) ctx.runTask(ctx.flows.restart(agent.id), `restarting ${agent.info.spec.name}`);
      else ctx.notices.notice(`${agent.info.spec.name} is still running; it can be restarted once it exits.`, 'warn');
    }),
    disabledReason: (state) => {
      const agent = selectedAgent(state);
      if (!agent) return 'no agent selected';
      return hasEnded(agent) ? undefined : 'only once it has exited';
    },
  },
  'agent.pause': worktreeCommand((ctx, agent) => ctx.track(ctx.flows.requestPause(agent.id).then(ctx.ask), `pausing ${agent.info.spec.name}`)),
  'agent.diff': worktreeCommand((ctx, agent) => ctx.track(openDiff(ctx, agent.id), `reading ${agent.info.spec.name}'s changes`)),
  'agent.commit': worktreeCommand((ctx, agent) =>
    ctx.track(
      ctx.flows.commitMessage(agent.id).then((value) => {
        if (value !== undefined) ctx.store.dispatch({ type: 'dialog/open', dialog: { kind: 'commit', agentId: agent.id, value } });
      }),
      `committing ${agent.info.spec.name}'s work`,
    ),
  ),
  'agent.merge': worktreeCommand((ctx, agent) =>
    ctx.track(
      ctx.flows.requestMerge(agent.id).then((question) => {
        // The user may have moved on while git ran.
        if (!ctx.store.getState().view.dialog) ctx.ask(question);
      }),
      `merging ${agent.info.spec.name}'s work`,
    ),
  ),
  'agent.editor': {
    run: ({ state, flows }) => {
      const { view } = state;
      const id = view.mode === 'diff' ? view.diff?.agentId : view.selectedId;
      if (!id) return;
      const diff = view.diff;
      const file = view.mode === 'diff' ? (diff?.open?.path ?? diff?.files?.[diff.cursor]?.path) : undefined;
      flows.editor(id, file);
    },
    disabledReason: (state) => (state.view.mode === 'diff' || selectedAgent(state) ? undefined : 'no agent selected'),
  },
};
