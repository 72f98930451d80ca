// The views that replace the panel: the key list, the activity log, and the changes (diff) view.
import type { CommandId } from '../../keymap.js';
import { classifyDiff } from '../git/index.js';
import { computeLayout } from '../util/index.js';
import type { State } from '../state/index.js';
import { describe } from '../workspace/index.js';
import type { Command, CommandContext, CommandTable } from './types.js';

type ViewsId = Extract<CommandId, 'help' | `help.${string}` | 'log.open' | 'view.close' | `diff.${string}`>;

/** The diff lines one screen of the changes view shows. */
function diffPage(state: State): number {
  return computeLayout(state.view.size.cols, state.view.size.rows).diffRows;
}

function helpScroll(delta: (page: number) => number): Command {
  return {
    run: ({ state, store, helpRows }) => {
      const page = Math.max(1, state.view.size.rows - 6);
      store.dispatch({ type: 'help/scroll', delta: delta(page), max: helpRows() });
    },
  };
}

function diffStep(delta: number): Command {
  return {
    run: ({ state, store }) => {
      if (state.view.diff?.open) store.dispatch({ type: 'diff/scroll', delta, page: diffPage(state) });
      else store.dispatch({ type: 'diff/cursor', delta });
    },
  };
}

function diffPageBy(direction: 1 | -1): Command {
  return { run: ({ state, store }) => store.dispatch({ type: 'diff/scroll', delta: direction * diffPage(state), page: diffPage(state) }) };
}

function diffEnd(last: boolean): Command {
  return {
    run: ({ state, store }) => {
      const diff = state.view.diff;
      if (diff?.open) store.dispatch({ type: 'diff/scroll', delta: last ? diff.open.lines.length : -diff.open.offset, page: diffPage(state) });
      else if (diff?.files?.length) store.dispatch({ type: 'diff/cursor', delta: (last ? diff.files.length - 1 : 0) - diff.cursor });
    },
  };
}

/** The changed file under the cursor, diffed against the agent's base. */
async function showFile({ store, workspace }: CommandContext): Promise<void> {
  const diff = store.getState().view.diff;
  const file = diff?.files?.[diff.cursor];
  if (!diff || !file) return;
  try {
    const result = await workspace.fileDiff(diff.agentId, file);
    store.dispatch({ type: 'diff/show', agentId: diff.agentId, path: result.path, lines: classifyDiff(result.text), binary: result.binary });
  } catch (error) {
    store.dispatch({ type: 'diff/error', agentId: diff.agentId, error: describe(error) });
  }
}

/** Opens the changes view of an agent with a worktree and fills it from git. */
export async function openDiff({ store, workspace, flows }: CommandContext, id: string): Promise<void> {
  if (!flows.reviewable(id)) return;
  store.dispatch({ type: 'diff/open', agentId: id });
  try {
    store.dispatch({ type: 'diff/files', agentId: id, files: await workspace.changedFiles(id) });
  } catch (error) {
    store.dispatch({ type: 'diff/error', agentId: id, error: describe(error) });
  }
}

export const views: CommandTable<ViewsId> = {
  help: { run: ({ store }) => store.dispatch({ type: 'view/toggle', view: 'help' }) },
  'help.down': helpScroll(() => 1),
  'help.up': helpScroll(() => -1),
  'help.pageDown': helpScroll((page) => page),
  'help.pageUp': helpScroll((page) => -page),
  'log.open': { run: ({ store }) => store.dispatch({ type: 'view/toggle', view: 'log' }) },
  'view.close': {
    run: ({ state, store }) => {
      const mode = state.view.mode;
      if (mode === 'help' || mode === 'inbox' || mode === 'log') store.dispatch({ type: 'view/toggle', view: mode });
    },
  },
  'diff.down': diffStep(1),
  'diff.up': diffStep(-1),
  'diff.pageDown': diffPageBy(1),
  'diff.pageUp': diffPageBy(-1),
  'diff.top': diffEnd(false),
  'diff.bottom': diffEnd(true),
  'diff.open': {
    run: (ctx) => ctx.track(showFile(ctx), 'showing the diff'),
    disabledReason: (state) => (state.view.diff?.files?.length ? undefined : 'no changed files'),
  },
  'diff.back': { run: ({ store }) => store.dispatch({ type: 'diff/back' }) },
  'diff.close': {
    run: ({ store }) => {
      store.dispatch({ type: 'diff/back' });
      if (store.getState().view.mode === 'diff') store.dispatch({ type: 'diff/back' });
    },
  },
};
