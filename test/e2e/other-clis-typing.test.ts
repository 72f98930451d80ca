// Opt-in (SQUAD_REAL_CLIS=1, see test/helpers/real-clis.ts): what squadtui types on the user's
// behalf (SessionHost.typeLine: a task's prompt, a message, a first prompt) is submitted by the REAL
// Codex and Gemini CLIs, one line or several, as they read it.
import { afterEach, describe, expect, it } from 'vitest';
import { codexDetector, detect, geminiDetector } from '../../src/core/agents/detect/index.js';
import { createNodePtySpawner } from '../../src/core/pty/index.js';
import { LocalSessionHost } from '../../src/core/sessions/index.js';
import { type RealCli, harnessServer, realCliEnabled } from '../helpers/real-clis.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const RULES = [
  { match: '^first line\\nsecond line$', steps: [{ text: 'Got both lines.' }] },
  { match: '^one line please$', steps: [{ text: 'Got one line.' }] },
  { steps: [{ text: 'Something else arrived.' }] },
];

async function agent(cli: RealCli) {
  const server = harnessServer(cli, { rules: RULES });
  cleanups.push(() => server.stop());
  const host = new LocalSessionHost({ spawnPty: await createNodePtySpawner(), cols: 120, rows: 40 });
  cleanups.push(() => host.shutdown(1000));
  const { id } = host.spawn({ name: cli, command: server.command, args: [], cwd: server.work });
  const detector = cli === 'codex' ? codexDetector : geminiDetector;
  const text = () => host.screenText(id);
  const shows = (s: string) => text().some((l) => l.includes(s));
  const idle = () => detect(text(), detector).state === 'idle';
  return { host, id, shows, idle, text };
}

describe.each(['codex', 'gemini'] as const)('typing into the real %s', (cli) => {
  it.skipIf(!realCliEnabled(cli))('submits a typed line, and a typed multi-line text as one prompt', { timeout: 120_000 }, async () => {
    const a = await agent(cli);
    await waitFor(a.idle, { timeout: 30_000, message: () => a.text().join('\n') });
    a.host.typeLine(a.id, 'one line please');
    await waitFor(() => a.shows('Got one line.'), { timeout: 30_000, message: () => a.text().join('\n') });
    await waitFor(a.idle, { timeout: 30_000, message: () => a.text().join('\n') });
    a.host.typeLine(a.id, 'first line\nsecond line');
    await waitFor(() => a.shows('Got both lines.') || a.shows('Something else arrived.'), { timeout: 30_000, message: () => a.text().join('\n') });
    expect(a.shows('Got both lines.')).toBe(true);
  });
});
