// Bringing back a saved squad (state/saved-squad.ts) after squadtui went down without being
// stopped: the question that shows what comes back, then each agent started again in its own
// worktree (Claude resuming its conversation), and the activity log. A worktree or directory that
// is gone, or one another squadtui or program now has, is listed, never guessed at.
import path from 'node:path';
import { describeUser } from '../git/index.js';
import type { Logger } from '../util/index.js';
import type { AgentSpec, SessionHost } from '../sessions/index.js';
import { type Notices, type Question, type SavedAgent, type SavedSquad, type SquadAction, type Store, declineSaved } from '../state/index.js';
import { type StartOptions, type Workspace, type WorktreeFlows, firstFew, folderGone, relativeInside } from '../workspace/index.js';

export interface RestoreDeps {
  readonly host: SessionHost;
  readonly store: { dispatch(action: SquadAction): void };
  readonly flows: WorktreeFlows;
  readonly workspace: Workspace;
  readonly notices: Notices;
  readonly log: Logger;
}

export interface OfferDeps extends RestoreDeps {
  /** The window's store, where the question opens. */
  readonly store: Store;
  /** Where the squad was saved (it is kept aside there on "no"). */
  readonly file: string;
  /** Hears the answer to the question (Commands' onRestore). */
  readonly onRestoreAnswer: (listener: (accept: boolean) => void) => () => void;
}

/**
 * Asks whether to bring the saved squad back and does what the answer says: brings it back, or
 * keeps the save aside for the usual squad. `save`: whether this squad may now be saved to the file.
 */
export async function offerSavedSquad(d: OfferDeps, squad: SavedSquad): Promise<{ readonly restored: boolean; readonly save: boolean }> {
  const accept = await new Promise<boolean>((resolve) => {
    const off = d.onRestoreAnswer((answer) => {
      off();
      resolve(answer);
    });
    d.store.dispatch({ type: 'dialog/open', dialog: { kind: 'confirm', ...restoreQuestion(squad, d.file) } });
  });
  if (accept) {
    await restoreSquad(d, squad);
    return { restored: true, save: true };
  }
  const declined = declineSaved(d.file, squad);
  // The question said where the save goes: the activity log keeps the name, the footer stays for start-up news.
  d.log.info(declined.notice);
  d.store.dispatch({ type: 'log/add', entry: { at: Date.now(), text: declined.notice, kind: 'notice' } });
  return { restored: false, save: declined.save };
}

/** Agents listed one per line in the question. */
const MAX_LISTED = 8;

/** The offer: every agent with where it comes back and what it resumes, and what "no" does. */
export function restoreQuestion(squad: SavedSquad, file: string): Question {
  // A long squad is cut short so the answer keys stay on screen.
  const shown = squad.agents.length > MAX_LISTED ? squad.agents.slice(0, MAX_LISTED - 1) : squad.agents;
  const lines = shown.map((a) => `  ${a.name}: ${describeAgent(a)}`);
  if (shown.length < squad.agents.length) lines.push(`  … and ${squad.agents.slice(shown.length).map((a) => a.name).join(', ')}`);
  const log = squad.log.length > 0 ? [`Its activity log (${squad.log.length} entr${squad.log.length === 1 ? 'y' : 'ies'}) comes back too.`] : [];
  return {
    title: 'Bring back the squad that ran here?',
    body: [
      `squadtui (pid ${squad.owner.pid}) ended without stopping its squad of ${count(squad.agents.length)}:`,
      ...lines,
      ...log,
      `Otherwise the usual squad starts, and the saved one is kept aside (beside ${file}).`,
    ],
    yesLabel: 'bring it back',
    noLabel: 'start as usual',
    onYes: { kind: 'restore', accept: true },
    onNo: { kind: 'restore', accept: false },
  };
}

function describeAgent(a: SavedAgent): string {
  const program = [a.command, ...a.args].join(' ');
  const wt = a.worktree;
  if (wt?.paused) return `${program}, paused on ${wt.branch}: stays paused (add an agent of that name to continue)`;
  if (wt && folderGone(wt.path)) return `${program}: its worktree ${wt.path} is gone, not brought back`;
  if (!wt && folderGone(a.cwd)) return `${program}: its directory ${a.cwd} is gone, not brought back`;
  const where = wt ? `in ${wt.path} (${wt.branch})` : `in ${a.cwd}`;
  return `${program} ${where}, ${a.conversation ? `resuming conversation ${a.conversation}` : 'started again'}`;
}

/** Brings the squad back: the activity log, then each agent in order; what could not come back is said once. */
export async function restoreSquad(d: RestoreDeps, squad: SavedSquad): Promise<void> {
  for (const entry of squad.log) d.store.dispatch({ type: 'log/add', entry });
  const left: string[] = [];
  let started = 0;
  for (const agent of squad.agents) {
    const place = await placeOf(d, agent);
    if (typeof place === 'string') {
      left.push(`${agent.name} (${place})`);
      continue;
    }
    const id = d.host.newId();
    const spec: AgentSpec = {
      name: agent.name,
      command: agent.command,
      args: agent.args,
      cwd: place.cwd,
      ...(agent.env ? { env: agent.env } : {}),
      ...(agent.detector ? { detector: agent.detector } : {}),
      ...(agent.label ? { label: agent.label } : {}),
    };
    const options: StartOptions = { worktree: place.continueIn !== undefined, continueIn: place.continueIn, conversation: agent.conversation };
    // start() lists the agent before it awaits anything: its conversation is known from the start.
    const starting = d.flows.start(spec, options, id);
    if (agent.conversation) d.store.dispatch({ type: 'agent/conversation', id, conversation: agent.conversation });
    await starting;
    started++;
  }
  const back = `Brought back ${count(started)} of the squad from before${left.length > 0 ? `; not brought back: ${firstFew(left, 4)}` : ''}.`;
  d.log.info(`${back} (${squad.log.length} activity log entries)`);
  d.notices.notice(back, left.length > 0 ? 'warn' : 'info');
}

type Place = { readonly cwd: string; readonly continueIn?: { path: string; branch: string; base: string } };

/** Where the agent comes back, or why it can't. */
async function placeOf(d: RestoreDeps, agent: SavedAgent): Promise<Place | string> {
  const wt = agent.worktree;
  if (!wt) return folderGone(agent.cwd) ? `its directory ${agent.cwd} is gone` : { cwd: agent.cwd };
  if (wt.paused) return `paused on ${wt.branch}`;
  const top = d.workspace.topLevel;
  if (!d.workspace.available || !top) return `no repository here for its worktree ${wt.path}`;
  const existing = await d.workspace.existing(wt.branch).catch((error: unknown) => void d.log.error(`looking for ${wt.branch}'s worktree`, error));
  if (folderGone(wt.path) || !existing || path.resolve(existing.path) !== path.resolve(wt.path)) return `its worktree ${wt.path} is gone`;
  const user = d.workspace.usedBy(wt.branch, wt.path);
  if (user) return `its worktree is in use by ${describeUser(user)}`;
  // Said as the same directory of the main checkout: start() finds it again inside the worktree.
  const cwd = path.join(top, relativeInside(wt.path, agent.cwd) ?? '');
  return { cwd, continueIn: existing };
}

function count(n: number): string {
  return `${n} agent${n === 1 ? '' : 's'}`;
}
