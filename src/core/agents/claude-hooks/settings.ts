// Claude Code settings that register squadtui's hook command for every forwarded event, and a Claude
// command line with them added through --settings (never by editing ~/.claude or the project's
// .claude/: settings given with --settings are merged by Claude with the user's own).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatCommandLine } from '../../util/index.js';
import { HOOK_EVENTS, type HookEventName } from './protocol.js';

export interface ClaudeCommandHook {
  readonly type: 'command';
  readonly command: string;
  /** Seconds before Claude gives up on the command (its default is a minute). */
  readonly timeout: number;
}

export interface ClaudeHookMatcher {
  /** "" matches every tool (or source, or notification type). */
  readonly matcher: string;
  readonly hooks: readonly ClaudeCommandHook[];
}

/** The part of Claude Code's settings.json that squadtui adds. */
export interface ClaudeHookSettings {
  readonly hooks: Readonly<Record<HookEventName, readonly ClaudeHookMatcher[]>>;
  /** Tools allowed without asking: squadtui's own MCP tools, so they never raise a permission prompt. */
  readonly permissions?: { readonly allow: readonly string[] };
}

/**
 * The command exits within HOOK_BUDGET_MS on its own; this is the backstop should node itself hang
 * (it never returns sooner than the command does, so it costs nothing in the normal case).
 */
const HOOK_TIMEOUT_SECONDS = 5;

/**
 * The shell command Claude runs: node (the one running squadtui, by absolute path, since an agent's
 * PATH may find another or none) and the bundled hook script. Claude runs hook commands through a
 * shell, so both are quoted: paths may hold spaces and quotes.
 */
export function hookCommand(script: string, node: string = process.execPath): string {
  return formatCommandLine(node, [script]);
}

/** The hooks, and `allow` (permission rules such as `mcp__squadtui__task_list`) when given. */
export function hookSettings(command: string, allow: readonly string[] = []): ClaudeHookSettings {
  const entry: ClaudeHookMatcher = { matcher: '', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] };
  const hooks = Object.fromEntries(HOOK_EVENTS.map((event) => [event, [entry]])) as Record<HookEventName, ClaudeHookMatcher[]>;
  return allow.length > 0 ? { hooks, permissions: { allow } } : { hooks };
}

/** The user's own --settings could not be read; the agent runs with it untouched and without hooks. */
export class HookSettingsError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'HookSettingsError';
  }
}

export interface HookedArgs {
  readonly args: string[];
  /** Set when hooks could not be added; `args` are then the user's, unchanged. */
  readonly problem?: HookSettingsError;
}

export interface AddHookSettingsOptions {
  /** The agent's directory: a relative --settings path is relative to it. */
  readonly cwd: string;
  /** Where the settings are written (HookRegistration.settingsFile, in the private directory). */
  readonly file: string;
}

/**
 * Returns Claude's arguments with `--settings <file>` first, the file holding squadtui's hooks.
 *
 * Claude reads only one --settings (the last since 2.1.169, the first before), so a user's own is
 * not kept beside ours: its content is merged with ours into the one file (hook lists appended, every
 * other key kept as the user wrote it) and the user's flags are dropped. The merge goes to a file in
 * the private directory rather than onto the command line, where every user of the machine could
 * read it with ps (settings may hold an `env` with keys). Options after `--` are not options, so
 * scanning stops there.
 */
export function addHookSettings(args: readonly string[], settings: ClaudeHookSettings, options: AddHookSettingsOptions): HookedArgs {
  const rest: string[] = [];
  let userValue: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg === '--settings') {
      const value = args[i + 1];
      if (value === undefined) {
        return unchanged(args, new HookSettingsError('--settings is given without a value.', 'Give it a settings file or JSON, or remove it.'));
      }
      userValue = value;
      i++;
    } else if (arg.startsWith('--settings=')) {
      userValue = arg.slice('--settings='.length);
    } else {
      rest.push(arg);
    }
  }
  let merged: object = settings;
  if (userValue !== undefined) {
    try {
      merged = mergeHookSettings(readUserSettings(userValue, options.cwd), settings);
    } catch (error) {
      if (error instanceof HookSettingsError) return unchanged(args, error);
      throw error;
    }
  }
  // 0600 as well as the 0700 directory: the merged file may carry the user's secrets.
  writeFileSync(options.file, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
  return { args: ['--settings', options.file, ...rest] };
}

function unchanged(args: readonly string[], problem: HookSettingsError): HookedArgs {
  return { args: [...args], problem };
}

/** Claude takes either a JSON string or a path; JSON settings are always an object. */
function readUserSettings(value: string, cwd: string): unknown {
  const hint = 'Fix or remove your --settings; until then squadtui reads this agent\u2019s state from its screen only.';
  let text = value;
  let where = 'the JSON given to --settings';
  if (!value.trimStart().startsWith('{')) {
    const file = path.resolve(cwd, value);
    where = file;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new HookSettingsError(`Cannot read the settings file ${file}: ${(error as Error).message}`, hint);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HookSettingsError(`${where} is not valid JSON: ${(error as Error).message}`, hint);
  }
}

/** The user's settings with squadtui's hook matchers appended to each event's list, and its allow rules to theirs. */
export function mergeHookSettings(user: unknown, ours: ClaudeHookSettings): Record<string, unknown> {
  const hint = 'Fix your --settings (see Claude Code\u2019s settings documentation); until then squadtui reads this agent\u2019s state from its screen only.';
  if (!isRecord(user)) throw new HookSettingsError('The --settings value is not a JSON object.', hint);
  const userHooks = user.hooks ?? {};
  if (!isRecord(userHooks)) throw new HookSettingsError('"hooks" in --settings is not an object.', hint);
  const hooks: Record<string, unknown> = { ...userHooks };
  for (const event of HOOK_EVENTS) {
    const theirs = userHooks[event] ?? [];
    if (!Array.isArray(theirs)) throw new HookSettingsError(`"hooks.${event}" in --settings is not a list.`, hint);
    hooks[event] = [...(theirs as readonly unknown[]), ...ours.hooks[event]];
  }
  if (!ours.permissions) return { ...user, hooks };
  const permissions = user.permissions ?? {};
  if (!isRecord(permissions)) throw new HookSettingsError('"permissions" in --settings is not an object.', hint);
  const allow = permissions.allow ?? [];
  if (!Array.isArray(allow)) throw new HookSettingsError('"permissions.allow" in --settings is not a list.', hint);
  return { ...user, hooks, permissions: { ...permissions, allow: [...(allow as readonly unknown[]), ...ours.permissions.allow] } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
