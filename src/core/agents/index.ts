// What the agents are doing and how squadtui speaks with them: their activity from screens
// (detect/) and Claude's hooks (claude-hooks/), answers to their prompts, how each program is
// launched, notifications.
export * from './activity.js';
export * from './launcher.js';
export * from './monitor.js';
export * from './notifier.js';
export * from './prompt-answer.js';
export * from './requests.js';
export { keepConversation } from './conversation.js';
