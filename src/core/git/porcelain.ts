// Pure parsers of git's machine-readable output. Paths come NUL-separated (-z), so names with
// spaces, quotes, newlines or non-ASCII characters arrive as they are, never quoted or escaped.
import type { ChangeKind, ChangedFile, CommitSummary, Remote, WorktreeEntry } from './types.js';

/** Splits NUL-terminated output, dropping the empty field after the last NUL. */
export function splitNul(output: string): string[] {
  const fields = output.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

/** `git worktree list --porcelain -z`: records of `key value` fields, each record ended by an empty field. */
export function parseWorktreeList(output: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: { -readonly [K in keyof WorktreeEntry]?: WorktreeEntry[K] } | undefined;
  const finish = () => {
    if (current?.path !== undefined) {
      entries.push({ detached: false, bare: false, ...current, path: current.path, isMain: entries.length === 0 });
    }
    current = undefined;
  };
  for (const field of output.split('\0')) {
    if (field === '') {
      finish();
      continue;
    }
    current ??= {};
    const space = field.indexOf(' ');
    const key = space < 0 ? field : field.slice(0, space);
    const value = space < 0 ? '' : field.slice(space + 1);
    switch (key) {
      case 'worktree':
        current.path = value;
        break;
      case 'HEAD':
        current.head = value;
        break;
      case 'branch':
        current.branch = value.replace(/^refs\/heads\//, '');
        break;
      case 'detached':
        current.detached = true;
        break;
      case 'bare':
        current.bare = true;
        break;
      case 'locked':
        current.locked = value;
        break;
      case 'prunable':
        current.prunable = value;
        break;
    }
  }
  finish();
  return entries;
}

export interface StatusEntry {
  readonly kind: 'ordinary' | 'renamed' | 'unmerged' | 'untracked' | 'ignored';
  readonly path: string;
  readonly oldPath?: string;
  /** Index (staged) and working-tree status letters; '.' means unchanged. */
  readonly index: string;
  readonly worktree: string;
}

export interface StatusV2 {
  /** Undefined before the first commit. */
  readonly oid?: string;
  /** Undefined on a detached HEAD. */
  readonly branch?: string;
  readonly entries: readonly StatusEntry[];
}

/** Splits `count` space-separated fields off the front of a line; the rest (a path) may hold spaces. */
function fieldsAndRest(line: string, count: number): { fields: string[]; rest: string } {
  const fields: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const space = line.indexOf(' ', at);
    if (space < 0) return { fields, rest: '' };
    fields.push(line.slice(at, space));
    at = space + 1;
  }
  return { fields, rest: line.slice(at) };
}

/** `git status --porcelain=v2 --branch -z`. */
export function parseStatusV2(output: string): StatusV2 {
  const fields = splitNul(output);
  const entries: StatusEntry[] = [];
  let oid: string | undefined;
  let branch: string | undefined;
  for (let i = 0; i < fields.length; i++) {
    const line = fields[i] ?? '';
    const type = line.slice(0, 2);
    if (type === '# ') {
      const { fields: [key], rest: value } = fieldsAndRest(line.slice(2), 1);
      if (key === 'branch.oid' && value !== '(initial)') oid = value;
      if (key === 'branch.head' && value !== '(detached)') branch = value;
    } else if (type === '1 ') {
      const { fields: f, rest } = fieldsAndRest(line, 8);
      entries.push({ kind: 'ordinary', path: rest, index: f[1]?.[0] ?? '.', worktree: f[1]?.[1] ?? '.' });
    } else if (type === '2 ') {
      const { fields: f, rest } = fieldsAndRest(line, 9);
      const oldPath = fields[++i] ?? '';
      entries.push({ kind: 'renamed', path: rest, oldPath, index: f[1]?.[0] ?? '.', worktree: f[1]?.[1] ?? '.' });
    } else if (type === 'u ') {
      const { fields: f, rest } = fieldsAndRest(line, 10);
      entries.push({ kind: 'unmerged', path: rest, index: f[1]?.[0] ?? 'U', worktree: f[1]?.[1] ?? 'U' });
    } else if (type === '? ') {
      entries.push({ kind: 'untracked', path: line.slice(2), index: '?', worktree: '?' });
    } else if (type === '! ') {
      entries.push({ kind: 'ignored', path: line.slice(2), index: '!', worktree: '!' });
    }
  }
  return { oid, branch, entries };
}

const LETTER_CHANGE: Record<string, ChangeKind> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
  U: 'conflicted',
};

/** What a pending (uncommitted) change amounts to, for messages and confirmations. */
export function statusChange(entry: StatusEntry): ChangeKind {
  switch (entry.kind) {
    case 'untracked':
      return 'untracked';
    case 'unmerged':
      return 'conflicted';
    case 'renamed':
      return entry.index === 'C' ? 'copied' : 'renamed';
    case 'ignored':
    case 'ordinary': {
      const letters = [entry.index, entry.worktree];
      for (const letter of ['A', 'D', 'T']) if (letters.includes(letter)) return LETTER_CHANGE[letter] ?? 'modified';
      return 'modified';
    }
    default: {
      const unreachable: never = entry.kind;
      return unreachable;
    }
  }
}

/**
 * `git diff --raw --numstat -z -M <commit>`: raw records (`:modes shas STATUS\0path\0[path\0]`)
 * give each file's kind of change; numstat records (`added\tremoved\tpath\0`, or with an empty
 * path and two more fields for a rename) give its line counts, `-` for binary files.
 */
export function parseDiffSummary(output: string): ChangedFile[] {
  const fields = splitNul(output);
  const files = new Map<string, { path: string; oldPath?: string; change: ChangeKind; added: number; removed: number; binary: boolean }>();
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.startsWith(':')) {
      const letter = field.split(' ')[4]?.[0] ?? 'M';
      const change = LETTER_CHANGE[letter] ?? 'modified';
      if (letter === 'R' || letter === 'C') {
        const oldPath = fields[++i] ?? '';
        const path = fields[++i] ?? '';
        files.set(path, { path, oldPath, change, added: 0, removed: 0, binary: false });
      } else {
        const path = fields[++i] ?? '';
        files.set(path, { path, change, added: 0, removed: 0, binary: false });
      }
      continue;
    }
    const [added = '', removed = '', inline = ''] = field.split('\t');
    let path = inline;
    if (inline === '') {
      i++; // the old path of a rename or copy
      path = fields[++i] ?? '';
    }
    const file = files.get(path) ?? { path, change: 'modified' as ChangeKind, added: 0, removed: 0, binary: false };
    const binary = added === '-' && removed === '-';
    files.set(path, { ...file, binary, added: binary ? 0 : Number(added) || 0, removed: binary ? 0 : Number(removed) || 0 });
  }
  return [...files.values()];
}

export interface MergeTreeOutcome {
  /** The merged tree (with conflict markers in conflicted files when `files` is not empty). */
  readonly tree: string;
  /** Paths with conflicts. */
  readonly files: readonly string[];
  /** git's own words on each conflict, e.g. "CONFLICT (content): Merge conflict in a.txt". */
  readonly details: readonly string[];
}

/** `git merge-tree --write-tree --name-only -z`: exit 0 is a clean merge, exit 1 a conflicted one. */
export function parseMergeTree(output: string, exitCode: number): MergeTreeOutcome {
  const fields = output.split('\0');
  const tree = fields[0]?.trim() ?? '';
  if (exitCode === 0) return { tree, files: [], details: [] };
  const files: string[] = [];
  let i = 1;
  for (; i < fields.length && fields[i] !== ''; i++) files.push(fields[i] ?? '');
  const details: string[] = [];
  // Informational messages: <count>\0<path>...\0<type>\0<message>\0
  for (i++; i < fields.length; ) {
    const count = Number(fields[i]);
    if (!Number.isInteger(count) || count < 0) break;
    const type = fields[i + 1 + count] ?? '';
    const message = (fields[i + 2 + count] ?? '').trim();
    if (type.startsWith('CONFLICT') && message) details.push(message);
    i += count + 3;
  }
  return { tree, files: [...new Set(files)], details };
}

/**
 * `git config -z --list`: `key\nvalue\0` records (a key alone is a boolean true). Section and
 * variable names come lower-cased, subsections (branch and remote names) as written.
 */
export function parseConfigList(output: string): Map<string, string[]> {
  const config = new Map<string, string[]>();
  for (const record of splitNul(output)) {
    const newline = record.indexOf('\n');
    const key = newline < 0 ? record : record.slice(0, newline);
    const value = newline < 0 ? 'true' : record.slice(newline + 1);
    config.set(key, [...(config.get(key) ?? []), value]);
  }
  return config;
}

/** The remotes configured (remote.<name>.url and .pushurl), in the order they appear. */
export function remotesFromConfig(config: ReadonlyMap<string, readonly string[]>): Remote[] {
  const remotes = new Map<string, Remote>();
  for (const [key, values] of config) {
    const match = /^remote\.(.+)\.(url|pushurl)$/.exec(key);
    if (!match?.[1]) continue;
    const name = match[1];
    const value = values.at(0) ?? '';
    const remote = remotes.get(name) ?? { name, fetchUrl: '', pushUrl: '' };
    remotes.set(name, match[2] === 'url' ? { ...remote, fetchUrl: value, pushUrl: remote.pushUrl || value } : { ...remote, pushUrl: value });
  }
  return [...remotes.values()];
}

/** `git rev-list --left-right --count A...B`: commits only on A, then only on B. */
export function parseLeftRight(output: string): { left: number; right: number } {
  const [left = '0', right = '0'] = output.trim().split(/\s+/);
  return { left: Number(left) || 0, right: Number(right) || 0 };
}

/** `git log -z --format=%H%x1f%s`. */
export function parseLog(output: string): CommitSummary[] {
  return splitNul(output)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record !== '')
    .map((record) => {
      const sep = record.indexOf('\x1f');
      return { sha: record.slice(0, sep), subject: record.slice(sep + 1) };
    });
}

/** The files listed by git's "untracked working tree files would be overwritten" refusal. */
export function parseOverwrittenFiles(stderr: string): string[] {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => /would be overwritten by/.test(l));
  if (start < 0) return [];
  const files: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('\t')) break;
    files.push(line.slice(1));
  }
  return files;
}

export function isBinaryDiff(text: string): boolean {
  return /^Binary files .* differ$/m.test(text) || /^GIT binary patch$/m.test(text);
}

export type DiffLineKind = 'header' | 'hunk' | 'added' | 'removed' | 'context' | 'note';

export interface DiffLine {
  readonly kind: DiffLineKind;
  readonly text: string;
}

/**
 * Classifies each line of a unified diff for colouring. It needs the whole text: inside a hunk a
 * line `--- x` is a removed line, outside one it is a file header.
 */
export function classifyDiff(text: string): DiffLine[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let inHunk = false;
  return lines.map((line): DiffLine => {
    if (line.startsWith('@@')) {
      inHunk = true;
      return { kind: 'hunk', text: line };
    }
    if (inHunk) {
      if (line.startsWith('+')) return { kind: 'added', text: line };
      if (line.startsWith('-')) return { kind: 'removed', text: line };
      if (line.startsWith(' ') || line === '') return { kind: 'context', text: line };
      if (line.startsWith('\\')) return { kind: 'note', text: line };
    }
    inHunk = false;
    return { kind: 'header', text: line };
  });
}

/** Bytes git looks at to call a file binary: a NUL among the first 8000. */
const BINARY_PROBE = 8000;

/** Lines in a file's content as git counts them for numstat, or binary. */
export function countLines(content: Uint8Array): { lines: number; binary: boolean } {
  if (content.subarray(0, BINARY_PROBE).includes(0)) return { lines: 0, binary: true };
  let lines = 0;
  for (const byte of content) if (byte === 10) lines++;
  if (content.length > 0 && content[content.length - 1] !== 10) lines++;
  return { lines, binary: false };
}
