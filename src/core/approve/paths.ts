// Path rules (`Edit(src/**)`, `Read(*)`): a wildcard is matched against where the file really is —
// symlinks and `..` resolved against the agent's directory — so a link inside src/ that leads to
// ~/.bashrc is not "in src/".
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

const escapeRe = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** In a path `**` crosses directories, `*` and `?` stay within one. */
export function pathGlob(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:[^\\n]*/)?' : '[^\\n]*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/\\n]*';
    else if (c === '?') out += '[^/\\n]';
    else out += escapeRe(c);
  }
  return new RegExp(`^${out}$`);
}

/**
 * The real path of `file`, which may not exist yet (a Write): its deepest existing ancestor resolved,
 * the rest appended. Undefined when it cannot be known: a dangling symlink (writing through it creates
 * its target, wherever that is), or an unreadable path.
 */
export function realPath(file: string): string | undefined {
  const tail: string[] = [];
  let current = file;
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...tail.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
      if (lexists(current)) return undefined;
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      tail.push(path.basename(current));
      current = parent;
    }
  }
}

function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a path pattern is matched against: relative patterns see the path relative to the agent's
 * directory (and nothing outside it), absolute ones the absolute real path.
 */
export function resolvedForPattern(input: string, root: string, absolutePattern: boolean): { path: string } | { refused: string } {
  const realRoot = realPath(path.resolve(root)) ?? path.resolve(root);
  const real = realPath(path.resolve(root, input));
  if (real === undefined) return { refused: `cannot tell where "${input}" leads (a dangling symlink or an unreadable path)` };
  if (absolutePattern) return { path: real };
  const relative = path.relative(realRoot, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { refused: `"${input}" resolves to ${real}, outside the agent's directory` };
  }
  return { path: relative === '' ? '.' : relative.split(path.sep).join('/') };
}
