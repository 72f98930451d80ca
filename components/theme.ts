// Semantic colours for squadtui's own chrome, in one place. Agent screens keep their own colours.
import type { SessionStatus } from '../src/core/sessions.js';

export const theme = {
  accent: 'cyan',
  muted: 'gray',
  border: 'gray',
  selectedBg: 'blue',
  selectedFg: 'white',
  key: 'cyan',
  unseen: 'yellow',
  info: 'white',
  warn: 'yellow',
  error: 'red',
  ok: 'green',
  scrolled: 'yellow',
} as const;

export function statusColor(status: SessionStatus): string {
  switch (status) {
    case 'starting':
      return 'gray';
    case 'running':
      return 'green';
    case 'exited':
      return 'gray';
    case 'failed':
      return 'red';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
