import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings } from '../../src/core/settings/settings.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'squadtui-settings-'));

describe('settings', () => {
  it('starts from defaults and writes changes to config.json', () => {
    const dir = tempDir();
    const s = loadSettings({ dir });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.problems).toEqual([]);
    s.set('program', 'claude --model sonnet');
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
    expect(onDisk.program).toBe('claude --model sonnet');
    expect(loadSettings({ dir }).settings.program).toBe('claude --model sonnet');
  });

  it('keeps a corrupt file aside, says where, and starts with defaults', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), '{"program": "claude", oops');
    const s = loadSettings({ dir });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.problems[0]).toMatch(/not valid JSON/);
    const backup = readdirSync(dir).find((f) => f.startsWith('config.json.broken-'));
    expect(backup).toBeDefined();
    expect(readFileSync(path.join(dir, backup!), 'utf8')).toBe('{"program": "claude", oops');
  });

  it('uses defaults only for invalid settings, keeping the valid ones and a copy of the file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ program: 'aider', scrollback: 'lots', future: 1 }));
    const s = loadSettings({ dir });
    expect(s.settings.program).toBe('aider');
    expect(s.settings.scrollback).toBe(DEFAULT_SETTINGS.scrollback);
    expect(s.problems.join('\n')).toMatch(/"scrollback".*invalid/);
    expect(s.problems.join('\n')).toMatch(/Unknown setting "future"/);
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.broken-'))).toBe(true);
    expect(existsSync(path.join(dir, 'config.json'))).toBe(true);
  });

  it('runs on defaults, saying which path and what to do, when the settings directory is a file; never writes there', () => {
    const file = path.join(tempDir(), 'squadtui');
    writeFileSync(file, 'not a folder\n');
    const s = loadSettings({ dir: file });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.problems).toEqual([
      `The settings directory ${file} is a file, not a directory. squadtui runs on default settings and saves nothing there. To fix it, remove or rename it, or pass --config-dir DIR (or set SQUADTUI_CONFIG_DIR) to keep them elsewhere.`,
    ]);
    s.set('program', 'aider');
    expect(s.settings.program).toBe('aider');
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('runs on defaults when the settings directory cannot be made (a file on its path), naming that file', () => {
    const parent = tempDir();
    const file = path.join(parent, 'file');
    writeFileSync(file, '');
    const dir = path.join(file, 'squadtui', 'config');
    const s = loadSettings({ dir });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatch(new RegExp(`^The settings directory ${dir} can't be made: ${file} is a file\\. .* To fix it, remove or rename ${file}, or pass --config-dir DIR`));
    s.set('scrollback', 500);
    expect(readdirSync(parent)).toEqual(['file']);
  });

  it('runs on defaults when config.json cannot be read (here: it is a directory), and leaves it alone', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'config.json'));
    const s = loadSettings({ dir });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.problems[0]).toBe(`Settings in ${path.join(dir, 'config.json')} can't be used (it is a directory): squadtui runs on default settings and saves nothing there. Fix or remove that file, or pass --config-dir DIR.`);
    s.set('program', 'aider');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
