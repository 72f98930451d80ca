// What the worktree functions share: one git runner (with its process limit) and the agent records.
import type { GitRunner } from './git.js';
import type { AgentRecords } from './records.js';

export interface Deps {
  readonly git: GitRunner;
  readonly records: AgentRecords;
}
