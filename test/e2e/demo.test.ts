// The built-in demo squad (squadtui --demo), as a first-time user meets it: three scripted agents,
// one of them asking for permission, answered without switching to it.
import { afterEach, describe, expect, it } from 'vitest';
import { AppDriver } from '../helpers/app-driver.js';

let app: AppDriver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('demo squad', () => {
  it('runs three agents, takes a message typed in one burst, and answers the coder’s prompt inline', async () => {
    app = new AppDriver({ args: ['--demo'] });
    const a = app;
    await a.waitForText(/squadtui · 3 agents/);
    await a.waitForText(/◆ coder\s+Bash: npm test/);
    // Text and Enter in one write, as tmux or a fast typist sends them: the message is sent.
    a.type('plan the release\r');
    await a.waitForText(/│> plan the release/);
    expect(await a.screenText()).toMatch(/▶ 1 planner[\s\S]*◐ working/);
    a.press('mode.squad');
    a.press('inbox.yes', 'squad');
    await a.waitForText(/coder: Yes/);
    // The coder carries on with its tests; the planner stays on screen.
    a.press('agent.next', 'squad');
    await a.waitForText(/│\s+8 passed \(8 files\)|│\s+1 failed \| 7 passed/);
  });
});
