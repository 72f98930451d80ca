// Default commit messages, made from what changed: offered to the user, who can always edit them.
import path from 'node:path';
import type { ChangeKind, PendingChange } from './types.js';

const VERBS: Record<ChangeKind, string> = {
  added: 'Add',
  untracked: 'Add',
  modified: 'Update',
  'type-changed': 'Update',
  conflicted: 'Update',
  deleted: 'Remove',
  renamed: 'Rename',
  copied: 'Copy',
};

/** Git's advice for a subject line that reads well in `git log --oneline` and on forges. */
const SUBJECT_WIDTH = 72;
/** Files listed in the body before "and N more". */
const BODY_FILES = 30;

/** Names joined as "a, b and c", or "a, b and 3 more files" when they don't all fit in `width`. */
function listWithin(names: readonly string[], width: number): string {
  const joined = (shown: readonly string[], rest: number) => {
    if (rest > 0) return `${shown.join(', ')} and ${rest} more file${rest === 1 ? '' : 's'}`;
    return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
  };
  for (let count = names.length; count > 0; count--) {
    const text = joined(names.slice(0, count), names.length - count);
    if (text.length <= width) return text;
  }
  return `${names.length} files`;
}

/**
 * "Update login.ts", "Add a.ts, b.ts and 3 more files", "Update 12 files": a subject from the
 * changes, and for several files a body listing each one with what happened to it.
 */
export function defaultCommitMessage(changes: readonly PendingChange[]): string {
  if (changes.length === 0) return 'Update files';
  const verbs = new Set(changes.map((c) => VERBS[c.change]));
  const verb = verbs.size === 1 ? [...verbs][0] : 'Update';
  const subject = `${verb} ${listWithin(
    changes.map((c) => path.posix.basename(c.path)),
    SUBJECT_WIDTH - (verb?.length ?? 0) - 1,
  )}`;
  if (changes.length === 1) return subject;
  const body = changes.slice(0, BODY_FILES).map((c) => `- ${VERBS[c.change].toLowerCase()} ${c.path}`);
  if (changes.length > BODY_FILES) body.push(`- and ${changes.length - BODY_FILES} more`);
  return `${subject}\n\n${body.join('\n')}`;
}

/** The message of the commit that saves uncommitted work before a worktree goes away. */
export function wipCommitMessage(changes: readonly PendingChange[], why: 'pause' | 'remove'): string {
  const when = why === 'pause' ? 'pausing the agent' : 'removing the worktree';
  const files = changes.slice(0, BODY_FILES).map((c) => `- ${VERBS[c.change].toLowerCase()} ${c.path}`);
  if (changes.length > BODY_FILES) files.push(`- and ${changes.length - BODY_FILES} more`);
  return `WIP: uncommitted work saved before ${when}\n\nsquadtui committed these so that nothing is lost:\n${files.join('\n')}`;
}
