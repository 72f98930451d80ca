// Command-line options (commander): the one place that defines them, and so --help.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { keySummary } from '../help.js';
import { buildKeymap } from '../keymap.js';

export interface CliOptions {
  program?: string;
  agents?: number;
  demo: boolean;
  cwd: string;
  /** -C was given: the demo squad works there instead of in a throwaway repository. */
  cwdGiven: boolean;
  configDir?: string;
  /** false with --no-worktree */
  worktree: boolean;
  /** false with --no-host: the squad lives in this window and ends with it. */
  host: boolean;
  /** Attach even if another window has the squad open (that one is told and closes). */
  takeOver: boolean;
  /** Options given on the command line (their long names), beyond -C. */
  given: string[];
  /** --fresh: the squad saved before is not offered back (it is kept aside). */
  fresh?: boolean;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

export function buildCommand(version: string): Command {
  return new Command('squadtui')
    .description('Run a squad of coding agents side by side, each in its own terminal, in one full-screen app.')
    .version(version, '-v, --version')
    .addOption(new Option('-p, --program <command>', 'command line of the agents to start (default: "claude", or the "program" setting)'))
    .addOption(new Option('-n, --agents <n>', 'how many agents of that program to start').argParser(positiveInt))
    .addOption(new Option('--demo', 'start the built-in demo squad (scripted agents: no agent CLI, no network) in a throwaway repository removed at exit, or in -C DIR').default(false))
    .addOption(new Option('-C, --cwd <dir>', 'directory the agents start in').default(process.cwd(), 'the current directory'))
    .addOption(new Option('--no-worktree', 'run agents in the directory itself, without their own git worktrees and branches'))
    .addOption(new Option('--config-dir <dir>', 'where settings are kept').env('SQUADTUI_CONFIG_DIR'))
    .addOption(new Option('--no-host', 'run the squad in this window only: closing it ends the agents (default: a background host keeps them)'))
    .addOption(new Option('--take-over', 'attach even if another window has the squad open (that window closes)').default(false))
    .addOption(new Option('--fresh', 'do not offer back the squad squadtui left running here (its save is kept aside)'))
    .addHelpText(
      'after',
      `
In a git repository each agent works in its own worktree on its own branch (squad/<name>), next to
the repository in <repo>.squad/; nothing is ever deleted without asking, and branches are kept.

${keySummary(buildKeymap())}
Without --program, squadtui starts one "claude" agent; if claude is not installed it shows the demo squad.
The squad runs in a background host: closing the window (or q, then d) leaves the agents running.
  squadtui ls                  list running squads
  squadtui attach [DIR]        open the squad of DIR (or the only one running) in this window
  squadtui stop [DIR]          stop a squad: its agents end
The squad's task list, from any shell or agent: squadtui task --help
Settings: squadtui config (the file and the settings), squadtui config get KEY, squadtui config set KEY VALUE
The board's tools for an agent, as a stdio MCP server: squadtui mcp (README: Tasks)`,
    )
    .showHelpAfterError('(run squadtui --help for usage)')
    .allowExcessArguments(false);
}

/** The commands a squadtui command line starts with (each has its own --help). */
const COMMANDS = ['ls', 'attach', 'stop', 'task', 'config', 'mcp'];

export function parseArgs(argv: readonly string[], version: string): CliOptions {
  const command = buildCommand(version);
  // commander says only "too many arguments": name the word, and where a command goes.
  command.configureOutput({ outputError: (text, write) => write(text.startsWith('error: too many arguments') ? excessArgument(command.args) : text) });
  command.parse([...argv], { from: 'user' });
  const given = command.options.map((o) => o.attributeName()).filter((name) => command.getOptionValueSource(name) === 'cli' && name !== 'cwd' && name !== 'takeOver');
  return { ...command.opts<Omit<CliOptions, 'cwdGiven' | 'given'>>(), cwdGiven: command.getOptionValueSource('cwd') === 'cli', given };
}

/** `operands`: the words no option took. */
function excessArgument(operands: readonly string[]): string {
  const word = operands.find((a) => COMMANDS.includes(a));
  if (word) return `error: ${word} is a command: it comes first, its options after it (squadtui ${word} --help).\n`;
  return `error: squadtui takes no argument but its options: ${JSON.stringify(operands[0] ?? '')} is neither (its commands: ${COMMANDS.join(', ')}).\n`;
}

export function fail(message: string, code = 2): never {
  process.stderr.write(`squadtui: ${message}\n`);
  process.exit(code);
}

/** The arguments, on an interactive terminal (commander has printed --help, --version or an error). */
export function readOptions(argv: readonly string[], version: string): CliOptions {
  let options;
  try {
    options = parseArgs(argv, version);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    throw error;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) fail('needs an interactive terminal (stdin and stdout must be a TTY).');
  return options;
}
