// What the squadtui executable says to a command line it cannot take, and to `mcp --help`: run
// as the user runs it (dist/bin.js), no terminal needed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../dist/bin.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, SQUADTUI_CONFIG_DIR: '/nonexistent' } });

describe('the squadtui command line', () => {
  it('names a command given after options, and a word it does not know, instead of "too many arguments"', () => {
    expect(run('--no-host', 'ls')).toMatchObject({ status: 1, stderr: expect.stringContaining('error: ls is a command: it comes first, its options after it (squadtui ls --help).') });
    const unknown = run('-p', 'bash', 'help');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('error: squadtui takes no argument but its options: "help" is neither (its commands: ls, attach, stop, task, config, mcp).');
  });

  it('says what squadtui mcp is for at --help, instead of waiting silently on stdin', () => {
    const r = run('mcp', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: squadtui mcp\n/);
    expect(r.stdout).toContain('MCP server on stdin/stdout');
  });
});
