// Worktrees in use: the repository and each agent's worktree as the squad sees them (workspace.ts),
// and the flows that start, review, commit, merge, pause and remove them.
export * from './workspace.js';
export * from './flows.js';
export * from './errors.js';
export * from './messages.js';
export * from './paths.js';
export * from './steps.js';
