// What squadtui knows about starting each agent CLI it works with beyond reading its screen: which
// names are the CLI itself, what it always gets, how it resumes a conversation, and what works with
// it (the README's table is checked against SUPPORT). Tried on the versions named here.
import path from 'node:path';
import type { AgentSpec } from '../sessions/index.js';

export type CliId = 'claude' | 'codex' | 'gemini';

export interface CliPreset {
  readonly id: CliId;
  /** The CLI's name as its makers write it. */
  readonly name: string;
  /** The version squadtui was checked against. */
  readonly version: string;
  /** Names that are the CLI itself: its command, its npm package (any version), its script. */
  readonly itself: RegExp;
  /** Added before the user's own options on every start. */
  readonly always: readonly string[];
  /** Whether the user's own options already say which conversation to resume. */
  readonly resumesAlready: (own: readonly string[]) => boolean;
  /** Its options to resume `conversation`, or its latest one in its directory when none is known. */
  readonly resume: (conversation: string | undefined) => string[];
}

const has = (...flags: string[]) => (own: readonly string[]) => own.some((a) => flags.includes(a.split('=', 1)[0]!));

export const CLI_PRESETS: Readonly<Record<CliId, CliPreset>> = {
  claude: {
    id: 'claude',
    name: 'Claude Code',
    version: '2.1.197',
    itself: /^(?:claude(?:-code)?|@anthropic-ai\/claude-code(?:@.*)?|cli\.(?:m?js))$/i,
    always: [],
    resumesAlready: has('--continue', '-c', '--resume', '-r'),
    resume: (conversation) => (conversation ? ['--resume', conversation] : ['--continue']),
  },
  codex: {
    id: 'codex',
    name: 'Codex',
    version: '0.171.0',
    itself: /^(?:codex|@openai\/codex(?:@.*)?)$/i,
    // Else its TUI starts an app-server daemon and an updater loop in sessions of their own, which
    // outlive the agent (seen on 0.171: both still ran after the agent was killed).
    always: ['-c', 'features.daemon_auto_start=false'],
    // A subcommand (resume, fork, exec …) is the user's choice of what runs.
    resumesAlready: (own) => own.some((a) => a === 'resume' || a === 'fork'),
    // `resume --last` takes the latest session of the directory it starts in (its picker's filter).
    resume: (conversation) => ['resume', conversation ?? '--last'],
  },
  gemini: {
    id: 'gemini',
    name: 'Gemini CLI',
    version: '0.61.0',
    itself: /^(?:gemini(?:-cli)?|@google\/gemini-cli(?:@.*)?)$/i,
    always: [],
    resumesAlready: has('--resume', '-r'),
    // Sessions are kept per project directory: "latest" is this directory's.
    resume: (conversation) => ['--resume', conversation ?? 'latest'],
  },
};

/** The preset of the detector that reads `spec`, if it is one of these CLIs. */
export function presetFor(detectorId: string): CliPreset | undefined {
  return Object.hasOwn(CLI_PRESETS, detectorId) ? CLI_PRESETS[detectorId as CliId] : undefined;
}

/**
 * Where the CLI's own options begin in `spec.args`: 0 when the command is the CLI; through a
 * launcher (npx -y @openai/codex, npx -p pkg claude, node .../cli.js), after the last argument
 * naming it, else after the first that is not an option.
 */
export function ownArgsStart(spec: AgentSpec, preset: CliPreset): number {
  if (preset.itself.test(path.basename(spec.command))) return 0;
  for (let i = spec.args.length - 1; i >= 0; i--) {
    const a = spec.args[i]!;
    if (preset.itself.test(a) || preset.itself.test(path.basename(a))) return i + 1;
  }
  return spec.args.findIndex((a) => !a.startsWith('-')) + 1;
}
