// Runs git through simple-git, always with argument arrays (never a shell), off the event loop.
// Every exit code is visible: run() throws on a non-zero exit, attempt() returns it for commands
// whose exit code is the answer (merge-base --is-ancestor, merge-tree, diff --no-index).
import { stat } from 'node:fs/promises';
import { GitError, type SimpleGit, simpleGit } from 'simple-git';
import { GitCommandError, GitUnavailableError, NotAWorktreeError } from './errors.js';

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface GitRunnerOptions {
  /** The git program (default `git` on PATH). */
  readonly binary?: string;
  /** Base environment for git (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Most git processes alive at once across all repositories (default 6). */
  readonly maxProcesses?: number;
}

/**
 * Carries the whole result out of simple-git's error hook, which otherwise keeps only the text.
 * It must be a simple-git GitError: anything else is wrapped into one, losing the exit code.
 */
class GitExit extends GitError {
  constructor(readonly result: GitResult) {
    super(undefined, `git exited with ${result.exitCode}`);
  }
}

/**
 * simple-git refuses to pass variables that can make git run other programs (editors, pagers, ssh
 * commands) and strips them when they are only inherited. It does the stripping only when it picks
 * the environment itself, so a copy handed in must leave them out the same way.
 */
const GUARDED_ENV = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

function gitEnvironment(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    const k = key.toLowerCase();
    if (value === undefined || k.startsWith('git_') || GUARDED_ENV.has(k)) continue;
    env[key] = value;
  }
  // English messages, because a few of git's errors are recognised by their words; and a
  // credential prompt must fail instead of waiting for a terminal squadtui owns.
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  // Reads (status, diff) must not take the index lock to save refreshed stat data: squadtui reads
  // as files change, and a `git add` or commit at that moment, the agent's or its own, failed on
  // the lock ("Unable to create index.lock: File exists"). git's advice for background readers.
  env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

/**
 * Note for callers: simple-git waits 50 ms after a command that printed nothing (in case output
 * is late), so where it is cheap, commands are chosen or flagged so that git always prints.
 */
export class GitRunner {
  private readonly instances = new Map<string, SimpleGit>();
  private readonly env: Record<string, string>;
  private readonly limit: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: GitRunnerOptions = {}) {
    this.env = gitEnvironment(options.env ?? process.env);
    this.limit = Math.max(1, options.maxProcesses ?? 6);
  }

  /** Runs git in `cwd`; resolves with its stdout, throws GitCommandError on a non-zero exit. */
  async run(cwd: string, args: readonly string[], hint?: string): Promise<string> {
    const result = await this.attempt(cwd, args);
    if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr || result.stdout, cwd, hint);
    return result.stdout;
  }

  /** Runs git in `cwd` and reports how it ended; throws only when git could not run at all. */
  async attempt(cwd: string, args: readonly string[]): Promise<GitResult> {
    const git = await this.instance(cwd);
    await this.acquire();
    try {
      const stdout = await git.raw([...args]);
      return { stdout, stderr: '', exitCode: 0 };
    } catch (error) {
      // simple-git's own refusals (an argument it deems unsafe) and spawn failures.
      if (!(error instanceof GitExit)) throw new GitCommandError(args, -1, (error as Error).message, cwd, 'simple-git refused to run this git command.');
      const { result } = error;
      if (result.exitCode < 0 || /\bspawn\b.*\bENOENT\b/.test(result.stderr)) throw new GitUnavailableError(result.stderr.trim().split('\n')[0] ?? 'not found');
      return result;
    } finally {
      this.release();
    }
  }

  /** Forgets the cached instance for a directory that is gone (a removed worktree). */
  forget(cwd: string): void {
    this.instances.delete(cwd);
  }

  private async instance(cwd: string): Promise<SimpleGit> {
    const cached = this.instances.get(cwd);
    if (cached) return cached;
    // simple-git checks the directory synchronously and throws a generic error; check first, async.
    const isDir = await stat(cwd).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw new NotAWorktreeError(cwd, 'missing');
    const git = simpleGit({
      baseDir: cwd,
      binary: this.options.binary ?? 'git',
      // The limit that matters is the shared one in acquire(); this only stops simple-git queueing.
      maxConcurrentProcesses: 64,
      // Paths in human-readable output (diff headers) as UTF-8, not octal escapes.
      config: ['core.quotePath=false'],
      allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_OPTIONAL_LOCKS'],
      errors: (error, result) => {
        if (result.exitCode === 0) return error;
        return new GitExit({
          exitCode: result.exitCode,
          stdout: Buffer.concat(result.stdOut).toString('utf8'),
          stderr: Buffer.concat(result.stdErr).toString('utf8'),
        });
      },
    }).env(this.env);
    this.instances.set(cwd, git);
    return git;
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
