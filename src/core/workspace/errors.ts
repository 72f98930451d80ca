// The workspace's errors, and any worktree error in the words the user should read.
import { WorktreeError } from '../git/index.js';

/** A worktree action that can't be done for this agent or in this directory. */
export class WorkspaceError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** A worktree error in the words the user should read. */
export function describe(error: unknown): string {
  if (error instanceof WorktreeError || error instanceof WorkspaceError) return `${error.message} ${error.hint}`.trim();
  return error instanceof Error ? error.message : String(error);
}
