// The real Codex and Gemini CLIs, run offline by ../shared/other-cli-harness (a fake model API on
// 127.0.0.1), and Claude Code by ../shared/claude-harness, its model: for the opt-in tests
// (SQUAD_REAL_CLIS=1), skipped when the harness or the binary is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from './wait-for.js';

export type RealCli = 'claude' | 'codex' | 'gemini';

export const HARNESS = process.env['SQUAD_HARNESS'] ?? path.resolve(import.meta.dirname, '../../../shared/other-cli-harness');
const CLAUDE_HARNESS = process.env['SQUAD_CLAUDE_HARNESS'] ?? path.resolve(HARNESS, '../claude-harness');
const PREFIX = process.env['PREFIX'] ?? path.join(process.env['HOME'] ?? '', '.cache/other-clis');
const BIN_ENV: Record<RealCli, string> = { claude: 'CLAUDE_BIN', codex: 'CODEX_BIN', gemini: 'GEMINI_BIN' };
const HOME = process.env['HOME'] ?? '';

export const cliBin = (cli: RealCli): string =>
  process.env[BIN_ENV[cli]] ?? (cli === 'claude' ? path.join(HOME, '.cache/claude-2.1.197/node_modules/.bin/claude') : path.join(PREFIX, cli, 'node_modules/.bin', cli));
const runScript = (cli: RealCli) => (cli === 'claude' ? path.join(CLAUDE_HARNESS, 'run-claude.sh') : path.join(HARNESS, cli, `run-${cli}.sh`));
export const realCliEnabled = (cli: RealCli): boolean => process.env['SQUAD_REAL_CLIS'] === '1' && existsSync(runScript(cli)) && existsSync(cliBin(cli));

/** What an agent's environment carries for squadtui (its socket and token, Gemini's own ~/.gemini). */
const PASSED_ENV = 'SQUADTUI_[A-Z_]+|GEMINI_CLI_HOME';

export interface HarnessServer {
  /** The state directory (home/, work/, server.log, hooks.jsonl). */
  readonly state: string;
  /** `<state>/<cli>-cmd.sh`: runs the CLI in its work directory with the harness's environment. */
  readonly command: string;
  readonly work: string;
  readonly home: string;
  /**
   * `<state>/bin/<cli>`: the command above under the CLI's own name (so squadtui knows it for the
   * CLI), passing on the environment squadtui gives an agent (the harness starts it with env -i).
   */
  readonly program: string;
  stop(): Promise<void>;
}

/**
 * The fake server for `cli` with a script of rules (see the harness README), and the command that
 * starts the CLI against it. Codex's workspace sandbox may write to /tmp: its HOME is elsewhere.
 */
export function harnessServer(cli: RealCli, o: { rules?: readonly object[]; args?: readonly string[] } = {}): HarnessServer {
  const state = mkdtempSync(path.join('/var/tmp', `squad-real-${cli}-`));
  const script = runScript(cli);
  const rules = path.join(state, 'rules.json');
  writeFileSync(rules, JSON.stringify({ side: { text: 'Fake thread title' }, fallback: { text: 'Done.' }, rules: o.rules ?? [{ steps: [{ text: 'Default fake answer.' }] }] }));
  const env = { ...process.env, [BIN_ENV[cli]]: cliBin(cli) };
  const extra = cli === 'gemini' ? ['--no-hooks'] : [];
  execFileSync(script, ['server', '--state', state, '--fresh', '--script', rules, ...extra, ...(o.args ?? [])], { env, stdio: 'ignore' });
  const command = path.join(state, `${cli}-cmd.sh`);
  const program = path.join(state, 'bin', cli);
  mkdirSync(path.dirname(program));
  const passed = readFileSync(command, 'utf8').replace('exec env -i ', 'exec env -i "${PASS[@]}" ');
  writeFileSync(program, passed.replace('\n', `\nPASS=(); while IFS= read -r kv; do PASS+=("$kv"); done < <(env | grep -E '^(${PASSED_ENV})=')\n`), { mode: 0o755 });
  return {
    state,
    command,
    program,
    work: path.join(state, 'work'),
    home: path.join(state, 'home'),
    stop: async () => {
      execFileSync(script, ['stop', '--state', state], { stdio: 'ignore' });
      endNaming(state);
      // A Codex daemon the harness just killed may still write its locks there as it goes.
      await waitFor(() => processesNaming(state).length === 0, { timeout: 5000 }).catch(() => undefined);
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * Ends what still runs from a harness's folder: Codex starts an app-server daemon in a session of
 * its own (no session end reaches it), which outlived the tests and kept their folders.
 */
export function endNaming(mark: string): void {
  for (const found of processesNaming(mark)) {
    try {
      process.kill(Number(found.split(' ')[0]), 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** Processes whose command line names `mark`. */
export function processesNaming(mark: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(mark)) found.push(`${pid} ${cmd}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
