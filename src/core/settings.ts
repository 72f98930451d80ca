// Settings on disk (conf), validated with zod. A file that is not valid JSON or breaks the schema
// is never overwritten: it is copied aside first and the user is told where.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import { ApproveRulesSchema } from './approve/index.js';
import * as z from './zod.js';

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
  const problems: string[] = [];
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = openConf(dir);
  } catch (error) {
    // conf throws on a file that is not JSON. Keep a copy, then start from an empty file.
    if (!existsSync(file)) throw error;
    const backup = backupName(file, now());
    copyFileSync(file, backup);
    problems.push(`Settings file ${file} is not valid JSON (${(error as Error).message}). It was saved as ${backup}; defaults are used.`);
    writeFileSync(file, '{}\n');
    conf = openConf(dir);
  }
  const stored = conf.store;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const shape = SettingsSchema.shape;
  let backedUp = false;
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in shape)) {
      problems.push(`Unknown setting "${key}" in ${conf.path} is ignored.`);
      continue;
    }
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) {
      settings[key] = parsed.data;
      continue;
    }
    if (!backedUp) {
      const backup = backupName(conf.path, now());
      copyFileSync(conf.path, backup);
      backedUp = true;
      problems.push(`A copy of the settings file was saved as ${backup}.`);
    }
    problems.push(`Setting "${key}" in ${conf.path} is invalid (${parsed.error.issues.map((i) => i.message).join('; ')}); the default is used.`);
  }
  const result = SettingsSchema.parse(settings);
  return {
    settings: result,
    path: conf.path,
    problems,
    set(key, value) {
      const checked = shape[key].parse(value);
      (result as Record<string, unknown>)[key] = checked;
      conf.set(key, checked);
    },
  };
}
