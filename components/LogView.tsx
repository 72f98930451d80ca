// The activity log: every answer sent, automatic approval and dropped prompt, newest last.
import { Box, Text } from 'ink';
import React from 'react';
import type { LogEntry } from '../src/core/store.js';
import { theme } from './theme.js';

export interface LogViewProps {
  readonly entries: readonly LogEntry[];
  readonly width: number;
  readonly height: number;
  readonly file?: string;
}

const KIND_COLOR: Record<LogEntry['kind'], string> = {
  'auto-approve': theme.warn,
  answer: theme.ok,
  dropped: theme.error,
  notice: theme.muted,
};

function time(at: number): string {
  return new Date(at).toTimeString().slice(0, 8);
}

export function LogView({ entries, width, height, file }: LogViewProps) {
  const rows = Math.max(1, height - 3);
  const shown = entries.slice(-rows);
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>{`Activity log · ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`}</Text>
      <Text color={theme.muted} wrap="truncate-end">{file ? `All of it is also in ${file}` : ' '}</Text>
      {shown.length === 0 ? <Text color={theme.muted}>Nothing yet: answers, automatic approvals and dropped prompts appear here.</Text> : null}
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate-end">
          <Text color={theme.muted}>{`${time(e.at)} `}</Text>
          <Text bold>{e.agent ? `${e.agent} ` : ''}</Text>
          <Text color={KIND_COLOR[e.kind]}>{e.text}</Text>
        </Text>
      ))}
    </Box>
  );
}
