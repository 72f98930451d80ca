// Semantic colours for squadtui's own chrome, in one place. Agent screens keep their own colours.
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
  working: 'yellow',
  inboxBg: 'red',
} as const;

/** A task's colour on the board, by its state (its arrows take it too). */
export const taskColors = {
  ready: 'green',
  blocked: 'magenta',
  in_progress: 'yellow',
  completed: 'gray',
} as const;
