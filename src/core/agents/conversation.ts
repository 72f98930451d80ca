// Each agent's conversation id, as its program names it in every hook event (Claude's session_id),
// kept in the squad so a squad brought back after a restart can resume each conversation.
import type { HookEvent } from './claude-hooks/events.js';
import { type SquadStore, agentById } from '../state/index.js';

export function keepConversation(store: SquadStore, event: HookEvent): void {
  const conversation = event.payload.session_id;
  if (conversation && agentById(store.getState(), event.agentId)?.conversation !== conversation) {
    store.dispatch({ type: 'agent/conversation', id: event.agentId, conversation });
  }
}
