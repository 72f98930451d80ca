#!/usr/bin/env node
// The `squadtui` executable: prepares the process, then loads the app.

declare const SQUADTUI_VERSION: string;
const version = typeof SQUADTUI_VERSION === 'string' ? SQUADTUI_VERSION : '0.0.0-dev';

// launcher.sh's offer of its terminal (handoff.ts): out of the environment before anything starts.
const { followLauncher, takeHandoff } = await import('./host/handoff.js');
const handoff = takeHandoff(process.env);
if (handoff) followLauncher(handoff);

// `squadtui task ...` works on the task list and exits: it never loads the TUI.
if (process.argv[2] === 'task') await (await import('./core/tasks/cli.js')).taskMain(process.argv.slice(3));
// `squadtui config ...` reads or changes the settings file, and exits.
if (process.argv[2] === 'config') {
  const [{ configMain }, { settingChecks }] = await Promise.all([import('./core/settings/cli.js'), import('./runtime/setting-checks.js')]);
  await configMain(process.argv.slice(3), settingChecks);
}

// `squadtui mcp` is the agents' MCP server: the bundle Claude's agents start directly (dist/mcp.js),
// loaded by path so the SDK is not bundled twice. It serves stdio until its client goes.
const command = process.argv[2];
if (command === 'mcp' && (process.argv.includes('--help') || process.argv.includes('-h'))) {
  process.stdout.write('Usage: squadtui mcp\n\nThe squad\'s task board and messages for an agent, as an MCP server on stdin/stdout. squadtui\nregisters it with the agents it starts (Claude Code, Codex, Gemini CLI), each with its own token in\nits environment; run by hand it has no squad to answer for. Tools: README, "Tasks".\n');
} else if (command === 'mcp') await import(new URL('./mcp.js', import.meta.url).href);
// The background host a window started: it runs the squad and draws for the attached window.
else if (command === '__host') await app(true);
else if (command === 'ls' || command === 'attach' || command === 'stop') await (await import('./window.js')).squadCommand(process.argv.slice(2), handoff);
else await open();

/** `squadtui [options]`: a window onto the squad's host, or (--no-host) the squad in this process. */
async function open(): Promise<void> {
  const { readOptions } = await import('./runtime/args.js');
  const options = readOptions(process.argv.slice(2), version);
  if (options.host) await (await import('./window.js')).openSquad(process.argv.slice(2), options, handoff);
  else await app(false);
}

async function app(hosted: boolean): Promise<void> {
  // Ink draws nothing interactive when it believes it runs in CI, and decides that when it is first
  // imported; squadtui on a terminal is always interactive, so the CI variables are hidden before
  // the app loads (and handed back to the agents it starts).
  const ciKeys = Object.keys(process.env).filter((k) => k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_'));
  if (ciKeys.length > 0 && (process.stdout.isTTY || hosted)) {
    // Beside what the window that started the host saved already (start-host.ts).
    (await import('./runtime/saved-env.js')).saveForAgents(process.env, ciKeys);
  }

  // Ink's layout engine (yoga, WebAssembly) loads its embedded binary through fetch() when fetch
  // exists, which boots Node's whole HTTP client (~20 ms of start-up) to read a data: URL. Without
  // fetch it decodes the same bytes directly. Hide it while the app loads; nothing else needs it.
  const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchDescriptor?.configurable) delete (globalThis as { fetch?: unknown }).fetch;
  if (hosted) colourLikeTheWindow();
  const { main, hostMain } = await import('./cli.js');
  if (fetchDescriptor?.configurable) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
  if (hosted) await hostMain(process.argv.slice(3));
  else await main(process.argv.slice(2));
}

/**
 * The host's output is a file, so Ink's colour support would be decided as none: it draws in the
 * colours of the window that started it (its depth in SQUADTUI_COLOR_DEPTH), and agents get the
 * environment as it was.
 */
function colourLikeTheWindow(): void {
  const depth = Number(process.env.SQUADTUI_COLOR_DEPTH);
  delete process.env.SQUADTUI_COLOR_DEPTH;
  if (process.env.FORCE_COLOR !== undefined || !depth) return;
  process.env.FORCE_COLOR = String(depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0);
  process.env.SQUADTUI_UNSET_ENV = 'FORCE_COLOR';
}
