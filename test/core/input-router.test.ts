import { describe, expect, it } from 'vitest';
import { FIELD_PASTE_MAX, type Routed, createInputRouter, encodeKeys } from '../../src/core/terminal/input-router.js';
import type { ScreenModes } from '../../src/core/terminal/screen.js';
import type { Mode } from '../../src/core/state/index.js';
import { buildKeymap } from '../../src/keymap.js';

const keymap = buildKeymap();
const plainModes: ScreenModes = { applicationCursorKeys: false, bracketedPaste: false, sendFocus: false, synchronizedOutput: false, mouseTracking: false };

/** What the router delivered, with the agent's keys as the bytes a program in `modes` gets. */
type Out = Exclude<Routed, { kind: 'agent' }> | { kind: 'agent'; data: string };

function router(initial: Mode, modes: Partial<ScreenModes> = {}) {
  let mode = initial;
  const out: Out[] = [];
  const r = createInputRouter(
    () => mode,
    (m, key) => keymap.bindings.get(m)?.get(key),
    (routed) => {
      out.push(routed.kind === 'agent' ? { kind: 'agent', data: encodeKeys(routed.keys, { ...plainModes, ...modes }) } : routed);
      if (routed.kind === 'command' && routed.id === 'mode.squad') mode = 'squad';
      if (routed.kind === 'command' && routed.id === 'mode.agent') mode = 'agent';
    },
  );
  return { r, out };
}

describe('input router', () => {
  it('holds the keys behind a field key until the field has taken it, so Enter submits the text typed before it', () => {
    let mode: Mode = 'commit';
    const field: string[] = [];
    const log: string[] = [];
    const waiting: (() => void)[] = [];
    const r = createInputRouter(
      () => mode,
      (m, key) => keymap.bindings.get(m)?.get(key),
      (routed) => {
        if (routed.kind === 'ui') waiting.push(() => field.push(routed.data));
        else if (routed.kind === 'command') {
          log.push(`${routed.id}:${field.join('')}`);
          if (routed.id === 'dialog.submit') mode = 'agent';
        } else if (routed.kind === 'agent') log.push(`agent:${encodeKeys(routed.keys, plainModes)}`);
      },
      (resume) => waiting.push(resume),
    );
    r.feed('ok\rls\r');
    // Nothing after the first key is routed until the field has it.
    expect(log).toEqual([]);
    while (waiting.length) waiting.shift()!();
    expect(log).toEqual(['dialog.submit:ok', 'agent:ls\r']);
  });


  it('passes every key an agent needs straight to the agent, in one write', () => {
    const { r, out } = router('agent');
    const bytes = 'hi\x1b\x03\x04\x1b[Z\t\x12\x14\x0f\x02\x05\x07\x0c\x01\x1b[A\ré';
    r.feed(bytes);
    expect(out).toEqual([{ kind: 'agent', data: bytes }]);
  });

  it('takes only the reserved chords in agent mode', () => {
    const { r, out } = router('agent');
    r.feed('ab\x1b[1;2Bcd\x1b1');
    expect(out).toEqual([
      { kind: 'agent', data: 'ab' },
      { kind: 'command', id: 'agent.next' },
      { kind: 'agent', data: 'cd' },
      { kind: 'command', id: 'agent.jump.1' },
    ]);
  });

  it('applies a mode change to the rest of the same chunk', () => {
    const { r, out } = router('agent');
    r.feed('x\x1dq');
    expect(out).toEqual([{ kind: 'agent', data: 'x' }, { kind: 'command', id: 'mode.squad' }, { kind: 'command', id: 'quit' }]);
  });

  it('re-encodes cursor keys for programs in application cursor mode', () => {
    const { r, out } = router('agent', { applicationCursorKeys: true });
    r.feed('\x1b[A\x1b[D');
    expect(out).toEqual([{ kind: 'agent', data: '\x1bOA\x1bOD' }]);
    const normal = router('agent');
    normal.r.feed('\x1bOA');
    expect(normal.out).toEqual([{ kind: 'agent', data: '\x1b[A' }]);
  });

  it('sends Home and End the one way a program expects, whichever way the terminal sent them', () => {
    const { r, out } = router('agent');
    r.feed('\x1b[1~\x1b[4~\x1b[H\x1bOF');
    expect(out).toEqual([{ kind: 'agent', data: '\x1b[H\x1b[F\x1b[H\x1b[F' }]);
  });

  it('keeps paste markers only for programs that asked for bracketed paste', () => {
    const paste = '\x1b[200~line 1\rline 2\x1b[201~';
    const withMode = router('agent', { bracketedPaste: true });
    withMode.r.feed(paste);
    expect(withMode.out).toEqual([{ kind: 'agent', data: paste }]);
    const without = router('agent');
    without.r.feed(paste);
    expect(without.out).toEqual([{ kind: 'agent', data: 'line 1\rline 2' }]);
  });

  it('never treats pasted text as chords', () => {
    const { r, out } = router('agent', { bracketedPaste: true });
    r.feed('\x1b[200~\x1d\x1b[1;2B\x1b[201~');
    expect(out.every((o) => o.kind === 'agent')).toBe(true);
  });

  it('delivers a paste that comes over many reads, with pauses between them, whole and as one write', () => {
    const content = `${'x'.repeat(5000)}\x1d x y\r${'z'.repeat(5000)}`;
    const input = `\x1b[200~${content}\x1b[201~`;
    for (const modes of [{}, { bracketedPaste: true }]) {
      const { r, out } = router('agent', modes);
      for (let i = 0; i < input.length; i += 7) {
        r.feed(input.slice(i, i + 7));
        // The 15 ms pause timer of the terminal input, run after every read: it must not cut the paste.
        expect(r.pending).toBe(false);
        r.flush();
      }
      expect(out).toEqual([{ kind: 'agent', data: modes.bracketedPaste ? input : content }]);
    }
  });

  it('reads a paste holding the squad-menu key and "x y" as text for the agent, never as commands', () => {
    const { r, out } = router('agent');
    r.feed('\x1b[200~ls \x1d');
    r.flush();
    r.feed('x');
    r.flush();
    r.feed('y\r\x1b[201~');
    expect(out).toEqual([{ kind: 'agent', data: 'ls \x1dxy\r' }]);
  });

  it('sends a paste in the squad menu to the agent on screen, and uses none in a view', () => {
    const menu = router('squad');
    menu.r.feed('\x1b[200~q x\x1b[201~');
    expect(menu.out).toEqual([{ kind: 'agent', data: 'q x' }]);
    const inbox = router('inbox');
    inbox.r.feed('\x1b[200~y\x1b[201~');
    expect(inbox.out).toEqual([{ kind: 'unpasted', chars: 1, why: 'no-field' }]);
  });

  it('takes a paste into a text field as one edit, and refuses one longer than a field holds', () => {
    const { r, out } = router('commit');
    r.feed('\x1b[200~fix: the\r\nthing\x1b[201~');
    expect(out).toEqual([{ kind: 'ui', data: 'fix: the thing' }]);
    const long = router('commit');
    long.r.feed(`\x1b[200~${'a'.repeat(FIELD_PASTE_MAX + 1)}\x1b[201~`);
    expect(long.out).toEqual([{ kind: 'unpasted', chars: FIELD_PASTE_MAX + 1, why: 'too-long' }]);
  });

  it('routes a million keys typed without paste brackets, in order', () => {
    const { r, out } = router('agent');
    r.feed('ab'.repeat(500_000));
    expect(out).toHaveLength(1);
    expect((out[0] as { data: string }).data).toBe('ab'.repeat(500_000));
  });

  it('waits for the rest of a split escape sequence', () => {
    const { r, out } = router('agent');
    r.feed('\x1b[1;');
    expect(r.pending).toBe(true);
    expect(out).toEqual([]);
    r.feed('2A');
    expect(out).toEqual([{ kind: 'command', id: 'agent.prev' }]);
  });

  it('passes held-back bytes on after a pause', () => {
    const { r, out } = router('agent');
    r.feed('\x1b[1;');
    r.flush();
    expect(out).toEqual([{ kind: 'agent', data: '\x1b[1;' }]);
  });

  it('in the squad menu, keys are commands and nothing reaches the agent', () => {
    const { r, out } = router('squad');
    r.feed('jkz?');
    expect(out).toEqual([
      { kind: 'command', id: 'agent.next' },
      { kind: 'command', id: 'agent.prev' },
      { kind: 'command', id: 'help' },
    ]);
  });

  it('in the add dialog, text goes to the form one key at a time and Enter submits', () => {
    const { r, out } = router('add');
    r.feed('ab\x7f\x7f\t\r');
    expect(out).toEqual([
      { kind: 'ui', data: 'a' },
      { kind: 'ui', data: 'b' },
      { kind: 'ui', data: '\x7f' },
      { kind: 'ui', data: '\x7f' },
      { kind: 'command', id: 'dialog.next' },
      { kind: 'command', id: 'dialog.submit' },
    ]);
  });

  it('never types control keys into a text field', () => {
    const { r, out } = router('add');
    r.feed('\x02\x1bx\x1b[1;5Ce\x15');
    expect(out).toEqual([{ kind: 'ui', data: 'e' }, { kind: 'command', id: 'dialog.clear' }]);
  });
});
