// One line, on every view: the oldest prompt waiting for an answer and the keys that answer it.
import { Box, Text } from 'ink';
import React from 'react';
import type { InboxItem } from './InboxView.js';
import { formatDuration } from './format.js';
import { theme } from './theme.js';

export interface InboxStripProps {
  readonly item: InboxItem;
  readonly count: number;
  /** "1 yes · 2 always · 3 no · m message · w go · i inbox", with a menu prefix in agent mode. */
  readonly keys: string;
  readonly width: number;
  readonly now: number;
}

export function InboxStrip({ item, count, keys, width, now }: InboxStripProps) {
  const more = count > 1 ? ` (+${count - 1} more)` : '';
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text backgroundColor={theme.inboxBg} color="white" bold>{` ◆ ${item.agent} `}</Text>
        <Text bold>{` ${item.tool}`}</Text>
        <Text>{item.subject ? `: ${item.subject}` : ''}</Text>
        <Text color={theme.muted}>{` ${formatDuration(now - item.since)}${item.onScreen ? '' : ' · not seen on screen'}${more} · `}</Text>
        <Text color={theme.key}>{keys}</Text>
      </Text>
    </Box>
  );
}
