// Which squadtui holds which agent branch, so two squadtui in one repository never take each other's
// worktrees: one file per branch in <git common dir>/squadtui/claims/, naming the holding process
// (pid and start time). A claim is made atomically (hard link of a complete file: it appears whole
// or not at all, and only once); a claim of a process that no longer runs is taken over, by one
// squadtui at a time (a lock directory), so a live claim is never moved away by another's takeover.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ProcessId, type WorkingProcess, isRunning, processesIn, sameProcess, selfId } from '../pty/index.js';
import * as z from '../util/zod.js';
import { WorktreeInUseError, type WorktreeUser } from './errors.js';
import { MISSING, readJsonFile } from '../util/index.js';

const ClaimSchema = z.object({
  pid: z.number(),
  start: z.string(),
  branch: z.string(),
  agent: z.string(),
  at: z.string(),
});

export type Claim = z.infer<typeof ClaimSchema>;

export type ClaimResult = { readonly ok: true } | { readonly ok: false; readonly holder: Claim };

/** Rounds of "it is stale, take it over, try again" before giving up on a contended claim. */
const ATTEMPTS = 2000;
/** A takeover lock older than this was left by a squadtui that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

export class WorktreeClaims {
  readonly dir: string;
  private readonly held = new Set<string>();

  constructor(
    commonDir: string,
    private readonly self: ProcessId = selfId(),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = path.join(commonDir, 'squadtui', 'claims');
  }

  /** Claims `branch` for this process; when a running squadtui holds it, says which. */
  take(branch: string, agent: string): ClaimResult {
    const file = this.fileOf(branch);
    mkdirSync(this.dir, { recursive: true });
    const mine: Claim = { pid: this.self.pid, start: this.self.start, branch, agent, at: this.now().toISOString() };
    const temp = `${file}.${this.self.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, `${JSON.stringify(mine)}\n`);
    try {
      for (let i = 0; i < ATTEMPTS; i++) {
        if (publish(temp, file)) {
          this.held.add(branch);
          return { ok: true };
        }
        const current = read(file);
        if (current === 'missing') continue;
        if (current !== 'broken' && sameProcess(current, this.self)) {
          this.held.add(branch);
          return { ok: true };
        }
        if (current !== 'broken' && isRunning(current)) return { ok: false, holder: current };
        // Stale (its process is gone) or unreadable: removed under the takeover lock, after reading
        // it again there (another squadtui may have taken it over meanwhile). Without the lock, keep
        // looking: whoever has it is about to publish or give up.
        takeOver(file, () => {
          const again = read(file);
          if (again === 'broken' || (again !== 'missing' && !isRunning(again))) remove(file);
        });
      }
      const last = read(file);
      if (typeof last !== 'string' && isRunning(last)) return { ok: false, holder: last };
      throw new Error(`Could not claim ${branch} in ${this.dir}: its claim file keeps changing.`);
    } finally {
      remove(temp);
    }
  }

  /**
   * Claims `branch` for this squadtui; throws WorktreeInUseError when a running squadtui has it,
   * or a program still works in `dir` (an agent left running by a squadtui that crashed).
   */
  claim(agent: string, branch: string, dir?: string): void {
    const had = this.held.has(branch);
    const result = this.take(branch, agent);
    if (!result.ok) throw new WorktreeInUseError(agent, branch, { kind: 'squadtui', pid: result.holder.pid });
    const program = dir ? processesIn(dir)[0] : undefined;
    if (!program) return;
    if (!had) this.release(branch);
    throw new WorktreeInUseError(agent, branch, { kind: 'process', ...program });
  }

  /**
   * Who else has the worktree of `branch` (at `dir`): a running squadtui, or a program working in
   * it. `seen` holds the claims and processes when already read (several worktrees at once).
   */
  usedBy(branch: string, dir?: string, seen?: { others: ReadonlyMap<string, Claim>; processes: readonly WorkingProcess[] }): WorktreeUser | undefined {
    const claim = seen ? seen.others.get(branch) : this.holder(branch);
    if (claim) return { kind: 'squadtui', pid: claim.pid };
    const program = dir ? processesIn(dir, seen?.processes)[0] : undefined;
    return program ? { kind: 'process', ...program } : undefined;
  }

  /** The running process other than this one that holds `branch`, if any. */
  holder(branch: string): Claim | undefined {
    const current = read(this.fileOf(branch));
    if (typeof current === 'string' || sameProcess(current, this.self) || !isRunning(current)) return undefined;
    return current;
  }

  /** Every branch a running squadtui other than this one holds. */
  othersHeld(): Map<string, Claim> {
    const out = new Map<string, Claim>();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return out;
    }
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const claim = read(path.join(this.dir, name));
      if (typeof claim !== 'string' && !sameProcess(claim, this.self) && isRunning(claim)) out.set(claim.branch, claim);
    }
    return out;
  }

  /** Gives `branch` up, if this process holds it (never someone else's claim). */
  release(branch: string): void {
    this.held.delete(branch);
    const file = this.fileOf(branch);
    const current = read(file);
    if (typeof current !== 'string' && sameProcess(current, this.self)) remove(file);
  }

  /** Gives every claim of this process up; synchronous, for exit paths. */
  releaseAll(): void {
    for (const branch of [...this.held]) this.release(branch);
  }

  private fileOf(branch: string): string {
    // Branch names hold slashes; the encoded name is one flat, reversible file name.
    return path.join(this.dir, `${encodeURIComponent(branch)}.json`);
  }
}

/** Runs `change` holding the claim's takeover lock; does nothing when another squadtui holds it. */
function takeOver(file: string, change: () => void): void {
  const lock = `${file}.takeover`;
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(lock).mtimeMs > TAKEOVER_STALE_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    change();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Puts a complete claim file in place unless one is there already; false when one was. */
function publish(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  // A file system without hard links: exclusive create instead (a reader may briefly see it empty).
  try {
    writeFileSync(to, readFileSync(from), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function read(file: string): Claim | 'missing' | 'broken' {
  const value = readJsonFile(file);
  if (value === MISSING) return 'missing';
  const parsed = ClaimSchema.safeParse(value);
  return parsed.success ? parsed.data : 'broken';
}

function remove(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
