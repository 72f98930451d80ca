// The README's key tables, option list and agent CLI table are generated from the code; this keeps them in step.
// `npm run docs` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../src/runtime/args.js';
import { agentSupportMarkdown } from '../src/core/agents/cli-support.js';
import { keyTablesMarkdown } from '../src/help.js';
import { buildKeymap } from '../src/keymap.js';

const README = path.resolve(import.meta.dirname, '../README.md');

function section(text: string, name: string): { start: number; end: number } {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`README.md has no ${name} section markers`);
  return { start: start + `<!-- ${name}:start -->`.length, end };
}

const generated: Record<string, () => string> = {
  keys: () => keyTablesMarkdown(buildKeymap()),
  help: () => ['```', buildCommand('x.y.z').helpInformation().trimEnd(), '```'].join('\n'),
  agents: () => agentSupportMarkdown(),
};

describe('README', () => {
  for (const [name, make] of Object.entries(generated)) {
    it(`shows the ${name} generated from the code`, () => {
      let text = readFileSync(README, 'utf8');
      const { start, end } = section(text, name);
      const want = `\n${make()}\n`;
      if (process.env.UPDATE_README) {
        text = text.slice(0, start) + want + text.slice(end);
        writeFileSync(README, text);
      }
      expect(readFileSync(README, 'utf8').slice(start, section(readFileSync(README, 'utf8'), name).end), `README ${name} is out of date: run npm run docs`).toBe(want);
    });
  }
});
