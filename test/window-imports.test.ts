// The window a user starts is a pipe to the squad's host: reading its options and attaching must
// not load the emulator, Ink, React or node-pty (with them it took 10 MB more, in every window).
// Walks the static imports of the window's modules in the source (type-only ones are erased).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const HEAVY = ['@xterm/headless', 'ink', 'react', 'node-pty'];

/** Every module `entry` loads before any dynamic import: files of this repository and packages. */
function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const node of source.statements) {
      const spec = ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly
        ? node.moduleSpecifier
        : ts.isExportDeclaration(node) && !node.isTypeOnly ? node.moduleSpecifier : undefined;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const name = spec.text;
      if (!name.startsWith('.')) {
        if (!name.startsWith('node:')) packages.add(name);
        continue;
      }
      const base = join(dirname(file), name).replace(/\.js$/, '');
      const found = ['.ts', '.tsx'].map((ext) => base + ext).find(existsSync);
      if (found) visit(found);
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

describe("the window's modules", () => {
  for (const entry of ['src/runtime/args.ts', 'src/window.ts']) {
    it(`${entry} loads no emulator, Ink, React or node-pty`, () => {
      const { files, packages } = staticImports(entry);
      expect([...packages].filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)))).toEqual([]);
      expect([...files].map((f) => relative(ROOT, f))).not.toContain('src/core/terminal/screen.ts');
    });
  }
});
