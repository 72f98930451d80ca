// `squadtui config`: where the settings file is and what the settings are (defaults filled in),
// one setting read by its dotted key, or one set, checked against the schema first. A change is
// written only when the whole file is valid afterwards, and atomically. Loaded before (and
// instead of) the TUI, so it starts fast.
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { writeFileAtomic } from '../util/index.js';
import { settingsDirState } from './dir.js';
import { getAt, setAt, settingPath } from './keys.js';
import { cleanBranchPrefix } from '../git/names.js';
import { SettingsSchema, defaultSettingsDir, readStored, validated } from './settings.js';

export interface ConfigCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Checks of a whole top-level setting the schema cannot make (the app's own rules): why it would not be used. */
export type SettingChecks = Readonly<Record<string, (value: unknown) => string | undefined>>;

/** Runs one `squadtui config` command line (`argv` after "config"); returns the exit code. */
export function runConfigCli(argv: readonly string[], io: ConfigCliIo, checks: SettingChecks = {}): number {
  let code = 0;
  const fail = (message: string) => {
    io.err(`squadtui: ${message}\n`);
    code = 1;
  };
  const program = new Command('squadtui config')
    .description('squadtui\'s settings: the file and the settings in effect, or one setting read or changed by its dotted key (e.g. worktree.prefix).')
    .option('--config-dir <dir>', 'where settings are kept (default: $SQUADTUI_CONFIG_DIR, else the platform\'s config directory)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError('(run squadtui config --help for usage)')
    .allowExcessArguments(false);
  const fileOf = () => path.join(program.opts<{ configDir?: string }>().configDir ?? (io.env.SQUADTUI_CONFIG_DIR || defaultSettingsDir()), 'config.json');
  program.action(() => show(fileOf(), io));
  program
    .command('get')
    .description('print one setting (a text as it is, anything else as JSON); exit status 1 when it is not set')
    .argument('<key>', 'dotted name, e.g. worktree.prefix or notify.bell')
    .action((key: string) => get(fileOf(), key, io, fail));
  program
    .command('set')
    .description('change one setting, checked first: a text as given, anything else as JSON (5000, false, ["ctrl+q"])')
    .argument('<key>', 'dotted name, e.g. worktree.prefix')
    .argument('<value>', 'the new value')
    .action((key: string, value: string) => set(fileOf(), key, value, io, fail, checks));
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    fail(error instanceof Error ? error.message : String(error));
  }
  return code;
}

export async function configMain(argv: readonly string[], checks: SettingChecks = {}): Promise<never> {
  const code = runConfigCli(argv, { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text), env: process.env }, checks);
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}

/** The settings in effect, and what is wrong in the file (on stderr); the file is never changed. */
function effective(file: string, io: ConfigCliIo) {
  const stored = readStored(file);
  const problems: string[] = [];
  if (typeof stored === 'string') problems.push(stored.replace(' (no copy was made: the directory is not writable)', ''));
  const settings = validated(typeof stored === 'string' ? {} : stored, file, problems);
  for (const p of problems) io.err(`squadtui: ${p}\n`);
  return { stored, settings };
}

function show(file: string, io: ConfigCliIo): void {
  const { stored, settings } = effective(file, io);
  const missing = typeof stored !== 'string' && Object.keys(stored).length === 0;
  io.out(`Settings file: ${file}${missing ? ' (nothing set there: these are the defaults)' : ''}\n${JSON.stringify(settings, null, 2)}\n`);
}

function get(file: string, key: string, io: ConfigCliIo, fail: (m: string) => void): void {
  const where = settingPath(key);
  if (!where.ok) return fail(where.error);
  const value = getAt(effective(file, io).settings, where.path);
  if (value === undefined) return fail(`${key} is not set.`);
  io.out(`${typeof value === 'string' ? value : JSON.stringify(value, null, typeof value === 'object' ? 2 : undefined)}\n`);
}

/** What the schema can't say of a value: why it would not be used as written. */
const USABLE: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  'worktree.prefix': (value) => {
    const clean = typeof value === 'string' ? cleanBranchPrefix(value) : '';
    if (clean === value) return undefined;
    return `${clean ? `agents' branches would be ${clean}<name>` : 'no branch name can be made of it'}. Use letters, digits, ".", "-", "_" and "/" (e.g. squad/ or ai-).`;
  },
};

function set(file: string, key: string, text: string, io: ConfigCliIo, fail: (m: string) => void, checks: SettingChecks): void {
  const where = settingPath(key);
  if (!where.ok) return fail(where.error);
  const dir = settingsDirState(path.dirname(file));
  if (!dir.usable) return fail(`${dir.problem} Nothing was written.`);
  const stored = readStored(file);
  if (typeof stored === 'string') return fail(`${stored.replace(/;.*$/, '')}: fix or remove it first. Nothing was written.`);
  const top = where.path[0] as keyof typeof SettingsSchema.shape;
  // Another setting already broken in the file: said, not written over nor made worse.
  for (const [name, value] of Object.entries(stored)) {
    if (name === top || !Object.hasOwn(SettingsSchema.shape, name)) continue;
    const other = SettingsSchema.shape[name as keyof typeof SettingsSchema.shape].safeParse(value);
    if (!other.success) return fail(`"${name}" in ${file} is invalid (${other.error.issues[0]?.message}): fix it first (squadtui config set ${name} VALUE). Nothing was written.`);
  }
  // A value is JSON when it reads as JSON of the right kind, else the text as it is (a program, a prefix).
  let json: { value: unknown } | undefined;
  try {
    json = { value: JSON.parse(text) };
  } catch {
    json = undefined;
  }
  let firstError: string | undefined;
  for (const value of json ? [json.value, text] : [text]) {
    const next = setAt(stored, where.path, value);
    const checked = SettingsSchema.shape[top].safeParse(next[top]);
    const unusable = checked.success ? (USABLE[key]?.(value) ?? checks[top]?.(checked.data)) : undefined;
    if (unusable) return fail(`${JSON.stringify(text)} is not usable for ${key}: ${unusable} Nothing was written.`);
    if (checked.success) {
      writeFileAtomic(file, `${JSON.stringify(next, null, '\t')}\n`, { mode: 0o644 });
      io.out(`${key} = ${typeof value === 'string' ? value : JSON.stringify(value)} (in ${file})\n`);
      return;
    }
    // Issues are placed from the top setting down; said from the key given.
    const inside = (at: readonly PropertyKey[]) => at.slice(where.path.length - 1).map(String).join('.');
    firstError ??= checked.error.issues.map((i) => (inside(i.path) ? `${inside(i.path)}: ${i.message}` : i.message)).join('; ');
  }
  fail(`${JSON.stringify(text)} is not a valid value for ${key} (${firstError}). Nothing was written.`);
}
