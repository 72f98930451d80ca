// Bundles the CLI (fast start: one file to load) and the helper programs it starts.
import { chmodSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Native addon and optional devtools stay outside the bundle.
  external: ['node-pty', 'react-devtools-core'],
  define: { SQUADTUI_VERSION: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  // Lets bundled CommonJS dependencies call require() inside an ES module.
  banner: { js: "import { createRequire as __squadtuiCreateRequire } from 'node:module'; const require = __squadtuiCreateRequire(import.meta.url);" },
};

if (process.argv.includes('--demo-gif')) {
  // The README's demo.gif recorder (npm run demo:gif); the canvas is a native addon too.
  await build({ ...common, entryPoints: { 'record-demo': 'scripts/record-demo.ts' }, outdir: 'node_modules/.cache/squadtui', outExtension: { '.js': '.mjs' }, sourcemap: false, external: [...common.external, '@napi-rs/canvas'] });
  process.exit(0);
}

if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: { run: 'bench/run.ts' }, outdir: '.bench', outExtension: { '.js': '.mjs' }, sourcemap: false });
  process.exit(0);
}

// From an empty dist/: chunks of earlier builds would otherwise be packed and published.
rmSync('dist', { recursive: true, force: true });
await build({ ...common, entryPoints: { bin: 'src/bin.ts', cli: 'src/cli.tsx', window: 'src/window.ts', 'pty-thread': 'src/core/pty/thread.ts', 'demo-agent': 'src/demo/agent.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
// The `squadtui` command: the window that hands its terminal to the host (src/launcher.sh).
copyFileSync('src/launcher.sh', 'dist/squadtui');
chmodSync('dist/squadtui', 0o755);
// Claude runs the hook command on every event: one small file, no shared chunks to load.
await build({ ...common, entryPoints: { hook: 'src/claude-hook.ts' }, outdir: 'dist', banner: {} });
// The agents' MCP server (squadtui mcp): alone, so it never loads the TUI; it keeps the banner (the SDK's dependencies use require).
await build({ ...common, entryPoints: { mcp: 'src/mcp.ts' }, outdir: 'dist' });
