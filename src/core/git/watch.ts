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
  private readonly worktrees = new Map<string, FSWatcher>();

  constructor(private readonly o: GitWatchOptions) {}

  /** Watches the shared git directory's refs. */
  watchRepo(commonDir: string): void {
    this.closeRepo();
    // packed-refs and HEAD live at the top; each branch is a file under refs/heads (nested for
    // squad/x). All of refs/ is watched: refs/remotes appears only with a first fetch or push.
    const top = this.add(commonDir, false, (file) => file === 'packed-refs' || file === 'HEAD' || file === 'FETCH_HEAD', this.o.onRefs);
    const refs = this.add(path.join(commonDir, 'refs'), true, () => true, this.o.onRefs);
    this.repo.push(...[top, refs].filter((w) => w !== undefined));
  }

  /** Watches the top of an agent's worktree (one at a time per agent; a folder made again at the same path is watched afresh). */
  watchWorktree(agentId: string, dir: string): void {
    this.unwatchWorktree(agentId);
    // Git's own bookkeeping file in a worktree is .git; changes there come through the refs.
    const watcher = this.add(dir, false, (file) => file !== '.git', () => this.o.onWorktree(agentId));
    if (watcher) this.worktrees.set(agentId, watcher);
  }

  unwatchWorktree(agentId: string): void {
    this.worktrees.get(agentId)?.close();
    this.worktrees.delete(agentId);
  }

  close(): void {
    this.closeRepo();
    for (const id of [...this.worktrees.keys()]) this.unwatchWorktree(id);
  }

  private closeRepo(): void {
    for (const w of this.repo.splice(0)) w.close();
  }

  private add(dir: string, recursive: boolean, relevant: (file: string) => boolean, fire: () => void): FSWatcher | undefined {
    if (!existsSync(dir)) return undefined;
    try {
      const watcher = watch(dir, { recursive, persistent: false }, (_event, file) => {
        const name = file ? String(file) : '';
        // Lock files come and go around every write; the rename that follows is the change.
        if (name.endsWith('.lock')) return;
        if (!name || relevant(name)) fire();
      });
      watcher.on('error', (error) => this.o.onError?.(dir, error));
      return watcher;
    } catch (error) {
      this.o.onError?.(dir, error);
      return undefined;
    }
  }
}
