// The agents' sessions: the SessionHost port a background host will implement too (host.ts), its
// in-process implementation (local-host.ts: pty -> screen, flow control and frames), the frames a
// window draws from, and keys held while an agent starts.
export * from './host.js';
export * from './local-host.js';
export * from './frame-cache.js';
export * from './typeahead.js';
export { restartRule } from './session.js';
