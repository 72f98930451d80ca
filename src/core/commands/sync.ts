// Keeps the store in step with the session host (host events → squad state), and the host with
// the window (the selected agent is the one watched; a changed agent's worktree is looked at again).
import type { Launcher } from '../agents/index.js';
import type { Monitor } from '../agents/index.js';
import type { SessionHost } from '../sessions/index.js';
import type { Store } from '../state/index.js';
import type { Workspace } from '../workspace/index.js';

export interface SyncOptions {
  host: SessionHost;
  store: Store;
  launcher: Launcher;
  monitor: Monitor;
  workspace: Workspace;
  /** An agent rang its terminal bell. */
  onBell?: (agentId: string) => void;
}

/** A changed activity means news in the worktree, a moment later (the agent may still be writing). */
const ACTIVITY_REFRESH_MS = 300;

/** Starts both directions; returns what stops them. */
export function syncWithHost(o: SyncOptions): () => void {
  const { host, store } = o;
  const offEvents = host.onEvent((e) => {
    switch (e.type) {
      case 'info':
        store.dispatch({ type: 'agent/info', info: e.info });
        o.monitor.sessionChanged(e.info);
        break;
      case 'removed':
        o.launcher.forget(e.id);
        o.monitor.forget(e.id);
        store.dispatch({ type: 'agent/removed', id: e.id });
        break;
      case 'output':
        store.dispatch({ type: 'agent/output', id: e.id, at: e.at });
        break;
      case 'screen':
        // An agent that draws is probably changing files: look at its worktree again soon.
        o.workspace.refresh(e.id);
        break;
      case 'title':
        // Not shown: Claude animates its title while it works, which would redraw the sidebar.
        break;
      case 'bell':
        // squadtui draws the agent's screen, so the outer terminal would never hear its bell.
        o.onBell?.(e.id);
        break;
      default: {
        const unreachable: never = e;
        return unreachable;
      }
    }
  });
  let watched: string | undefined;
  const states = new Map<string, string>();
  const offStore = store.subscribe(() => {
    const { squad, view } = store.getState();
    if (view.selectedId !== watched) {
      watched = view.selectedId;
      host.watch(watched);
    }
    // A turn ended, a prompt came or went, the agent exited: its worktree has news.
    for (const a of squad.agents) {
      if (states.get(a.id) !== a.activity.state) {
        states.set(a.id, a.activity.state);
        if (a.worktree) o.workspace.refresh(a.id, ACTIVITY_REFRESH_MS);
      }
    }
    if (states.size > squad.agents.length) {
      for (const id of states.keys()) if (!squad.agents.some((a) => a.id === id)) states.delete(id);
    }
  });
  return () => {
    offEvents();
    offStore();
  };
}
