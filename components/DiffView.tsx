// An agent's changes against its base: the files (with +/- counts), then one file's coloured diff.
import { Box, Text } from 'ink';
import React from 'react';
import type { ChangedFile, DiffLine } from '../src/core/git/index.js';
import { theme } from './theme.js';

export interface DiffViewProps {
  readonly agent: string;
  readonly branch: string;
  readonly base: string;
  readonly files: readonly ChangedFile[] | undefined;
  readonly cursor: number;
  readonly open?: { readonly path: string; readonly lines: readonly DiffLine[]; readonly binary: boolean; readonly offset: number };
  readonly error?: string;
  /** Files other agents change too, with their names. */
  readonly shared: ReadonlyMap<string, readonly string[]>;
  readonly keys: string;
  readonly width: number;
  readonly height: number;
  /** Diff lines shown at once (the height less the title and key lines; paging moves by this). */
  readonly rows: number;
}

const LINE_COLOR: Record<DiffLine['kind'], string | undefined> = {
  header: theme.accent,
  hunk: theme.muted,
  added: theme.ok,
  removed: theme.error,
  context: undefined,
  note: theme.muted,
};

const CHANGE_MARK: Record<ChangedFile['change'], string> = {
  added: 'A', modified: 'M', deleted: 'D', renamed: 'R', copied: 'C', 'type-changed': 'T', untracked: '?', conflicted: '!',
};

export function DiffView({ agent, branch, base, files, cursor, open, error, shared, keys, width, height, rows }: DiffViewProps) {
  const title = open ? `${agent} · ${open.path}` : `${agent} · ${branch} against ${base}`;
  let body: React.ReactNode;
  if (error) body = <Text color={theme.error}>{error}</Text>;
  else if (!files) body = <Text color={theme.muted}>Reading the worktree…</Text>;
  else if (open) {
    body = open.binary ? (
      <Text color={theme.muted}>Binary file: no text diff.</Text>
    ) : (
      open.lines.slice(open.offset, open.offset + rows).map((line, i) => (
        <Text key={i} wrap="truncate-end" color={LINE_COLOR[line.kind]}>{line.text || ' '}</Text>
      ))
    );
  } else if (files.length === 0) body = <Text color={theme.muted}>No changes against the base.</Text>;
  else {
    const start = Math.max(0, Math.min(cursor - Math.floor(rows / 2), files.length - rows));
    body = files.slice(start, start + rows).map((f, i) => {
      const selected = start + i === cursor;
      const counts = f.binary ? 'binary' : `+${f.added} -${f.removed}`;
      return (
        <Text key={f.path} wrap="truncate-end">
          <Text color={selected ? theme.accent : theme.muted} bold>{selected ? '› ' : '  '}</Text>
          <Text color={theme.muted}>{`${CHANGE_MARK[f.change]} `}</Text>
          <Text bold={selected}>{f.oldPath ? `${f.oldPath} → ${f.path}` : f.path}</Text>
          <Text color={theme.muted}>{`  ${counts}`}</Text>
          {shared.has(f.path) ? <Text color={theme.warn}>{`  ⚠ ${shared.get(f.path)!.join(', ')} change${shared.get(f.path)!.length === 1 ? 's' : ''} it too`}</Text> : null}
        </Text>
      );
    });
  }
  const position = open && !open.binary ? ` · lines ${open.offset + 1}-${Math.min(open.lines.length, open.offset + rows)} of ${open.lines.length}` : files ? ` · ${files.length} file${files.length === 1 ? '' : 's'}` : '';
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">
        {title}
        <Text color={theme.muted}>{position}</Text>
      </Text>
      <Text color={theme.muted} wrap="truncate-end">{keys}</Text>
      {body}
    </Box>
  );
}
