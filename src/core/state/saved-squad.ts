// The squad as saved on disk, to bring it back after squadtui (or the machine) went down: each
// agent's program, directory, worktree and conversation, the activity log, whether the user
// stopped the squad on purpose, and which process owns the file. The task board is not in it (it
// has its own file, tasks.json). The file lives beside tasks.json: <git common dir>/squadtui/
// squad.json in a repository (shared by all its worktrees), else in squadtui's data directory
// under the name made from the directory (tasksLocation).
import { renameSync } from 'node:fs';
import path from 'node:path';
import { type ProcessId, isRunning, sameProcess } from '../pty/index.js';
import { tasksLocation } from '../tasks/index.js';
import { BROKEN, MISSING, readJsonFile } from '../util/index.js';
import * as z from '../util/zod.js';
import type { SquadState } from './squad-state.js';

export const SQUAD_FILE = 'squad.json';

const SavedAgentSchema = z.object({
  name: z.string().check(z.minLength(1)),
  command: z.string().check(z.minLength(1)),
  args: z.array(z.string()),
  /** Where its program ran (inside its worktree when it has one). */
  cwd: z.string().check(z.minLength(1)),
  env: z.optional(z.record(z.string(), z.string())),
  detector: z.optional(z.string()),
  label: z.optional(z.string()),
  worktree: z.optional(z.object({ path: z.string(), branch: z.string(), base: z.string(), paused: z.optional(z.boolean()) })),
  /** The program's conversation id (Claude's session_id), to resume it. */
  conversation: z.optional(z.string()),
});

const LogEntrySchema = z.object({
  at: z.number(),
  agent: z.optional(z.string()),
  text: z.string(),
  kind: z.enum(['auto-approve', 'answer', 'dropped', 'notice']),
});

export const SavedSquadSchema = z.object({
  version: z.literal(1),
  owner: z.object({ pid: z.number(), start: z.string() }),
  /** The user ended the squad on purpose: nothing to offer back. */
  stopped: z.boolean(),
  agents: z.array(SavedAgentSchema),
  log: z.array(LogEntrySchema),
});

export type SavedSquad = z.infer<typeof SavedSquadSchema>;
export type SavedAgent = z.infer<typeof SavedAgentSchema>;

/** Where the squad of work in `dir` is saved (see the top of this file). */
export function savedSquadFile(dir: string): string {
  return path.join(path.dirname(tasksLocation(dir).file), SQUAD_FILE);
}

/** What a squad's state is saved as (nothing of a window, nothing that changes by the second). */
export function snapshotOf(state: SquadState, owner: ProcessId, stopped: boolean): SavedSquad {
  const agents = state.agents.map(({ info: { spec }, worktree, conversation }): SavedAgent => ({
    name: spec.name,
    command: spec.command,
    args: [...spec.args],
    cwd: spec.cwd,
    ...(spec.env ? { env: { ...spec.env } } : {}),
    ...(spec.detector ? { detector: spec.detector } : {}),
    ...(spec.label ? { label: spec.label } : {}),
    ...(worktree ? { worktree: { path: worktree.path, branch: worktree.branch, base: worktree.base, ...(worktree.paused ? { paused: true } : {}) } } : {}),
    ...(conversation ? { conversation } : {}),
  }));
  return { version: 1, owner: { pid: owner.pid, start: owner.start }, stopped, agents, log: state.log.map((e) => ({ ...e })) };
}

export type SavedRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'saved'; readonly squad: SavedSquad }
  /** Unreadable or not a saved squad: moved to `keptAs` (when it could be) so nothing is lost. */
  | { readonly kind: 'broken'; readonly problem: string; readonly keptAs?: string };

/** Reads the saved squad; a file that is not one is renamed aside and said so, never used or overwritten. */
export function readSavedSquad(file: string, now: () => Date = () => new Date()): SavedRead {
  const json = readJsonFile(file);
  if (json === MISSING) return { kind: 'none' };
  let why: string;
  if (json === BROKEN) why = 'it is not readable JSON';
  else {
    const parsed = SavedSquadSchema.safeParse(json);
    if (parsed.success) return { kind: 'saved', squad: parsed.data };
    const issue = parsed.error.issues[0];
    why = `it is not a saved squad (${issue ? `${issue.path.join('.') || 'top'}: ${issue.message}` : 'invalid'})`;
  }
  const keptAs = keepAside(file, 'broken', now);
  const kept = keptAs ? `It was kept as ${keptAs}` : 'It could not be moved aside and is left as it is';
  return { kind: 'broken', problem: `The saved squad ${file} can't be used: ${why}. ${kept}; the squad starts as usual.`, keptAs };
}

/** Renames the file to `<file>.<why>-<time>` (nothing is deleted); its new name, or undefined when it can't be moved. */
export function keepAside(file: string, why: string, now: () => Date = () => new Date()): string | undefined {
  const aside = `${file}.${why}-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
    return aside;
  } catch {
    return undefined;
  }
}

/** Whether a saved squad is to be offered back: not stopped on purpose, with agents, its owner gone. */
export function isOffered(squad: SavedSquad, self: ProcessId): boolean {
  return !squad.stopped && squad.agents.length > 0 && !sameProcess(squad.owner, self) && !isRunning(squad.owner);
}

/** Whether another squadtui that runs now owns the file (it saves there; this one must not). */
export function ownedByOther(squad: SavedSquad, self: ProcessId): boolean {
  return !sameProcess(squad.owner, self) && isRunning(squad.owner);
}
