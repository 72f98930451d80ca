// The add-agent dialog: its defaults, its fields, checking what was typed, and the branch name
// (an existing branch or an earlier worktree is used only when the user says so).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CommandLineError, parseCommandLine, programName, resolveDirectory } from '../util/index.js';
import { describeUser } from '../git/index.js';
import { SpawnError, preflight, resolveProgram } from '../pty/index.js';
import type { AgentSpec } from '../sessions/index.js';
import { ADD_FIELDS, type AddDialog, type AddField, type RepoView, type SquadState, agentNames } from '../state/index.js';
import { describe } from '../workspace/index.js';
import { relativeInside } from '../workspace/index.js';
import type { CommandContext, CommandsOptions } from './types.js';

/** `base` when no agent has it; otherwise the number after the ones taken (bash-1, bash-2 → bash-3). */
export function freeAgentName(base: string, names: readonly string[]): string {
  const taken = new Set(names);
  const numbered = names.map((name) => (name.startsWith(`${base}-`) ? Number(name.slice(base.length + 1)) : NaN)).filter((n) => Number.isInteger(n) && n > 0);
  if (!taken.has(base) && numbered.length === 0) return base;
  for (let i = Math.max(1, ...numbered) + 1; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Why the add dialog can't give an agent a worktree here. */
export function noWorktreesReason(repo: RepoView): string {
  return repo.kind === 'none' ? `No worktrees here: ${repo.message} ${repo.hint}` : 'Worktrees are not available here.';
}

export function openAddDialog({ cwd, env = process.env, program: configured, worktreesByDefault, workspace, store }: CommandsOptions): void {
  // The configured program when it is installed, else the user's shell: a default that starts.
  let program = configured;
  try {
    if (!resolveProgram(parseCommandLine(program).command, env.PATH, cwd)) program = env.SHELL || 'bash';
  } catch {
    program = env.SHELL || 'bash';
  }
  const dialog: AddDialog = {
    kind: 'add',
    values: { name: freeAgentName(programName(program), agentNames(store.getState().squad)), command: program, cwd, base: '', prompt: '' },
    field: 'name',
    worktree: worktreesByDefault && workspace.available,
  };
  store.dispatch({ type: 'dialog/open', dialog });
}

/** A field of the add form changed; the name follows the command until the user types one. */
export function editField({ store }: CommandsOptions, field: AddField, value: string): void {
  store.dispatch({ type: 'dialog/value', field, value });
  const dialog = store.getState().view.dialog;
  if (field !== 'command' || dialog?.kind !== 'add' || dialog.nameEdited) return;
  store.dispatch({ type: 'dialog/value', field: 'name', value: freeAgentName(programName(value), agentNames(store.getState().squad)), auto: true });
}

export function moveField({ store }: CommandContext, delta: number): void {
  const dialog = store.getState().view.dialog;
  if (dialog?.kind !== 'add') return;
  // The base branch only matters for an agent with its own worktree.
  const fields = ADD_FIELDS.filter((f) => f !== 'base' || dialog.worktree);
  const i = fields.indexOf(dialog.field);
  store.dispatch({ type: 'dialog/field', field: fields[(i + delta + fields.length) % fields.length]! });
}

export function toggleWorktree({ state, store, workspace }: CommandContext): void {
  const dialog = state.view.dialog;
  if (dialog?.kind !== 'add') return;
  if (!workspace.available) return store.dispatch({ type: 'dialog/error', error: noWorktreesReason(state.squad.repo) });
  store.dispatch({ type: 'dialog/patch', patch: { worktree: !dialog.worktree, reuse: undefined } });
}

/** A spec ready to spawn, or the message that explains what to fix. */
export function specFromDialog(o: Pick<CommandsOptions, 'cwd' | 'env'>, squad: SquadState, dialog: AddDialog): AgentSpec | string {
  const { values } = dialog;
  const name = values.name.trim();
  if (!name) return 'Give the agent a name.';
  if (squad.agents.some((a) => a.info.spec.name === name)) return `An agent named "${name}" already exists.`;
  let parsed: { command: string; args: string[] };
  try {
    parsed = parseCommandLine(values.command);
  } catch (error) {
    return error instanceof CommandLineError ? error.message : String(error);
  }
  const cwd = resolveDirectory(values.cwd, o.cwd);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) return `Directory not found: ${cwd}`;
  try {
    preflight({ command: parsed.command, cwd, env: o.env ?? process.env });
  } catch (error) {
    if (error instanceof SpawnError) return `${error.message}. ${error.hint}`;
    throw error;
  }
  const prompt = values.prompt.trim();
  return { name, command: parsed.command, args: parsed.args, cwd, ...(prompt ? { firstPrompt: prompt } : {}) };
}

type Use = { reuse: boolean; pickUp: boolean };

/**
 * Whether the agent's branch name is free; if not, says so in the dialog (offering to reuse the
 * branch or continue in an earlier worktree, on Enter again) and returns undefined.
 */
async function planBranch(ctx: CommandContext, dialog: AddDialog, spec: AgentSpec): Promise<Use | undefined> {
  const { store, workspace } = ctx;
  const again = ctx.keyLabelFor('dialog.submit', 'add') ?? 'Confirming';
  const stillOpen = () => store.getState().view.dialog?.kind === 'add';
  if (dialog.reuse?.name === spec.name) return { reuse: !dialog.reuse.pickUp, pickUp: dialog.reuse.pickUp === true };
  store.dispatch({ type: 'dialog/patch', patch: { busy: true } });
  let plan;
  try {
    const base = dialog.values.base.trim();
    if (base) await workspace.checkBase(base);
    plan = await workspace.plan(spec.name);
  } catch (error) {
    store.dispatch({ type: 'dialog/patch', patch: { busy: false, error: describe(error) } });
    return undefined;
  }
  // Closed while git looked: the user changed their mind.
  if (!stillOpen()) return undefined;
  if (plan.free) return { reuse: false, pickUp: false };
  const why = plan.branchExists ? `Branch ${plan.branch} already exists` : `${plan.path} already exists`;
  const free = plan.suggestion ? ` "${plan.suggestion}" is free.` : '';
  const sameFolder = plan.branchCheckedOutAt !== undefined && path.resolve(plan.branchCheckedOutAt) === path.resolve(plan.path);
  let earlier;
  if (sameFolder) {
    earlier = await workspace.existing(plan.branch).catch((error: unknown) => void ctx.log.info(`looking for ${plan.branch}'s worktree: ${describe(error)}`));
  }
  if (!stillOpen()) return undefined;
  // Another squadtui's agent (or a program left running) works there: it is not offered.
  const ours = store.getState().squad.agents.some((a) => a.worktree?.branch === plan.branch);
  const user = ours ? undefined : workspace.usedBy(plan.branch, earlier ? plan.path : undefined);
  let patch: Partial<AddDialog>;
  if (user) {
    const what = earlier ? `worktree ${plan.path}` : `branch ${plan.branch}`;
    patch = { reuse: undefined, error: `${spec.name}'s ${what} is in use by ${describeUser(user)}. Choose another name.${free}` };
  } else if (earlier && !ours) {
    patch = {
      reuse: { name: spec.name, branch: plan.branch, pickUp: true },
      error: `${spec.name}'s worktree from before is still at ${plan.path} (${plan.branch}). ${again} again continues in it, or change the name.${free}`,
    };
  } else if (plan.canReuse) {
    patch = { reuse: { name: spec.name, branch: plan.branch }, error: `${why}. ${again} again reuses it (the agent continues its work), or change the name.${free}` };
  } else {
    const at = plan.branchCheckedOutAt ? ` (checked out at ${plan.branchCheckedOutAt})` : '';
    patch = { reuse: undefined, error: `${why}${at}. Choose another name.${free}` };
  }
  store.dispatch({ type: 'dialog/patch', patch: { busy: false, ...patch } });
  return undefined;
}

/** Checks the form, then the branch name, then starts the agent and types into it. */
export async function submitAdd(ctx: CommandContext, dialog: AddDialog): Promise<void> {
  const { store, workspace } = ctx;
  if (dialog.busy) return;
  const spec = specFromDialog(ctx, store.getState().squad, dialog);
  if (typeof spec === 'string') return store.dispatch({ type: 'dialog/error', error: spec });
  const worktree = dialog.worktree && workspace.available;
  let use: Use | undefined = { reuse: false, pickUp: false };
  if (worktree) {
    const top = workspace.topLevel!;
    if (relativeInside(top, spec.cwd) === undefined) {
      const off = ctx.keyLabelFor('dialog.worktree', 'add') ?? 'its key';
      const error = `${spec.cwd} is outside this repository (${top}): worktrees are made of this one. Turn the worktree off (${off}) to run there.`;
      return store.dispatch({ type: 'dialog/error', error });
    }
    use = await planBranch(ctx, dialog, spec);
    if (!use) return;
  }
  store.dispatch({ type: 'dialog/close' });
  const id = ctx.host.newId();
  // The new agent is listed at once (start() does so before anything awaits) and selected; what
  // is typed next goes to it.
  ctx.runTask(ctx.flows.start(spec, { worktree, base: dialog.values.base.trim() || undefined, ...use }, id), `starting ${spec.name}`);
  store.dispatch({ type: 'select', id });
  store.dispatch({ type: 'mode', mode: 'agent' });
}
