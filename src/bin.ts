#!/usr/bin/env node
// The `squadtui` executable. Ink draws nothing interactive when it believes it runs in CI, and it
// decides that when it is first imported; squadtui on a terminal is always interactive, so the CI
// variables are hidden before the app loads (and handed back to the agents it starts).
const ciKeys = Object.keys(process.env).filter((k) => k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_'));
if (ciKeys.length > 0 && process.stdout.isTTY) {
  const saved: Record<string, string> = {};
  for (const key of ciKeys) {
    saved[key] = process.env[key] ?? '';
    delete process.env[key];
  }
  process.env.SQUADTUI_SAVED_ENV = JSON.stringify(saved);
}
const { main } = await import('./cli.js');
await main(process.argv.slice(2));
