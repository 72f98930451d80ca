// What a start does with the squad saved before: offer it back (squadtui went down without the
// user stopping it), start as usual (nothing saved, stopped on purpose, --fresh), or leave the file
// to another squadtui that runs here and saves it. Decided once, before the first frame.
import path from 'node:path';
import { type ProcessId, selfId } from '../pty/index.js';
import { type SavedSquad, isOffered, keepAside, ownedByOther, readSavedSquad } from './saved-squad.js';

export interface SavedStart {
  /** The squad to offer back, when there is one. */
  readonly offer?: SavedSquad;
  /** Whether this squadtui may save its squad to the file (no other live squadtui does). */
  readonly save: boolean;
  /** What to tell at start (a broken file kept aside, another owner, --fresh). */
  readonly notices: readonly string[];
}

export interface SavedStartOptions {
  /** --fresh: nothing from before is offered; a squad that would have been is kept aside. */
  readonly fresh?: boolean;
  readonly self?: ProcessId;
  readonly now?: () => Date;
}

export function savedStart(file: string, o: SavedStartOptions = {}): SavedStart {
  const self = o.self ?? selfId();
  const read = readSavedSquad(file, o.now);
  if (read.kind === 'none') return { save: true, notices: [] };
  // A file that could not be moved aside is never overwritten.
  if (read.kind === 'broken') return { save: read.keptAs !== undefined, notices: [read.problem] };
  const squad = read.squad;
  if (ownedByOther(squad, self)) {
    return { save: false, notices: [`squadtui pid ${squad.owner.pid} runs a squad here and saves it in ${file}: this one's squad is not saved.`] };
  }
  if (!isOffered(squad, self)) return { save: true, notices: [] };
  if (!o.fresh) return { offer: squad, save: true, notices: [] };
  const kept = keepAside(file, 'fresh', o.now);
  if (!kept) return { save: false, notices: [`--fresh: the squad saved in ${file} could not be moved aside, so this squad is not saved over it.`] };
  return { save: true, notices: [`--fresh: the squad saved before (${names(squad)}) is kept as ${path.basename(kept)}.`] };
}

/** The offer was declined: the saved squad is kept aside (never deleted); what to say about it. */
export function declineSaved(file: string, squad: SavedSquad, now?: () => Date): { readonly save: boolean; readonly notice: string } {
  const kept = keepAside(file, 'declined', now);
  if (!kept) return { save: false, notice: `The squad saved in ${file} could not be moved aside: this squad is not saved over it.` };
  return { save: true, notice: `The squad from before (${names(squad)}) is kept as ${kept}.` };
}

function names(squad: SavedSquad): string {
  return squad.agents.map((a) => a.name).join(', ');
}

/** Whether a start here would offer a saved squad back (--fresh aside), before anything is decided. */
export function wouldOffer(file: string, self: ProcessId = selfId()): boolean {
  const read = readSavedSquad(file);
  return read.kind === 'saved' && !ownedByOther(read.squad, self) && isOffered(read.squad, self);
}
