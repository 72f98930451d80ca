// Quitting: at once when no agent runs, else after saying what ends.
import type { CommandTable } from './types.js';

export const quit: CommandTable<'quit'> = {
  quit: {
    run: ({ state, store, onQuit }) => {
      const { agents } = state.squad;
      const running = agents.filter((a) => a.info.status === 'running');
      if (running.length === 0) return onQuit();
      const worktrees = agents.some((a) => a.worktree && !a.worktree.paused)
        ? ['Their worktrees and branches stay as they are, uncommitted work included: the next start lists them.']
        : [];
      store.dispatch({
        type: 'dialog/open',
        dialog: {
          kind: 'confirm',
          title: 'Quit squadtui?',
          body: [
            `${running.length} agent${running.length === 1 ? ' is' : 's are'} still running: ${running.map((a) => a.info.spec.name).join(', ')}.`,
            'Quitting ends them.',
            ...worktrees,
          ],
          yesLabel: 'quit',
          onYes: { kind: 'quit' },
        },
      });
    },
  },
};
