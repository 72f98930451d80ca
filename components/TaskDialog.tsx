// Adding or editing a task: its title and description, one field at a time.
import { Box, Text } from 'ink';
import React from 'react';
import type { TaskField } from '../src/core/state/index.js';
import { Field } from './Field.js';
import { theme } from './theme.js';

export interface TaskDialogProps {
  /** The task edited; none when adding one. */
  readonly label?: string;
  readonly title: string;
  readonly description: string;
  readonly field: TaskField;
  readonly error?: string;
  readonly onChange: (field: TaskField, value: string) => void;
  readonly hint: string;
  readonly width: number;
  readonly height: number;
}

const LABELS: Record<TaskField, string> = { title: 'Title        ', description: 'Description  ' };

export function TaskDialog({ label, title, description, field, error, onChange, hint, width, height }: TaskDialogProps) {
  const values: Record<TaskField, string> = { title, description };
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>{label ? `Edit ${label}` : 'Add a task'}</Text>
      {(['title', 'description'] as const).map((f) => (
        <Box key={f} width={width - 2} marginTop={f === 'title' ? 1 : 0}>
          <Text color={f === field ? theme.accent : theme.muted}>{`${f === field ? '›' : ' '} ${LABELS[f]}`}</Text>
          {f === field ? (
            <Field value={values[f]} onChange={(value) => onChange(f, value)} placeholder={f === 'title' ? 'what is to be done' : '(optional) what the agent needs to know'} />
          ) : (
            <Text wrap="truncate-end">{values[f]}</Text>
          )}
        </Box>
      ))}
      {error ? <Text color={theme.error} wrap="wrap">{error}</Text> : null}
      <Box marginTop={1}>
        <Text color={theme.muted}>{hint}</Text>
      </Box>
    </Box>
  );
}
