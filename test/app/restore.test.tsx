// The offer of a saved squad in the composed app: the question, "yes" bringing each agent and the
// activity log back (a conversation kept, a directory gone listed), "no" keeping the save aside.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { offerSavedSquad, restoreQuestion } from '../../src/core/commands/index.js';
import type { SavedSquad } from '../../src/core/state/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { type Rig, appRig } from './rig.js';

let rig: Rig;
let dir: string;
afterEach(() => {
  rig?.done();
  rmSync(dir, { recursive: true, force: true });
});

function saved(): SavedSquad {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-restore-'));
  return {
    version: 1,
    owner: { pid: 999_999, start: 'gone' },
    stopped: false,
    agents: [
      { name: 'coder', command: 'sh', args: ['-i'], cwd: dir, detector: 'shell', label: 'sh', conversation: 'conv-1' },
      { name: 'tester', command: 'sh', args: [], cwd: path.join(dir, 'gone') },
    ],
    log: [{ at: 1, agent: 'coder', text: 'Bash: npm test → yes', kind: 'answer' }],
  };
}

describe('the offer of the squad saved before', () => {
  it('asks, then brings back each agent that can come back, its conversation and the activity log', async () => {
    rig = appRig();
    const squad = saved();
    const file = path.join(dir, 'squad.json');
    const answer = offerSavedSquad({ ...rig.app, file }, squad);
    const frame = await rig.see('Bring back the squad that ran here?');
    expect(frame).toContain(`coder: sh -i in ${dir}, resuming conversation conv-1`);
    expect(frame).toContain('y bring it back');
    expect(frame).toContain('start as usual');
    expect(rig.host.list()).toEqual([]);
    rig.press('dialog.submit', 'confirm');
    expect(await answer).toEqual({ restored: true, save: true });
    const [coder] = rig.host.list();
    expect(rig.host.list()).toHaveLength(1);
    expect(coder!.spec).toEqual({ name: 'coder', command: 'sh', args: ['-i'], cwd: dir, detector: 'shell', label: 'sh' });
    const squadState = rig.app.store.getState().squad;
    expect(squadState.agents.map((a) => [a.info.spec.name, a.conversation])).toEqual([['coder', 'conv-1']]);
    expect(squadState.log[0]).toEqual(squad.log[0]);
    expect(squadState.log.at(-1)?.text).toBe(`Brought back 1 agent of the squad from before; not brought back: tester (its directory ${path.join(dir, 'gone')} is gone).`);
    await waitFor(() => rig.host.get(coder!.id)?.status === 'running');
  });

  it('"no" starts nothing of it and keeps the save aside', async () => {
    rig = appRig();
    const squad = saved();
    const file = path.join(dir, 'squad.json');
    writeFileSync(file, JSON.stringify(squad));
    const answer = offerSavedSquad({ ...rig.app, file }, squad);
    await rig.see('Bring back the squad that ran here?');
    rig.press('dialog.cancel', 'confirm');
    expect(await answer).toEqual({ restored: false, save: true });
    expect(rig.host.list()).toEqual([]);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('squad.json.declined-'))).toHaveLength(1);
    expect(rig.app.store.getState().view.dialog).toBeUndefined();
  });

  it('lists a long squad in a few lines, so the answer keys stay on screen', () => {
    const squad = saved();
    const many = { ...squad, agents: Array.from({ length: 12 }, (_, i) => ({ name: `a${i + 1}`, command: 'sh', args: [], cwd: dir })) };
    const { body } = restoreQuestion(many, path.join(dir, 'squad.json'));
    expect(body.filter((line) => line.startsWith('  '))).toEqual([
      ...Array.from({ length: 7 }, (_, i) => `  a${i + 1}: sh in ${dir}, started again`),
      '  … and a8, a9, a10, a11, a12',
    ]);
  });
});
