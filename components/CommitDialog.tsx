// Commit everything in an agent's worktree: the message, with a sensible default to start from.
import { Box, Text } from 'ink';
import { Field } from './Field.js';
import React from 'react';
import { theme } from './theme.js';

export interface CommitDialogProps {
  readonly agent: string;
  readonly branch: string;
  readonly files: number;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint: string;
  readonly width: number;
  readonly height: number;
}

export function CommitDialog({ agent, branch, files, value, onChange, hint, width, height }: CommitDialogProps) {
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>{`Commit ${agent}'s work on ${branch}`}</Text>
      <Text color={theme.muted}>{`Everything in the worktree (${files} file${files === 1 ? '' : 's'} changed against the base), new files too.`}</Text>
      <Box marginTop={1} width={width - 2}>
        <Text color={theme.accent}>{'Message › '}</Text>
        <Field value={value} onChange={onChange} />
      </Box>
      <Box marginTop={1}>
        <Text color={theme.muted}>{hint}</Text>
      </Box>
    </Box>
  );
}
