// Reading a shell command the way bash would, without running anything: split at control operators
// into simple commands, refuse what hides a command, and cut each simple command into words.
// Our own tokenizer rather than shell-quote: wildcards are matched on a word's text as written, which
// shell-quote does not keep, and it reads `a#b` as a comment where bash reads one word.

export interface Part {
  /** The simple command as written (trimmed). */
  readonly text: string;
  /** The text without its (harmless) redirects, for reading the words. */
  readonly bare: string;
  /** Fed by a pipe from the command before it. */
  readonly piped: boolean;
}

/** Splits at unquoted ; & | and line ends; refuses anything that hides or redirects commands. */
export function splitCommand(command: string): { parts: Part[] } | { opaque: string } {
  const out = new PartsReader();
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    const next = command[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      out.add(c);
      continue;
    }
    if (c === '\\') {
      out.add(c + (next ?? ''));
      i++;
      continue;
    }
    // Expansions count inside double quotes too: only single quotes keep `$` literal.
    const hidden = expansionAt(c, next);
    if (hidden) return { opaque: hidden };
    if (quote === '"') {
      if (c === '"') quote = undefined;
      out.add(c);
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out.add(c);
      continue;
    }
    const read = unquotedAt(command, i, out);
    if ('opaque' in read) return read;
    i = read.last;
  }
  if (quote) return { opaque: 'it has an unbalanced quote' };
  out.push(false);
  return { parts: out.parts };
}

/** The parts read so far, and the one being read: its text as written and without its redirects. */
class PartsReader {
  readonly parts: Part[] = [];
  private current = '';
  private bare = '';
  private piped = false;

  add(text: string, words = text): void {
    this.current += text;
    this.bare += words;
  }

  /** Ends the part being read; `nextPiped`: the next one is fed by a pipe. */
  push(nextPiped: boolean): void {
    const text = this.current.trim();
    if (text !== '') this.parts.push({ text, bare: this.bare, piped: this.piped });
    this.current = '';
    this.bare = '';
    this.piped = nextPiped;
  }
}

/** Why a `$` or backtick here hides what runs, if it does. */
function expansionAt(c: string, next: string | undefined): string | undefined {
  if (c === '`' || (c === '$' && next === '(')) return 'it runs a command substitution ($(…) or backticks)';
  // A variable can name the command or slip in flags ("rm $FLAGS dir"): what runs is not written out.
  if (c === '$' && next !== undefined && /[\w{@*#?$!'"-]/.test(next)) return 'it expands variables, so what runs is not written out';
  return undefined;
}

/**
 * An unquoted character at `i`: a control operator ends the part, a redirect is read whole, anything
 * else is text. Returns the index of the last character read, or why the command is refused.
 */
function unquotedAt(command: string, i: number, out: PartsReader): { last: number } | { opaque: string } {
  const c = command[i]!;
  const next = command[i + 1];
  if ((c === '<' || c === '>') && next === '(') return { opaque: 'it uses process substitution' };
  if (c === '(' || c === ')') return { opaque: 'it uses a subshell' };
  if (c === '{' || c === '}') return { opaque: 'it uses a command group or brace expansion' };
  if (c === '>' || c === '<' || (c === '&' && next === '>')) {
    const redirect = readRedirect(command, i);
    if ('opaque' in redirect) return redirect;
    out.add(command.slice(i, redirect.end), ' ');
    return { last: redirect.end - 1 };
  }
  if (c === ';' || c === '\n' || c === '\r') {
    out.push(false);
  } else if (c === '|') {
    // `||` and `|&` are read whole; only a plain or `|&` pipe feeds the next part.
    const or = next === '|';
    out.push(!or);
    if (or || next === '&') return { last: i + 1 };
  } else if (c === '&') {
    out.push(false);
    if (next === '&') return { last: i + 1 };
  } else {
    out.add(c);
  }
  return { last: i };
}

/** Allows only redirects that cannot write a file: fd duplication, /dev/null, reading a plain-named file. */
function readRedirect(command: string, at: number): { end: number } | { opaque: string } {
  let i = at;
  if (command[i] === '&') i++;
  const dir = command[i]!;
  i++;
  if (dir === '<' && command[i] === '<') return { opaque: 'it uses a here-document' };
  if (dir === '>' && command[i] === '>') i++;
  if (dir === '>' && command[i] === '|') i++;
  if (command[i] === '&') {
    // `>&2` duplicates a descriptor; `>&2x` or `>&file` writes to a file named so.
    const fd = /^&(\d+|-)(?=$|[\s;&|<>()])/.exec(command.slice(i, i + 12));
    if (fd) return { end: i + fd[0].length };
  }
  while (command[i] === ' ' || command[i] === '\t') i++;
  let end = i;
  while (end < command.length && !/[\s;&|<>()]/.test(command[end]!)) end++;
  const target = command.slice(i, end);
  if (dir === '<' && isPlainWord(target)) return { end };
  if (target === '/dev/null') return { end };
  return { opaque: 'it redirects output into a file' };
}

export interface Word {
  /** As written, quotes and backslashes included: what wildcards and literal rule words compare. */
  readonly raw: string;
  /** What the program receives (quotes removed), for the destructive guard. */
  readonly value: string;
  /** Has an unquoted glob character or a leading ~: the shell would turn it into something else. */
  readonly expands: boolean;
  /** Offsets in `value` of its unquoted `*` (rule patterns use them as wildcards). */
  readonly stars: readonly number[];
}

/** Cuts one simple command (operators already split off) into words; undefined on an unbalanced quote. */
export function shellWords(text: string): Word[] | undefined {
  const words: Word[] = [];
  let raw = '';
  let value = '';
  let expands = false;
  let stars: number[] = [];
  let started = false;
  const end = () => {
    if (started) words.push({ raw, value, expands, stars });
    raw = '';
    value = '';
    expands = false;
    stars = [];
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      end();
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      raw += text.slice(i, close + 1);
      value += text.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        // Inside double quotes a backslash only escapes $ ` " \ and a line end (which it removes).
        if (text[j] === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1]!)) {
          j++;
          if (text[j] !== '\n') value += text[j];
        } else value += text[j];
      }
      if (j >= text.length) return undefined;
      raw += text.slice(i, j + 1);
      i = j;
    } else if (c === '\\') {
      raw += text.slice(i, i + 2);
      i++;
      // A line continuation is removed before words are split: it starts no word of its own.
      if (text[i] === '\n') continue;
      if (i < text.length) value += text[i];
    } else {
      if (c === '*' || c === '?' || c === '[' || (c === '~' && raw === '')) expands = true;
      if (c === '*') stars.push(value.length);
      raw += c;
      value += c;
    }
    started = true;
  }
  end();
  return words;
}

/**
 * A word a wildcard may stand for: ordinary path and word characters only, and not an option. Such a
 * word means the same to every shell and reaches the program exactly as written.
 */
export function isPlainWord(raw: string): boolean {
  return /^[A-Za-z0-9_./:@%+=,][A-Za-z0-9_./:@%+=,-]*$/.test(raw);
}

/** `NAME=value` before the command name: an environment assignment for it. */
export function isAssignment(value: string): boolean {
  return /^[A-Za-z_]\w*=/.test(value);
}
