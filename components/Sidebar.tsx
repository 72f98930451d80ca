// The squad: every agent in a stable order with its program, state and an unseen-output mark.
import { Box, Text } from 'ink';
import React from 'react';
import type { AgentView } from '../src/core/store.js';
import { shortStatus } from './AgentPanel.js';
import { statusColor, theme } from './theme.js';

export interface SidebarProps {
  readonly agents: readonly AgentView[];
  readonly selectedId: string | undefined;
  readonly width: number;
  readonly height: number;
  /** True while keys go to the agent (the selection is then drawn quieter). */
  readonly typing: boolean;
}

const ENTRY_ROWS = 2;

/** The first entry to draw so that the selected one is visible. */
export function firstVisible(count: number, selected: number, capacity: number): number {
  if (count <= capacity || selected < 0) return 0;
  return Math.min(Math.max(0, selected - Math.floor(capacity / 2)), count - capacity);
}

function program(agent: AgentView): string {
  return agent.info.spec.command.split('/').pop() ?? agent.info.spec.command;
}

export function Sidebar({ agents, selectedId, width, height, typing }: SidebarProps) {
  const capacity = Math.max(1, Math.floor((height - 1) / ENTRY_ROWS));
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
        const marker = isSelected ? '▶' : ' ';
        const name = `${marker} ${index + 1} ${agent.info.spec.name}`;
        const mark = agent.unseen ? ' ●' : '';
        const nameWidth = Math.max(1, inner - mark.length);
        const label = name.length > nameWidth ? `${name.slice(0, nameWidth - 1)}…` : name.padEnd(nameWidth);
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
              <Text color={theme.muted}>{`    ${program(agent)} · `}</Text>
              <Text color={statusColor(agent.info.status)}>{shortStatus(agent.info)}</Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
