// Start-up once the frame is up: what there is to say, the repository inspected, the agents
// started in order, and work from earlier runs reported.
import os from 'node:os';
import type { Composed } from '../compose.js';
import { removeDeadPrivateDirs } from '../core/agents/claude-hooks/private-dir.js';
import { offerSavedSquad } from '../core/commands/index.js';
import { describeUser } from '../core/git/index.js';
import type { AgentSpec } from '../core/sessions/index.js';
import type { SavedStart } from '../core/state/index.js';
import { firstFew } from '../core/workspace/index.js';
import { keysLabel } from '../help.js';

/** Lists every agent from the first frame (git may take a moment before they start); their ids, in order. */
export function listPending(app: Composed, specs: readonly AgentSpec[], now = Date.now): string[] {
  return specs.map((spec) => {
    const id = app.host.newId();
    app.store.dispatch({ type: 'agent/pending', info: { id, spec, status: 'starting', startedAt: now() }, title: `Starting ${spec.name}…` });
    return id;
  });
}

export interface StartPlan {
  readonly specs: readonly AgentSpec[];
  /** From listPending, one per spec. */
  readonly ids: readonly string[];
  readonly cwd: string;
  readonly notices: readonly string[];
  /** Settings not applied (see Setup.problems). */
  readonly problems: readonly string[];
  /** Agents get worktrees (--no-worktree and the settings say no otherwise). */
  readonly wantWorktrees: boolean;
  /** The squad saved before (savedStart): offered back instead of `specs` when it ended without being stopped. */
  readonly saved?: SavedStart;
}

export async function startSquad(app: Composed, plan: StartPlan): Promise<void> {
  const { log, notices, workspace, store, commands, keymap } = app;
  // What squadtui processes killed with -9 left in the temp directory (they can't remove their own).
  setImmediate(() => {
    for (const base of new Set([os.tmpdir(), ...(process.platform === 'win32' ? [] : ['/tmp'])])) {
      for (const dir of removeDeadPrivateDirs(base)) log.info(`removed ${dir}, left by a squadtui that is gone`);
    }
  });
  const problems = [...plan.problems, ...app.problems];
  const told = [...problems, ...plan.notices, ...(plan.saved?.notices ?? [])];
  for (const notice of told) log.info(notice);
  if (told.length > 0) notices.notice(told.join(' '), 'warn');
  // Settings that are not applied are said over a prompt that waits at once, until the first key.
  if (problems.length > 0) notices.show(told.join(' '), 'warn', true);
  const inspected = workspace.init(plan.cwd).then(() => {
    const repo = store.getState().squad.repo;
    if (repo.kind !== 'none' || !plan.wantWorktrees) return;
    const text = repo.outside ? `Not a git repository: no worktrees, agents run in ${plan.cwd}.` : `No worktrees: ${repo.message.replace(/\.$/, '')}; agents run in ${plan.cwd}.`;
    log.info(`${text} (${repo.message})`);
    // Added after the start-up warnings, never in their place.
    notices.add(text);
  });
  let { specs, ids } = plan;
  let save = plan.saved?.save === true;
  if (plan.saved?.offer && app.saver) {
    await inspected;
    const answer = await offerSavedSquad({ ...app, file: app.saver.file }, plan.saved.offer);
    save = answer.save;
    [specs, ids] = answer.restored ? [[], []] : [specs, listPending(app, specs)];
  }
  if (save) app.saver?.start();
  if (plan.wantWorktrees) await inspected;
  // In order, so the sidebar lists them as given.
  for (const [i, spec] of specs.entries()) await commands.spawn(spec, { startup: true }, ids[i]);
  log.info(`started ${specs.length} agent(s) in ${plan.cwd}`);
  if (workspace.available) {
    const addKeys = [keysLabel(keymap, 'mode.squad', 'agent'), keysLabel(keymap, 'agent.add', 'squad') ?? 'a'].filter(Boolean).join(' ');
    void reportLeftovers(app, addKeys);
  }
}

/** Work from earlier runs that no agent here continues: said once, so nothing is forgotten. */
async function reportLeftovers({ workspace, notices }: Composed, addKeys: string): Promise<void> {
  const { worktrees, paused, inUse } = await workspace.leftovers().catch(() => ({ worktrees: [], paused: [], inUse: [] }));
  const list = (names: string[], what: string) => (names.length > 0 ? [`${firstFew(names, 6)} (${what})`] : []);
  const parts = [...list(worktrees, 'worktrees kept'), ...list(paused, 'paused')];
  if (parts.length > 0) notices.add(`From earlier runs: ${parts.join('; ')}. Add an agent of that name (${addKeys}) to continue.`);
  // Another squadtui here (or a program left running) has these: they are neither offered nor removed.
  const busy = inUse.map((u) => `${u.agent} is in use by ${describeUser(u.user)}`);
  if (busy.length > 0) notices.add(`${firstFew(busy, 4)}: not continued or removed here.`);
}
