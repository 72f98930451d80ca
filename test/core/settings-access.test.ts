// Settings directories squadtui may not create or write, for real: the tests run as root, who may
// write anywhere, so the settings code (bundled as the build does) runs as the user "nobody".
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const canDropPrivileges = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

let tmp: string;
let bundle: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-settings-access-'));
  chmodSync(tmp, 0o755);
  bundle = path.join(tmp, 'settings.mjs');
  if (!canDropPrivileges) return;
  await build({ entryPoints: [path.join(ROOT, 'src/core/settings/settings.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** loadSettings(dir) as the user nobody, then set() one value; what it returned. */
function loadAsNobody(dir: string): { program: string; problems: string[] } {
  const script = `const { loadSettings } = await import(${JSON.stringify(bundle)});
const s = loadSettings({ dir: ${JSON.stringify(dir)} });
s.set('scrollback', 500);
process.stdout.write(JSON.stringify({ program: s.settings.program, problems: s.problems }));`;
  const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script], { cwd: tmp, encoding: 'utf8' });
  return JSON.parse(out) as { program: string; problems: string[] };
}

describe.skipIf(!canDropPrivileges)('settings a user may not write (run as nobody)', () => {
  it('reads the settings of a directory it may not write, says so, and writes nothing there', () => {
    const dir = path.join(tmp, 'read-only');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'config.json'), '{"program": "aider"}\n');
    const loaded = loadAsNobody(dir);
    expect(loaded.program).toBe('aider');
    expect(loaded.problems).toEqual([
      `The settings directory ${dir} is not writable (permission denied): settings are read from it, but nothing is saved there. Make it writable, or pass --config-dir DIR (or set SQUADTUI_CONFIG_DIR) to keep them elsewhere.`,
    ]);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('runs on defaults when the settings directory may not be created (EACCES), naming the folder to fix', () => {
    const parent = path.join(tmp, 'not-mine');
    mkdirSync(parent);
    const dir = path.join(parent, 'squadtui');
    const loaded = loadAsNobody(dir);
    expect(loaded.program).toBe('claude');
    expect(loaded.problems).toEqual([
      `The settings directory ${dir} can't be created (permission denied). squadtui runs on default settings and saves nothing there. To fix it, make ${parent} writable, or pass --config-dir DIR (or set SQUADTUI_CONFIG_DIR) to keep them elsewhere.`,
    ]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('runs on defaults when config.json may not be read', () => {
    const dir = path.join(tmp, 'unreadable');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    writeFileSync(path.join(dir, 'config.json'), '{"program": "aider"}\n', { mode: 0o600 });
    const loaded = loadAsNobody(dir);
    expect(loaded.program).toBe('claude');
    expect(loaded.problems[0]).toMatch(/^Settings in .*config\.json can't be used \(permission denied\): squadtui runs on default settings and saves nothing there\./);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
