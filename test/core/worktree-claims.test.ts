// Two squadtui in one repository, at the service level: a real temporary repository, two
// Workspaces with their flows, the other instance stood in for by a live process (a `sleep`) so
// its claims name a process that runs. Neither takes, continues or removes the other's worktree.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorktreeInUseError, WorktreeService } from '../../src/core/git/index.js';
import type { Launcher } from '../../src/core/agents/launcher.js';
import type { Logger } from '../../src/core/util/log.js';
import type { Monitor } from '../../src/core/agents/monitor.js';
import { type ProcessId, isRunning, processStart } from '../../src/core/pty/processes.js';
import type { AgentSpec, SessionHost, SessionInfo } from '../../src/core/sessions/host.js';
import { type Notices, type SquadStore, agentById, createStoreOf, initialSquadState, reduceSquad } from '../../src/core/state/index.js';
import { WorktreeFlows } from '../../src/core/workspace/flows.js';
import { Workspace } from '../../src/core/workspace/workspace.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';
import { waitFor } from '../helpers/wait-for.js';

const log: Logger = { info: () => undefined, error: () => undefined, file: undefined };

let repo: TempRepo | undefined;
const children: ChildProcess[] = [];
const instances: Instance[] = [];
afterEach(() => {
  for (const i of instances.splice(0)) i.workspace.dispose();
  for (const c of children.splice(0)) c.kill('SIGKILL');
  repo?.cleanup();
  repo = undefined;
});

async function liveProcess(cwd: string): Promise<ProcessId & { child: ChildProcess }> {
  const child = spawn('sleep', ['60'], { cwd, stdio: 'ignore' });
  children.push(child);
  const pid = child.pid!;
  return { pid, start: await waitFor(() => processStart(pid)), child };
}

interface Instance {
  store: SquadStore;
  workspace: Workspace;
  flows: WorktreeFlows;
  notices: string[];
  spawned: AgentSpec[];
}

/** One squadtui's services on `dir`; its agents are never really run (the host only records them). */
async function instance(dir: string, self?: ProcessId): Promise<Instance> {
  const store = createStoreOf(initialSquadState(), reduceSquad);
  const workspace = new Workspace({ service: new WorktreeService(), store, log, instance: self });
  await workspace.init(dir);
  const notices: string[] = [];
  const spawned: AgentSpec[] = [];
  let next = 0;
  const host = {
    newId: () => `${self?.pid ?? 'me'}-${++next}`,
    get: (): SessionInfo | undefined => undefined,
    spawn: (spec: AgentSpec) => void spawned.push(spec),
    kill: () => undefined,
    remove: () => undefined,
    onEvent: () => () => undefined,
  } as unknown as SessionHost;
  const launcher = { prepare: async (_spec: AgentSpec, id: string) => ({ launch: { id } }), continuing: async (_spec: AgentSpec, id: string) => ({ id }) } as unknown as Launcher;
  const monitor = { sessionChanged: () => undefined } as unknown as Monitor;
  const said: Notices = { notice: (text) => void notices.push(text), add: (text) => void notices.push(text), show: () => undefined, clear: () => undefined };
  const flows = new WorktreeFlows({ host, store, workspace, launcher, monitor, log, notices: said, keyName: (command) => command, openEditor: () => undefined });
  const made = { store, workspace, flows, notices, spawned };
  instances.push(made);
  return made;
}

const spec = (name: string, cwd: string): AgentSpec => ({ name, command: 'true', args: [], cwd });
const agentOf = (i: Instance, id: string) => agentById(i.store.getState(), id);
const worktreeDir = (r: TempRepo, name: string) => path.join(path.dirname(r.dir), 'repo.squad', name);

describe('two squadtui in one repository', () => {
  it("never continue in or remove each other's worktree, and say which agent is in use by which process", async () => {
    repo = tempRepo();
    const first = await liveProcess(repo.dir);
    const a = await instance(repo.dir, first);
    await a.flows.start(spec('coder', repo.dir), { startup: true }, 'a-1');
    expect(agentOf(a, 'a-1')?.worktree?.branch).toBe('squad/coder');
    // A paused agent is still the first squadtui's: r brings it back there.
    await a.flows.start(spec('tester', repo.dir), { startup: true }, 'a-2');
    await a.flows.pause('a-2');
    expect(agentOf(a, 'a-2')?.worktree?.paused).toBe(true);

    const b = await instance(repo.dir);
    // Not listed as leftovers to continue: in use, and by whom.
    const byFirst = { kind: 'squadtui', pid: first.pid };
    expect(await b.workspace.leftovers()).toEqual({ worktrees: [], paused: [], inUse: [{ agent: 'coder', user: byFirst }, { agent: 'tester', user: byFirst }] });
    await b.flows.start(spec('tester', repo.dir), { startup: true }, 'b-0');
    expect(agentOf(b, 'b-0')?.worktree?.branch).toBe('squad/tester-2');
    expect(b.workspace.usedBy('squad/coder', worktreeDir(repo, 'coder'))).toEqual({ kind: 'squadtui', pid: first.pid });

    // Started with the same name by squadtui itself: another worktree, and the user is told why.
    await b.flows.start(spec('coder', repo.dir), { startup: true }, 'b-1');
    expect(agentOf(b, 'b-1')?.worktree?.branch).toBe('squad/coder-2');
    expect(b.spawned.at(-1)?.cwd).toBe(worktreeDir(repo, 'coder-2'));
    expect(b.notices).toContain(`coder's worktree (squad/coder) is in use by squadtui pid ${first.pid}: this coder works in squad/coder-2.`);

    // The user chose "continue in its worktree": refused, nothing taken.
    await b.flows.start(spec('coder', repo.dir), { pickUp: true }, 'b-2');
    const failed = agentOf(b, 'b-2')!.info;
    expect(failed.status).toBe('failed');
    expect(failed.error?.hint).toContain(`coder's worktree (squad/coder) is in use by squadtui pid ${first.pid}.`);
    expect(agentOf(b, 'b-2')?.worktree).toBeUndefined();

    // Even an agent that somehow has the other instance's worktree can't take it down.
    b.store.dispatch({ type: 'agent/worktree', id: 'b-2', worktree: { path: worktreeDir(repo, 'coder'), branch: 'squad/coder', base: 'main' } });
    await expect(b.workspace.remove('b-2')).rejects.toBeInstanceOf(WorktreeInUseError);
    await expect(b.workspace.pause('b-2')).rejects.toBeInstanceOf(WorktreeInUseError);
    const question = await b.flows.requestClose('b-2');
    expect(b.notices.at(-1)).toBe(`coder's worktree is not removed: coder's worktree (squad/coder) is in use by squadtui pid ${first.pid}. Another squadtui in this repository runs that agent: give this one another name, or close it there first. Nothing was changed.`);
    expect(question).toBeUndefined();
    expect(existsSync(worktreeDir(repo, 'coder'))).toBe(true);
    expect(repo.git('worktree', 'list')).toContain(worktreeDir(repo, 'coder'));

    // The first squadtui still closes its own agent: it holds the claim.
    await a.flows.close('a-1');
    expect(existsSync(worktreeDir(repo, 'coder'))).toBe(false);
    expect(a.notices.at(-1)).toMatch(/^Removed coder's worktree; branch squad\/coder kept/);
    await a.flows.restart('a-2');
    expect(existsSync(worktreeDir(repo, 'tester'))).toBe(true);
  });

  it("takes over the worktrees of a squadtui that is gone, unless a program it left running still works there", async () => {
    repo = tempRepo();
    const first = await liveProcess(repo.dir);
    const a = await instance(repo.dir, first);
    await a.flows.start(spec('coder', repo.dir), { startup: true }, 'a-1');
    await a.flows.start(spec('tester', repo.dir), { startup: true }, 'a-2');
    // Its agent "tester" goes on after the squadtui that started it was killed.
    const leftRunning = await liveProcess(worktreeDir(repo, 'tester'));
    first.child.kill('SIGKILL');
    await waitFor(() => !isRunning(first));

    const b = await instance(repo.dir);
    expect(await b.workspace.leftovers()).toEqual({ worktrees: ['coder'], paused: [], inUse: [{ agent: 'tester', user: { kind: 'process', pid: leftRunning.pid, command: 'sleep' } }] });
    await b.flows.start(spec('coder', repo.dir), { startup: true }, 'b-1');
    expect(agentOf(b, 'b-1')?.worktree?.branch).toBe('squad/coder');
    expect(b.notices).toContain('coder continues in its worktree from before (squad/coder).');
    await b.flows.start(spec('tester', repo.dir), { startup: true }, 'b-2');
    expect(agentOf(b, 'b-2')?.worktree?.branch).toBe('squad/tester-2');
    expect(b.notices).toContain(`tester's worktree (squad/tester) is in use by pid ${leftRunning.pid} (sleep): this tester works in squad/tester-2.`);

    // B now holds coder: a third squadtui is turned away from it.
    const third = await liveProcess(repo.dir);
    const c = await instance(repo.dir, third);
    expect((await c.workspace.leftovers()).inUse).toContainEqual({ agent: 'coder', user: { kind: 'squadtui', pid: process.pid } });

    // Quitting gives its worktrees up for the next run.
    b.workspace.releaseAll();
    expect((await c.workspace.leftovers()).worktrees).toEqual(['coder', 'tester-2']);
    expect((await c.workspace.leftovers()).inUse).toEqual([{ agent: 'tester', user: { kind: 'process', pid: leftRunning.pid, command: 'sleep' } }]);
  });

  it("at start-up, works on an agent's branch from before as it is, and says so; a folder in the way means another name", async () => {
    repo = tempRepo();
    repo.git('branch', 'squad/coder');
    repo.git('worktree', 'add', '-q', path.join(path.dirname(repo.dir), 'scratch'), 'squad/coder');
    const scratch = path.join(path.dirname(repo.dir), 'scratch');
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '-q', '--allow-empty', '-m', 'my own work'], { cwd: scratch });
    repo.git('worktree', 'remove', scratch);
    mkdirSync(worktreeDir(repo, 'tester'), { recursive: true });
    const a = await instance(repo.dir);
    await a.flows.start(spec('coder', repo.dir), { startup: true }, 'a-1');
    expect(agentOf(a, 'a-1')?.worktree?.branch).toBe('squad/coder');
    expect(repo.git('log', '-1', '--format=%s', 'squad/coder')).toBe('my own work');
    expect(a.notices).toContain('coder works on its branch from before, squad/coder, as it is.');
    await a.flows.start(spec('tester', repo.dir), { startup: true }, 'a-2');
    expect(agentOf(a, 'a-2')?.worktree?.branch).toBe('squad/tester-2');
    expect(a.notices).toContain("tester's branch or folder was taken: its worktree is squad/tester-2.");
  });
});
