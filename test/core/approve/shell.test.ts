import { describe, expect, it } from 'vitest';
import { isPlainWord, shellWords } from '../../../src/core/approve/shell.js';

const values = (text: string) => shellWords(text)?.map((w) => w.value);

describe('shellWords', () => {
  it('reads words as bash passes them to the program, keeping each as written', () => {
    expect(values(`a 'b c' "d \\"e\\" \\x" f\\ g`)).toEqual(['a', 'b c', 'd "e" \\x', 'f g']);
    expect(shellWords(`npm 'test'`)?.map((w) => w.raw)).toEqual(['npm', `'test'`]);
    expect(values('r"m" -r\'f\'')).toEqual(['rm', '-rf']);
    // bash reads a # inside a word as part of it, not as a comment.
    expect(values('a#b c')).toEqual(['a#b', 'c']);
    expect(values(`unbalanced 'quote`)).toBeUndefined();
    // A line continuation joins, and is no word of its own.
    expect(values('git \\\n push -f')).toEqual(['git', 'push', '-f']);
    expect(values('gi\\\nt')).toEqual(['git']);
  });

  it('marks what the shell would expand, and where a rule has its wildcards', () => {
    expect(shellWords('ls *.ts ~/x "*" a?')?.map((w) => w.expands)).toEqual([false, true, true, false, true]);
    expect(shellWords(`test* '*'x`)?.map((w) => w.stars)).toEqual([[4], []]);
  });

  it('calls plain only ordinary path and word characters, never an option', () => {
    for (const word of ['src/a.test.ts', 'x:y@1', 'a=b', '%+,', '.']) expect(isPlainWord(word), word).toBe(true);
    for (const word of ['-x', '--a', "'a'", 'a b', '~', '$x', 'a*', 'a;b', 'é', '']) expect(isPlainWord(word), word).toBe(false);
  });
});
