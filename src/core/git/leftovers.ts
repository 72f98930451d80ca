// The work of earlier runs that a squadtui starting here may offer to continue: agents' worktrees
// and paused branches no agent of its own uses, set apart from those another running squadtui
// holds (its paused agents included) or a program still works in.
import { workingDirs } from '../pty/index.js';
import type { WorktreeClaims } from './claims.js';
import type { WorktreeUser } from './errors.js';
import type { WorktreeList } from './types.js';

export interface Leftovers {
  /** Agents whose worktree is still in place. */
  readonly worktrees: string[];
  /** Agents whose branch waits for a resume. */
  readonly paused: string[];
  /** Agents whose worktree or branch someone else has, and who. */
  readonly inUse: { agent: string; user: WorktreeUser }[];
}

export function leftovers(list: WorktreeList, usedHere: ReadonlySet<string | undefined>, claims: WorktreeClaims | undefined): Leftovers {
  // Read once for every worktree.
  const seen = { others: claims?.othersHeld() ?? new Map(), processes: workingDirs() };
  const kept = list.worktrees.filter((w) => w.record?.state === 'active' && w.prunable === undefined && !usedHere.has(w.branch));
  const paused = list.parked.filter((r) => r.state === 'paused' && !usedHere.has(r.branch));
  const users = [
    ...kept.map((w) => ({ agent: w.record!.agent, paused: false, user: claims?.usedBy(w.branch!, w.path, seen) })),
    ...paused.map((r) => ({ agent: r.agent, paused: true, user: claims?.usedBy(r.branch, undefined, seen) })),
  ];
  return {
    worktrees: users.filter((u) => !u.user && !u.paused).map((u) => u.agent),
    paused: users.filter((u) => !u.user && u.paused).map((u) => u.agent),
    inUse: users.flatMap((u) => (u.user ? [{ agent: u.agent, user: u.user }] : [])),
  };
}
