// Files that several agents change at once: the warning that comes before a merge conflict.
import type { ChangedFile } from './types.js';

export interface AgentChanges {
  readonly agent: string;
  /** Paths, or changedFiles() output (a rename counts for both its old and new path). */
  readonly files: readonly (string | ChangedFile)[];
}

export interface Overlap {
  readonly path: string;
  /** In the order the agents were given. */
  readonly agents: readonly string[];
}

/** Every path changed by two or more agents, sorted by path. */
export function findOverlaps(changes: readonly AgentChanges[]): Overlap[] {
  const byPath = new Map<string, string[]>();
  for (const { agent, files } of changes) {
    for (const file of files) {
      const paths = typeof file === 'string' ? [file] : [file.path, ...(file.oldPath ? [file.oldPath] : [])];
      for (const p of paths) {
        const agents = byPath.get(p) ?? [];
        if (!agents.includes(agent)) agents.push(agent);
        byPath.set(p, agents);
      }
    }
  }
  return [...byPath]
    .filter(([, agents]) => agents.length > 1)
    .map(([path, agents]) => ({ path, agents }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
