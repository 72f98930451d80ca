// The add-agent form: name, command line, directory and an optional first prompt.
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import React from 'react';
import type { AddField } from '../src/core/store.js';
import { theme } from './theme.js';

export interface AddAgentDialogProps {
  readonly values: Readonly<Record<AddField, string>>;
  readonly field: AddField;
  readonly error?: string;
  readonly width: number;
  readonly height: number;
  readonly onChange: (field: AddField, value: string) => void;
  readonly hint: string;
}

const LABELS: Record<AddField, string> = {
  name: 'Name',
  command: 'Command',
  cwd: 'Directory',
  prompt: 'First prompt',
};

const PLACEHOLDERS: Record<AddField, string> = {
  name: 'a unique name',
  command: 'program and arguments, e.g. claude --model sonnet',
  cwd: 'where it runs',
  prompt: '(optional) typed in once the agent is ready',
};

export function AddAgentDialog({ values, field, error, width, height, onChange, hint }: AddAgentDialogProps) {
  const labelWidth = 16;
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>Add an agent</Text>
      {(Object.keys(LABELS) as AddField[]).map((f) => (
        <Box key={f} marginTop={1} width={width - 2}>
          <Text color={f === field ? theme.accent : theme.muted} bold={f === field}>
            {`${f === field ? '›' : ' '} ${LABELS[f]}`.padEnd(labelWidth)}
          </Text>
          <Box width={Math.max(10, width - labelWidth - 3)}>
            <TextInput
              value={values[f]}
              focus={f === field}
              placeholder={PLACEHOLDERS[f]}
              onChange={(value) => onChange(f, value)}
            />
          </Box>
        </Box>
      ))}
      {error ? (
        <Box marginTop={1}>
          <Text color={theme.error}>{error}</Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text color={theme.muted}>{hint}</Text>
      </Box>
    </Box>
  );
}
