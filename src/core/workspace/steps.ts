// Steps the worktree flows are made of: making an agent's worktree (picking up its own from an
// earlier run, or taking a free name), reporting its setup, and stopping an agent before its folder goes.
import { type CreatedWorktree, NameTakenError, WorktreeInUseError } from '../git/index.js';
import type { Logger } from '../util/index.js';
import type { SessionHost } from '../sessions/index.js';
import { type Notices, type SquadStore, agentById } from '../state/index.js';
import type { Workspace } from './workspace.js';

export interface StartOptions {
  /** Own worktree and branch (default: yes in a repository, unless turned off). */
  worktree?: boolean;
  base?: string;
  /** Check out the existing branch of that name (the user chose "reuse"). */
  reuse?: boolean;
  /** Started by squadtui itself (--agents): an existing worktree of the same name is picked up. */
  startup?: boolean;
  /** The user chose to continue in this name's worktree from an earlier run. */
  pickUp?: boolean;
  /** Continue in this worktree of an earlier run (a saved squad brought back). */
  continueIn?: { path: string; branch: string; base: string };
  /** The program's conversation to resume (Claude's session id). */
  conversation?: string;
}

export interface StepDeps {
  store: SquadStore;
  workspace: Workspace;
  notices: Notices;
  log: Logger;
}

/** How long an agent gets to exit before its worktree is taken down anyway (it is killed by then). */
const STOP_TIMEOUT_MS = 5000;

/** Setup output shown in the agent's panel while it is prepared. */
export function progress(store: SquadStore, id: string, text: string): void {
  for (const line of text.split(/\r?\n/)) if (line.trim() !== '') store.dispatch({ type: 'agent/preparing', id, line });
}

/** Makes the agent's worktree; an existing one of its name is picked up or avoided as `options` say. */
export async function makeWorktree(d: StepDeps, id: string, name: string, options: StartOptions): Promise<CreatedWorktree> {
  const { workspace } = d;
  const onOutput = (text: string) => progress(d.store, id, text);
  const listed = () => agentById(d.store.getState(), id) !== undefined;
  if (options.continueIn) {
    // Its own worktree from before, as it is (throws when another squadtui or a program has it).
    if (listed()) workspace.continueIn(id, name, options.continueIn);
    return pickedUp(name, options.continueIn);
  }
  let created: CreatedWorktree;
  try {
    created = await workspace.create(name, { base: options.base, reuseBranch: options.reuse, onOutput });
  } catch (error) {
    if (!(error instanceof NameTakenError || error instanceof WorktreeInUseError) || !(options.startup || options.pickUp)) throw error;
    // The same agent's worktree from an earlier run is picked up as it is, unless another
    // squadtui (or a program left running) has it. Otherwise, for squadtui's own names, its
    // branch is reused or a free name is taken.
    let inUse = error instanceof WorktreeInUseError ? error : undefined;
    const existing = error instanceof NameTakenError ? await workspace.existing(error.branch) : undefined;
    if (error instanceof NameTakenError && existing && existing.path === error.path) {
      try {
        // Closed meanwhile: not taken, it stays for a later run.
        if (!listed()) return pickedUp(name, existing);
        workspace.continueIn(id, name, existing);
        d.notices.notice(`${name} continues in its worktree from before (${existing.branch}).`);
        return pickedUp(name, existing);
      } catch (inUseError) {
        if (!(inUseError instanceof WorktreeInUseError)) throw inUseError;
        inUse = inUseError;
      }
    }
    if (!options.startup) throw inUse ?? error;
    const nameTaken = inUse ? undefined : (error as NameTakenError);
    const canReuse = nameTaken !== undefined && nameTaken.taken.branchExists && !nameTaken.taken.branchCheckedOutAt && !nameTaken.taken.pathExists;
    // A worktree still being made by another squadtui is not in the plan yet: then name-2.
    const other = nameTaken?.suggestion ?? (await workspace.plan(name)).suggestion ?? `${name}-2`;
    created = canReuse
      ? await workspace.create(name, { base: options.base, reuseBranch: true, onOutput })
      : await workspace.create(other, { base: options.base, onOutput });
    if (inUse) d.notices.notice(`${inUse.message.replace(/\.$/, '')}: this ${name} works in ${created.branch}.`, 'warn');
    else if (!canReuse) d.notices.notice(`${name}'s branch or folder was taken: its worktree is ${created.branch}.`, 'warn');
    // Its branch from before (kept when its worktree went), with whatever was committed there.
    else d.notices.notice(`${name} works on its branch from before, ${created.branch}, as it is.`, 'warn');
  }
  // Closed meanwhile: the worktree stays (listed at the next start), nobody watches or holds it.
  if (listed()) workspace.attach(id, { path: created.path, branch: created.branch, base: created.base.name });
  else workspace.release(created.branch);
  reportSetup(d, name, created);
  return created;
}

/** A failed setup command is said, and the end of its output kept in the activity log. */
function reportSetup(d: StepDeps, name: string, created: CreatedWorktree): void {
  if (created.setup && !created.setup.ok) {
    const why = created.setup.error ?? `exit code ${created.setup.exitCode ?? created.setup.signal}`;
    d.notices.notice(`Setup "${created.setup.command}" failed in ${name}'s worktree (${why}); the agent starts anyway.`, 'warn');
    d.log.info(`setup failed for ${name}: ${created.setup.lastLines.join(' | ')}`);
    // Its output is gone from the panel once the agent starts: the log keeps the end of it.
    for (const line of created.setup.lastLines) d.store.dispatch({ type: 'log/add', entry: { at: Date.now(), agent: name, text: `setup: ${line}`, kind: 'notice' } });
  }
  if (created.included.skipped.length > 0) d.log.info(`${name}: .worktreeinclude skipped ${created.included.skipped.map((s) => s.path).join(', ')}`);
}

/** What start() reports for a worktree from an earlier run that an agent continues in. */
function pickedUp(name: string, existing: { path: string; branch: string; base: string }): CreatedWorktree {
  return { agentName: name, branch: existing.branch, path: existing.path, base: { name: existing.base, kind: 'branch', sha: '' }, reused: true, included: { patterns: false, copied: [], skipped: [] } };
}

/** Ends the agent's program and waits for it to be gone (its directory may go next). */
export function stopAgent(host: SessionHost, id: string): Promise<void> {
  const info = host.get(id);
  if (!info || (info.status !== 'running' && info.status !== 'starting')) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve();
    }, STOP_TIMEOUT_MS);
    const off = host.onEvent((e) => {
      if (e.type === 'info' && e.info.id === id && e.info.status !== 'running' && e.info.status !== 'starting') {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    host.kill(id);
  });
}
