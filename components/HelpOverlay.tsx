// Every key, by category, generated from the keymap.
import { Box, Text } from 'ink';
import React from 'react';
import { theme } from './theme.js';

export interface HelpLine {
  readonly keys: string;
  readonly description: string;
}

export interface HelpSection {
  readonly title: string;
  readonly lines: readonly HelpLine[];
}

export interface HelpOverlayProps {
  readonly sections: readonly HelpSection[];
  readonly width: number;
  readonly height: number;
}

export function HelpOverlay({ sections, width, height }: HelpOverlayProps) {
  const keyWidth = Math.min(34, Math.max(12, ...sections.flatMap((s) => s.lines.map((l) => l.keys.length))) + 2);
  return (
    <Box flexDirection="column" width={width} height={height} paddingLeft={1} overflow="hidden">
      <Text bold color={theme.accent}>Keys (? or Esc closes)</Text>
      {sections.map((section) => (
        <Box key={section.title} flexDirection="column" marginTop={1}>
          <Text bold underline>{section.title}</Text>
          {section.lines.map((line) => (
            <Text key={section.title + line.description} wrap="truncate-end">
              <Text color={theme.key}>{line.keys.padEnd(keyWidth)}</Text>
              <Text>{line.description}</Text>
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
