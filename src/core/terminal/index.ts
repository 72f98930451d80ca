// What a terminal is made of: the emulator (screen.ts, @xterm/headless), its cells and SGR, key
// names and the router that sends each key where it belongs.
export * from './ansi.js';
export * from './cell.js';
export * from './input-router.js';
export * from './keys.js';
export * from './screen.js';
