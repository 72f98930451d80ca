// Moving between agents and modes, and scrolling the selected agent's screen.
import type { CommandId, JumpId } from '../../keymap.js';
import { selectedAgent } from '../state/index.js';
import type { Command, CommandTable } from './types.js';

type NavigationId = Extract<CommandId, `agent.${'prev' | 'next'}` | JumpId | `mode.${string}` | `scroll.${string}`>;

const noAgent = (state: Parameters<NonNullable<Command['disabledReason']>>[0]) => (selectedAgent(state) ? undefined : 'no agent selected');

function jump(n: number): Command {
  return {
    run: ({ store }) => store.dispatch({ type: 'select/index', index: n - 1 }),
    disabledReason: (state) => (state.squad.agents.length >= n ? undefined : `no agent ${n}`),
  };
}

function scroll(by: { pages: number } | 'top' | 'bottom'): Command {
  return {
    run: ({ state, host }) => {
      const selected = selectedAgent(state);
      if (selected) host.scroll(selected.id, by);
    },
    disabledReason: noAgent,
  };
}

export const navigation: CommandTable<NavigationId> = {
  'agent.prev': { run: ({ store }) => store.dispatch({ type: 'select/step', delta: -1 }) },
  'agent.next': { run: ({ store }) => store.dispatch({ type: 'select/step', delta: 1 }) },
  'agent.jump.1': jump(1),
  'agent.jump.2': jump(2),
  'agent.jump.3': jump(3),
  'agent.jump.4': jump(4),
  'agent.jump.5': jump(5),
  'agent.jump.6': jump(6),
  'agent.jump.7': jump(7),
  'agent.jump.8': jump(8),
  'agent.jump.9': jump(9),
  'mode.squad': { run: ({ store }) => store.dispatch({ type: 'mode', mode: 'squad' }) },
  'mode.agent': {
    run: ({ state, store, notices, keyLabelFor }) => {
      if (!selectedAgent(state)) {
        notices.notice(`No agent to type into: ${keyLabelFor('agent.add', 'squad') ?? 'the add key'} adds one.`, 'warn');
        return;
      }
      store.dispatch({ type: 'mode', mode: 'agent' });
    },
    disabledReason: (state) => (selectedAgent(state) ? undefined : 'no agent to type into'),
  },
  'scroll.pageUp': scroll({ pages: -1 }),
  'scroll.pageDown': scroll({ pages: 1 }),
  'scroll.top': scroll('top'),
  'scroll.bottom': scroll('bottom'),
};
