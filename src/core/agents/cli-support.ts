// The README's table of what squadtui does with each agent CLI, made from the presets (the options it
// adds, how it resumes, the versions it was checked on) so the README can't drift from them.
import { CLI_PRESETS, type SupportRow } from './cli-presets.js';

const ROWS: readonly (readonly [string, (p: (typeof CLI_PRESETS)[keyof typeof CLI_PRESETS]) => string])[] = [
  ['checked on', (p) => p.version],
  ['added on every start', (p) => (p.always.length > 0 ? code(p.always) : '—')],
  ['state from', (p) => row(p.support, 'state')],
  ['prompts answered inline', () => 'yes, from anywhere (inbox, keys of the CLI)'],
  ['typed for you (first prompt, task, message)', () => 'a bracketed paste, Enter once the text shows'],
  ["squadtui's MCP tools", (p) => row(p.support, 'tools')],
  ['its name and the board on its prompt', (p) => row(p.support, 'prompt')],
  ['conversation id', () => "the hooks' `session_id`, kept in the squad state"],
  ['resumed by id', (p) => code(p.resume('<id>'))],
  ['resumed without one (a paused worktree)', (p) => code(p.resume(undefined))],
  ['your files', (p) => `never edited: ${row(p.support, 'private')}`],
];

const code = (args: readonly string[]) => `\`${args.join(' ')}\``;
const row = (support: Readonly<Record<SupportRow, string>>, key: SupportRow) => support[key];

export function agentSupportMarkdown(): string {
  const presets = Object.values(CLI_PRESETS);
  const lines = [`| | ${presets.map((p) => p.name).join(' | ')} |`, `|---|${presets.map(() => '---').join('|')}|`];
  for (const [label, cell] of ROWS) lines.push(`| ${label} | ${presets.map((p) => cell(p).replaceAll('|', '\\|')).join(' | ')} |`);
  return lines.join('\n');
}
