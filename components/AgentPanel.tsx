// The selected agent: a header line (name, command, directory, state) above its terminal.
import { Box, Text } from 'ink';
import React from 'react';
import type { ScreenSnapshot } from '../src/core/screen.js';
import type { SessionInfo } from '../src/core/sessions.js';
import { TerminalView } from './TerminalView.js';
import { statusColor, theme } from './theme.js';

export interface AgentPanelProps {
  readonly info: SessionInfo | undefined;
  readonly snapshot: ScreenSnapshot | undefined;
  readonly width: number;
  readonly height: number;
  /** Keys to restart an exited agent, shown in its header. */
  readonly restartHint?: string;
}

export function statusText(info: SessionInfo): string {
  switch (info.status) {
    case 'starting':
      return 'starting';
    case 'running':
      return 'running';
    case 'exited':
      return info.signal ? `exited (signal ${info.signal})` : `exited with code ${info.exitCode ?? '?'}`;
    case 'failed':
      return 'failed to start';
    default: {
      const unreachable: never = info.status;
      return unreachable;
    }
  }
}

/** The same, short enough for the sidebar. */
export function shortStatus(info: SessionInfo): string {
  if (info.status === 'exited') return info.signal ? `killed (${info.signal})` : `exit ${info.exitCode ?? '?'}`;
  if (info.status === 'failed') return 'failed';
  return info.status;
}

export function commandLine(info: SessionInfo): string {
  return [info.spec.command, ...info.spec.args].join(' ');
}

export function AgentPanel({ info, snapshot, width, height, restartHint }: AgentPanelProps) {
  if (!info) {
    return (
      <Box width={width} height={height} flexDirection="column" paddingLeft={1}>
        <Text color={theme.muted}>No agents. Press Ctrl+] then a to add one.</Text>
      </Box>
    );
  }
  const scrolled = snapshot && snapshot.scrollOffset > 0;
  const ended = info.status === 'exited' || info.status === 'failed';
  return (
    <Box width={width} height={height} flexDirection="column">
      <Box width={width} height={1}>
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>{info.spec.name}</Text>
          <Text color={theme.muted}> · </Text>
          <Text color={statusColor(info.status)}>{statusText(info)}</Text>
          {ended && restartHint ? <Text color={theme.muted}>{` (${restartHint} restarts)`}</Text> : null}
          {scrolled ? <Text color={theme.scrolled} bold>{` ↑ scrolled back ${snapshot.scrollOffset} lines`}</Text> : null}
          <Text color={theme.muted}>{` · ${commandLine(info)} · ${info.spec.cwd}`}</Text>
        </Text>
      </Box>
      {info.status === 'failed' && info.error ? (
        <Box flexDirection="column" paddingLeft={1} paddingTop={1} width={width} height={height - 1}>
          <Text color={theme.error} bold>{info.error.message}</Text>
          <Text color={theme.muted}>{info.error.hint}</Text>
        </Box>
      ) : snapshot ? (
        <TerminalView snapshot={snapshot} width={width} height={height - 1} />
      ) : null}
    </Box>
  );
}
