// The Gemini CLI detector on the emulator's rendering of real byte streams: the snapshots whose
// bytes render whole, a whole recorded session checked against its hooks, and frames cut
// mid-redraw (Gemini erases its live region and draws it again on every frame).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { geminiDetector } from '../../../src/core/agents/detect/index.js';
import { between, checkTornFrames, checkWholeChain, fixtures, replay } from '../../helpers/detect-replay.js';

const fx = fixtures(path.resolve(import.meta.dirname, '../../fixtures/gemini'));
const { sessions, chunks, hooks } = fx;

/**
 * A snapshot's .raw holds the bytes since the previous snapshot of its scenario: these chains
 * start at the CLI's first frame (or a whole redraw) and render to their .txt exactly.
 */
const WHOLE_CHAINS = [['a-startup', 'a-idle', 'a-idle-typed', 'a-idle-after-turn'], ['c-shell-prompt'], ['h-trust-dialog', 'h-trust-accepted']];

describe('Gemini detector through the emulator', () => {
  it.each(WHOLE_CHAINS)('%s (and what follows it) renders to its .txt and reads the same', async (...chain) => {
    await checkWholeChain(chain, fx, geminiDetector);
  });

  it('has recorded sessions', () => {
    expect(sessions).toEqual(['approvals']);
  });

  // approvals (hooks on): "shell please" answered with 1, an answer streamed slowly, a new file
  // refused with Esc, two parallel commands (2 = allow for this session, the second box then taken
  // with Enter), then "2" left typed in the input.
  describe.each(sessions)('session %s', (session) => {
    it('agrees with its hooks: the command or file of each ToolPermission on screen, idle after each AfterAgent, never idle mid-turn', async () => {
      const states = await replay(chunks(session), geminiDetector);
      const events = hooks(session);
      const turnEnd = (i: number) => events.slice(i + 1).find((e) => e.event === 'AfterAgent' || e.event === 'BeforeAgent' || e.event === 'SessionEnd');
      let prompts = 0;
      for (const [i, h] of events.entries()) {
        if (h.event === 'Notification' && h.payload['notification_type'] === 'ToolPermission') {
          // The hook fires a few hundred ms before the box; parallel calls are asked one after another.
          const shown = between(states, h.t_ms, turnEnd(i)?.t_ms ?? Infinity).flatMap((d) => (d.prompt ? [d.prompt] : []));
          const details = h.payload.details!;
          const mine = shown.find((p) => (details['type'] === 'exec' ? p.subject === details['command'] : p.subject === details['fileName']));
          expect(mine, `a prompt for ${details['title']}`).toBeDefined();
          expect(mine!.kind).toBe('tool');
          expect(mine!.tool).toBe(details['type'] === 'exec' ? 'run_shell_command' : 'write_file');
          expect(mine!.options.filter((o) => o.role !== 'other').map((o) => [o.role, o.keys])).toEqual([
            ['yes', '1'],
            ['always', '2'],
            ['no', String(mine!.options.length)],
          ]);
          prompts++;
        }
        if (h.event === 'AfterAgent') {
          // The input is back at once, but the list of the hooks just run stays above it for a few
          // seconds (a row too narrow for it would hide whether they still run): idle after that.
          expect(between(states, h.t_ms, h.t_ms + 6000).map((d) => d.state), `idle after AfterAgent at ${h.t_ms}`).toContain('idle');
        }
        if (h.event === 'BeforeAgent') {
          const end = turnEnd(i);
          if (end?.event !== 'AfterAgent') continue;
          // Never idle until AfterAgent. A write that ends in the middle of Gemini's erase-and-redraw
          // may leave a frame with no input area yet: that reads unknown, never idle.
          const turn = between(states, h.t_ms + 300, end.t_ms).map((d) => d.state);
          expect(turn.length).toBeGreaterThan(0);
          expect(turn.filter((s) => s !== 'working' && s !== 'permission' && s !== 'unknown')).toEqual([]);
          expect(turn.filter((s) => s === 'unknown').length).toBeLessThan(turn.length / 4);
        }
      }
      expect(prompts).toBe(4);
      expect(states.at(-1)!.d.state).toBe('idle');
    });

    it('never reads a prompt that is not on screen from a frame cut in the middle of its redraw', async () => {
      const all = chunks(session);
      const whole = await replay(all, geminiDetector);
      expect(await checkTornFrames(all, whole, geminiDetector)).toBeGreaterThan(0);
    });
  });
});
