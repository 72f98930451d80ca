// Which detector reads an agent's screen: by the program it runs, user definitions first.
import path from 'node:path';
import { BUILTIN_DETECTORS, genericDetector } from './builtin.js';
import { compiled } from './compile.js';
import type { DetectorDefinition } from './definition.js';

/** Programs that run another one named in their arguments ("npx claude", "node …/codex.js"). */
const LAUNCHERS = /^(npx|pnpx|bunx|bun|node|deno|uvx|pipx|python3?|env)$/;

function programName(file: string): string {
  return path.basename(file).replace(/\.(exe|cmd|bat|ps1|js|mjs|cjs|py)$/i, '').toLowerCase();
}

function find(name: string, definitions: readonly DetectorDefinition[]): DetectorDefinition | undefined {
  return definitions.find((d) => compiled(d).programs.some((re) => re.test(name)));
}

/**
 * The definition for `command` (an AgentSpec's command and args). A definition id given in
 * settings wins over matching; user definitions are tried before the built-in ones; a program
 * nobody knows gets the generic detector, which never claims more than "unknown".
 */
export function detectorFor(
  command: string,
  args: readonly string[] = [],
  options: { definitions?: readonly DetectorDefinition[]; id?: string } = {},
): DetectorDefinition {
  const all = [...(options.definitions ?? []), ...BUILTIN_DETECTORS];
  if (options.id) {
    const byId = [...all, genericDetector].find((d) => d.id === options.id);
    if (byId) return byId;
  }
  const name = programName(command);
  const direct = find(name, all);
  if (direct) return direct;
  if (LAUNCHERS.test(name)) {
    for (const arg of args) {
      if (arg.startsWith('-')) continue;
      // "@anthropic-ai/claude-code@latest" → "claude-code"
      const hit = find(programName(arg.replace(/(?<=.)@[^/]*$/, '')), all);
      if (hit) return hit;
    }
  }
  return genericDetector;
}
