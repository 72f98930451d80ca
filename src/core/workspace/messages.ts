// What the worktree flows say: the bodies of their questions and the notices of their results,
// pure functions of what git found.
import type { MergeResult, RemovalImpact } from '../git/index.js';
import type { AgentView, Question } from '../state/index.js';
import { firstFew } from './paths.js';

/** The close question: what is kept, what is committed as WIP, what is not merged, what is deleted. */
export function removalBody(impact: RemovalImpact, running: boolean): string[] {
  const body = [`The branch ${impact.branch} is kept. The worktree ${impact.path} is removed.`];
  if (running) body.push('It is still running: closing ends it and everything it started.');
  if (impact.uncommitted.length > 0) {
    body.push(`Uncommitted changes (${impact.uncommitted.length}) will be committed to ${impact.branch} as a WIP commit:`);
    body.push(...impact.uncommitted.slice(0, 5).map((c) => `  ${c.change.padEnd(9)} ${c.path}`));
    if (impact.uncommitted.length > 5) body.push(`  … and ${impact.uncommitted.length - 5} more`);
  }
  if (impact.unmergedCount > 0) {
    body.push(`${impact.unmergedCount} commit${impact.unmergedCount === 1 ? ' is' : 's are'} not merged into ${impact.base ?? 'its base'}:`);
    body.push(...impact.unmergedCommits.slice(0, 5).map((c) => `  ${c.sha.slice(0, 7)} ${c.subject}`));
  }
  if (impact.ignored.length > 0) body.push(`Ignored files deleted with the worktree: ${firstFew(impact.ignored)}`);
  return body;
}

/** The pause question: what is committed, what goes, and the key that brings it back. */
export function pauseBody(impact: RemovalImpact, running: boolean, restartKey: string): string[] {
  const commits =
    impact.uncommitted.length > 0
      ? `its uncommitted changes (${impact.uncommitted.length}) to ${impact.branch} as a WIP commit`
      : `nothing (no uncommitted changes; ${impact.branch} has all its work)`;
  const body = [
    `${running ? 'Ends the agent, commits' : 'Commits'} ${commits}, and removes the folder ${impact.path}.`,
    `${restartKey} brings the worktree back from the branch and restarts the agent (Claude continues its conversation).`,
  ];
  if (impact.ignored.length > 0) {
    body.push(`Ignored files are not kept: ${firstFew(impact.ignored)} (files listed in .worktreeinclude are copied again from the main checkout).`);
  }
  return body;
}

/** A merge that conflicted: a question that only informs. */
export function conflictQuestion(result: Extract<MergeResult, { kind: 'conflict' }>): Question {
  return {
    info: true,
    title: `${result.branch} conflicts with ${result.into}: nothing was changed`,
    body: ['Conflicting files:', ...result.files.map((f) => `  ${f}`), ...result.details.slice(0, 4), 'Both branches are as they were. Ask the agent to merge or rebase, then try again.'],
    yesLabel: 'ok',
    onYes: { kind: 'none' },
  };
}

/** A merge that went through (or had nothing to do), and its push. */
export function mergedText(result: Exclude<MergeResult, { kind: 'conflict' }>): string {
  const how = result.kind === 'fast-forward' ? 'fast-forward' : 'with a merge commit';
  const what = result.kind === 'up-to-date' ? `${result.into} already has everything from ${result.branch}` : `Merged ${result.branch} into ${result.into} (${how})`;
  const push = result.push;
  let pushed = '';
  if (push?.status === 'pushed') pushed = `; pushed to ${push.remote}`;
  else if (push?.status === 'failed') pushed = `; push failed: ${push.message}`;
  else if (push) pushed = '; no remote to push to';
  return `${what}${pushed}.`;
}

/** The base as the merge question names it: origin/main reads main when origin is a remote here. */
export function shortBase(base: string, remotes: readonly string[]): string {
  return base.replace(/^[^/]+\//, (m) => (remotes.includes(m.slice(0, -1)) ? '' : m));
}

/** Why an agent's work can't be reviewed, committed or merged now (undefined: it can); `notStarted`: its start failed before its worktree. */
export function whyNotReviewable(agent: AgentView | undefined, notStarted: boolean, restartKey: string): string | undefined {
  if (!agent) return 'No agent selected.';
  const name = agent.info.spec.name;
  if (!agent.worktree) return notStarted ? `${name} has no worktree yet: it did not start (${restartKey} tries again).` : `${name} runs in a plain directory: it has no worktree.`;
  if (agent.worktree.paused) return `${name} is paused: ${restartKey} resumes it.`;
  return undefined;
}
