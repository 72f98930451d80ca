// The squad: every agent in a stable order with its state, how long, and an unseen-output mark.
import { Box, Text } from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import type { AgentView } from '../src/core/state/index.js';
import { fitToWidth, stateDuration, stateLabel } from './format.js';
import { taskColors, theme } from './theme.js';

export interface SidebarProps {
  readonly agents: readonly AgentView[];
  readonly selectedId: string | undefined;
  /** Agents with output not shown yet. */
  readonly unseen: ReadonlySet<string>;
  readonly width: number;
  readonly height: number;
  /** True while keys go to the agent (the selection is then drawn quieter). */
  readonly typing: boolean;
  readonly now: number;
  /** Names of agents that change a file another agent changes too. */
  readonly overlapping: ReadonlySet<string>;
  /** Each agent's current task by the agent's name ("#2 Backend"): the in-progress task it owns. */
  readonly tasks?: ReadonlyMap<string, string>;
}

/** The first entry to draw so that the selected one is visible. */
export function firstVisible(count: number, selected: number, capacity: number): number {
  if (count <= capacity || selected < 0) return 0;
  return Math.min(Math.max(0, selected - Math.floor(capacity / 2)), count - capacity);
}

function program(agent: AgentView): string {
  return agent.info.spec.label ?? agent.info.spec.command.split('/').pop() ?? agent.info.spec.command;
}

/** "⎇ ↑2 ↓0 3f +40 -5 *": commits ahead/behind the base, files and lines changed, uncommitted mark. */
export function gitSummary(agent: AgentView): string | undefined {
  const wt = agent.worktree;
  if (!wt) return undefined;
  if (wt.paused) return `⎇ ${wt.branch} · no folder`;
  if (wt.error) return '⎇ git: see the log';
  const s = wt.status;
  if (!s) return `⎇ ${wt.branch}`;
  return `⎇ ↑${s.ahead} ↓${s.behind} ${s.files}f +${s.added} -${s.removed}${s.uncommitted ? ' *' : ''}`;
}

export function Sidebar({ agents, selectedId, unseen, width, height, typing, now, overlapping, tasks = new Map<string, string>() }: SidebarProps) {
  const withGit = agents.some((a) => a.worktree);
  const withTasks = agents.some((a) => tasks.has(a.info.spec.name));
  const entryRows = (withGit ? 3 : 2) + (withTasks ? 1 : 0);
  const capacity = Math.max(1, Math.floor((height - 1) / entryRows));
  const selected = agents.findIndex((a) => a.id === selectedId);
  const start = firstVisible(agents.length, selected, capacity);
  const shown = agents.slice(start, start + capacity);
  const inner = width - 1;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">
        {` squadtui · ${agents.length} agent${agents.length === 1 ? '' : 's'}`}
        {start > 0 ? ' ↑' : ''}
        {start + capacity < agents.length ? ' ↓' : ''}
      </Text>
      {shown.map((agent, i) => {
        const index = start + i;
        const isSelected = agent.id === selectedId;
        const mark = unseen.has(agent.id) ? ' ●' : '';
        const label = fitToWidth(`${isSelected ? '▶' : ' '} ${index + 1} ${agent.info.spec.name}`, Math.max(1, inner - mark.length));
        const state = stateLabel(agent.activity, agent.info, true, agent.worktree?.paused);
        const stateText = `  ${state.icon} ${state.text} ${stateDuration(agent.activity, now)}`;
        const programText = ` · ${program(agent)}`;
        return (
          <Box key={agent.id} flexDirection="column" width={inner}>
            <Text wrap="truncate-end">
              <Text
                bold={isSelected}
                inverse={isSelected && !typing}
                color={isSelected ? theme.selectedFg : undefined}
                backgroundColor={isSelected && typing ? theme.selectedBg : undefined}
              >
                {label}
              </Text>
              <Text color={theme.unseen}>{mark}</Text>
            </Text>
            <Text wrap="truncate-end">
              <Text color={state.color} bold={state.bold}>{stateText}</Text>
              {/* The program only when it fits whole. */}
              {stringWidth(stateText + programText) <= inner ? <Text color={theme.muted}>{programText}</Text> : null}
            </Text>
            {withGit ? (
              <Text wrap="truncate-end">
                <Text color={agent.worktree?.status?.uncommitted ? theme.warn : theme.muted}>{`  ${gitSummary(agent) ?? '  no worktree'}`}</Text>
                {overlapping.has(agent.info.spec.name) ? <Text color={theme.warn}>{' ⚠'}</Text> : null}
              </Text>
            ) : null}
            {withTasks ? (
              <Text wrap="truncate-end" color={taskColors.in_progress}>{`  ${tasks.get(agent.info.spec.name) ?? ''}`}</Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
