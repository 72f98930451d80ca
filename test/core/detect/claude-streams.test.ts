// The Claude detector on the emulator's rendering of the real byte streams: every `.raw` snapshot,
// every whole session at the moments its hooks mark, and frames cut in the middle of a redraw.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentState, type DetectedPrompt, type Detection, claudeDetector, detect, samePrompt } from '../../../src/core/agents/detect/index.js';
import { Screen } from '../../../src/core/terminal/screen.js';
import { checkTornFrames } from '../../helpers/detect-replay.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/claude-code');
const files = readdirSync(DIR);
const bytes = (file: string): Buffer => readFileSync(path.join(DIR, file));
const text = (file: string): string[] => readFileSync(path.join(DIR, file), 'utf8').split('\n');
const sessions = files.filter((f) => f.endsWith('.session.raw')).map((f) => f.slice(0, -'.session.raw'.length)).sort();
const snapshots = files.filter((f) => f.endsWith('.raw') && !f.endsWith('.session.raw')).map((f) => f.slice(0, -4)).sort();

const newScreen = () => new Screen({ cols: 120, rows: 40 });
/** Tools whose "permission" prompt asks the user a question. */
const QUESTION_TOOLS = new Set(['AskUserQuestion', 'ExitPlanMode']);

interface Chunk {
  readonly t: number;
  readonly data: Buffer;
}

function chunks(session: string): Chunk[] {
  const raw = bytes(`${session}.session.raw`);
  return readFileSync(path.join(DIR, `${session}.session.timing`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [t, offset, length] = line.split(' ').map(Number) as [number, number, number];
      return { t, data: raw.subarray(offset, offset + length) };
    });
}

interface Hook {
  readonly event: string;
  readonly t_ms: number;
  readonly payload: {
    tool_name?: string;
    tool_input?: { command?: string; description?: string; file_path?: string; questions?: { question: string; options: { label: string }[] }[] };
  };
}

function hooks(session: string): Hook[] {
  const file = `${session}.hooks.jsonl`;
  if (!files.includes(file)) return [];
  return readFileSync(path.join(DIR, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Hook);
}

/** Replays a session chunk by chunk; the detection after each chunk, with its time. */
async function replay(session: string): Promise<{ t: number; d: Detection }[]> {
  const screen = newScreen();
  const out: { t: number; d: Detection }[] = [];
  for (const c of chunks(session)) {
    await screen.write(c.data);
    out.push({ t: c.t, d: detect(screen.liveText(), claudeDetector) });
  }
  screen.dispose();
  return out;
}

/** Snapshots recorded outside a whole-session stream: the snapshot that was on screen before them. */
const PREDECESSOR: Record<string, string> = {
  'c-bash-prompt-prefix-rule': 'a-idle',
  'g-tab-amend': 'a-idle',
  'g-tab-amend-typed': 'g-tab-amend',
  'g-tab-amend-submitted': 'g-tab-amend-typed',
  // Recorded with no new bytes: the screen had not changed.
  'i-interrupt-waiting-later': 'i-interrupt-waiting-after',
  'i-askuserquestion-done': 'i-askuserquestion-after-2',
};

/** Every byte on screen up to and including a snapshot; `borrowed` when the start comes from another run. */
function streamThrough(name: string): { data: Buffer; borrowed: boolean } {
  const raw = bytes(`${name}.raw`);
  if (raw.length > 0) {
    for (const s of sessions) {
      const whole = bytes(`${s}.session.raw`);
      const at = whole.indexOf(raw);
      if (at >= 0) return { data: whole.subarray(0, at + raw.length), borrowed: false };
    }
  }
  const before = PREDECESSOR[name];
  if (!before) throw new Error(`${name}.raw is in no session stream: add what precedes it to PREDECESSOR`);
  const prior = streamThrough(before);
  // Started in another folder (a-idle is the CLI's first frame elsewhere): the banner's path line differs.
  const otherFolder = text(`${before}.txt`)[2] !== text(`${name}.txt`)[2];
  return { data: Buffer.concat([prior.data, raw]), borrowed: prior.borrowed || otherFolder };
}

describe('Claude detector through the emulator', () => {
  it.each(snapshots)('%s.raw renders to %s.txt and reads the same', async (name) => {
    const { data, borrowed } = streamThrough(name);
    const screen = newScreen();
    await screen.write(data);
    const rendered = screen.liveText();
    screen.dispose();
    const recorded = text(`${name}.txt`);
    const trim = (ls: string[]) => ls.map((l, i) => (borrowed && i === 2 ? '' : l.trimEnd())).join('\n').trimEnd();
    expect(trim(rendered)).toBe(trim(recorded));
    const a = detect(rendered, claudeDetector);
    const b = detect(recorded, claudeDetector);
    expect(a.state).toBe(b.state);
    if (b.prompt) {
      expect(samePrompt(a.prompt, b.prompt)).toBe(true);
      expect(a.prompt!.options.map((o) => o.keys)).toEqual(b.prompt.options.map((o) => o.keys));
    }
  });

  /** The state each recorded session ends in. */
  const FINAL: Record<string, AgentState> = {
    ask: 'idle',
    // Left on "Review your answers".
    askm: 'permission',
    // Left with "Exit plan mode?" on screen.
    plan: 'permission',
    questions: 'idle',
    bash_enter: 'idle',
    bash_key1: 'idle',
    busy: 'idle',
    dontask: 'idle',
    edit: 'idle',
    idle: 'idle',
    interrupt: 'idle',
    multi: 'idle',
    reject_esc: 'idle',
    reject_no: 'idle',
    resume_continue: 'idle',
    resume_id: 'idle',
    toolsleep: 'idle',
    trust: 'idle',
    // Declined: Claude exited under its dialog (the session says so, not the screen).
    trust_no: 'unknown',
    write: 'idle',
  };

  it('has a final state for every session', () => {
    expect(sessions.filter((s) => !(s in FINAL))).toEqual([]);
  });

  describe.concurrent.each(sessions)('session %s', (session) => {
    it('agrees with its hooks: the prompt of each PermissionRequest, idle after each Stop, never idle mid-turn', async () => {
      const states = await replay(session);
      const at = (t: number) => states.filter((s) => s.t <= t).at(-1)?.d;
      const around = (from: number, to: number) => states.filter((s) => s.t > from && s.t <= to).map((s) => s.d);
      const events = hooks(session);
      for (const [i, h] of events.entries()) {
        if (h.event === 'PermissionRequest') {
          // The prompt is drawn within a few milliseconds of the hook, before or after it.
          const seen = [at(h.t_ms), ...around(h.t_ms, h.t_ms + 500)].filter((d) => d?.state === 'permission');
          expect(seen.length, `prompt near PermissionRequest at ${h.t_ms}`).toBeGreaterThan(0);
          const input = h.payload.tool_input ?? {};
          const prompt = seen[0]!.prompt!;
          expect(prompt.tool).toBe(h.payload.tool_name);
          if (QUESTION_TOOLS.has(h.payload.tool_name ?? '')) {
            // A question, not a permission: its options are the answers, picked by their digits.
            expect(prompt.kind).toBe('question');
            const first = input.questions?.[0];
            if (first) {
              expect(prompt.question).toBe(first.question);
              expect(prompt.options.slice(0, first.options.length).map((o) => o.label.split(' ')[0])).toEqual(first.options.map((o) => o.label));
            }
            expect(prompt.options.filter((o) => !o.action).map((o) => o.keys)).toEqual(prompt.options.filter((o) => !o.action).map((o) => String(o.number)));
            continue;
          }
          expect(prompt.kind).toBe('tool');
          if (input.command !== undefined) {
            expect(prompt.subject).toBe(input.command);
            expect(prompt.detail.slice(0, 2)).toEqual([input.command, input.description]);
          } else {
            expect(prompt.subject).toBe(path.basename(input.file_path!));
          }
          expect(prompt.options.map((o) => [o.role, o.keys])).toEqual([
            ['yes', '1'],
            ['always', '2'],
            ['no', '3'],
          ]);
        }
        if (h.event === 'Stop') {
          expect(around(h.t_ms, h.t_ms + 500).map((d) => d.state), `idle after Stop at ${h.t_ms}`).toContain('idle');
        }
        if (h.event === 'UserPromptSubmit') {
          // The screen follows the hook within a frame; give it 150 ms, then never idle until Stop.
          const stop = events.slice(i + 1).find((e) => e.event === 'Stop' || e.event === 'UserPromptSubmit');
          if (stop?.event !== 'Stop') continue;
          const turn = around(h.t_ms + 150, stop.t_ms).map((d) => d.state);
          expect(turn.length).toBeGreaterThan(0);
          expect(turn.filter((s) => s !== 'working' && s !== 'permission')).toEqual([]);
        }
      }
      expect(states.at(-1)!.d.state).toBe(FINAL[session]);
    });

    it('never reads a prompt that is not on screen from a frame cut in the middle of its redraw', async () => {
      const whole = await replay(session);
      // A torn frame may still show a half-repainted preview, but never another prompt's command,
      // title or options: those are what an answer acts on. A question redraws its body row by row
      // between two questions: a torn reading of one may mix them, but it is then no prompt any
      // whole frame showed, so no answer can be queued for it and the check before sending refuses it.
      const cuts = await checkTornFrames(chunks(session), whole, claudeDetector, { same: sameAnswerable, unshown: (p) => p.kind === 'question' });
      const prompts = whole.filter((w) => w.d.prompt).length;
      if (prompts > 0) expect(cuts).toBeGreaterThan(0);
    });
  });
});

/**
 * AskUserQuestion ticks a tab in its header ("☐ Colour" → "☒ Colour") a moment before it draws the
 * next question: the header may run ahead of the body in a torn frame. The tick changes no option.
 */
function sameTitle(a: string, b: string): boolean {
  return a === b || a.replace(/[☐☒]/gu, '□') === b.replace(/[☐☒]/gu, '□');
}

function sameAnswerable(a: DetectedPrompt, b: DetectedPrompt | undefined): boolean {
  if (!b) return false;
  if (samePrompt(a, b)) return true;
  // The label of a text row being typed into ("Type something." turning into "Green") is half
  // typed in a torn frame; its digit and every other option are what an answer acts on.
  const options = (p: DetectedPrompt, free: Set<number>) => p.options.map((o, i) => [free.has(i) ? '' : o.label, o.role, o.keys]);
  const free = new Set([...a.options, ...b.options].flatMap((o) => (o.free ? [o.number] : [])).map((n) => b.options.findIndex((o) => o.number === n)));
  return (
    sameTitle(a.title, b.title) &&
    a.tool === b.tool &&
    a.subject === b.subject &&
    JSON.stringify(options(a, free)) === JSON.stringify(options(b, free))
  );
}
