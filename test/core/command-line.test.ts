import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { CommandLineError, formatCommandLine, parseCommandLine, resolveDirectory } from '../../src/core/util/command-line.js';

describe('command lines', () => {
  it('splits like a shell without running one', () => {
    expect(parseCommandLine(`claude --model sonnet "hello world" 'a b'`)).toEqual({ command: 'claude', args: ['--model', 'sonnet', 'hello world', 'a b'] });
    expect(parseCommandLine('node my\\ agent.js $HOME')).toEqual({ command: 'node', args: ['my agent.js', '$HOME'] });
  });

  it('refuses empty lines and shell operators', () => {
    expect(() => parseCommandLine('  ')).toThrow(CommandLineError);
    expect(() => parseCommandLine('claude && rm -rf /')).toThrow(/operators/);
  });

  it('round-trips through formatting', () => {
    const args = ['--flag', 'with space', "it's"];
    expect(parseCommandLine(formatCommandLine('cmd', args))).toEqual({ command: 'cmd', args });
  });

  it('resolves ~ and relative directories', () => {
    expect(resolveDirectory('~', '/x')).toBe(os.homedir());
    expect(resolveDirectory('sub', '/x')).toBe('/x/sub');
    expect(resolveDirectory('', '/x')).toBe('/x');
  });
});
