// Entry of the window (dist/window.js): what `squadtui` runs to open, list, attach to or stop squads.
export { openSquad, squadCommand } from './host/window.js';
