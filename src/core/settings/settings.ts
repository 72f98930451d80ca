// Settings on disk (conf), validated with zod. A file that is not valid JSON or breaks the schema
// is never overwritten: it is copied aside first and the user is told where. A settings directory
// that can't be used (a file, not creatable, not writable) means defaults, nothing written, and a
// message naming the path and what to do.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import { ApproveRulesSchema } from '../approve/index.js';
import { fsReason, settingsDirState } from './dir.js';
import * as z from '../util/zod.js';

const nonEmpty = () => z.string().check(z.minLength(1));
const keySpecs = z.array(nonEmpty());

export const SettingsSchema = z.object({
  /** Command line of new agents. */
  program: z._default(nonEmpty(), 'claude'),
  /** Key overrides: command id -> keys (every mode it has), or mode -> keys. */
  keys: z._default(z.record(z.string(), z.union([keySpecs, z.record(z.string(), keySpecs)])), {}),
  /** Lines of history kept per agent. */
  scrollback: z._default(z.number().check(z.int(), z.minimum(100), z.maximum(1_000_000)), 10_000),
  /** How squadtui tells you an agent waits. */
  notify: z._default(
    z.object({ bell: z._default(z.boolean(), true), desktop: z._default(z.boolean(), true), title: z._default(z.boolean(), true) }),
    { bell: true, desktop: true, title: true },
  ),
  /** Automatic approval of permission prompts: off unless enabled, rules per program. */
  approve: z._default(ApproveRulesSchema, { enabled: false, programs: {} }),
  /** Extra screen detectors (the detector definition format), tried before the built-in ones. */
  detectors: z._default(z.array(z.unknown()), []),
  /** Agents' own worktrees and branches (in a git repository). */
  worktree: z._default(
    z.object({
      /** New agents get a worktree unless turned off (also: --no-worktree, the add dialog). */
      enabled: z._default(z.boolean(), true),
      /** Branch of an agent: <prefix><agent name>. */
      prefix: z._default(nonEmpty(), 'squad/'),
      /** Where worktrees go; {repo} is the repository's folder name. Default: <repo>.squad next to it. */
      root: z.optional(nonEmpty()),
      /** Run in each new worktree before the agent starts, e.g. "npm ci". */
      setup: z.optional(nonEmpty()),
    }),
    { enabled: true, prefix: 'squad/' },
  ),
  /** The task board. */
  tasks: z._default(
    z.object({
      /** Ready tasks go to idle agents without a task by themselves (the board's key toggles it for the session). */
      autoDispatch: z._default(z.boolean(), false),
    }),
    { autoDispatch: false },
  ),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export interface LoadedSettings {
  readonly settings: Settings;
  readonly path: string;
  /** What went wrong while reading, in words for the user (empty when all was fine). */
  readonly problems: readonly string[];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
}

export interface SettingsLocation {
  /** Directory of config.json; defaults to the platform's config directory for squadtui. */
  readonly dir?: string;
  readonly now?: () => Date;
}

function backupName(path: string, now: Date): string {
  return `${path}.broken-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** Where settings live unless told otherwise (e.g. ~/.config/squadtui on Linux). */
export function defaultSettingsDir(): string {
  return envPaths('squadtui', { suffix: '' }).config;
}

function openConf(dir: string): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ projectName: 'squadtui', cwd: dir, clearInvalidConfig: false });
}

export function loadSettings(location: SettingsLocation = {}): LoadedSettings {
  const now = location.now ?? (() => new Date());
  const dir = location.dir ?? defaultSettingsDir();
  const file = path.join(dir, 'config.json');
  const state = settingsDirState(dir);
  if (!state.usable) return inMemory(file, state.readable ? readStored(file) : {}, [state.problem]);
  try {
    return fromConf(dir, file, now);
  } catch (error) {
    // The directory is fine, the file is not (unreadable, a directory, a failed backup copy).
    return inMemory(file, {}, [`Settings in ${file} can't be used (${fsReason(error)}): squadtui runs on default settings and saves nothing there. Fix or remove that file, or pass --config-dir DIR.`]);
  }
}

function fromConf(dir: string, file: string, now: () => Date): LoadedSettings {
  const problems: string[] = [];
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = openConf(dir);
  } catch (error) {
    // conf throws on a file that is not JSON. Keep a copy, then start from an empty file.
    if (!(error instanceof SyntaxError) || !existsSync(file)) throw error;
    const backup = backupName(file, now());
    copyFileSync(file, backup);
    // What it means first: a narrow footer cuts the end.
    problems.push(`Default settings are used: ${file} is not valid JSON (${error.message}); it was kept as ${backup}.`);
    writeFileSync(file, '{}\n');
    conf = openConf(dir);
  }
  const result = validated(conf.store, conf.path, problems, () => {
    const backup = backupName(conf.path, now());
    copyFileSync(conf.path, backup);
    problems.push(`A copy of the settings file was saved as ${backup}.`);
  });
  return {
    settings: result,
    path: conf.path,
    problems,
    set(key, value) {
      const checked = SettingsSchema.shape[key].parse(value);
      (result as Record<string, unknown>)[key] = checked;
      conf.set(key, checked);
    },
  };
}

/** Settings that live only while squadtui runs: nothing is ever written (the directory is unusable). */
function inMemory(file: string, stored: Record<string, unknown> | string, problems: string[]): LoadedSettings {
  if (typeof stored === 'string') problems.push(stored);
  const result = validated(typeof stored === 'string' ? {} : stored, file, problems);
  return {
    settings: result,
    path: file,
    problems,
    set(key, value) {
      (result as Record<string, unknown>)[key] = SettingsSchema.shape[key].parse(value);
    },
  };
}

/** The settings file's content when it can be read (else a problem, in words); a missing one is empty. */
export function readStored(file: string): Record<string, unknown> | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {} : `Settings file ${file} can't be read (${fsReason(error)}); defaults are used.`;
  }
  try {
    const json: unknown = JSON.parse(text);
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // said below
  }
  return `Settings file ${file} is not a valid JSON object; defaults are used (no copy was made: the directory is not writable).`;
}

/** Stored settings checked key by key: an invalid one falls back to its default (after `onFirstInvalid`), an unknown one is ignored. */
export function validated(stored: Record<string, unknown>, file: string, problems: string[], onFirstInvalid?: () => void): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const shape = SettingsSchema.shape;
  let seenInvalid = false;
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in shape)) {
      problems.push(`Unknown setting "${key}" in ${file} is ignored.`);
      continue;
    }
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) {
      settings[key] = parsed.data;
      continue;
    }
    if (!seenInvalid) onFirstInvalid?.();
    seenInvalid = true;
    problems.push(`Setting "${key}" in ${file} is invalid (${parsed.error.issues.map((i) => i.message).join('; ')}); the default is used.`);
  }
  return SettingsSchema.parse(settings);
}
