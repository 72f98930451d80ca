// A `claude` on PATH that is the replay of a recorded Claude Code session (test/fixtures/agents/
// claude-replay.mjs), so squadtui treats it as Claude: Claude's detector, hooks in --settings.
// Each agent replays the scenario given for its name: REPLAY_SCENARIOS="claude-1=bash_key1,...";
// each start is written down with its directory and arguments (startLog).
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENTS } from './app-driver.js';

/** The panel must hold the recording's 120x40 screen: outer size for squadtui. */
export const CLAUDE_COLS = 150;
export const CLAUDE_ROWS = 44;

/** What each replayed agent received, one line per key: `<hex> <what the replay did with it>`. */
export function inputLog(dir: string, agent: string): string[] {
  try {
    return readFileSync(path.join(dir, `${agent}.input`), 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** How each start of an agent's claude was called, one line per start: `<its directory> | <its arguments>`. */
export function startLog(dir: string, agent: string): string[] {
  try {
    return readFileSync(path.join(dir, `${agent}.argv`), 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export function claudeShim(scenarios: Record<string, string>, speed = '10'): { env: Record<string, string>; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-claude-'));
  const script = path.join(dir, 'claude');
  writeFileSync(
    script,
    `#!/bin/sh
for pair in $(echo "$REPLAY_SCENARIOS" | tr ',' ' '); do
  if [ "\${pair%%=*}" = "$SQUADTUI_AGENT" ]; then scenario="\${pair#*=}"; fi
done
printf '%s | %s\\n' "$PWD" "$*" >> "${dir}/$SQUADTUI_AGENT.argv"
exec "${process.execPath}" "${path.join(AGENTS, 'claude-replay.mjs')}" --scenario "\${scenario:-idle}" --speed "${speed}" --input-log "${dir}/$SQUADTUI_AGENT.input" "$@"
`,
  );
  chmodSync(script, 0o755);
  return {
    dir,
    env: {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      REPLAY_SCENARIOS: Object.entries(scenarios).map(([k, v]) => `${k}=${v}`).join(','),
    },
  };
}
