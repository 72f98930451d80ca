// The selected agent: a header line (name, command, directory, state) above its terminal.
import { Box, Text } from 'ink';
import React from 'react';
import type { Activity } from '../src/core/agents/index.js';
import type { SessionInfo } from '../src/core/sessions/index.js';
import { stateDuration, stateLabel } from './format.js';
import { theme } from './theme.js';

export interface AgentPanelProps {
  readonly info: SessionInfo | undefined;
  readonly activity: Activity | undefined;
  readonly now: number;
  /** The agent's terminal (a TerminalView, or a container that draws one as frames come). */
  readonly screen?: React.ReactNode;
  /** Shown in the header: how far the view is scrolled back (a container, or a fixed text). */
  readonly scrollMarker?: React.ReactNode;
  readonly width: number;
  readonly height: number;
  /** Keys to restart an exited agent, shown in its header. */
  readonly restartHint?: string;
  /** The agent's branch, when it has its own worktree. */
  readonly branch?: string;
  /** Paused: its worktree folder is gone until it resumes. */
  readonly paused?: boolean;
  /** Keys act on squadtui, not on the agent: the header says so. */
  readonly menu?: boolean;
  /** What to press to add an agent when there is none ("Ctrl+] then a"). */
  readonly addHint?: string;
  /** Before the program starts: what is being prepared (worktree, setup command output). */
  readonly preparing?: { readonly title: string; readonly lines: readonly string[] };
}

/** " ↑ scrolled back 120 lines" while the view is not at the live screen. */
export function ScrollNote({ offset }: { readonly offset: number }) {
  return offset > 0 ? <Text color={theme.scrolled} bold>{` ↑ scrolled back ${offset} lines (typing returns)`}</Text> : null;
}

export function commandLine(info: SessionInfo): string {
  return info.spec.label ?? [info.spec.command, ...info.spec.args].join(' ');
}

export function AgentPanel({ info, activity, now, screen, scrollMarker, width, height, restartHint, branch, paused, preparing, addHint, menu }: AgentPanelProps) {
  if (!info || !activity) {
    return (
      <Box width={width} height={height} flexDirection="column" paddingLeft={1}>
        <Text color={theme.muted}>{addHint ? `No agents. ${addHint} adds one.` : 'No agents.'}</Text>
      </Box>
    );
  }
  const ended = info.status === 'exited' || info.status === 'failed';
  const state = stateLabel(activity, info, false, paused);
  const duration = ` ${stateDuration(activity, now)}`;
  return (
    <Box width={width} height={height} flexDirection="column">
      <Box width={width} height={1}>
        <Text wrap="truncate-end">
          {menu ? <Text inverse bold color={theme.accent}>{' MENU '}</Text> : null}
          {menu ? <Text> </Text> : null}
          <Text bold color={theme.accent}>{info.spec.name}</Text>
          <Text color={theme.muted}> · </Text>
          <Text color={state.color} bold={state.bold}>{`${state.text}${duration}`}</Text>
          {ended && restartHint ? <Text color={theme.muted}>{` (${restartHint} ${paused ? 'resumes' : 'restarts'})`}</Text> : null}
          {scrollMarker}
          {branch ? <Text color={theme.accent}>{` · ${paused ? '⏸' : '⎇'} ${branch}${paused ? ' (paused)' : ''}`}</Text> : null}
          <Text color={theme.muted}>{` · ${commandLine(info)}${paused ? '' : ` · ${info.spec.cwd}`}`}</Text>
        </Text>
      </Box>
      {preparing && !(info.status === 'failed' && info.error) ? (
        <Box flexDirection="column" paddingLeft={1} width={width} height={height - 1} overflow="hidden">
          <Text color={theme.accent}>{preparing.title}</Text>
          {preparing.lines.slice(-(height - 3)).map((line, i) => (
            <Text key={i} wrap="truncate-end" color={theme.muted}>{line}</Text>
          ))}
        </Box>
      ) : info.status === 'failed' && info.error ? (
        <Box flexDirection="column" paddingLeft={1} paddingTop={1} width={width} height={height - 1}>
          <Text color={theme.error} bold>{info.error.message}</Text>
          <Text color={theme.muted}>{info.error.hint}</Text>
        </Box>
      ) : (
        screen ?? null
      )}
    </Box>
  );
}
