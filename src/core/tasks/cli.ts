// `squadtui task ...`: the squad's task list from any shell, script or agent terminal, on the same
// store as the board. Loaded before (and instead of) the TUI, so it starts fast.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { changedText, listText, showText, taskJson } from './cli-format.js';
import { type Board, indexTasks, taskLabel } from './model.js';
import type { TaskChange } from './rules.js';
import { TaskStore, describeProblem } from './store.js';

export interface TaskCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Columns to draw the list in. */
  readonly columns: number;
}

function taskId(value: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a task id, such as 3 or #3');
  return n;
}

const collectIds = (value: string, previous: number[] = []) => [...previous, taskId(value)];

/** What the subcommands share: the store, who is acting, and how to report. */
interface Session {
  readonly io: TaskCliIo;
  readonly store: TaskStore;
  /** The agent whose terminal this is ($SQUADTUI_AGENT), if any. */
  readonly agent: string | undefined;
  /** Applies a change; prints the new id or what changed, or the refusal (and sets the exit code). */
  apply(change: TaskChange, as: string | undefined, what: (id: number) => string): void;
  read(): Board;
  fail(message: string): void;
}

/** Runs one `squadtui task` command line (`argv` after "task"); returns the exit code. */
export function runTaskCli(argv: readonly string[], io: TaskCliIo): number {
  let code = 0;
  const store = TaskStore.forDir(io.cwd);
  const session: Session = {
    io,
    store,
    agent: io.env.SQUADTUI_AGENT || undefined,
    fail(message) {
      io.err(`squadtui: ${message}\n`);
      code = 1;
    },
    apply(change, as, what) {
      const result = store.change(change, { agent: as });
      if (result.problem) io.err(`squadtui: ${describeProblem(result.problem)}\n`);
      if (!result.ok) return this.fail(result.reason);
      io.out(change.kind === 'create' ? `${result.id}\n` : changedText(what(result.id), result.events));
    },
    read() {
      const loaded = store.read();
      if (loaded.problem) io.err(`squadtui: ${describeProblem(loaded.problem)}\n`);
      return loaded.board;
    },
  };
  const program = new Command('squadtui task')
    .description(`The squad's task list, shared by every worktree of the repository (kept in ${store.file}).`)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError('(run squadtui task --help for usage)');
  addReadCommands(program, session);
  addChangeCommands(program, session);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`squadtui: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return code;
}

function addReadCommands(program: Command, s: Session): void {
  program
    .command('list')
    .description('the tasks in dependency order, with their arrows')
    .option('--json', 'as JSON')
    .action((o: { json?: boolean }) => {
      const board = s.read();
      s.io.out(o.json ? `${JSON.stringify({ tasks: board.tasks.map((t) => taskJson(t, board)) }, null, 2)}\n` : listText(board, s.io.columns));
    });
  program
    .command('show')
    .description('one task in full: state, owner, dependencies, description, notes')
    .argument('<id>', 'the task', taskId)
    .option('--json', 'as JSON')
    .action((id: number, o: { json?: boolean }) => {
      const board = s.read();
      const task = indexTasks(board).get(id);
      if (!task) return s.fail(`There is no task ${taskLabel(id)}.`);
      s.io.out(o.json ? `${JSON.stringify(taskJson(task, board), null, 2)}\n` : showText(task, board));
    });
}

function addChangeCommands(program: Command, s: Session): void {
  program
    .command('add')
    .description('add a task; prints its id')
    .argument('<title>')
    .option('-d, --description <text>', 'what to do, for the agent that takes it')
    .option('--after <id>', 'a task it depends on (repeat for several)', collectIds)
    .action((title: string, o: { description?: string; after?: number[] }) => s.apply({ kind: 'create', title, description: o.description, deps: o.after }, s.agent, () => ''));
  program
    .command('dep')
    .description('make task ID depend on another (--remove: no longer)')
    .argument('<id>', 'the task that waits', taskId)
    .requiredOption('--on <id>', 'the task it waits for', taskId)
    .option('--remove', 'take the dependency away')
    .action((id: number, o: { on: number; remove?: boolean }) =>
      s.apply({ kind: o.remove ? 'dep-remove' : 'dep-add', id, on: o.on }, s.agent, () => `${taskLabel(id)} ${o.remove ? 'no longer depends' : 'depends'} on ${taskLabel(o.on)}`),
    );
  program
    .command('claim')
    .description('take a ready task and start it (in an agent terminal, as that agent)')
    .argument('<id>', 'the task', taskId)
    .addOption(new Option('--as <agent>', 'the agent taking it').default(s.agent, '$SQUADTUI_AGENT'))
    .action((id: number, o: { as?: string }) => s.apply({ kind: 'claim', id }, o.as, (n) => `${taskLabel(n)} claimed by ${o.as}`));
  program
    .command('done')
    .description('mark a task completed; its dependents unblock')
    .argument('<id>', 'the task', taskId)
    .action((id: number) => s.apply({ kind: 'done', id }, s.agent, (n) => `${taskLabel(n)} done`));
  program
    .command('reopen')
    .description('put a task back to pending; its dependents block again')
    .argument('<id>', 'the task', taskId)
    .action((id: number) => s.apply({ kind: 'reopen', id }, s.agent, (n) => `${taskLabel(n)} reopened`));
  program
    .command('rm')
    .description('delete a task (--force: also when others depend on it; their dependencies on it go)')
    .argument('<id>', 'the task', taskId)
    .option('--force', 'delete it even though other tasks depend on it')
    .action((id: number, o: { force?: boolean }) => s.apply({ kind: 'delete', id, force: o.force }, s.agent, (n) => `${taskLabel(n)} deleted`));
}

/** The `squadtui task` process: runs the command, lets stdout and stderr drain, exits with its code. */
export async function taskMain(argv: readonly string[]): Promise<never> {
  const code = runTaskCli(argv, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    columns: process.stdout.columns || Number(process.env.COLUMNS) || 80,
  });
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}
