// The Codex detector on the emulator's rendering of real byte streams: the snapshots whose bytes
// render whole, a whole recorded session checked against its hooks, and frames cut mid-redraw.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexDetector } from '../../../src/core/agents/detect/index.js';
import { between, checkTornFrames, checkWholeChain, fixtures, replay } from '../../helpers/detect-replay.js';

const fx = fixtures(path.resolve(import.meta.dirname, '../../fixtures/codex'));
const { sessions, chunks, hooks } = fx;

/**
 * A snapshot's .raw holds the bytes since the previous snapshot of its scenario, and most
 * scenarios were marked after the first frames: these chains start at a whole frame and render to
 * their .txt exactly.
 */
const WHOLE_CHAINS = [['h-trust-dialog', 'h-trust-accepted'], ['h-trust-declined'], ['h-hooks-review']];

describe('Codex detector through the emulator', () => {
  it.each(WHOLE_CHAINS)('%s (and what follows it) renders to its .txt and reads the same', async (...chain) => {
    await checkWholeChain(chain, fx, codexDetector);
  });

  it('has recorded sessions', () => {
    expect(sessions).toEqual(['approvals']);
  });

  // approvals: "escalate please" answered with 1, an answer streamed slowly, two parallel commands
  // (y to the first, Esc to the second), an edit outside the workspace answered with a.
  describe.each(sessions)('session %s', (session) => {
    it('agrees with its hooks: the command of each PermissionRequest on screen, idle after each Stop, never idle mid-turn', async () => {
      const states = await replay(chunks(session), codexDetector);
      const events = hooks(session);
      const turnEnds = (i: number) => events.slice(i + 1).find((e) => e.event === 'Stop' || e.event === 'UserPromptSubmit');
      let prompts = 0;
      for (const [i, h] of events.entries()) {
        if (h.event === 'PermissionRequest') {
          // Codex runs the hook, then draws the dialog; parallel calls are asked one after another.
          const next = turnEnds(i)?.t_ms ?? Infinity;
          const shown = between(states, h.t_ms, next).filter((d) => d.state === 'permission').map((d) => d.prompt!);
          const input = h.payload.tool_input!;
          const file = /^\*\*\* (?:Add|Update|Delete) File: (.+)$/mu.exec(input['command'] ?? '')?.[1];
          const subject = h.payload.tool_name === 'apply_patch' ? file : input['command'];
          const mine = shown.find((p) => p.subject === subject);
          expect(mine, `a prompt for ${subject}`).toBeDefined();
          expect(mine!.tool).toBe(h.payload.tool_name);
          expect(mine!.kind).toBe('tool');
          expect(mine!.options.map((o) => [o.role, o.keys])).toEqual([
            ['yes', '1'],
            ['always', '2'],
            ['no', '3'],
          ]);
          prompts++;
        }
        if (h.event === 'Stop') {
          expect(between(states, h.t_ms, h.t_ms + 1000).map((d) => d.state), `idle after Stop at ${h.t_ms}`).toContain('idle');
        }
        if (h.event === 'UserPromptSubmit') {
          const end = turnEnds(i);
          if (end?.event !== 'Stop') continue;
          // The screen follows the hook within a frame or two; from then on never idle until Stop,
          // the slowly streamed answer included, and every whole frame working or asking (a frame
          // cut inside a synchronized update may read unknown).
          const turn = between(states, h.t_ms + 300, end.t_ms).map((d) => d.state);
          expect(turn.length).toBeGreaterThan(0);
          expect(turn).not.toContain('idle');
          const shown = between(states, h.t_ms + 300, end.t_ms, true).map((d) => d.state);
          expect(shown.filter((s) => s !== 'working' && s !== 'permission')).toEqual([]);
        }
      }
      expect(prompts).toBe(4);
      expect(states.at(-1)!.d.state).toBe('idle');
    });

    it('streams the answer with no working line: read as working, not idle', async () => {
      const states = await replay(chunks(session), codexDetector);
      const streaming = states.filter((s) => s.d.state === 'working').length;
      expect(streaming).toBeGreaterThan(0);
    });

    it('never reads a prompt that is not on screen from a frame cut in the middle of its redraw', async () => {
      const all = chunks(session);
      const whole = await replay(all, codexDetector);
      expect(await checkTornFrames(all, whole, codexDetector)).toBeGreaterThan(0);
    });
  });
});
