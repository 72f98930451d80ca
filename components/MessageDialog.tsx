// "No, and tell the agent what to do instead": the message typed back once the prompt is rejected.
import { Box, Text } from 'ink';
import { Field } from './Field.js';
import React from 'react';
import { theme } from './theme.js';

export interface MessageDialogProps {
  readonly agent: string;
  readonly prompt: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint: string;
  readonly width: number;
  readonly height: number;
}

export function MessageDialog({ agent, prompt, value, onChange, hint, width, height }: MessageDialogProps) {
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.warn}>{`Deny ${agent}'s request`}</Text>
      <Text wrap="truncate-end" color={theme.muted}>{prompt}</Text>
      <Box marginTop={1}>
        <Text>{'What should it do instead? '}</Text>
      </Box>
      <Box width={width - 2}>
        <Text color={theme.accent}>{'› '}</Text>
        <Field value={value} onChange={onChange} placeholder="(optional) sent once the prompt is rejected" />
      </Box>
      <Box marginTop={1}>
        <Text color={theme.muted}>{hint}</Text>
      </Box>
    </Box>
  );
}
