import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agentPartOf, alternativeNames, branchNameFor, cleanAgentName, cleanBranchPrefix, isValidBranchName } from '../../../src/core/git/names.js';

const run = promisify(execFile);

/** git's own verdict on a branch name. */
async function gitAccepts(name: string): Promise<boolean> {
  try {
    // Outside any repository, so nothing like @{-1} is expanded against one.
    await run('git', ['check-ref-format', '--branch', name], { cwd: os.tmpdir() });
    return true;
  } catch {
    return false;
  }
}

const NASTY = [
  'alice',
  'Fix: login bug #2',
  '  spaced   out  ',
  '../../etc/passwd',
  '.hidden',
  'trailing.',
  'name.lock',
  'x.lock.lock',
  'a..b',
  'tilde~caret^colon:',
  'what?*[glob]',
  'back\\slash',
  'at@{brace}',
  '@',
  '-leading-dash',
  'HEAD',
  'tab\there\nnewline',
  'ctrl\x01\x7fchars',
  'Zoë',
  'エージェント 1',
  '🚀 rocket',
  'quote"it\'s`$(x)`',
  'slash/in/name',
  '',
  '---',
  '....',
  'a'.repeat(300),
];

describe('agent branch names', () => {
  it('cleans anything into a name git accepts (checked with git check-ref-format)', async () => {
    const branches = NASTY.map((n) => branchNameFor('squad/', n));
    const verdicts = await Promise.all(branches.map(gitAccepts));
    expect(branches.filter((_, i) => !verdicts[i])).toEqual([]);
    for (const b of branches) expect(isValidBranchName(b)).toBe(true);
  });

  it('keeps readable names readable', () => {
    expect(cleanAgentName('alice')).toBe('alice');
    expect(cleanAgentName('Fix: login bug #2')).toBe('Fix-login-bug-2');
    expect(cleanAgentName('Zoë')).toBe('Zoë');
    expect(cleanAgentName('エージェント 1')).toBe('エージェント-1');
    expect(cleanAgentName('slash/in/name')).toBe('slash-in-name');
    expect(cleanAgentName('../../etc/passwd')).toBe('etc-passwd');
    expect(cleanAgentName('name.lock')).toBe('name');
    expect(cleanAgentName('')).toBe('agent');
    expect(cleanAgentName('🚀')).toBe('agent');
    expect([...cleanAgentName('a'.repeat(300))].length).toBe(64);
  });

  it('agrees with git on which names are valid', async () => {
    // "@" alone is a legal branch to git, but in a revision it means HEAD: squadtui refuses it.
    const samples = [...NASTY, 'squad/ok', 'squad//double', 'squad/.dot', 'ok/', '/lead', 'a/b.lock/c', 'with space', 'ü/ö'].filter((s) => s !== '@');
    const verdicts = await Promise.all(samples.map(gitAccepts));
    expect(samples.map(isValidBranchName)).toEqual(verdicts);
    expect(isValidBranchName('@')).toBe(false);
  });

  it('cleans prefixes and keeps their separator', () => {
    expect(cleanBranchPrefix('squad/')).toBe('squad/');
    expect(cleanBranchPrefix('ai-')).toBe('ai-');
    expect(cleanBranchPrefix('my team/agents/')).toBe('my-team/agents/');
    expect(cleanBranchPrefix('')).toBe('');
    expect(branchNameFor('', 'bob')).toBe('bob');
    expect(agentPartOf('squad/', 'squad/Zoë')).toBe('Zoë');
    expect(agentPartOf('squad/', 'feature/x')).toBe('x');
  });

  it('suggests numbered alternatives, continuing a number', () => {
    const take = (name: string, n: number) => {
      const out: string[] = [];
      for (const alt of alternativeNames(name)) {
        out.push(alt);
        if (out.length === n) break;
      }
      return out;
    };
    expect(take('alice', 3)).toEqual(['alice-2', 'alice-3', 'alice-4']);
    expect(take('alice-2', 2)).toEqual(['alice-3', 'alice-4']);
  });
});
