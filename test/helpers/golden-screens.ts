// Golden tests of a detector on every real screen a CLI left in a fixtures folder: each screen's
// state, and for a prompt its whole reading (what the inbox shows and the keys that answer it).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { type AgentState, type DetectedPrompt, type DetectorDefinition, detect, detectPrompt, samePrompt } from '../../src/core/agents/detect/index.js';

/** The screens (NAME.txt) of a fixtures folder, and the detector's reading of one. */
export function screenFixtures(dir: string, detector: DetectorDefinition) {
  const screens = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  const lines = (name: string): string[] => readFileSync(path.join(dir, `${name}.txt`), 'utf8').split('\n');
  return { screens, lines, read: (name: string) => detect(lines(name), detector) };
}

/** What a prompt reading is compared on. */
export function promptShape(p: DetectedPrompt) {
  return {
    kind: p.kind,
    title: p.title,
    ...(p.tool ? { tool: p.tool } : {}),
    subject: p.subject,
    input: p.input,
    detail: p.detail,
    question: p.question,
    labels: p.options.map((o) => o.label),
    roles: p.options.map((o) => o.role),
    keys: p.options.map((o) => o.keys),
    selected: p.options.find((o) => o.selected)?.number,
  };
}

/**
 * Every screen listed with its state (a new fixture without an entry fails), every prompt with its
 * reading, and the check before answering reading the same prompt.
 */
export function goldenScreenTests(o: {
  detector: DetectorDefinition;
  screens: readonly string[];
  lines: (name: string) => string[];
  expected: Record<string, AgentState>;
  prompts: Record<string, unknown>;
  atLeast: number;
  /** What a prompt reading is compared on (default: promptShape). */
  shape?: (p: DetectedPrompt) => unknown;
}): void {
  const { detector, screens, lines, expected, prompts, shape = promptShape } = o;
  it('has an expected state for every screen, and a parse for every prompt', () => {
    expect(screens.length).toBeGreaterThanOrEqual(o.atLeast);
    expect(screens.filter((s) => !(s in expected))).toEqual([]);
    expect(Object.keys(expected).filter((s) => !screens.includes(s))).toEqual([]);
    expect(screens.filter((s) => expected[s] === 'permission' && !(s in prompts))).toEqual([]);
  });

  it.each(screens)('%s', (name) => {
    const d = detect(lines(name), detector);
    expect(d.state).toBe(expected[name]);
    expect(d.detector).toBe(detector.id);
    if (d.state !== 'permission') {
      expect(d.prompt).toBeUndefined();
      expect(detectPrompt(lines(name), detector)).toBeUndefined();
      return;
    }
    expect(shape(d.prompt!)).toEqual(prompts[name]);
    expect(d.prompt!.cancelKeys).toBe('\x1b');
    expect(samePrompt(detectPrompt(lines(name), detector), d.prompt)).toBe(true);
  });
}
