// The built-in demo squad: scripted agents that need no agent CLI and no network.
import type { AgentSpec } from '../core/sessions.js';

export const DEMO_ROLES = ['planner', 'coder', 'tester'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export function demoSquad(agentScript: string, cwd: string): AgentSpec[] {
  return DEMO_ROLES.map((role) => ({
    name: role,
    command: process.execPath,
    args: [agentScript, '--role', role],
    cwd,
    // The demo agents draw their screens the way Claude Code does.
    detector: 'claude',
    label: 'demo',
  }));
}
