// The footer: the keys of the current mode (from the keymap) and the latest notice.
import { Box, Text } from 'ink';
import React from 'react';
import type { Notice } from '../src/core/store.js';
import { theme } from './theme.js';

export interface Hint {
  readonly keys: string;
  readonly label: string;
}

export interface HintsProps {
  readonly modeLabel: string;
  readonly hints: readonly Hint[];
  readonly notice?: Notice;
  readonly width: number;
}

export function Hints({ modeLabel, hints, notice, width }: HintsProps) {
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text inverse bold>{` ${modeLabel} `}</Text>
        {notice ? (
          <Text color={theme[notice.level]}>{` ${notice.text}`}</Text>
        ) : null}
        {hints.map((h, i) => (
          <Text key={i}>
            <Text color={theme.muted}>{i === 0 && !notice ? ' ' : ' · '}</Text>
            <Text color={theme.key} bold>{h.keys}</Text>
            <Text>{` ${h.label}`}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
