// The add-agent form: name, command line, directory, base branch, an optional first prompt, and
// whether the agent gets its own worktree.
import { Box, Text } from 'ink';
import { Field } from './Field.js';
import React from 'react';
import type { AddField } from '../src/core/state/index.js';
import { theme } from './theme.js';

export interface AddAgentDialogProps {
  readonly values: Readonly<Record<AddField, string>>;
  readonly field: AddField;
  readonly error?: string;
  readonly width: number;
  readonly height: number;
  readonly onChange: (field: AddField, value: string) => void;
  readonly hint: string;
  /** On: own worktree and branch. */
  readonly worktree: boolean;
  /** Why worktrees can't be used here (not a repository), when they can't. */
  readonly worktreeUnavailable?: string;
  /** The key that turns the worktree on and off. */
  readonly worktreeKey: string;
  /** The branch prefix, to show the branch the agent will get. */
  /** The branch the name would get (cleaned the way git needs it). */
  readonly branch: string;
  readonly busy?: boolean;
}

const LABELS: Record<AddField, string> = {
  name: 'Name',
  command: 'Command',
  cwd: 'Directory',
  base: 'Base branch',
  prompt: 'First prompt',
};

const PLACEHOLDERS: Record<AddField, string> = {
  name: 'a unique name',
  command: 'program and arguments, e.g. claude --model sonnet',
  cwd: 'where it runs (the repository)',
  base: 'current HEAD; or a branch such as main or origin/main',
  prompt: '(optional) typed in once the agent is ready',
};

export function AddAgentDialog(props: AddAgentDialogProps) {
  const { values, field, error, width, height, onChange, hint, worktree, worktreeUnavailable, worktreeKey, branch, busy } = props;
  const labelWidth = 16;
  const fields = (Object.keys(LABELS) as AddField[]).filter((f) => f !== 'base' || worktree);
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>Add an agent</Text>
      {fields.map((f) => (
        <Box key={f} marginTop={1} width={width - 2}>
          <Text color={f === field ? theme.accent : theme.muted} bold={f === field}>
            {`${f === field ? '›' : ' '} ${LABELS[f]}`.padEnd(labelWidth)}
          </Text>
          <Box width={Math.max(10, width - labelWidth - 3)}>
            <Field value={values[f]} focus={f === field} placeholder={PLACEHOLDERS[f]} onChange={(value) => onChange(f, value)} />
          </Box>
        </Box>
      ))}
      <Box marginTop={1} width={width - 2}>
        <Text wrap="truncate-end">
          <Text color={theme.muted}>{'  Worktree'.padEnd(labelWidth)}</Text>
          {worktreeUnavailable ? (
            <Text color={theme.muted}>{`off: ${worktreeUnavailable}`}</Text>
          ) : worktree ? (
            <Text>
              <Text color={theme.ok}>on</Text>
              {/* The key first: a narrow panel cuts the description, not how to change it. */}
              <Text color={theme.muted}>{` · ${worktreeKey} turns off · branch ${values.name.trim() ? branch : '<name>'} in its own directory`}</Text>
            </Text>
          ) : (
            <Text>
              <Text color={theme.warn}>off</Text>
              <Text color={theme.muted}>{` · ${worktreeKey} turns on · runs in the directory as it is`}</Text>
            </Text>
          )}
        </Text>
      </Box>
      {error ? (
        <Box marginTop={1}>
          <Text color={theme.error}>{error}</Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text color={theme.muted}>{busy ? 'Checking the branch name…' : hint}</Text>
      </Box>
    </Box>
  );
}
