// Programs that take code in their arguments (`python -c`, `node -e`, an awk or sed script): the guard
// flags code that can run commands or write files, whoever wrote the rule that let the words through.
import { longIs, optionIs, shortHas } from './options.js';

/** Per interpreter: short letters and long names of options whose value is code, or code to load. */
const INLINE: Readonly<Record<string, { letters: string; names: readonly string[] }>> = {
  python: { letters: 'c', names: [] },
  node: { letters: 'epr', names: ['eval', 'print', 'require', 'import', 'loader', 'experimental-loader'] },
  bun: { letters: 'epr', names: ['eval', 'print', 'preload', 'require'] },
  deno: { letters: '', names: ['eval'] },
  perl: { letters: 'eEMm', names: [] },
  ruby: { letters: 'er', names: ['require'] },
  php: { letters: 'rRBEF', names: [] },
  lua: { letters: 'el', names: [] },
  rscript: { letters: 'e', names: [] },
  osascript: { letters: 'e', names: [] },
  // Package managers: options that run a shell, set Node's options, or load another config.
  npm: { letters: 'c', names: ['node-options', 'script-shell', 'shell', 'call', 'userconfig', 'globalconfig', 'require', 'import'] },
};

function interpreter(name: string): string | undefined {
  if (/^python[\d.]*$/.test(name) || name === 'pypy' || name === 'pypy3') return 'python';
  if (name === 'nodejs') return 'node';
  if (name === 'npx' || name === 'pnpm' || name === 'pnpx' || name === 'yarn') return 'npm';
  if (name === 'Rscript') return 'rscript';
  return name in INLINE ? name : undefined;
}

/** Why running `name args` runs code written in the command line, if it does. */
export function inlineCodeDanger(name: string, args: readonly string[]): string | undefined {
  if (name === 'pwsh' || name === 'powershell') return args.some((a) => a.startsWith('-')) ? 'runs inline code' : undefined;
  if (name === 'deno' && args[0] === 'eval') return 'runs inline code';
  const kind = interpreter(name);
  if (kind !== undefined) {
    const { letters, names } = INLINE[kind]!;
    return args.some((a) => (letters !== '' && shortHas(a, letters)) || longIs(a, names)) ? 'runs inline code' : undefined;
  }
  if (/^[gmn]?awk$/.test(name)) return awkDanger(args);
  if (name === 'sed' || name === 'gsed') return sedDanger(args);
  return undefined;
}

function awkDanger(args: readonly string[]): string | undefined {
  // gawk loads extensions and edits files in place with these.
  if (args.some((a) => optionIs(a, 'il', ['include', 'load']))) return 'loads awk code or extensions';
  const programs = args.filter((a, i) => !a.startsWith('-') || args[i - 1] === '-e' || args[i - 1] === '--source');
  return programs.some((p) => /system|getline|\||>/.test(p)) ? 'has a program that can run commands or write files' : undefined;
}

function sedDanger(args: readonly string[]): string | undefined {
  if (args.some((a) => /^-[A-Za-z]*i/.test(a) || longIs(a, ['in-place']))) return 'edits files in place';
  const scripts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice('--expression='.length));
    else if (/^-[A-Za-z]*e./.test(a)) scripts.push(a.slice(a.indexOf('e') + 1));
  }
  // Without -e the first operand is the script.
  if (scripts.length === 0) {
    const first = args.find((a) => !a.startsWith('-'));
    if (first !== undefined) scripts.push(first);
  }
  return scripts.some(sedScriptRunsOrWrites) ? 'has a script that can run commands or write files' : undefined;
}

/** Does a sed script hold an e, w or W command, or an s command with the e or w flag? */
function sedScriptRunsOrWrites(script: string): boolean {
  for (const command of script.split(/[;\n]/)) {
    // Drop the address: line numbers, $, /regex/, ranges, negation.
    const body = command.replace(/^\s*(?:(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)[IM]*(?:\s*[,~]\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*!?\s*)?/, '').replace(/^[{}\s]+/, '');
    if (/^[ewW]/.test(body)) return true;
    if (body.startsWith('s') && body.length > 1) {
      const d = body[1]!;
      let seen = 0;
      let i = 2;
      for (; i < body.length && seen < 2; i++) {
        if (body[i] === '\\') i++;
        else if (body[i] === d) seen++;
      }
      if (/[ew]/.test(body.slice(i).replace(/\s.*$/, ''))) return true;
    }
  }
  return false;
}
