// Command lines typed by users ("claude --model sonnet", 'node "my agent.js"') to argv arrays.
import os from 'node:os';
import path from 'node:path';
import { parse } from 'shell-quote';

export class CommandLineError extends Error {}

/** Splits a command line the way a POSIX shell would, without running a shell or expanding variables. */
export function parseCommandLine(line: string): { command: string; args: string[] } {
  // shell-quote takes an unclosed quote as closed at the end; a shell would wait for the rest.
  const quote = openQuote(line);
  if (quote) throw new CommandLineError(`A ${quote === '"' ? 'double' : 'single'} quote is not closed in the command line: ${line}`);
  const parts = parse(line.trim(), (name) => `$${name}`);
  const argv: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') argv.push(part);
    else if ('op' in part && part.op === 'glob') argv.push(part.pattern);
    else if ('comment' in part) break;
    else throw new CommandLineError(`Shell operators are not supported in a command line: ${line}`);
  }
  const [command, ...args] = argv;
  if (!command) throw new CommandLineError('The command line is empty.');
  return { command, args };
}

/** The quote a POSIX shell would still wait to see closed at the end of `line`, if any. */
function openQuote(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      break;
    }
  }
  return quote;
}

export function formatCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Resolves "~" and relative paths against the directory squadtui was started in. */
export function resolveDirectory(input: string, base: string): string {
  const trimmed = input.trim();
  if (trimmed === '' ) return base;
  if (trimmed === '~') return os.homedir();
  if (trimmed.startsWith('~/')) return path.join(os.homedir(), trimmed.slice(2));
  return path.resolve(base, trimmed);
}

/** "claude" for "claude --model x", "node" for "/usr/bin/node a.js"; "agent" when there is none. */
export function programName(commandLine: string): string {
  try {
    return parseCommandLine(commandLine).command.split('/').pop() || 'agent';
  } catch {
    return 'agent';
  }
}
