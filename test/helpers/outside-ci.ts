// Imported first by tests that draw with Ink's own render(): Ink writes no frames where it sees
// CI's variables (is-in-ci, read once as Ink loads), and squadtui takes them out of its own process
// before it loads Ink (bin.ts), so these tests do the same.
for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[key];
