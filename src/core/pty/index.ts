// The agents' pseudo-terminals: node-pty behind the PtyLike port, owned by a worker thread
// (thread.ts runs there; thread-client.ts is the main thread's side), and whole process sessions
// ended.
export * from './node-pty.js';
export * from './processes.js';
export * from './thread-client.js';
