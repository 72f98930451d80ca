// Quitting: at once when no agent runs, else after saying what ends; with a background host, the
// question offers to detach instead (the agents keep running).
import type { State } from '../state/index.js';
import type { CommandTable } from './types.js';

const NO_HOST = 'the squad runs in this window (started with --no-host)';

export const quit: CommandTable<'quit' | 'detach'> = {
  quit: {
    run: ({ state, store, onQuit, onDetach, keyLabelFor, demo }) => {
      const { agents } = state.squad;
      const running = agents.filter((a) => a.info.status === 'running');
      if (running.length === 0) return onQuit();
      const worktrees = demo
        ? ["The demo's throwaway repository goes with them when they stop."]
        : agents.some((a) => a.worktree && !a.worktree.paused)
          ? ['Their worktrees and branches stay as they are, uncommitted work included: the next start lists them.']
          : [];
      const who = `${running.length} agent${running.length === 1 ? ' is' : 's are'} still running: ${running.map((a) => a.info.spec.name).join(', ')}.`;
      const detachKey = keyLabelFor('detach', 'confirm');
      store.dispatch({
        type: 'dialog/open',
        dialog: onDetach
          ? {
              kind: 'confirm',
              title: 'Quit squadtui?',
              body: [
                who,
                `Detach${detachKey ? ` (${detachKey})` : ''}: this window closes and they keep working; squadtui here (or squadtui attach) brings them back.`,
                'Stop: they end.',
                ...worktrees,
              ],
              yesLabel: 'stop the squad',
              onYes: { kind: 'quit' },
              alt: { action: { kind: 'detach' }, label: 'detach' },
            }
          : { kind: 'confirm', title: 'Quit squadtui?', body: [who, 'Quitting ends them.', ...worktrees], yesLabel: 'quit', onYes: { kind: 'quit' } },
      });
    },
  },
  detach: {
    run: (ctx) => {
      const { store, onDetach, notices } = ctx;
      if (!onDetach) return notices.notice(`Nothing to detach from: ${NO_HOST}.`, 'warn');
      if (store.getState().view.dialog?.kind === 'confirm') store.dispatch({ type: 'dialog/close' });
      onDetach();
    },
    disabledReason: (state: State) => {
      const dialog = state.view.dialog;
      if (dialog?.kind === 'confirm' && dialog.alt?.action.kind !== 'detach') return 'this question is not about quitting';
      return undefined;
    },
  },
};
