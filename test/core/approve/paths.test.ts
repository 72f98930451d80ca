// Path rules on real files: a wildcard is matched against where the path really leads.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoApprove, compileApproveRules, matchRules, parseRule } from '../../../src/core/approve/index.js';

let tmp: string;
let worktree: string;
let outside: string;

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'squadtui-approve-paths-')));
  worktree = path.join(tmp, 'wt');
  outside = path.join(tmp, 'outside');
  mkdirSync(path.join(worktree, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(worktree, 'src/a.ts'), '');
  writeFileSync(path.join(outside, 'secret'), '');
  symlinkSync(outside, path.join(worktree, 'src/link-dir'));
  symlinkSync(path.join(outside, 'secret'), path.join(worktree, 'src/evil.ts'));
  symlinkSync(path.join(outside, 'nowhere', 'x'), path.join(worktree, 'src/dangling.ts'));
  symlinkSync(path.join(worktree, 'src'), path.join(worktree, 'lib'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const allows = (rule: string, tool: string, input: string) => matchRules([parseRule(rule)], tool, input, worktree).approve;

describe('path rules resolve where a path leads', () => {
  it('allow files inside the pattern, existing or not, relative or absolute', () => {
    expect(allows('Edit(src/**)', 'Edit', 'src/a.ts')).toBe(true);
    expect(allows('Write(src/**)', 'Write', 'src/new/dir/b.ts')).toBe(true);
    expect(allows('Edit(src/**)', 'Edit', path.join(worktree, 'src/a.ts'))).toBe(true);
    expect(allows('Edit(src/*.ts)', 'Edit', './src/a.ts')).toBe(true);
  });

  it('refuse a path that a symlink leads out of the pattern', () => {
    expect(allows('Edit(src/**)', 'Edit', 'src/link-dir/secret')).toBe(false);
    expect(allows('Edit(src/**)', 'Edit', 'src/evil.ts')).toBe(false);
    expect(allows('Write(src/**)', 'Write', 'src/link-dir/new.ts')).toBe(false);
    // Writing through a dangling link creates its target, wherever that is.
    expect(allows('Write(src/**)', 'Write', 'src/dangling.ts')).toBe(false);
    // lib/ is src/ under another name: the rule for lib/ does not cover src/.
    expect(allows('Edit(lib/**)', 'Edit', 'lib/a.ts')).toBe(false);
    expect(allows('Edit(src/**)', 'Edit', 'lib/a.ts')).toBe(true);
    expect(matchRules([parseRule('Edit(src/**)')], 'Edit', 'src/evil.ts', worktree)).toMatchObject({ reason: expect.stringContaining('outside the agent') });
  });

  it('take Tool(*) as any file in the agent directory, not one a link leads out of', () => {
    expect(allows('Read(*)', 'Read', 'src/a.ts')).toBe(true);
    expect(allows('Edit', 'Edit', 'src/new.ts')).toBe(true);
    expect(allows('Edit(*)', 'Edit', 'src/evil.ts')).toBe(false);
    expect(allows('Read(*)', 'Read', path.join(outside, 'secret'))).toBe(false);
  });

  it('match an absolute pattern against the real path', () => {
    expect(allows(`Read(${outside}/**)`, 'Read', path.join(outside, 'secret'))).toBe(true);
    expect(allows(`Read(${outside}/**)`, 'Read', 'src/evil.ts')).toBe(true);
    expect(allows(`Read(${worktree}/src/**)`, 'Read', 'src/evil.ts')).toBe(false);
  });

  it('are applied against the agent directory given to autoApprove', () => {
    const { rules } = compileApproveRules({ enabled: true, programs: { claude: ['Edit(src/**)'] } });
    expect(autoApprove({ enabled: true, rules }, 'claude', 'Edit', 'src/a.ts', worktree).approve).toBe(true);
    expect(autoApprove({ enabled: true, rules }, 'claude', 'Edit', 'src/link-dir/secret', worktree).approve).toBe(false);
  });
});
