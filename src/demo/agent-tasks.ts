// The demo agents' share of the task graph: each claims its tasks through `squadtui task` (the CLI
// any agent's terminal can run; SQUADTUI_AGENT says who it is) and finishes them, so the board
// shows tasks unblock and move without anyone touching it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { DEMO_TASKS, demoTasksOf } from './tasks.js';

/** squadtui's own CLI, built beside this script (dist/demo-agent.js → dist/bin.js). */
const BIN = path.join(path.dirname(process.argv[1] ?? ''), 'bin.js');
/** A blocked task is tried again this often: each try is a node process, so not too often. */
const RETRY_MS = 2500;

export interface TaskHooks {
  /** A transcript line (the command and what it answered, as Claude shows a tool call). */
  say(line: string): void;
  later(ms: number, fn: () => void): void;
  /** Resolves when the agent's own work on the task is over (the coder: its tests pass). */
  finished(id: number): Promise<void>;
  /** The task was marked done (or could not be): a turn that waited for it may end. */
  settled?(id: number): void;
}

function task(args: string[]): Promise<{ ok: boolean; text: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'task', ...args], { env: { ...process.env, COLUMNS: '60' } }, (error, stdout, stderr) =>
      resolve({ ok: !error, text: String(error ? stderr : stdout).trim().replace(/^squadtui: /, '') }),
    );
  });
}

/** Works the tasks of `role` in order; stops at a refusal other than "blocked" (the user took it). */
export function workDemoTasks(role: string, hooks: TaskHooks, startMs: number): void {
  const ids = demoTasksOf(role);
  const next = (i: number, delay: number) => {
    const id = ids[i];
    if (id !== undefined) hooks.later(delay, () => void claim(id).then((go) => go && next(i + 1, 0)));
  };
  const claim = async (id: number): Promise<boolean> => {
    const r = await task(['claim', String(id)]);
    if (!r.ok) {
      // Waiting on another agent's task: quietly try again; anything else ends this agent's part.
      if (/is blocked by/.test(r.text)) return new Promise((resolve) => hooks.later(RETRY_MS, () => void claim(id).then(resolve)));
      hooks.say(`  ⎿ squadtui task claim ${id}: ${r.text}`);
      return false;
    }
    hooks.say('');
    hooks.say(`● Bash(squadtui task claim ${id})`);
    hooks.say(`  ⎿ ${r.text}: ${DEMO_TASKS[id - 1]?.title ?? ''}`);
    await hooks.finished(id);
    const d = await task(['done', String(id)]);
    hooks.say('');
    hooks.say(`● Bash(squadtui task done ${id})`);
    hooks.say(`  ⎿ ${d.text}`);
    hooks.settled?.(id);
    return d.ok;
  };
  next(0, startMs);
}
