// The built-in demo squad: scripted agents that need no agent CLI and no network.
import type { AgentSpec } from '../core/sessions/index.js';

export const DEMO_ROLES = ['planner', 'coder', 'tester'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

/** `throwaway`: `cwd` is the demo's own temporary repository, and the agents say so on screen. */
export function demoSquad(agentScript: string, cwd: string, throwaway = false): AgentSpec[] {
  return DEMO_ROLES.map((role) => ({
    name: role,
    command: process.execPath,
    args: [agentScript, '--role', role, ...(throwaway ? ['--throwaway'] : [])],
    cwd,
    // The demo agents draw their screens the way Claude Code does.
    detector: 'claude',
    label: 'demo',
  }));
}
