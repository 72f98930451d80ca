// Command lines as users type them (-p, the add dialog, $EDITOR) into argv, the way a POSIX shell
// splits them, without a shell.
import { describe, expect, it } from 'vitest';
import { CommandLineError, parseCommandLine } from '../../src/core/util/index.js';

describe('parseCommandLine', () => {
  it('splits as a shell does: quotes, escapes, a comment', () => {
    expect(parseCommandLine(`node "my agent.js" --name 'a b' c\\ d # note`)).toEqual({ command: 'node', args: ['my agent.js', '--name', 'a b', 'c d'] });
    expect(parseCommandLine(`sh -c "echo it's fine"`)).toEqual({ command: 'sh', args: ['-c', "echo it's fine"] });
    expect(parseCommandLine(`echo "a \\" b" '#'`)).toEqual({ command: 'echo', args: ['a " b', '#'] });
  });

  it('refuses a quote left open, where it would have run the rest as one word', () => {
    expect(() => parseCommandLine('bash "unterminated')).toThrow(new CommandLineError('A double quote is not closed in the command line: bash "unterminated'));
    expect(() => parseCommandLine("claude --model 'opus")).toThrow(CommandLineError);
    // A quote inside a comment is no quote.
    expect(parseCommandLine("codex # don't")).toEqual({ command: 'codex', args: [] });
  });
});
