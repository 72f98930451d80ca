// What squadtui was asked to run, as loadSetup reads it from the command line and the settings.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/runtime/args.js';
import { loadSetup } from '../../src/runtime/setup.js';

const removals: (() => void)[] = [];
afterEach(() => {
  for (const remove of removals.splice(0)) remove();
});

function setup(...argv: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-setup-'));
  removals.push(() => rmSync(dir, { recursive: true, force: true }));
  const s = loadSetup(parseArgs([...argv, '-C', dir, '--config-dir', path.join(dir, 'config')], '0.0.0'), '/demo-agent.js');
  removals.push(() => s.demoRepo?.remove());
  return s;
}

describe('loadSetup', () => {
  it('says that the demo squad does not take --agents, instead of ignoring it', () => {
    const demo = setup('--demo', '-n', '2');
    expect(demo.specs?.length).toBe(3);
    expect(demo.notices).toContain('The demo squad has agents of its own: --agents does not apply to it.');
    expect(setup('--demo').notices.join('\n')).not.toContain('--agents');
  });
});
