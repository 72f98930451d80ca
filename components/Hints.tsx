// The footer: the keys of the current mode (from the keymap) and the latest notice.
import { Box, Text } from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import type { Notice } from '../src/core/state/index.js';
import { cutToWidth } from './format.js';
import { theme } from './theme.js';

export interface Hint {
  readonly keys: string;
  readonly label: string;
  /** Why the command can't act now: the hint is drawn dimmed. */
  readonly disabled?: string;
}

export interface HintsProps {
  readonly modeLabel: string;
  readonly hints: readonly Hint[];
  readonly notice?: Notice;
  readonly width: number;
  /** Where a notice too long for the footer can be read whole (e.g. "Ctrl+] L"). */
  readonly fullNoticeKey?: string;
}

/** Room kept for the first key hints when a notice is shown: a long notice never hides them all. */
const HINT_ROOM = 24;

export function Hints({ modeLabel, hints, notice, width, fullNoticeKey }: HintsProps) {
  const label = ` ${modeLabel} `;
  const more = fullNoticeKey ? ` (more: ${fullNoticeKey})` : '';
  const noticeText = notice ? ` ${cutToWidth(notice.text, Math.max(20 + more.length, width - stringWidth(label) - HINT_ROOM - 2), more)}` : '';
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text inverse bold>{label}</Text>
        {notice ? <Text color={theme[notice.level]}>{noticeText}</Text> : null}
        {hints.map((h, i) => (
          <Text key={i}>
            <Text color={theme.muted}>{i === 0 && !notice ? ' ' : ' · '}</Text>
            <Text color={h.disabled ? theme.muted : theme.key} bold={!h.disabled}>{h.keys}</Text>
            <Text color={h.disabled ? theme.muted : undefined}>{` ${h.label}`}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
