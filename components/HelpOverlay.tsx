// Every key, by mode, generated from the keymap; scrolls when it is taller than the panel.
import { Box, Text } from 'ink';
import React from 'react';
import { theme } from './theme.js';

export interface HelpLine {
  readonly keys: string;
  readonly description: string;
  /** Why the command can't act now. */
  readonly disabled?: string;
}

export interface HelpSection {
  readonly title: string;
  readonly lines: readonly HelpLine[];
}

export interface HelpOverlayProps {
  readonly sections: readonly HelpSection[];
  readonly width: number;
  readonly height: number;
  /** First row shown (scrolled by the help.* commands); clamped here. */
  readonly offset: number;
  /** This view's own keys, from the keymap: "Esc/q/? closes", and "↓/↑ PgDn/PgUp" to scroll. */
  readonly keys?: { readonly close: string; readonly scroll: string };
}

/** The key column's widest: keys longer than this have their own row, the description under them. */
const KEY_COLUMN = 30;

type Row =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'keys'; readonly text: string }
  | { readonly kind: 'line'; readonly line: HelpLine; readonly under?: boolean }
  | { readonly kind: 'blank' };

export function helpRows(sections: readonly HelpSection[]): Row[] {
  return sections.flatMap((s, i): Row[] => [
    ...(i > 0 ? [{ kind: 'blank' } as const] : []),
    { kind: 'title', text: s.title },
    ...s.lines.flatMap((line): Row[] =>
      line.keys.length + 2 > KEY_COLUMN ? [{ kind: 'keys', text: line.keys }, { kind: 'line', line, under: true }] : [{ kind: 'line', line }],
    ),
  ]);
}

export function HelpOverlay({ sections, width, height, offset, keys }: HelpOverlayProps) {
  const rows = helpRows(sections);
  const visible = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(offset, rows.length - visible));
  // A narrow panel gives the descriptions the room: the key column takes at most a third of it.
  const widest = Math.max(12, ...sections.flatMap((s) => s.lines.map((l) => l.keys.length))) + 2;
  const keyWidth = Math.min(KEY_COLUMN, widest, Math.max(14, Math.floor(width / 3)));
  const more = start + visible < rows.length;
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">
        {'Keys'}
        <Text color={theme.muted}>{`${keys ? ` · ${keys.close}` : ''}${start > 0 || more ? ` · ${keys ? `${keys.scroll} ` : ''}scroll (${start + 1}-${Math.min(rows.length, start + visible)} of ${rows.length})` : ''}`}</Text>
      </Text>
      {rows.slice(start, start + visible).map((row, i) =>
        row.kind === 'title' ? (
          <Text key={i} bold underline wrap="truncate-end">{row.text}</Text>
        ) : row.kind === 'blank' ? (
          <Text key={i}> </Text>
        ) : row.kind === 'keys' ? (
          <Text key={i} color={theme.key} wrap="truncate-end">{row.text}</Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            {/* Keys wider than a narrow column keep two spaces before their description. */}
            <Text color={theme.key}>{row.under ? ''.padEnd(keyWidth) : row.line.keys.length + 2 > keyWidth ? `${row.line.keys}  ` : row.line.keys.padEnd(keyWidth)}</Text>
            <Text color={row.line.disabled ? theme.muted : undefined}>{row.line.description}</Text>
            {row.line.disabled ? <Text color={theme.muted}>{` (now: ${row.line.disabled})`}</Text> : null}
          </Text>
        ),
      )}
    </Box>
  );
}
