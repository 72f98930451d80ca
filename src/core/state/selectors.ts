// Reading the state: every lookup the services and the UI share, in one place.
import type { AgentView, SquadState } from './squad-state.js';
import type { State } from './store.js';
import type { ViewState } from './view-state.js';

export function agentById(squad: SquadState, id: string | undefined): AgentView | undefined {
  return findAgent(squad.agents, id);
}

/** The agent of that id in a list of agents (a slice the UI subscribed to). */
export function findAgent(agents: readonly AgentView[], id: string | undefined): AgentView | undefined {
  return id === undefined ? undefined : agents.find((a) => a.id === id);
}

export function agentNames(squad: SquadState): string[] {
  return squad.agents.map((a) => a.info.spec.name);
}

export function selectedAgent(state: State): AgentView | undefined {
  return agentById(state.squad, state.view.selectedId);
}

/** Every agent waiting on a permission prompt, oldest first: the inbox. */
export function inbox(squad: SquadState): AgentView[] {
  return waitingAgents(squad.agents);
}

/** The inbox from a list of agents (a slice the UI subscribed to). */
export function waitingAgents(agents: readonly AgentView[]): AgentView[] {
  return agents.filter((a) => a.activity.state === 'permission').sort((a, b) => a.activity.since - b.activity.since);
}

/**
 * The inbox item commands act on: in the inbox view the one under the cursor (or the first);
 * elsewhere the selected agent's own prompt when it shows one, else the oldest.
 */
export function inboxTarget(state: State): AgentView | undefined {
  const items = inbox(state.squad);
  if (state.view.mode === 'inbox') return items.find((a) => a.id === state.view.inboxCursor) ?? items[0];
  return items.find((a) => a.id === state.view.selectedId) ?? items[0];
}

export function isRunning(agent: AgentView): boolean {
  return agent.info.status === 'running' || agent.info.status === 'starting';
}

export function hasEnded(agent: AgentView): boolean {
  return agent.info.status === 'exited' || agent.info.status === 'failed';
}

/** Whether the window shows a dialog (keys then edit or answer it). */
export function inDialog(view: ViewState): boolean {
  return view.mode === 'add' || view.mode === 'confirm' || view.mode === 'message' || view.mode === 'commit' || view.mode === 'task';
}

/** Whether agents get worktrees here. */
export function worktreesAvailable(squad: SquadState): boolean {
  return squad.repo.kind === 'repo';
}
