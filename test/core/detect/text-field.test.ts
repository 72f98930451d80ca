// A prompt whose marked row is a text field with the focus (Claude's "Tab to amend", a question's
// "Type something." row): a digit or a letter sent to it is typed into the field, not picked. The
// field shows itself by the cursor its program draws, an inverse-video cell on that row. Read on
// every recorded prompt of the three CLIs: only the fields have it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DetectorDefinition, claudeDetector, codexDetector, detectPrompt, geminiDetector } from '../../../src/core/agents/detect/index.js';
import { Screen } from '../../../src/core/terminal/screen.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const CLIS: [string, DetectorDefinition][] = [
  ['claude-code', claudeDetector],
  ['codex', codexDetector],
  ['gemini', geminiDetector],
];

/** Every recorded screen with a prompt: whether its marked row shows the drawn cursor. */
async function fieldFocus(dir: string, detector: DetectorDefinition): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const file of readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.ansi')).sort()) {
    const ansi = readFileSync(path.join(FIXTURES, dir, file), 'utf8').replace(/\n$/, '').split('\n');
    const screen = new Screen({ cols: 200, rows: ansi.length, scrollback: 0 });
    await screen.write(ansi.join('\r\n'));
    const prompt = detectPrompt(screen.liveText(), detector);
    if (prompt) out[file.slice(0, -'.ansi'.length)] = prompt.fieldRow !== undefined && screen.inverseOnRow(prompt.fieldRow);
    screen.dispose();
  }
  return out;
}

describe('a focused text field on the marked row', () => {
  it.each(CLIS)('%s: shown by an inverse cell on that row, on no other recorded prompt', async (dir, detector) => {
    const focus = await fieldFocus(dir, detector);
    expect(Object.keys(focus).length).toBeGreaterThan(3);
    const fields = Object.keys(focus).filter((name) => focus[name]).sort();
    expect(fields).toEqual(dir === 'claude-code' ? ['g-tab-amend', 'g-tab-amend-typed', 'j-ask1-free-selected', 'j-ask1-free-typed', 'k-narrow-ask1-free'] : []);
  });
});
