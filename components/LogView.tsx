// The activity log: every answer sent, automatic approval, dropped prompt and message, newest
// last. Entries wrap, so a message too long for the footer can be read whole here.
import { Box, Text } from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import type { LogEntry } from '../src/core/state/index.js';
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

/** The newest entries that fit in `rows` lines of `width` columns, each taking as many lines as it wraps to. */
function newestThatFit(entries: readonly LogEntry[], rows: number, width: number): LogEntry[] {
  const shown: LogEntry[] = [];
  let used = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    const w = stringWidth(`${time(e.at)} ${e.agent ? `${e.agent} ` : ''}${e.text}`);
    // Word wrapping leaves lines short: counted on four fifths of the width, the newest always fit.
    const lines = w <= width ? 1 : Math.ceil(w / Math.max(1, Math.floor(width * 0.8)));
    if (used + lines > rows) break;
    used += lines;
    shown.unshift(e);
  }
  return shown;
}

export function LogView({ entries, width, height, file }: LogViewProps) {
  const shown = newestThatFit(entries, Math.max(1, height - 3), width - 2);
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>{`Activity log · ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`}</Text>
      <Text color={theme.muted} wrap="truncate-end">{file ? `All of it is also in ${file}` : ' '}</Text>
      {shown.length === 0 ? <Text color={theme.muted}>Nothing yet: answers, automatic approvals, dropped prompts and messages appear here.</Text> : null}
      {shown.map((e, i) => (
        <Text key={i} wrap="wrap">
          <Text color={theme.muted}>{`${time(e.at)} `}</Text>
          <Text bold>{e.agent ? `${e.agent} ` : ''}</Text>
          <Text color={KIND_COLOR[e.kind]}>{e.text}</Text>
        </Text>
      ))}
    </Box>
  );
}
