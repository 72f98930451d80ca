// Reading command-line options the way GNU getopt and git's parse-options do, for the destructive
// guard: short options cluster (`-rf`), and a long option may be abbreviated to any unambiguous
// prefix (`git reset --har`, `rm --recur`). The guard takes any prefix as the option it could be.

/** A cluster of short options (`-rf`) that holds one of `letters`. */
export function shortHas(arg: string, letters: string): boolean {
  if (!/^-[A-Za-z0-9]+$/.test(arg)) return false;
  for (const c of arg.slice(1)) if (letters.includes(c)) return true;
  return false;
}

/** The name of a long option (`--force-with-lease=x` → `force-with-lease`), or undefined. */
export function longName(arg: string): string | undefined {
  if (!arg.startsWith('--') || arg.length === 2) return undefined;
  const eq = arg.indexOf('=');
  return eq < 0 ? arg.slice(2) : arg.slice(2, eq);
}

/** Could `arg` be one of the long options `names`, spelled out or abbreviated? */
export function longIs(arg: string, names: readonly string[]): boolean {
  const name = longName(arg);
  return name !== undefined && names.some((n) => n.startsWith(name));
}

/** `-x` in any cluster, or `--name` however abbreviated. */
export function optionIs(arg: string, letters: string, names: readonly string[]): boolean {
  return shortHas(arg, letters) || longIs(arg, names);
}

export interface Grammar {
  /** Short options that take a value (the rest of the cluster or the next word). */
  readonly values?: string;
  /** Short options that take none. */
  readonly flags?: string;
  readonly longValues?: readonly string[];
  readonly longFlags?: readonly string[];
  /** `-5` is an option (nice). */
  readonly numeric?: boolean;
  /** Operands before the command it runs (timeout's duration, chrt's priority). */
  readonly operands?: number;
}

export interface Option {
  /** The letter, or the full long name. */
  readonly name: string;
  readonly value?: string;
}

/**
 * Reads a wrapper's options up to the command it runs. `unknown` names an option the grammar does
 * not know (its value, if any, would hide which word is the command).
 */
export function readOptions(args: readonly string[], grammar: Grammar): { options: Option[]; rest: string[] } | { unknown: string } {
  const options: Option[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    if (grammar.numeric && /^-\d+$/.test(arg)) continue;
    const long = longName(arg);
    if (long !== undefined) {
      const eq = arg.indexOf('=');
      const flag = (grammar.longFlags ?? []).filter((n) => n.startsWith(long));
      const valued = (grammar.longValues ?? []).filter((n) => n.startsWith(long));
      if (flag.length + valued.length !== 1) return { unknown: arg };
      if (flag.length === 1) {
        if (eq >= 0) return { unknown: arg };
        options.push({ name: flag[0]! });
      } else if (eq >= 0) options.push({ name: valued[0]!, value: arg.slice(eq + 1) });
      else {
        if (i + 1 >= args.length) return { unknown: arg };
        options.push({ name: valued[0]!, value: args[++i]! });
      }
      continue;
    }
    for (let k = 1; k < arg.length; k++) {
      const c = arg[k]!;
      if (grammar.flags?.includes(c)) options.push({ name: c });
      else if (grammar.values?.includes(c)) {
        const attached = arg.slice(k + 1);
        if (attached === '' && i + 1 >= args.length) return { unknown: arg };
        options.push({ name: c, value: attached !== '' ? attached : args[++i]! });
        break;
      } else return { unknown: arg };
    }
  }
  const operands = grammar.operands ?? 0;
  if (args.length - i < operands) return { unknown: args.slice(i).join(' ') || '(nothing to run)' };
  return { options, rest: args.slice(i + operands) };
}
