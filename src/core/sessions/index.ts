// The agents' sessions: pty -> screen, flow control and frames (local-host.ts, behind the
// SessionHost port a background host will implement too), the frames a window draws from, and keys
// held while an agent starts.
export * from './local-host.js';
export * from './frame-cache.js';
export * from './typeahead.js';
