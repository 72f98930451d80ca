// Whether squadtui can keep its settings in a directory, and if not, why in words a user can act
// on: a path that is a file, one under a file, one it may not create or write. conf would stop
// squadtui with a bare EACCES or ENOTDIR; instead it runs on defaults and the user is told.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fsReason } from '../util/index.js';

export { fsReason };

export type SettingsDirState =
  | { readonly usable: true }
  /** Settings can't be kept here; `readable`: the file can still be read (a directory not writable). */
  | { readonly usable: false; readonly readable: boolean; readonly problem: string };

const ELSEWHERE = 'pass --config-dir DIR (or set SQUADTUI_CONFIG_DIR) to keep them elsewhere';
const DEFAULTS = 'squadtui runs on default settings and saves nothing there.';

/** Looks at (and creates, when missing) the settings directory. Never throws. */
export function settingsDirState(dir: string): SettingsDirState {
  const unusable = (what: string, fix: string): SettingsDirState => ({ usable: false, readable: false, problem: `${what} ${DEFAULTS} To fix it, ${fix}, or ${ELSEWHERE}.` });
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOTDIR') {
      const file = fileAbove(dir);
      return unusable(`The settings directory ${dir} can't be made: ${file ?? 'a folder on its path'} is a file.`, `remove or rename ${file ?? 'that file'}`);
    }
    if (code !== 'ENOENT') return unusable(`The settings directory ${dir} can't be opened (${fsReason(error)}).`, 'give yourself access to it');
    try {
      mkdirSync(dir, { recursive: true });
      return { usable: true };
    } catch (made) {
      return unusable(`The settings directory ${dir} can't be created (${fsReason(made)}).`, `make ${path.dirname(dir)} writable`);
    }
  }
  if (!isDir) return unusable(`The settings directory ${dir} is a file, not a directory.`, 'remove or rename it');
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    return {
      usable: false,
      readable: true,
      problem: `The settings directory ${dir} is not writable (${fsReason(error)}): settings are read from it, but nothing is saved there. Make it writable, or ${ELSEWHERE}.`,
    };
  }
  return { usable: true };
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The nearest existing ancestor of `dir` that is not a directory, if any. */
function fileAbove(dir: string): string | undefined {
  for (let p = path.dirname(path.resolve(dir)); p !== path.dirname(p); p = path.dirname(p)) {
    try {
      return statSync(p).isDirectory() ? undefined : p;
    } catch {
      // not there either: look further up
    }
  }
  return undefined;
}
