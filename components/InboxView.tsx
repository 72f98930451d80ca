// Every pending permission prompt of every agent, oldest first: agent, tool, what it wants to run
// or change (a short diff for edits), where, and for how long.
import { Box, Text } from 'ink';
import React from 'react';
import { formatDuration } from './format.js';
import { theme } from './theme.js';

export interface InboxItem {
  readonly agentId: string;
  readonly agent: string;
  /** "Bash", "Edit", or the prompt's title. */
  readonly tool: string;
  /** The command, file or folder. */
  readonly subject: string;
  /** The prompt's detail as shown by the agent (command and description, diff preview). */
  readonly detail: readonly string[];
  readonly question: string;
  readonly options: readonly string[];
  readonly cwd: string;
  readonly since: number;
  /** False while only a hook has announced it and the agent has not drawn it yet. */
  readonly onScreen: boolean;
}

export interface InboxViewProps {
  readonly items: readonly InboxItem[];
  readonly cursor: string | undefined;
  readonly keys: string;
  /** The key that shows the agent itself (for a detail too long to list). */
  readonly jumpKey?: string;
  readonly width: number;
  readonly height: number;
  readonly now: number;
}

const DETAIL_LINES = 8;

export function InboxView({ items, cursor, keys, jumpKey, width, height, now }: InboxViewProps) {
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>{`Inbox · ${items.length} waiting`}</Text>
      {items.length === 0 ? <Text color={theme.muted}>No prompt is waiting.</Text> : <Text color={theme.muted}>{keys}</Text>}
      {items.map((item) => {
        const selected = item.agentId === (items.some((i) => i.agentId === cursor) ? cursor : items[0]?.agentId);
        return (
          <Box key={item.agentId} flexDirection="column" marginTop={1} width={width - 2}>
            <Text wrap="truncate-end">
              <Text color={selected ? theme.accent : theme.muted} bold>{selected ? '› ' : '  '}</Text>
              <Text bold>{item.agent}</Text>
              <Text>{` ${item.tool}`}</Text>
              <Text color={theme.muted}>{` · ${item.cwd} · ${formatDuration(now - item.since)}${item.onScreen ? '' : ' · not seen on screen'}`}</Text>
            </Text>
            {(selected ? item.detail.slice(0, DETAIL_LINES) : item.detail.slice(0, 1)).map((line, i) => (
              // The selected prompt's command wraps (a word cut off would change what it says); a
              // diff's lines and the others' first line keep to one row.
              <Text key={i} wrap={selected && !diffColor(line) ? 'wrap' : 'truncate-end'} color={diffColor(line)}>{`    ${line}`}</Text>
            ))}
            {selected && item.detail.length > DETAIL_LINES ? (
              <Text color={theme.muted}>{`    … ${item.detail.length - DETAIL_LINES} more lines${jumpKey ? ` (${jumpKey} shows the agent)` : ''}`}</Text>
            ) : null}
            {selected && (item.question || item.options.length > 0) ? (
              <Text wrap="truncate-end">{`    ${[item.question, ...item.options].filter(Boolean).join('  ')}`}</Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}

/** Lines of a diff preview keep their meaning in colour. */
function diffColor(line: string): string | undefined {
  if (/^\s*\d*\s*\+/.test(line)) return theme.ok;
  if (/^\s*\d*\s*-/.test(line)) return theme.error;
  return undefined;
}
