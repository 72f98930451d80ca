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
  /** Shown however narrow the footer (the way into the other keys, help, quit); the others give way first. */
  readonly keep?: boolean;
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
const SEPARATOR = ' · ';

const hintWidth = (h: Hint) => stringWidth(SEPARATOR) + stringWidth(h.keys) + 1 + stringWidth(h.label);
/** The room the hints to keep take. */
const keptWidth = (hints: readonly Hint[]) => hints.filter((h) => h.keep).reduce((n, h) => n + hintWidth(h), 0);

/**
 * The hints that fit in `room` columns, in their order: those to keep first, then the others
 * while they fit. A hint is shown whole or not at all.
 */
export function fitHints(hints: readonly Hint[], room: number): Hint[] {
  let used = keptWidth(hints);
  const shown = new Set(hints.filter((h) => h.keep));
  for (const h of hints) {
    if (h.keep || used + hintWidth(h) > room) continue;
    shown.add(h);
    used += hintWidth(h);
  }
  return hints.filter((h) => shown.has(h));
}

export function Hints({ modeLabel, hints, notice, width, fullNoticeKey }: HintsProps) {
  const label = ` ${modeLabel} `;
  const more = fullNoticeKey ? ` (more: ${fullNoticeKey})` : '';
  const room = width - stringWidth(label);
  const noticeText = notice ? ` ${cutToWidth(notice.text, Math.max(20 + more.length, room - Math.max(keptWidth(hints), HINT_ROOM) - 2), more)}` : '';
  // The first hint without a notice before it takes one space, not a separator.
  const shown = fitHints(hints, room - stringWidth(noticeText) + (notice ? 0 : stringWidth(SEPARATOR) - 1));
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text inverse bold>{label}</Text>
        {notice ? <Text color={theme[notice.level]}>{noticeText}</Text> : null}
        {shown.map((h, i) => (
          <Text key={i}>
            <Text color={theme.muted}>{i === 0 && !notice ? ' ' : SEPARATOR}</Text>
            <Text color={h.disabled ? theme.muted : theme.key} bold={!h.disabled}>{h.keys}</Text>
            <Text color={h.disabled ? theme.muted : undefined}>{` ${h.label}`}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
