#!/usr/bin/env node
// The `squadtui` executable: prepares the process, then loads the app.

// `squadtui task ...` works on the task list and exits: it never loads the TUI.
if (process.argv[2] === 'task') await (await import('./core/tasks/cli.js')).taskMain(process.argv.slice(3));
// `squadtui config ...` reads or changes the settings file, and exits.
if (process.argv[2] === 'config') await (await import('./core/settings/cli.js')).configMain(process.argv.slice(3));

// `squadtui mcp` is the agents' MCP server: the bundle Claude's agents start directly (dist/mcp.js),
// loaded by path so the SDK is not bundled twice. It serves stdio until its client goes.
if (process.argv[2] === 'mcp') await import(new URL('./mcp.js', import.meta.url).href);
else await app();

async function app(): Promise<void> {
  // Ink draws nothing interactive when it believes it runs in CI, and decides that when it is first
  // imported; squadtui on a terminal is always interactive, so the CI variables are hidden before
  // the app loads (and handed back to the agents it starts).
  const ciKeys = Object.keys(process.env).filter((k) => k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_'));
  if (ciKeys.length > 0 && process.stdout.isTTY) {
    const saved: Record<string, string> = {};
    for (const key of ciKeys) {
      saved[key] = process.env[key] ?? '';
      delete process.env[key];
    }
    process.env.SQUADTUI_SAVED_ENV = JSON.stringify(saved);
  }

  // Ink's layout engine (yoga, WebAssembly) loads its embedded binary through fetch() when fetch
  // exists, which boots Node's whole HTTP client (~20 ms of start-up) to read a data: URL. Without
  // fetch it decodes the same bytes directly. Hide it while the app loads; nothing else needs it.
  const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchDescriptor?.configurable) delete (globalThis as { fetch?: unknown }).fetch;
  const { main } = await import('./cli.js');
  if (fetchDescriptor?.configurable) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
  await main(process.argv.slice(2));
}
