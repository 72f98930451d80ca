// A yes/no question about something that can't be undone, with what it would affect.
import { Box, Text } from 'ink';
import React from 'react';
import { theme } from './theme.js';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly body: readonly string[];
  readonly yesLabel: string;
  readonly yesKeys: string;
  readonly noKeys: string;
  /** What "no" does (default: cancel). */
  readonly noLabel?: string;
  /** A second yes on its own key ("p merge and push"). */
  readonly alt?: { readonly keys: string; readonly label: string };
  /** Only informs: one key closes it. */
  readonly info?: boolean;
  readonly width: number;
  readonly height: number;
}

export function ConfirmDialog({ title, body, yesLabel, yesKeys, noKeys, noLabel = 'cancel', alt, info, width, height }: ConfirmDialogProps) {
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.warn}>{title}</Text>
      {body.map((line, i) => (
        <Text key={i} wrap="wrap">{line}</Text>
      ))}
      <Box marginTop={1}>
        {info ? (
          <Text>
            <Text color={theme.key} bold>{noKeys}</Text>
            <Text>{` ${yesLabel}`}</Text>
          </Text>
        ) : (
          <Text>
            <Text color={theme.key} bold>{yesKeys}</Text>
            <Text>{` ${yesLabel}   `}</Text>
            {alt ? (
              <Text>
                <Text color={theme.key} bold>{alt.keys}</Text>
                <Text>{` ${alt.label}   `}</Text>
              </Text>
            ) : null}
            <Text color={theme.key} bold>{noKeys}</Text>
            <Text>{` ${noLabel}`}</Text>
          </Text>
        )}
      </Box>
    </Box>
  );
}
