import { describe, expect, it } from 'vitest';
import { freeAgentName } from '../../src/core/commands/index.js';

describe('freeAgentName', () => {
  it('suggests the program name while no agent has it', () => {
    expect(freeAgentName('claude', [])).toBe('claude');
    expect(freeAgentName('claude', ['bash'])).toBe('claude');
  });

  it('numbers on after the agents of that name, never going back to a gap', () => {
    expect(freeAgentName('claude', ['claude'])).toBe('claude-2');
    expect(freeAgentName('bash', ['bash-1', 'bash-2'])).toBe('bash-3');
    expect(freeAgentName('bash', ['bash', 'bash-4'])).toBe('bash-5');
    expect(freeAgentName('bash', ['bash-x', 'bashful'])).toBe('bash');
  });
});
