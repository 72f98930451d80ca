// The demo squad's task graph: a diamond, so that a newcomer sees one task unblock two, and two
// unblock the last. The throwaway repository starts with it; each scripted agent works its own tasks.
import { TaskStore } from '../core/tasks/store.js';
import type { TaskChange } from '../core/tasks/rules.js';

export interface DemoTask {
  readonly title: string;
  readonly description: string;
  readonly after: readonly number[];
  /** The role that claims it (through `squadtui task claim`, as any agent could). */
  readonly role: 'planner' | 'coder' | 'tester';
}

export const DEMO_TASKS: readonly DemoTask[] = [
  { title: 'Plan the signup change', description: 'Decide what the signup form checks.', after: [], role: 'planner' },
  { title: 'Implement e-mail validation', description: 'src/signup.ts refuses an e-mail without @.', after: [1], role: 'coder' },
  { title: 'Write the signup tests', description: 'Cover the new validation.', after: [1], role: 'tester' },
  { title: 'Review and merge', description: 'Read the change, run the tests, merge.', after: [2, 3], role: 'planner' },
];

/** The ids (1-based, as the store numbers a new board) of the tasks `role` works, in order. */
export function demoTasksOf(role: string): number[] {
  return DEMO_TASKS.flatMap((t, i) => (t.role === role ? [i + 1] : []));
}

/** Writes the graph into the repository's task file (created there, shared by its worktrees). */
export function seedDemoTasks(dir: string): void {
  const changes: TaskChange[] = DEMO_TASKS.map((t) => ({ kind: 'create', title: t.title, description: t.description, deps: t.after }));
  TaskStore.forDir(dir).changeAll(changes);
}
