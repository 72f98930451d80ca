// `squadtui config` on real settings files in temporary directories: the file and the settings,
// get and set by dotted keys, and refusals that write nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConfigCli } from '../../src/core/settings/cli.js';
import { knownKeys } from '../../src/core/settings/keys.js';
import { DEFAULT_SETTINGS, loadSettings } from '../../src/core/settings/settings.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/bin.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'config.json');

/** Runs `squadtui config ARGS` with SQUADTUI_CONFIG_DIR set to the temp directory. */
function config(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runConfigCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: { SQUADTUI_CONFIG_DIR: dir } });
  return { code, out, err };
}

describe('squadtui config', () => {
  it('prints the settings file and the settings in effect, defaults filled in', () => {
    const r = config();
    expect(r).toEqual({ code: 0, out: `Settings file: ${file()} (nothing set there: these are the defaults)\n${JSON.stringify(DEFAULT_SETTINGS, null, 2)}\n`, err: '' });
    writeFileSync(file(), JSON.stringify({ program: 'aider', scrollback: 'lots' }));
    const shown = config();
    expect(shown.out.split('\n')[0]).toBe(`Settings file: ${file()}`);
    expect(JSON.parse(shown.out.slice(shown.out.indexOf('\n')))).toEqual({ ...DEFAULT_SETTINGS, program: 'aider' });
    expect(shown.err).toMatch(/Setting "scrollback" in .* is invalid .*; the default is used\./);
    // Reading never changes the file (loading the app keeps a copy of a broken one; this does not).
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('gets a setting by its dotted key: a text as it is, anything else as JSON; 1 for one not set', () => {
    expect(config('get', 'worktree.prefix')).toEqual({ code: 0, out: 'squad/\n', err: '' });
    expect(config('get', 'scrollback').out).toBe('10000\n');
    expect(config('get', 'notify.bell').out).toBe('true\n');
    expect(JSON.parse(config('get', 'notify').out)).toEqual({ bell: true, desktop: true, title: true });
    expect(config('get', 'worktree.root')).toEqual({ code: 1, out: '', err: 'squadtui: worktree.root is not set.\n' });
  });

  it('sets a setting, checked against the schema, and the app reads it', () => {
    expect(config('set', 'worktree.prefix', 'agents/')).toEqual({ code: 0, out: `worktree.prefix = agents/ (in ${file()})\n`, err: '' });
    expect(config('set', 'scrollback', '5000').code).toBe(0);
    expect(config('set', 'notify.bell', 'false').code).toBe(0);
    // A text that reads as JSON of another kind stays text where text is wanted.
    expect(config('set', 'program', '123').code).toBe(0);
    // Under a map the rest of the key is one name, dots and all.
    expect(config('set', 'keys.dialog.submit', '["ctrl+y"]').code).toBe(0);
    expect(config('set', 'approve.programs.claude', '["Bash(npm test*)"]').code).toBe(0);
    const loaded = loadSettings({ dir });
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings).toMatchObject({
      program: '123',
      scrollback: 5000,
      notify: { bell: false, desktop: true, title: true },
      worktree: { enabled: true, prefix: 'agents/' },
      keys: { 'dialog.submit': ['ctrl+y'] },
      approve: { enabled: false, programs: { claude: ['Bash(npm test*)'] } },
    });
    expect(config('get', 'keys.dialog.submit').out).toBe('[\n  "ctrl+y"\n]\n');
  });

  it('refuses an unknown key or a bad value, saying which and why, and writes nothing', () => {
    writeFileSync(file(), '{"program": "aider"}\n');
    const unknown = config('set', 'worktree.nope', '1');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe(`squadtui: Unknown setting "worktree.nope" ("worktree" has enabled, prefix, root, setup). Settings: ${knownKeys().join(', ')}.\n`);
    expect(config('get', 'colour').err).toMatch(/^squadtui: Unknown setting "colour"\. Settings: program, keys, scrollback, notify\.bell/);
    expect(config('set', 'program.name', 'x').err).toMatch(/Unknown setting "program\.name" \("program" has no parts\)/);
    expect(config('set', 'scrollback', 'lots')).toEqual({ code: 1, out: '', err: 'squadtui: "lots" is not a valid value for scrollback (Invalid input: expected number, received string). Nothing was written.\n' });
    expect(config('set', 'scrollback', '5').err).toMatch(/"5" is not a valid value for scrollback \(Too small: expected number to be >=100\)/);
    expect(config('set', 'notify', '{"bell": 3}').err).toMatch(/not a valid value for notify \(bell: Invalid input: expected boolean/);
    expect(config('set', 'worktree.prefix', '').err).toMatch(/"" is not a valid value for worktree\.prefix/);
    // A prefix git would not take as written is refused, not quietly turned into another.
    expect(config('set', 'worktree.prefix', '../../evil').err).toBe(
      'squadtui: "../../evil" is not usable for worktree.prefix: agents\' branches would be evil<name>. Use letters, digits, ".", "-", "_" and "/" (e.g. squad/ or ai-). Nothing was written.\n',
    );
    expect(config('set', 'worktree.prefix', '..').err).toMatch(/not usable for worktree\.prefix: no branch name can be made of it/);
    expect(readFileSync(file(), 'utf8')).toBe('{"program": "aider"}\n');
  });

  it('never writes over a file that is broken: not JSON, or another setting invalid', () => {
    writeFileSync(file(), '{"scrollback": 5000,');
    expect(config('set', 'program', 'aider')).toEqual({ code: 1, out: '', err: `squadtui: Settings file ${file()} is not a valid JSON object: fix or remove it first. Nothing was written.\n` });
    expect(readFileSync(file(), 'utf8')).toBe('{"scrollback": 5000,');
    writeFileSync(file(), '{"scrollback": "x"}');
    expect(config('set', 'program', 'aider').err).toBe(`squadtui: "scrollback" in ${file()} is invalid (Invalid input: expected number, received string): fix it first (squadtui config set scrollback VALUE). Nothing was written.\n`);
    // Setting the broken one itself mends it.
    expect(config('set', 'scrollback', '2000').code).toBe(0);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ scrollback: 2000 });
  });

  it('takes --config-dir over SQUADTUI_CONFIG_DIR, before or after the subcommand', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'squadtui-config-other-'));
    try {
      expect(config('set', 'program', 'aider', '--config-dir', other).code).toBe(0);
      expect(config('--config-dir', other, 'get', 'program').out).toBe('aider\n');
      expect(config('get', 'program').out).toBe('claude\n');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('is dispatched by the squadtui executable without loading the app (no terminal needed)', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'config', ...args], { env: { ...process.env, SQUADTUI_CONFIG_DIR: dir }, encoding: 'utf8', timeout: 20_000 });
    expect(run('set', 'worktree.prefix', 'team/')).toMatchObject({ status: 0, stdout: `worktree.prefix = team/ (in ${file()})\n` });
    expect(run('get', 'worktree.prefix')).toMatchObject({ status: 0, stdout: 'team/\n', stderr: '' });
    expect(run('get', 'nope')).toMatchObject({ status: 1 });
    expect(run()).toMatchObject({ status: 0 });
  });

  it("refuses keys and detectors the app would throw away at start, by the app's own rules", () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'config', ...args], { env: { ...process.env, SQUADTUI_CONFIG_DIR: dir }, encoding: 'utf8', timeout: 20_000 });
    expect(run('set', 'keys.agent.next', '["ctrl+n"]')).toMatchObject({ status: 0 });
    const before = readFileSync(file(), 'utf8');
    for (const [key, value, why] of [
      ['keys.agent.next', '["ctrl+c"]', 'Key ctrl+c belongs to the agent and cannot be bound to agent.next.'],
      ['keys', '{"nosuch.cmd":["x"]}', 'Unknown command "nosuch.cmd" in key settings.'],
      ['detectors', '[{}]', 'Detector #1 is ignored'],
    ] as const) {
      const r = run('set', key, value);
      expect(r.status, key).toBe(1);
      expect(r.stderr, key).toContain(`is not usable for ${key}: ${why}`);
      expect(r.stderr, key).toContain('Nothing was written.');
    }
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });
});
