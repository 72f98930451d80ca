// The task list on disk, shared by squadtui and `squadtui task` in every worktree: each change is
// read-modify-write under a lock (lock.ts) and lands atomically (temporary file + rename), so no
// writer loses another's update; a watch reports every change, this process's own included.
import { randomBytes } from 'node:crypto';
import { type FSWatcher, copyFileSync, mkdirSync, readFileSync, renameSync, unlinkSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withLock } from './lock.js';
import { type Board, BoardSchema, emptyBoard } from './model.js';
import { type ChangeContext, type ChangeResult, type TaskChange, type TaskEvent, applyChange } from './rules.js';
import { tasksLocation } from './location.js';

/** The file could not be read as a task list; `copy`: where it was kept before being replaced. */
export interface TaskFileProblem {
  readonly file: string;
  readonly reason: string;
  readonly copy?: string;
}

export interface LoadedBoard {
  readonly board: Board;
  readonly problem?: TaskFileProblem;
}

export type StoreChangeResult = ChangeResult & { readonly problem?: TaskFileProblem };

/** Events from several writes in a burst are reported once, this long after the last. */
const WATCH_DEBOUNCE_MS = 25;

export class TaskStore {
  /** The text last read or written here, for a watch to tell a change from what it reported. */
  private lastText: string | undefined;

  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The store of the repository (or directory) `dir` belongs to. */
  static forDir(dir: string): TaskStore {
    return new TaskStore(tasksLocation(dir).file);
  }

  /** The board now; a missing file is an empty board, an unreadable one an empty board with the problem. */
  read(): LoadedBoard {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { board: emptyBoard() };
      return { board: emptyBoard(), problem: { file: this.file, reason: (error as Error).message } };
    }
    this.lastText = text;
    return parseBoard(text, this.file);
  }

  /**
   * Applies `change` to the board on disk under the lock and writes the result when the rules allow
   * it. An unreadable file is copied aside first (and the copy named in `problem`), never lost.
   */
  change(change: TaskChange, context: ChangeContext = {}): StoreChangeResult {
    return this.changeAll([change], context);
  }

  /**
   * Applies `changes` in order as one: all of them are written, or none when any is refused (the
   * refusal is returned). The result names the last change's task and carries every event.
   */
  changeAll(changes: readonly TaskChange[], context: ChangeContext = {}): StoreChangeResult {
    mkdirSync(path.dirname(this.file), { recursive: true });
    return withLock(`${this.file}.lock`, () => {
      const loaded = this.read();
      const result = applyAll(loaded.board, changes, { now: this.now(), ...context });
      if (!result.ok) return loaded.problem ? { ...result, problem: loaded.problem } : result;
      let problem = loaded.problem;
      if (problem) {
        const copy = `${this.file}.broken-${this.now().toISOString().replace(/[:.]/g, '-')}`;
        copyFileSync(this.file, copy);
        problem = { ...problem, copy };
      }
      this.write(result.board);
      return problem ? { ...result, problem } : result;
    });
  }

  /**
   * Calls `onChange` when the file changes (within a few tens of milliseconds): another process's
   * change, and this one's own too (an agent's tool call is applied here, beside the board that
   * shows it). Compared with what this watch last reported, not with what was last read: a read in
   * between (an agent's task_list) must not hide a change. Watches the directory, since an atomic
   * rename replaces the file itself. Returns the stop function.
   */
  watch(onChange: (loaded: LoadedBoard) => void): () => void {
    const dir = path.dirname(this.file);
    mkdirSync(dir, { recursive: true });
    const name = path.basename(this.file);
    let timer: NodeJS.Timeout | undefined;
    let reported = this.lastText;
    const report = () => {
      timer = undefined;
      const loaded = this.read();
      if (this.lastText === reported && !loaded.problem) return;
      reported = this.lastText;
      onChange(loaded);
    };
    const watcher: FSWatcher = watch(dir, { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(report, WATCH_DEBOUNCE_MS);
    });
    watcher.on('error', () => watcher.close());
    return () => {
      if (timer) clearTimeout(timer);
      watcher.close();
    };
  }

  private write(board: Board): void {
    const text = `${JSON.stringify(board, null, 2)}\n`;
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temp, text);
      renameSync(temp, this.file);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // never made
      }
      throw error;
    }
    this.lastText = text;
  }
}

function applyAll(board: Board, changes: readonly TaskChange[], context: ChangeContext): ChangeResult {
  let current = board;
  let events: TaskEvent[] = [];
  let id = 0;
  for (const change of changes) {
    const result = applyChange(current, change, context);
    if (!result.ok) return result;
    ({ board: current, id } = result);
    events = [...events, ...result.events];
  }
  return { ok: true, board: current, events, id };
}

export function parseBoard(text: string, file: string): LoadedBoard {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { board: emptyBoard(), problem: { file, reason: `not JSON (${(error as Error).message})` } };
  }
  const parsed = BoardSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { board: emptyBoard(), problem: { file, reason: `not a task list (${issue ? `${issue.path.join('.') || 'top'}: ${issue.message}` : 'invalid'})` } };
  }
  return { board: parsed.data };
}

export function describeProblem(problem: TaskFileProblem): string {
  const kept = problem.copy ? ` It was copied to ${problem.copy} and a new list started.` : ' It is left as it is until the next change, which first copies it aside.';
  return `The task list ${problem.file} could not be read: ${problem.reason}.${kept}`;
}
