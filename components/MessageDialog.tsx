// "No, and tell the agent what to do instead": the message typed back once the prompt is rejected.
import { Box, Text } from 'ink';
import { Field } from './Field.js';
import React from 'react';
import { theme } from './theme.js';

export interface MessageDialogProps {
  readonly agent: string;
  /** deny: a message sent after the rejection. answer: the text for a question's free row. */
  readonly purpose: 'deny' | 'answer';
  readonly prompt: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint: string;
  readonly width: number;
  readonly height: number;
}

export function MessageDialog({ agent, purpose, prompt, value, onChange, hint, width, height }: MessageDialogProps) {
  const answer = purpose === 'answer';
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={answer ? theme.accent : theme.warn}>{answer ? `Answer ${agent}'s question` : `Deny ${agent}'s request`}</Text>
      <Text wrap="truncate-end" color={theme.muted}>{prompt}</Text>
      <Box marginTop={1}>
        <Text>{answer ? 'Your answer: ' : 'What should it do instead? '}</Text>
      </Box>
      <Box width={width - 2}>
        <Text color={theme.accent}>{'› '}</Text>
        <Field value={value} onChange={onChange} placeholder={answer ? 'typed into its "Type something" row' : '(optional) sent once the prompt is rejected'} />
      </Box>
      <Box marginTop={1}>
        <Text color={theme.muted}>{hint}</Text>
      </Box>
    </Box>
  );
}
