import { describe, expect, it } from 'vitest';
import { normalizeKeySpec } from '../../src/core/terminal/keys.js';
import type { Mode } from '../../src/core/state/index.js';
import { AGENT_RESERVED_KEYS, COMMANDS, KeymapError, buildKeymap } from '../../src/keymap.js';

describe('keymap', () => {
  it('gives every command an id, a description and at least one key', () => {
    const ids = new Set<string>();
    for (const c of COMMANDS) {
      expect(c.description.length).toBeGreaterThan(3);
      expect(ids.has(c.id)).toBe(false);
      ids.add(c.id);
      expect(Object.values(c.keys).flat().length).toBeGreaterThan(0);
    }
  });

  it('never binds two commands of one mode to the same key', () => {
    const seen = new Map<string, string>();
    for (const c of COMMANDS) {
      for (const [mode, keys] of Object.entries(c.keys) as [Mode, string[]][]) {
        for (const key of keys) {
          const slot = `${mode}:${normalizeKeySpec(key)}`;
          expect(seen.get(slot), `${slot} bound twice`).toBeUndefined();
          seen.set(slot, c.id);
        }
      }
    }
    expect(() => buildKeymap()).not.toThrow();
  });

  it("leaves Claude Code's keys and multiplexer prefixes to the agent", () => {
    const agentKeys = COMMANDS.flatMap((c) => (c.keys.agent ?? []).map(normalizeKeySpec));
    for (const reserved of ['escape', 'ctrl+c', 'ctrl+d', 'shift+tab', 'tab', 'ctrl+r', 'ctrl+t', 'ctrl+o', 'ctrl+b', 'ctrl+e', 'ctrl+g', 'ctrl+l', 'ctrl+a']) {
      expect(AGENT_RESERVED_KEYS).toContain(reserved);
      expect(agentKeys).not.toContain(reserved);
    }
  });

  it('applies user overrides and refuses clashes, unknown commands and agent keys', () => {
    const km = buildKeymap({ 'agent.next': ['ctrl+n'], 'mode.squad': { agent: ['ctrl+\\'] } });
    expect(km.keysFor('agent.next', 'agent')).toEqual(['ctrl+n']);
    expect(km.keysFor('agent.next', 'squad')).toEqual(['ctrl+n']);
    expect(km.bindings.get('agent')?.get('ctrl+\\')).toBe('mode.squad');
    expect(() => buildKeymap({ 'agent.next': ['shift+up'] })).toThrow(KeymapError);
    expect(() => buildKeymap({ 'no.such': ['x'] })).toThrow(/Unknown command/);
    expect(() => buildKeymap({ 'mode.squad': { agent: ['ctrl+c'] } })).toThrow(/belongs to the agent/);
    // Keys that type text would never reach the agent.
    for (const key of ['q', 'Q', 'shift+q', 'space', 'é', '1']) {
      expect(() => buildKeymap({ 'mode.squad': { agent: [key] } })).toThrow(/types text into the agent/);
    }
    expect(buildKeymap({ 'mode.squad': { agent: ['alt+q'] } }).bindings.get('agent')?.get('alt+q')).toBe('mode.squad');
    // Outside agent mode single keys are what the menu is made of.
    expect(buildKeymap({ quit: { squad: ['Q'] } }).keysFor('quit', 'squad')).toHaveLength(1);
  });
});
