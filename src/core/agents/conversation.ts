// Each agent's conversation id, as its program names it in its hook events (Claude's session_id),
// kept in the squad so a squad brought back after a restart can resume each conversation.
import type { HookEvent } from './claude-hooks/events.js';
import { type SquadStore, agentById } from '../state/index.js';

/**
 * A new conversation (a start, or /clear) is saved by the program only once something is said in
 * it: resuming it before that fails ("No conversation found"). Its id is kept from the first
 * event of a turn; a resumed or compacted one exists already.
 */
function saved(event: HookEvent): boolean {
  if (event.event !== 'SessionStart') return true;
  const source = (event.payload as { source?: string }).source;
  return source === 'resume' || source === 'compact';
}

export function keepConversation(store: SquadStore, event: HookEvent): void {
  const conversation = event.payload.session_id;
  if (!conversation || !saved(event)) return;
  if (agentById(store.getState(), event.agentId)?.conversation !== conversation) {
    store.dispatch({ type: 'agent/conversation', id: event.agentId, conversation });
  }
}
