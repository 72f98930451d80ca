// Small tools every layer uses: an event emitter, the log file, command lines, the window's size math,
// the memory reducer, when the user last pressed a key, and waits on a changing value.
export * from './command-line.js';
export * from './emitter.js';
export * from './layout.js';
export * from './log.js';
export * from './json-file.js';
export * from './atomic-file.js';
export * from './fs-reason.js';
export * from './memory-reducer.js';
export * from './keyboard.js';
export * from './waits.js';
