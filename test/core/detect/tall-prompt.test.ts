// A prompt taller than the agent's screen (a Write of 80 lines in a 37-row panel): its title has
// scrolled into the scrollback, its question, options and footer are on screen. Detectors read as
// many lines as their definition asks for (Claude's: 100), the scrollback's newest lines included,
// through the host as through the screen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeDetector, detect } from '../../../src/core/agents/detect/index.js';
import { LocalSessionHost } from '../../../src/core/sessions/local-host.js';
import { fakeSpawner, running } from '../../helpers/fake-pty.js';
import { waitFor } from '../../helpers/wait-for.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/claude-code');
const ROWS = 37;

/** Claude's Create-file prompt with an 80-line preview, as the real CLI draws it. */
function tallWritePrompt(): string {
  const lines = readFileSync(path.join(FIXTURES, 'd-write-prompt.txt'), 'utf8').trimEnd().split('\n');
  const previewStart = lines.findIndex((l) => l.startsWith('╌')) + 1;
  const previewEnd = lines.findIndex((l, i) => i > previewStart && l.startsWith('╌'));
  const preview = Array.from({ length: 80 }, (_, i) => `  ${String(i + 1).padStart(2)} line ${i + 1} of a big file`);
  return [...lines.slice(0, previewStart), ...preview, ...lines.slice(previewEnd)].join('\r\n');
}

describe('a prompt taller than the screen', () => {
  it('is read with its title from the scrollback, and answered as the prompt it is', async () => {
    const { spawn, ptys } = fakeSpawner();
    const host = new LocalSessionHost({ spawnPty: spawn, cols: 120, rows: ROWS });
    const { id } = host.spawn({ name: 'claude-1', command: 'claude', args: [], cwd: '/tmp' });
    await running(host, id);
    ptys[0]!.emit(tallWritePrompt());
    await waitFor(() => host.screenText(id).some((l) => l.includes('Esc to cancel')));
    // The screen alone shows no title: no prompt can be told from it.
    expect(host.screenText(id).some((l) => l.includes('Create file'))).toBe(false);
    expect(detect(host.screenText(id), claudeDetector).state).not.toBe('permission');
    const read = detect(host.screenText(id, false, claudeDetector.lines), claudeDetector);
    expect(read.state).toBe('permission');
    expect(read.prompt).toMatchObject({ title: 'Create file', tool: 'Write', subject: 'hello.py', question: 'Do you want to create hello.py?' });
    expect(read.prompt!.options.map((o) => o.label)).toEqual(['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No']);
    host.shutdownSync();
  });
});
