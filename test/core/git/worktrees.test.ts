// The worktree service on real temporary repositories. They all live under a directory whose
// name has spaces and non-ASCII characters, so every test also covers such paths.
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BareRepositoryError,
  BaseNotFoundError,
  BaseUnknownError,
  BranchCheckedOutError,
  CommitFailedError,
  ConfirmationRequiredError,
  MergeBlockedError,
  NameTakenError,
  NoCommitsError,
  NotARepositoryError,
  NotAWorktreeError,
  OperationInProgressError,
  UncommittedChangesError,
} from '../../../src/core/git/errors.js';
import { findOverlaps } from '../../../src/core/git/overlaps.js';
import { classifyDiff } from '../../../src/core/git/porcelain.js';
import type { NoWorktrees, RepoInfo } from '../../../src/core/git/types.js';
import { WorktreeService } from '../../../src/core/git/worktrees.js';

const execFileP = promisify(execFile);
// The fixture's own git calls must not pick up a GIT_DIR or the like from whoever runs the tests.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));

let root: string;
let counter = 0;
const service = new WorktreeService();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'squadtui git é '));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await execFileP('git', args, { cwd, env: ENV })).stdout;
}

async function gitFails(cwd: string, ...args: string[]): Promise<void> {
  await expect(execFileP('git', args, { cwd, env: ENV })).rejects.toThrow();
}

const sha = async (cwd: string, rev: string) => (await git(cwd, 'rev-parse', rev)).trim();
const exists = (p: string) => access(p).then(
  () => true,
  () => false,
);

async function write(dir: string, file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), content);
}

async function commit(dir: string, files: Record<string, string>, message: string): Promise<string> {
  for (const [file, content] of Object.entries(files)) await write(dir, file, content);
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', message);
  return sha(dir, 'HEAD');
}

async function makeRepo(files: Record<string, string> = { 'README.md': 'hello\n' }, name = 'repo'): Promise<string> {
  const dir = path.join(root, `${name}-${++counter}`);
  await mkdir(dir, { recursive: true });
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'config', 'user.name', 'Squad Test');
  await git(dir, 'config', 'user.email', 'squad@example.com');
  await git(dir, 'config', 'commit.gpgsign', 'false');
  await commit(dir, files, 'init');
  return dir;
}

/** A bare clone of `repo` as its `origin`, fetched. */
async function addRemote(repo: string): Promise<string> {
  const remote = path.join(root, `remote-${++counter}.git`);
  await git(root, 'clone', '-q', '--bare', repo, remote);
  await git(repo, 'remote', 'add', 'origin', remote);
  await git(repo, 'fetch', '-q', 'origin');
  return remote;
}

/** The error a promise rejects with, checked to be of `type`. */
async function failure<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** Everything a merge could disturb in a working tree: refs, HEAD, index, status, file contents. */
async function snapshot(dir: string, files: readonly string[]) {
  return {
    refs: await git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'),
    head: await git(dir, 'symbolic-ref', 'HEAD'),
    index: await git(dir, 'ls-files', '--stage'),
    status: await git(dir, 'status', '--porcelain=v2', '-z', '--untracked-files=all'),
    contents: await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8').catch(() => '<missing>'))),
    merging: await exists(path.join(dir, '.git', 'MERGE_HEAD')),
  };
}

describe('reading a worktree', () => {
  it('leaves the index alone: a refresh never holds the lock a git add or commit needs', async () => {
    const repo = await makeRepo({ 'a.txt': 'one\n', 'b.txt': 'two\n' });
    // Stat data out of date: git status would save it, taking index.lock to do so.
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(repo, 'a.txt'), later, later);
    await utimes(path.join(repo, 'b.txt'), later, later);
    const before = await readFile(path.join(repo, '.git', 'index'));
    const status = await service.status(repo, { base: 'main' });
    expect(status.files).toBe(0);
    expect(await readFile(path.join(repo, '.git', 'index'))).toEqual(before);
    // A plain git status does save it (what the test would miss if the files were not stale).
    await git(repo, 'status', '--porcelain');
    expect(await readFile(path.join(repo, '.git', 'index'))).not.toEqual(before);
  });
});

describe('inspect', () => {
  it('says a plain directory is not a repository, and create refuses it', async () => {
    const dir = path.join(root, `plain-${++counter}`);
    await mkdir(dir);
    const info = (await service.inspect(dir)) as NoWorktrees;
    expect(info.kind).toBe('not-a-repo');
    expect(info.message).toContain('not inside a git repository');
    expect(info.hint).toMatch(/without worktrees/);
    await expect(service.create(dir, { agentName: 'a' })).rejects.toBeInstanceOf(NotARepositoryError);
    expect((await service.inspect(path.join(dir, 'missing'))).kind).toBe('not-a-repo');
  });

  it('reads the branch, the top level from a subdirectory, and the remotes', async () => {
    const repo = await makeRepo({ 'src/x.ts': 'x\n' });
    await addRemote(repo);
    const info = (await service.inspect(path.join(repo, 'src'))) as RepoInfo;
    expect(info).toMatchObject({ kind: 'repo', topLevel: repo, isLinkedWorktree: false, head: { kind: 'branch', branch: 'main', sha: await sha(repo, 'HEAD') } });
    expect(info.operation).toBeUndefined();
    expect(info.remotes.map((r) => r.name)).toEqual(['origin']);
  });

  it('explains a bare repository and refuses to create worktrees in it', async () => {
    const bare = path.join(root, `bare-${++counter}.git`);
    await git(root, 'init', '-q', '--bare', bare);
    const info = (await service.inspect(bare)) as NoWorktrees;
    expect(info.kind).toBe('bare');
    expect(info.message).toMatch(/bare repository/);
    await expect(service.create(bare, { agentName: 'a' })).rejects.toBeInstanceOf(BareRepositoryError);
  });

  it('branches from the commit when HEAD is detached', async () => {
    const repo = await makeRepo();
    const first = await sha(repo, 'HEAD');
    await commit(repo, { 'b.txt': 'b\n' }, 'second');
    await git(repo, 'checkout', '-q', '--detach', first);
    const info = (await service.inspect(repo)) as RepoInfo;
    expect(info.head).toEqual({ kind: 'detached', sha: first });
    const wt = await service.create(repo, { agentName: 'alice' });
    expect(wt.base).toEqual({ name: first, kind: 'commit', sha: first });
    expect(await sha(wt.path, 'HEAD')).toBe(first);
    expect((await service.status(wt.path)).base).toBe(first);
  });

  it('refuses to create while a merge or a rebase waits in the repository', async () => {
    const repo = await makeRepo({ 'a.txt': 'base\n' });
    await git(repo, 'checkout', '-q', '-b', 'other');
    await commit(repo, { 'a.txt': 'other\n' }, 'other');
    await git(repo, 'checkout', '-q', 'main');
    await commit(repo, { 'a.txt': 'main\n' }, 'main');
    await gitFails(repo, 'merge', 'other');
    expect(((await service.inspect(repo)) as RepoInfo).operation).toBe('merge');
    const refused = await failure(service.create(repo, { agentName: 'a' }), OperationInProgressError);
    expect(refused.hint).toContain('git merge --abort');
    await git(repo, 'merge', '--abort');

    await gitFails(repo, 'rebase', 'other');
    expect(((await service.inspect(repo)) as RepoInfo).operation).toBe('rebase');
    await expect(service.create(repo, { agentName: 'a' })).rejects.toBeInstanceOf(OperationInProgressError);
  });

  it('says when git itself cannot run', async () => {
    const info = (await new WorktreeService({ binary: 'no-such-git-binary' }).inspect(root)) as NoWorktrees;
    expect(info.kind).toBe('unavailable');
    expect(info.hint).toMatch(/Install git/);
  });

  it('refuses a repository without commits', async () => {
    const dir = path.join(root, `empty-${++counter}`);
    await mkdir(dir);
    await git(dir, 'init', '-q', '-b', 'main');
    expect(((await service.inspect(dir)) as RepoInfo).head).toEqual({ kind: 'unborn', branch: 'main' });
    await expect(service.create(dir, { agentName: 'a' })).rejects.toBeInstanceOf(NoCommitsError);
  });
});

describe('create', () => {
  it('creates squad/<name> from HEAD, next to the repository, without tracking anything', async () => {
    const repo = await makeRepo();
    const head = await sha(repo, 'HEAD');
    const wt = await service.create(repo, { agentName: 'alice' });
    expect(wt).toMatchObject({ agentName: 'alice', branch: 'squad/alice', reused: false, base: { name: 'main', kind: 'branch', sha: head } });
    expect(wt.path).toBe(path.join(path.dirname(repo), `${path.basename(repo)}.squad`, 'alice'));
    expect(wt.path.startsWith(repo + path.sep)).toBe(false);
    expect((await git(wt.path, 'symbolic-ref', '--short', 'HEAD')).trim()).toBe('squad/alice');
    expect(await sha(wt.path, 'HEAD')).toBe(head);
    expect(await readFile(path.join(wt.path, 'README.md'), 'utf8')).toBe('hello\n');
    await gitFails(repo, 'config', '--get', 'branch.squad/alice.remote');
    const list = await service.list(repo);
    expect(list.worktrees.find((w) => w.branch === 'squad/alice')?.record).toMatchObject({ agent: 'alice', base: 'main', state: 'active', path: wt.path });
  });

  it('creates from a local branch, a remote branch or a commit, and rejects unknown bases', async () => {
    const repo = await makeRepo();
    await git(repo, 'checkout', '-q', '-b', 'feature');
    const featureTip = await commit(repo, { 'f.txt': 'f\n' }, 'feature work');
    await git(repo, 'checkout', '-q', 'main');
    await addRemote(repo);
    // main moves on locally after the fetch: origin/main must stay the older commit.
    const localMain = await commit(repo, { 'm.txt': 'm\n' }, 'local only');

    const fromLocal = await service.create(repo, { agentName: 'l', base: 'feature' });
    expect(fromLocal.base).toEqual({ name: 'feature', kind: 'branch', sha: featureTip });
    expect(await sha(fromLocal.path, 'HEAD')).toBe(featureTip);

    const fromRemote = await service.create(repo, { agentName: 'r', base: 'origin/main' });
    expect(fromRemote.base).toMatchObject({ name: 'origin/main', kind: 'remote-branch' });
    expect(await sha(fromRemote.path, 'HEAD')).toBe(await sha(repo, 'origin/main'));
    expect(await sha(fromRemote.path, 'HEAD')).not.toBe(localMain);
    await gitFails(repo, 'config', '--get', 'branch.squad/r.remote');

    const fromCommit = await service.create(repo, { agentName: 'c', base: 'HEAD~1' });
    expect(fromCommit.base.kind).toBe('commit');
    expect(await sha(fromCommit.path, 'HEAD')).toBe(await sha(repo, 'HEAD~1'));

    await expect(service.create(repo, { agentName: 'x', base: 'no-such-branch' })).rejects.toBeInstanceOf(BaseNotFoundError);
    await expect(service.create(repo, { agentName: 'x', base: '--output=/tmp/pwned' })).rejects.toBeInstanceOf(BaseNotFoundError);
    await gitFails(repo, 'rev-parse', '--verify', 'squad/x');
  });

  it('cleans the agent name into a valid branch and directory', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'Fix: login bug #2' });
    expect(wt.branch).toBe('squad/Fix-login-bug-2');
    expect(path.basename(wt.path)).toBe('Fix-login-bug-2');
    expect(wt.agentName).toBe('Fix: login bug #2');
  });

  it('never overwrites an existing branch: it offers reuse and a free name', async () => {
    const repo = await makeRepo();
    const alice = await service.create(repo, { agentName: 'alice' });
    const again = await failure(service.create(repo, { agentName: 'alice' }), NameTakenError);
    expect(again.taken).toMatchObject({ branchExists: true, branchCheckedOutAt: alice.path, pathExists: true });
    expect(again.suggestion).toBe('alice-2');
    expect((await service.create(repo, { agentName: again.suggestion })).branch).toBe('squad/alice-2');
    expect(await service.suggestName(repo, 'alice')).toBe('alice-3');

    // A branch made by hand, not checked out anywhere: reusable.
    await git(repo, 'branch', 'squad/bob');
    await commit(repo, { 'later.txt': 'later\n' }, 'main moves on');
    const bob = await failure(service.create(repo, { agentName: 'bob' }), NameTakenError);
    expect(bob.hint).toMatch(/Reuse the existing branch squad\/bob/);
    expect(await service.plan(repo, 'bob')).toMatchObject({ branch: 'squad/bob', free: false, canReuse: true, suggestion: 'bob-2' });
    const reused = await service.create(repo, { agentName: 'bob', reuseBranch: true });
    expect(reused.reused).toBe(true);
    expect(await sha(reused.path, 'HEAD')).toBe(await sha(repo, 'squad/bob'));
    expect(await sha(reused.path, 'HEAD')).not.toBe(await sha(repo, 'main'));

    // Reusing a branch that is checked out elsewhere is refused.
    await expect(service.create(repo, { agentName: 'alice', reuseBranch: true, path: path.join(root, `elsewhere-${++counter}`) })).rejects.toBeInstanceOf(BranchCheckedOutError);
  });

  it('never overwrites an existing directory, nor creates the branch', async () => {
    const repo = await makeRepo();
    const plan = await service.plan(repo, 'carol');
    expect(plan).toMatchObject({ free: true, pathExists: false, branchExists: false });
    await write(plan.path, 'keep.txt', 'mine\n');
    const taken = await failure(service.create(repo, { agentName: 'carol' }), NameTakenError);
    expect(taken.taken).toMatchObject({ pathExists: true, branchExists: false });
    expect(taken.message).toContain(plan.path);
    expect(await readFile(path.join(plan.path, 'keep.txt'), 'utf8')).toBe('mine\n');
    await gitFails(repo, 'rev-parse', '--verify', 'squad/carol');
  });

  it('reports a branch whose name collides with another as a directory of refs', async () => {
    const repo = await makeRepo();
    await git(repo, 'branch', 'squad/dave/x');
    const taken = await failure(service.create(repo, { agentName: 'dave' }), NameTakenError);
    expect(taken.taken.branchBlockedBy).toBe('squad/dave/x');
  });

  it('honours a configured root, branch prefix and an explicit path', async () => {
    const repo = await makeRepo();
    const custom = new WorktreeService({ worktreeRoot: path.join(root, 'trees', '{repo}'), branchPrefix: 'ai-' });
    const eve = await custom.create(repo, { agentName: 'eve' });
    expect(eve.branch).toBe('ai-eve');
    expect(eve.path).toBe(path.join(root, 'trees', path.basename(repo), 'eve'));
    const place = path.join(root, `custom place ${++counter}`);
    const fay = await service.create(repo, { agentName: 'fay', path: place });
    expect(fay.path).toBe(place);
    expect(await exists(path.join(place, 'README.md'))).toBe(true);
  });

  it('copies the ignored files .worktreeinclude names, keeping directories, and nothing else', async () => {
    const repo = await makeRepo({
      '.gitignore': '.env\nconfig/*.local\nnode_modules/\nsecrets/\n',
      '.worktreeinclude': '.env\nconfig/*.local\n!config/skip.local\nsecrets/\nvendor/\nREADME.md\n',
      'README.md': 'tracked\n',
    });
    await write(repo, '.env', 'TOKEN=1\n');
    await write(repo, 'config/db.local', 'db\n');
    await write(repo, 'config/skip.local', 'skip\n');
    await write(repo, 'secrets/deep/key.txt', 'key\n');
    await write(repo, 'node_modules/x.js', 'x\n');
    await mkdir(path.join(repo, 'vendor', 'lib'), { recursive: true });
    await git(path.join(repo, 'vendor', 'lib'), 'init', '-q');
    await write(repo, 'vendor/lib/code.c', 'c\n');
    await write(repo, 'draft.txt', 'untracked, not ignored\n');
    await write(repo, '.worktreeinclude', '.env\nconfig/*.local\n!config/skip.local\nsecrets/\nvendor/\nREADME.md\ndraft.txt\n');
    const wt = await service.create(repo, { agentName: 'alice' });
    expect(wt.included.copied).toEqual(['.env', 'config/db.local', 'secrets/deep/key.txt']);
    // Only what git ignores is copied: anything else would end up committed on the agent's branch.
    expect(wt.included.skipped.map((s) => s.path)).toEqual(['draft.txt']);
    expect(await exists(path.join(wt.path, 'draft.txt'))).toBe(false);
    expect(await readFile(path.join(wt.path, '.env'), 'utf8')).toBe('TOKEN=1\n');
    expect(await readFile(path.join(wt.path, 'secrets/deep/key.txt'), 'utf8')).toBe('key\n');
    expect(await exists(path.join(wt.path, 'config/skip.local'))).toBe(false);
    expect(await exists(path.join(wt.path, 'node_modules'))).toBe(false);
    expect(await exists(path.join(wt.path, 'vendor'))).toBe(false);
    // Copies are not changes: they are ignored in the worktree too.
    expect((await service.status(wt.path)).files).toBe(0);

    const none = await service.create(repo, { agentName: 'bob', copyIncluded: false });
    expect(none.included.copied).toEqual([]);
    expect(await exists(path.join(none.path, '.env'))).toBe(false);
  });

  it('runs the setup command in the worktree and streams its output', async () => {
    const repo = await makeRepo();
    const chunks: string[] = [];
    const wt = await service.create(repo, {
      agentName: 'alice',
      setup: { command: 'echo "setting up $(basename "$PWD")"; echo careful >&2', onOutput: (c) => chunks.push(c) },
    });
    expect(wt.setup).toMatchObject({ ok: true, exitCode: 0 });
    expect(chunks.join('')).toContain('setting up alice');
    expect(chunks.join('')).toContain('careful');
  });

  it('reports a failing setup command and keeps the worktree', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'alice', setup: { command: 'echo step one; echo "npm ERR! broken" >&2; exit 3' } });
    expect(wt.setup).toMatchObject({ ok: false, exitCode: 3 });
    expect(wt.setup?.lastLines).toContain('npm ERR! broken');
    expect(await exists(path.join(wt.path, 'README.md'))).toBe(true);
    expect((await service.status(wt.path)).branch).toBe('squad/alice');
  });

  it('works in a repository and on files whose names have spaces and non-ASCII characters', async () => {
    const repo = await makeRepo({ 'dir with space/naïve file.txt': 'one\n' }, 'my répo ü');
    const wt = await service.create(repo, { agentName: 'Zoë Ü' });
    expect(wt.branch).toBe('squad/Zoë-Ü');
    await write(wt.path, 'dir with space/naïve file.txt', 'one\ntwo\n');
    await write(wt.path, 'ünï côde.md', 'new\n');
    const files = await service.changedFiles(wt.path);
    expect(files.map((f) => [f.path, f.change, f.added])).toEqual([
      ['dir with space/naïve file.txt', 'modified', 1],
      ['ünï côde.md', 'untracked', 1],
    ]);
    const diff = await service.fileDiff(wt.path, 'dir with space/naïve file.txt');
    expect(diff.text).toContain('+++ b/dir with space/naïve file.txt');
    expect((await service.fileDiff(wt.path, 'ünï côde.md')).text).toContain('+new');
    await service.commitAll(wt.path);
    const merged = await service.merge(repo, { branch: wt.branch });
    expect(merged.kind).toBe('fast-forward');
    expect(await readFile(path.join(repo, 'ünï côde.md'), 'utf8')).toBe('new\n');
  });
});

describe('review', () => {
  it('counts commits ahead and behind, files and lines against the base, uncommitted work included', async () => {
    const repo = await makeRepo({ 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'b\n', 'gone.txt': 'x\ny\n' });
    const wt = await service.create(repo, { agentName: 'alice' });
    await commit(wt.path, { 'a.txt': 'one\nTWO\nthree\nfour\n' }, 'edit a');
    await commit(wt.path, { 'new.txt': '1\n2\n3\n' }, 'add new');
    await write(wt.path, 'b.txt', 'b\nc\n');
    await rm(path.join(wt.path, 'gone.txt'));
    await write(wt.path, 'notes.md', 'n1\nn2\n');
    await write(wt.path, 'image.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a, 0x01]));
    await commit(repo, { 'other.txt': 'main only\n' }, 'main moves on');

    const status = await service.status(wt.path);
    expect(status).toMatchObject({ branch: 'squad/alice', base: 'main', ahead: 2, behind: 1, files: 6, added: 2 + 3 + 1 + 2, removed: 1 + 2, uncommitted: true });
    expect(status.mergeBase).toBe(await sha(repo, 'main~1'));

    const files = await service.changedFiles(wt.path);
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['a.txt', 'b.txt', 'gone.txt', 'image.bin', 'new.txt', 'notes.md']);
    expect(byPath['a.txt']).toMatchObject({ change: 'modified', added: 2, removed: 1 });
    expect(byPath['new.txt']).toMatchObject({ change: 'added', added: 3 });
    expect(byPath['gone.txt']).toMatchObject({ change: 'deleted', removed: 2 });
    expect(byPath['notes.md']).toMatchObject({ change: 'untracked', added: 2 });
    expect(byPath['image.bin']).toMatchObject({ change: 'untracked', binary: true, added: 0 });
    // The sidebar's refresh reads both at once, from one set of git runs: the same answers.
    expect(await service.review(wt.path)).toEqual({ status, files });

    const a = await service.fileDiff(wt.path, 'a.txt');
    expect(a.binary).toBe(false);
    const kinds = classifyDiff(a.text);
    expect(kinds.filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['+TWO', '+four']);
    expect(kinds.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual(['-two']);
    expect((await service.fileDiff(wt.path, 'notes.md')).text).toMatch(/^\+n1$/m);
    expect((await service.fileDiff(wt.path, 'gone.txt')).text).toMatch(/^-x$/m);
    expect((await service.fileDiff(wt.path, 'image.bin')).binary).toBe(true);
    await commit(wt.path, {}, 'everything');
    expect((await service.fileDiff(wt.path, 'image.bin')).binary).toBe(true);
    expect(await service.status(wt.path)).toMatchObject({ ahead: 3, files: 6, uncommitted: false });
  });

  it('needs a base for a worktree squadtui did not make, and takes one when given', async () => {
    const repo = await makeRepo();
    const manual = path.join(root, `manual-${++counter}`);
    await git(repo, 'worktree', 'add', '-q', '-b', 'by-hand', manual);
    await expect(service.status(manual)).rejects.toBeInstanceOf(BaseUnknownError);
    await commit(manual, { 'x.txt': 'x\n' }, 'x');
    expect(await service.status(manual, { base: 'main' })).toMatchObject({ ahead: 1, files: 1, added: 1 });
    await expect(service.status(manual, { base: 'nope' })).rejects.toBeInstanceOf(BaseNotFoundError);
  });

  it('finds files that two agents change', async () => {
    const repo = await makeRepo({ 'README.md': 'r\n', 'x.txt': 'x\n' });
    const a = await service.create(repo, { agentName: 'a' });
    const b = await service.create(repo, { agentName: 'b' });
    await write(a.path, 'README.md', 'from a\n');
    await write(a.path, 'x.txt', 'a\n');
    await commit(b.path, { 'README.md': 'from b\n' }, 'b edits');
    const overlaps = findOverlaps([
      { agent: 'a', files: await service.changedFiles(a.path) },
      { agent: 'b', files: await service.changedFiles(b.path) },
    ]);
    expect(overlaps).toEqual([{ path: 'README.md', agents: ['a', 'b'] }]);
  });
});

describe('commit', () => {
  it('commits everything with a default message, then has nothing to commit', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'alice' });
    await write(wt.path, 'README.md', 'changed\n');
    await write(wt.path, 'docs/new.md', 'new\n');
    const offered = await service.defaultMessage(wt.path);
    expect(offered).toBe('Update README.md and new.md\n\n- update README.md\n- add docs/new.md');
    const done = await service.commitAll(wt.path);
    expect(done).toMatchObject({ message: offered, files: 2 });
    expect(await sha(wt.path, 'HEAD')).toBe(done?.sha);
    expect((await git(wt.path, 'log', '-1', '--format=%s')).trim()).toBe('Update README.md and new.md');
    expect(await git(wt.path, 'status', '--porcelain')).toBe('');
    expect(await service.commitAll(wt.path)).toBeUndefined();
    expect(await service.defaultMessage(wt.path)).toBeUndefined();
  });

  it('reports a commit hook that refuses, and can commit without hooks', async () => {
    const repo = await makeRepo();
    const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
    await write(repo, '.git/hooks/pre-commit', '#!/bin/sh\necho "lint failed: no semicolons" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const wt = await service.create(repo, { agentName: 'alice' });
    await write(wt.path, 'README.md', 'changed\n');
    const refused = await failure(service.commitAll(wt.path), CommitFailedError);
    expect(refused.message).toContain('lint failed: no semicolons');
    const done = await service.commitAll(wt.path, { message: 'Custom message', noVerify: true });
    expect((await git(wt.path, 'log', '-1', '--format=%s')).trim()).toBe('Custom message');
    expect(done?.files).toBe(1);
  });
});

describe('merge', () => {
  async function agentWith(repo: string, name: string, files: Record<string, string>, options: { base?: string } = {}) {
    const wt = await service.create(repo, { agentName: name, ...options });
    const tip = await commit(wt.path, files, `${name} works`);
    return { ...wt, tip };
  }

  it('fast-forwards the checked-out base and updates its working tree', async () => {
    const repo = await makeRepo();
    const alice = await agentWith(repo, 'alice', { 'feature.txt': 'feature\n' });
    const before = await sha(repo, 'main');
    const result = await service.merge(repo, { branch: alice.branch });
    expect(result).toEqual({ kind: 'fast-forward', branch: 'squad/alice', into: 'main', from: before, to: alice.tip, updatedWorktree: repo });
    expect(await sha(repo, 'main')).toBe(alice.tip);
    expect(await readFile(path.join(repo, 'feature.txt'), 'utf8')).toBe('feature\n');
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });

  it('makes a merge commit when the base moved on', async () => {
    const repo = await makeRepo();
    const alice = await agentWith(repo, 'alice', { 'feature.txt': 'feature\n' });
    const moved = await commit(repo, { 'other.txt': 'other\n' }, 'main moves on');
    const result = await service.merge(repo, { branch: alice.branch });
    expect(result).toMatchObject({ kind: 'merge-commit', from: moved, updatedWorktree: repo });
    const merge = await sha(repo, 'main');
    expect(await sha(repo, 'main^1')).toBe(moved);
    expect(await sha(repo, 'main^2')).toBe(alice.tip);
    expect((await git(repo, 'log', '-1', '--format=%s', merge)).trim()).toBe("Merge branch 'squad/alice' into main");
    expect(await readFile(path.join(repo, 'feature.txt'), 'utf8')).toBe('feature\n');
    expect(await readFile(path.join(repo, 'other.txt'), 'utf8')).toBe('other\n');
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });

  it('moves a base that is checked out nowhere without touching any working tree', async () => {
    const repo = await makeRepo();
    await git(repo, 'branch', 'release');
    const alice = await agentWith(repo, 'alice', { 'a.txt': 'a\n' }, { base: 'release' });
    const bob = await agentWith(repo, 'bob', { 'b.txt': 'b\n' }, { base: 'release' });
    const main = await sha(repo, 'main');
    expect(await service.merge(repo, { branch: alice.branch })).toMatchObject({ kind: 'fast-forward', into: 'release', to: alice.tip });
    const second = await service.merge(repo, { branch: bob.branch });
    expect(second).toMatchObject({ kind: 'merge-commit', into: 'release', from: alice.tip });
    expect(second).not.toHaveProperty('updatedWorktree');
    expect(await git(repo, 'ls-tree', '--name-only', 'release')).toBe('README.md\na.txt\nb.txt\n');
    expect(await sha(repo, 'main')).toBe(main);
    expect(await exists(path.join(repo, 'a.txt'))).toBe(false);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });

  it('stops on a conflict, names the files, and changes nothing on either side', async () => {
    const repo = await makeRepo({ 'a.txt': 'line\n', 'b.txt': 'b\n' });
    const alice = await agentWith(repo, 'alice', { 'a.txt': 'alice\n', 'c.txt': 'c\n' });
    await commit(repo, { 'a.txt': 'main\n' }, 'main edits a');
    await write(repo, 'scratch.txt', 'untracked notes\n');
    await git(repo, 'add', '--intent-to-add', 'scratch.txt');
    const files = ['a.txt', 'b.txt', 'c.txt', 'scratch.txt'];
    const before = { main: await snapshot(repo, files), agent: await snapshot(alice.path, files) };
    // The staged intent-to-add makes the main tree dirty: merging must refuse first, untouched.
    await expect(service.merge(repo, { branch: alice.branch })).rejects.toBeInstanceOf(UncommittedChangesError);
    await git(repo, 'rm', '-q', '--cached', 'scratch.txt');
    const clean = { main: await snapshot(repo, files), agent: await snapshot(alice.path, files) };

    const result = await service.merge(repo, { branch: alice.branch });
    expect(result).toMatchObject({ kind: 'conflict', branch: 'squad/alice', into: 'main', files: ['a.txt'] });
    expect(result.kind === 'conflict' && result.details[0]).toContain('Merge conflict in a.txt');
    expect({ main: await snapshot(repo, files), agent: await snapshot(alice.path, files) }).toEqual(clean);
    expect(before.agent).toEqual(clean.agent);
    expect(clean.main.contents).toEqual(['main\n', 'b\n', '<missing>', 'untracked notes\n']);
  });

  it('refuses when the checked-out base has uncommitted changes', async () => {
    const repo = await makeRepo();
    const alice = await agentWith(repo, 'alice', { 'feature.txt': 'f\n' });
    const main = await sha(repo, 'main');
    await write(repo, 'README.md', 'work in progress\n');
    const refused = await failure(service.merge(repo, { branch: alice.branch }), UncommittedChangesError);
    expect(refused).toMatchObject({ side: 'target', worktree: repo, files: ['README.md'] });
    expect(await sha(repo, 'main')).toBe(main);
    expect(await readFile(path.join(repo, 'README.md'), 'utf8')).toBe('work in progress\n');
  });

  it('refuses while the checked-out base is in the middle of a merge', async () => {
    const repo = await makeRepo({ 'a.txt': 'base\n' });
    const alice = await agentWith(repo, 'alice', { 'f.txt': 'f\n' });
    await git(repo, 'checkout', '-q', '-b', 'other');
    await commit(repo, { 'a.txt': 'other\n' }, 'other');
    await git(repo, 'checkout', '-q', 'main');
    await commit(repo, { 'a.txt': 'main\n' }, 'main');
    await gitFails(repo, 'merge', 'other');
    const main = await sha(repo, 'main');
    const refused = await failure(service.merge(repo, { branch: alice.branch }), OperationInProgressError);
    expect(refused).toMatchObject({ operation: 'merge', worktree: repo });
    expect(await sha(repo, 'main')).toBe(main);
    expect(await exists(path.join(repo, '.git', 'MERGE_HEAD'))).toBe(true);
  });

  it('refuses to overwrite untracked files in the base working tree', async () => {
    const repo = await makeRepo();
    const alice = await agentWith(repo, 'alice', { 'new.txt': 'from alice\n' });
    await commit(repo, { 'other.txt': 'o\n' }, 'main moves on');
    const main = await sha(repo, 'main');
    await write(repo, 'new.txt', 'mine, untracked\n');
    const refused = await failure(service.merge(repo, { branch: alice.branch }), MergeBlockedError);
    expect(refused.files).toEqual(['new.txt']);
    expect(await sha(repo, 'main')).toBe(main);
    expect(await readFile(path.join(repo, 'new.txt'), 'utf8')).toBe('mine, untracked\n');
    expect(await git(repo, 'status', '--porcelain')).toBe('?? new.txt\n');
  });

  it("asks before merging a branch whose worktree has uncommitted work, and merges what's committed when told", async () => {
    const repo = await makeRepo();
    const alice = await agentWith(repo, 'alice', { 'f.txt': 'committed\n' });
    await write(alice.path, 'f.txt', 'not yet\n');
    const refused = await failure(service.merge(repo, { branch: alice.branch }), UncommittedChangesError);
    expect(refused).toMatchObject({ side: 'source', files: ['f.txt'] });
    expect(await service.merge(repo, { branch: alice.branch, allowUncommitted: true })).toMatchObject({ kind: 'fast-forward', to: alice.tip });
    expect(await readFile(path.join(repo, 'f.txt'), 'utf8')).toBe('committed\n');
    expect(await readFile(path.join(alice.path, 'f.txt'), 'utf8')).toBe('not yet\n');
  });

  it('says when there is nothing to merge', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'alice' });
    expect(await service.merge(repo, { branch: wt.branch })).toMatchObject({ kind: 'up-to-date', into: 'main' });
  });

  it('pushes the base after merging when a remote exists', async () => {
    const repo = await makeRepo();
    const remote = await addRemote(repo);
    await git(repo, 'branch', '-q', '--set-upstream-to=origin/main', 'main');
    const alice = await agentWith(repo, 'alice', { 'f.txt': 'f\n' });
    const result = await service.merge(repo, { branch: alice.branch, push: true });
    expect(result).toMatchObject({ kind: 'fast-forward', push: { status: 'pushed', remote: 'origin', ref: 'refs/heads/main' } });
    expect(await sha(remote, 'main')).toBe(alice.tip);

    const lonely = await makeRepo();
    const bob = await agentWith(lonely, 'bob', { 'b.txt': 'b\n' });
    expect(await service.merge(lonely, { branch: bob.branch, push: true })).toMatchObject({ kind: 'fast-forward', push: { status: 'no-remote' } });
  });
});

describe('remove, pause, resume', () => {
  it('removes a clean worktree without asking and keeps the branch', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'alice' });
    expect(await service.removalImpact(wt.path)).toMatchObject({ branch: 'squad/alice', base: 'main', uncommitted: [], unmergedCount: 0, needsConfirmation: false });
    const removed = await service.remove(wt.path);
    expect(removed).toMatchObject({ branch: 'squad/alice', record: { state: 'removed' } });
    expect(removed.wipCommit).toBeUndefined();
    expect(await exists(wt.path)).toBe(false);
    expect(await sha(repo, 'squad/alice')).toBe(await sha(repo, 'main'));
    const list = await service.list(repo);
    expect(list.worktrees.map((w) => w.branch)).toEqual(['main']);
    expect(list.parked).toMatchObject([{ branch: 'squad/alice', state: 'removed' }]);
  });

  it('asks before removing uncommitted work, then saves it to the branch as a WIP commit', async () => {
    const repo = await makeRepo({ 'README.md': 'hello\n', '.gitignore': 'build/\n' });
    const wt = await service.create(repo, { agentName: 'alice' });
    await write(wt.path, 'README.md', 'edited\n');
    await write(wt.path, 'drafts/idea.md', 'idea\n');
    await write(wt.path, 'build/out.js', 'built\n');
    const refused = await failure(service.remove(wt.path), ConfirmationRequiredError);
    expect(refused.impact).toMatchObject({
      uncommitted: [
        { path: 'README.md', change: 'modified' },
        { path: 'drafts/', change: 'untracked' },
      ],
      ignored: ['build/'],
      needsConfirmation: true,
    });
    expect(refused.message).toMatch(/2 uncommitted file\(s\) would be committed to squad\/alice/);
    expect(await readFile(path.join(wt.path, 'drafts/idea.md'), 'utf8')).toBe('idea\n');

    const removed = await service.remove(wt.path, { confirmed: true });
    expect(removed.wipCommit).toBe(await sha(repo, 'squad/alice'));
    expect((await git(repo, 'log', '-1', '--format=%s', 'squad/alice')).trim()).toBe('WIP: uncommitted work saved before removing the worktree');
    expect(await git(repo, 'show', 'squad/alice:drafts/idea.md')).toBe('idea\n');
    expect(await git(repo, 'show', 'squad/alice:README.md')).toBe('edited\n');
    expect(await exists(wt.path)).toBe(false);
  });

  it('asks before removing a worktree whose branch has unmerged commits', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'alice' });
    const tip = await commit(wt.path, { 'x.txt': 'x\n' }, 'Add x');
    const impact = await service.removalImpact(wt.path);
    expect(impact).toMatchObject({ unmergedCount: 1, unmergedCommits: [{ sha: tip, subject: 'Add x' }], uncommitted: [], needsConfirmation: true });
    await expect(service.remove(wt.path)).rejects.toBeInstanceOf(ConfirmationRequiredError);
    await service.merge(repo, { branch: wt.branch });
    expect((await service.removalImpact(wt.path)).needsConfirmation).toBe(false);
    await service.remove(wt.path);
    expect(await sha(repo, 'squad/alice')).toBe(tip);
  });

  it('refuses to remove the main working tree', async () => {
    const repo = await makeRepo();
    await expect(service.remove(repo, { confirmed: true })).rejects.toBeInstanceOf(NotAWorktreeError);
    await expect(service.pause(path.join(root, 'nowhere'))).rejects.toBeInstanceOf(NotAWorktreeError);
  });

  it('pauses and resumes an agent with nothing lost', async () => {
    const repo = await makeRepo({ 'README.md': 'hello\n', '.gitignore': '.env\n', '.worktreeinclude': '.env\n' });
    await write(repo, '.env', 'SECRET=1\n');
    const wt = await service.create(repo, { agentName: 'Zoë' });
    expect(wt.included.copied).toEqual(['.env']);
    await write(wt.path, 'README.md', 'edited\n');
    await write(wt.path, 'notes.md', 'notes\n');

    const paused = await service.pause(wt.path);
    expect(paused.wipCommit).toBeDefined();
    expect(paused.record).toMatchObject({ state: 'paused', agent: 'Zoë' });
    expect(await exists(wt.path)).toBe(false);
    expect((await service.list(repo)).parked).toMatchObject([{ branch: 'squad/Zoë', state: 'paused', base: 'main' }]);

    const resumed = await service.resume(repo, 'squad/Zoë');
    expect(resumed).toMatchObject({ agentName: 'Zoë', branch: 'squad/Zoë', path: wt.path, reused: true, base: { name: 'main', kind: 'branch' } });
    expect(await readFile(path.join(wt.path, 'README.md'), 'utf8')).toBe('edited\n');
    expect(await readFile(path.join(wt.path, 'notes.md'), 'utf8')).toBe('notes\n');
    expect(await readFile(path.join(wt.path, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect((await service.list(repo)).parked).toEqual([]);
    expect(await service.status(wt.path)).toMatchObject({ ahead: 1, files: 2, uncommitted: false });
  });

  it('resumes an agent whose worktree directory was deleted by hand', async () => {
    const repo = await makeRepo();
    const wt = await service.create(repo, { agentName: 'alice' });
    await commit(wt.path, { 'x.txt': 'x\n' }, 'x');
    await rm(wt.path, { recursive: true, force: true });
    const resumed = await service.resume(repo, 'squad/alice');
    expect(await readFile(path.join(resumed.path, 'x.txt'), 'utf8')).toBe('x\n');
  });

  it('forgets only the one worktree whose folder was deleted by hand, keeping its branch', async () => {
    const repo = await makeRepo();
    const a = await service.create(repo, { agentName: 'alice' });
    const b = await service.create(repo, { agentName: 'bob' });
    await commit(a.path, { 'x.txt': 'x\n' }, 'x');
    const tip = await sha(a.path, 'HEAD');
    await rm(a.path, { recursive: true, force: true });
    await rm(b.path, { recursive: true, force: true });
    await service.forgetMissing(repo, a.path, a.branch);
    const listed = await git(repo, 'worktree', 'list', '--porcelain');
    expect(listed).not.toContain(a.path);
    // Bob's folder may be on a drive that is not mounted: git still knows it.
    expect(listed).toContain(b.path);
    expect(await sha(repo, 'squad/alice')).toBe(tip);
  });
});
