// Fills its scrollback for the memory benchmark: once the go file (argument 2) exists, prints
// `lines` (argument 1) lines of code-like text of varying length, some of it coloured (as a coding
// agent's transcript: source, diffs, test output), then a last line that names it, and waits.
// It marks ready-NAME and done-NAME in the go file's folder (done once the pty took every byte).
import { existsSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';

const lines = Number(process.argv[2] ?? 10_000);
const goFile = process.argv[3];
const name = process.env.SQUADTUI_AGENT ?? 'agent';
const dir = path.dirname(goFile);

// mulberry32, seeded by the agent's name: every run prints the same text.
let seed = [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const WORDS = ['const', 'value', 'agent', 'screen', 'frame', 'result', 'await', 'options', 'index', 'buffer', 'squad', 'worktree', 'render', 'items', 'parse', 'length'];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const ident = () => {
  const second = pick(WORDS);
  return `${pick(WORDS)}${second[0].toUpperCase()}${second.slice(1)}`;
};

function line(i) {
  const indent = ' '.repeat(2 * Math.floor(random() * 5));
  switch (Math.floor(random() * 10)) {
    case 0:
      return '';
    case 1:
      return `${indent}\x1b[2m// ${words(3 + Math.floor(random() * 12))}\x1b[22m`;
    case 2:
      return `${indent}\x1b[35mexport function\x1b[39m \x1b[33m${ident()}\x1b[39m(${ident()}: ${pick(['string', 'number', 'Frame'])}): void {`;
    case 3:
      return `\x1b[32m+${indent}const ${ident()} = \x1b[36m'${words(2 + Math.floor(random() * 8))}'\x1b[32m;\x1b[39m`;
    case 4:
      return `\x1b[31m-${indent}${ident()}.${ident()}(${ident()}, ${Math.floor(random() * 1000)});\x1b[39m`;
    case 5:
      return `  \x1b[32m✓\x1b[39m test/${pick(WORDS)}.test.ts > ${words(4 + Math.floor(random() * 6))} \x1b[2m${Math.floor(random() * 900)}ms\x1b[22m`;
    case 6:
      return `${indent}if (${ident()} ${pick(['===', '!==', '<', '>='])} ${ident()}) return ${ident()};`;
    default:
      return `${indent}${ident()}(${words(1 + Math.floor(random() * 14)).replaceAll(' ', ', ')}); // ${i}`.slice(0, 118);
  }
}

writeFileSync(path.join(dir, `ready-${name}`), '');
const go = () => {
  let text = '';
  for (let i = 1; i <= lines; i++) text += `${line(i)}\r\n`;
  process.stdout.write(`${text}\x1b[1mEND OF ${name} SCROLLBACK\x1b[0m\r\n> `, () => writeFileSync(path.join(dir, `done-${name}`), ''));
};
let started = false;
const start = () => {
  if (started || !existsSync(goFile)) return;
  started = true;
  watcher.close();
  go();
};
const watcher = watch(dir, start);
start();
process.stdin.setRawMode?.(true);
process.stdin.resume();
