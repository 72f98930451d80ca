// Branch and directory names for agents: whatever the user typed becomes a name git accepts as a
// branch and any file system accepts as a directory, without characters a shell would trip on.

export const DEFAULT_BRANCH_PREFIX = 'squad/';

/** Longest agent part of a branch, in characters: long enough to read, far from file-name limits. */
const MAX_LEAF = 64;

/**
 * Whether git accepts `name` as a branch, following `git check-ref-format --branch` (the rules of
 * git-check-ref-format(1)), plus git branch's own refusals of a leading dash and of `HEAD`.
 */
export function isValidBranchName(name: string): boolean {
  if (name === '' || name === '@' || name === 'HEAD' || name.startsWith('-')) return false;
  // ASCII control characters, space and ~ ^ : ? * [ \ are never allowed, nor "..", "@{" or "//".
  if (/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\//.test(name)) return false;
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

/** Cleans text into one path component: letters (any script), digits, `.`, `_`, `+` and `-`. */
function cleanComponent(text: string): string {
  let name = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}._+-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-');
  name = [...name].slice(0, MAX_LEAF).join('');
  for (;;) {
    const before = name;
    name = name.replace(/^[.-]+/, '').replace(/[.-]+$/, '').replace(/\.lock$/, '');
    if (name === before) return name;
  }
}

/**
 * The agent's part of its branch and the name of its worktree directory: "Fix: login bug #2"
 * becomes "Fix-login-bug-2". Never empty.
 */
export function cleanAgentName(agentName: string): string {
  return cleanComponent(agentName) || 'agent';
}

/**
 * Cleans a configured branch prefix component by component. A trailing `/`, `-` or `_` is kept,
 * since it separates the prefix from the agent's name ("squad/" gives squad/alice, "ai-" ai-alice).
 */
export function cleanBranchPrefix(prefix: string): string {
  const parts = prefix.split('/').map(cleanComponent).filter(Boolean);
  if (parts.length === 0) return '';
  const last = prefix.trim().at(-1) ?? '';
  const joined = parts.join('/');
  return '/-_'.includes(last) && !joined.endsWith(last) ? joined + last : joined;
}

/** The branch an agent gets: the cleaned prefix followed by its cleaned name. */
export function branchNameFor(prefix: string, agentName: string): string {
  return cleanBranchPrefix(prefix) + cleanAgentName(agentName);
}

/** The agent's part of a branch made by branchNameFor (or the last component of any other branch). */
export function agentPartOf(prefix: string, branch: string): string {
  const clean = cleanBranchPrefix(prefix);
  if (clean && branch.startsWith(clean) && branch.length > clean.length) return branch.slice(clean.length);
  return branch.split('/').at(-1) ?? branch;
}

/** Candidate names after `name` is taken: name-2, name-3, ... (alice-2 continues with alice-3). */
export function* alternativeNames(name: string): Generator<string> {
  const clean = cleanAgentName(name);
  const numbered = /^(.+)-(\d{1,3})$/.exec(clean);
  const base = numbered?.[1] ?? clean;
  for (let i = numbered ? Number(numbered[2]) + 1 : 2; ; i++) yield `${base}-${i}`;
}
