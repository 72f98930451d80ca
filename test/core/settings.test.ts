import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings } from '../../src/core/settings.js';

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
});
