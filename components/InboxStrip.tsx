// One line, on every view: the oldest prompt waiting for an answer and the keys that answer it.
import { Box, Text } from 'ink';
import React from 'react';
import type { InboxItem } from './InboxView.js';
import stringWidth from 'string-width';
import { cutToWidth, formatDuration } from './format.js';
import { theme } from './theme.js';

/** A key and what it does ("1 yes"); `keep`: an answer, never dropped for room. */
export interface StripKey {
  readonly text: string;
  readonly keep?: boolean;
}

export interface InboxStripProps {
  readonly item: InboxItem;
  readonly count: number;
  /** "1 yes · 2 always · 3 no · m message · w go · i inbox". */
  readonly keys: readonly StripKey[];
  /** Before the keys, e.g. "Ctrl+], then " while typing into an agent. */
  readonly prefix?: string;
  readonly width: number;
  readonly now: number;
}

const SEPARATOR = ' · ';

/** What the prompt asks about: "Bash: npm test", or the tool alone; on one line (a heredoc's lines joined by ⏎). */
export const promptWhat = (item: InboxItem) => `${item.tool}${item.subject ? `: ${item.subject.trim().replace(/\s*\n\s*/g, ' ⏎ ')}` : ''}`;

export function InboxStrip({ item, count, keys, prefix = '', width, now }: InboxStripProps) {
  const more = count > 1 ? ` (+${count - 1} more)` : '';
  const label = ` ◆ ${item.agent} `;
  const time = ` ${formatDuration(now - item.since)}${item.onScreen ? '' : ' · not seen on screen'}${more} · `;
  const tool = ` ${item.tool}`;
  const what = ` ${promptWhat(item)}`;
  const room = width - stringWidth(label) - stringWidth(time);
  // The answers always; the other keys while the whole subject fits beside them; the subject gets the rest.
  const keyWidth = (list: readonly StripKey[]) => stringWidth(prefix) + stringWidth(list.map((k) => k.text).join(SEPARATOR));
  const shown = keys.filter((k) => k.keep);
  for (const k of keys) {
    if (k.keep) continue;
    if (keyWidth([...shown, k]) + stringWidth(what) > room) break;
    shown.push(k);
  }
  const inOrder = keys.filter((k) => shown.includes(k));
  const keyText = `${prefix}${inOrder.map((k) => k.text).join(SEPARATOR)}`;
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text backgroundColor={theme.inboxBg} color="white" bold>{label}</Text>
        <Text bold>{tool}</Text>
        <Text>{cutToWidth(what, Math.max(stringWidth(tool) + 8, room - stringWidth(keyText))).slice(tool.length)}</Text>
        <Text color={theme.muted}>{time}</Text>
        <Text color={theme.key}>{keyText}</Text>
      </Text>
    </Box>
  );
}
