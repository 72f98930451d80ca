// Tells the workspace when git refs or an agent's worktree change on disk, so the sidebar's numbers
// follow commits made anywhere (the main checkout, a terminal, another tool) and files written
// from outside an agent. Cheap by design: inotify-style watches on a few directories, no timers
// and no recursive walk of worktrees (node_modules can hold a million files). Changes deeper in
// a worktree are seen when the agent's screen next changes, or when a ref moves.
import { type FSWatcher, existsSync, watch } from 'node:fs';
import path from 'node:path';

export interface GitWatchOptions {
  /** A branch (or HEAD, packed refs) moved: every agent's ahead/behind may have changed. */
  onRefs: () => void;
  /** Something changed at the top of an agent's worktree. */
  onWorktree: (agentId: string) => void;
  /** Where a watch could not be set (the directory is gone, or the system's limit is reached). */
  onError?: (where: string, error: unknown) => void;
}

export class GitWatch {
  private readonly repo: FSWatcher[] = [];
  private readonly worktrees = new Map<string, { path: string; watcher: FSWatcher }>();

  constructor(private readonly o: GitWatchOptions) {}

  /** Watches the shared git directory's refs. */
  watchRepo(commonDir: string): void {
    this.closeRepo();
    // packed-refs and HEAD live at the top; each branch is a file under refs/heads (nested for
    // squad/x). All of refs/ is watched: refs/remotes appears only with a first fetch or push.
    this.add(commonDir, false, (file) => file === 'packed-refs' || file === 'HEAD' || file === 'FETCH_HEAD', this.repo);
    this.add(path.join(commonDir, 'refs'), true, () => true, this.repo);
  }

  /** Watches the top of an agent's worktree (one at a time per agent; a folder made again at the same path is watched afresh). */
  watchWorktree(agentId: string, dir: string): void {
    this.unwatchWorktree(agentId);
    const list: FSWatcher[] = [];
    // Git's own bookkeeping file in a worktree is .git; changes there come through the refs.
    this.add(dir, false, (file) => file !== '.git', list, () => this.o.onWorktree(agentId));
    if (list[0]) this.worktrees.set(agentId, { path: dir, watcher: list[0] });
  }

  unwatchWorktree(agentId: string): void {
    this.worktrees.get(agentId)?.watcher.close();
    this.worktrees.delete(agentId);
  }

  close(): void {
    this.closeRepo();
    for (const id of [...this.worktrees.keys()]) this.unwatchWorktree(id);
  }

  private closeRepo(): void {
    for (const w of this.repo.splice(0)) w.close();
  }

  private add(dir: string, recursive: boolean, relevant: (file: string) => boolean, into: FSWatcher[], fire: () => void = this.o.onRefs): void {
    if (!existsSync(dir)) return;
    try {
      const watcher = watch(dir, { recursive, persistent: false }, (_event, file) => {
        const name = file ? String(file) : '';
        // Lock files come and go around every write; the rename that follows is the change.
        if (name.endsWith('.lock')) return;
        if (!name || relevant(name)) fire();
      });
      watcher.on('error', (error) => this.o.onError?.(dir, error));
      into.push(watcher);
    } catch (error) {
      this.o.onError?.(dir, error);
    }
  }
}
