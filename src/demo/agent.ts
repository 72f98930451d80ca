// A scripted, offline stand-in for a coding agent, drawn the way Claude Code draws its screen
// (input box between rules, a spinner while working, numbered permission prompts), so the demo
// squad shows what squadtui does without any agent CLI installed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { workDemoTasks } from './agent-tasks.js';

type Role = 'planner' | 'coder' | 'tester';
type Phase = 'idle' | 'working' | 'permission';

const role = ((): Role => {
  const i = process.argv.indexOf('--role');
  const r = i >= 0 ? process.argv[i + 1] : 'planner';
  return r === 'coder' || r === 'tester' ? r : 'planner';
})();

const ESC = '\x1b';
const dim = (s: string) => `${ESC}[2m${s}${ESC}[22m`;
const bold = (s: string) => `${ESC}[1m${s}${ESC}[22m`;
const color = (n: number, s: string) => `${ESC}[38;5;${n}m${s}${ESC}[39m`;
const SPINNER = ['·', '✢', '✳', '✶', '✻', '✽'];

const transcript: string[] = [];
let input = '';
let phase: Phase = 'idle';
let spinnerText = '';
let workStarted = 0;
let tick = 0;
let choice = 0;
let ctrlC = 0;
let pending: (() => void) | undefined;
let timers: NodeJS.Timeout[] = [];
/** The coder's task is done once its tests pass (after the user answers its permission prompt). */
let testsPassed: () => void = () => undefined;
const testsPass = new Promise<void>((resolve) => (testsPassed = resolve));
/**
 * Until the coder's task waiting on those tests is marked done: its turn ends only then, as a
 * real agent's does (one that stops first has finished its turn without completing its task).
 */
let taskSettled: Promise<void> = Promise.resolve();

const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });

function later(ms: number, fn: () => void): void {
  timers.push(setTimeout(fn, ms));
}

function cancelWork(): void {
  for (const t of timers) clearTimeout(t);
  timers = [];
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** A transcript line as display lines of at most `width` columns (wrapped at spaces, colour dropped). */
function wrap(line: string, width: number): string[] {
  const plain = line.replace(ANSI, '');
  if (plain.length <= width) return [line];
  const out: string[] = [];
  let rest = plain;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    out.push(rest.slice(0, at));
    rest = `  ${rest.slice(at).trimStart()}`;
  }
  out.push(rest);
  return out;
}

function say(line: string): void {
  transcript.push(line);
  if (transcript.length > 500) transcript.splice(0, transcript.length - 500);
}

function permissionLines(width: number): string[] {
  const options = ['Yes', 'Yes, and don’t ask again for: npm test:*', 'No'];
  return [
    color(244, '─'.repeat(width)),
    bold(' Bash command'),
    '',
    '   npm test',
    dim('   Run the test suite'),
    '',
    ' Do you want to proceed?',
    ...options.map((o, i) => (i === choice ? color(117, ` ❯ ${i + 1}. ${o}`) : `   ${i + 1}. ${o}`)),
    '',
    dim(' Esc to cancel · Tab to amend'),
  ];
}

function inputLines(width: number): string[] {
  const rule = color(244, '─'.repeat(width));
  const lines: string[] = [];
  if (phase === 'working') {
    const secs = Math.floor((Date.now() - workStarted) / 1000);
    lines.push(`${color(174, SPINNER[tick % SPINNER.length]!)} ${color(174, `${spinnerText}…`)} ${dim(`(${secs}s · esc to interrupt)`)}`, '');
  }
  lines.push(rule, `❯ ${input}`, rule, dim(phase === 'working' ? '  esc to interrupt' : '  ? for shortcuts'));
  return lines;
}

function draw(): void {
  const { cols, rows } = size();
  const width = Math.max(10, cols);
  const bottom = phase === 'permission' ? permissionLines(width) : inputLines(width);
  const header = [`${color(174, '✻')} ${bold('squadtui demo agent')} ${dim(`· ${role} · scripted, offline`)}`, dim(`  ${process.cwd()}`), ''];
  const room = Math.max(0, rows - header.length - bottom.length);
  const body = transcript.flatMap((line) => wrap(line, width)).slice(-room);
  const lines = [...header, ...body, ...Array<string>(room - body.length).fill(''), ...bottom].slice(0, rows);
  let out = `${ESC}[?2026h${ESC}[H`;
  lines.forEach((line, i) => {
    out += `${line}${ESC}[K${i < lines.length - 1 ? '\r\n' : ''}`;
  });
  // The cursor sits in the input box (third line from the bottom), hidden during a prompt.
  out += phase === 'permission' ? `${ESC}[?25l` : `${ESC}[${Math.max(1, rows - 2)};${3 + input.length}H${ESC}[?25h`;
  out += `${ESC}[?2026l`;
  process.stdout.write(out);
}

/** Working (the spinner turns) for `ms`, then `then`; without `ms`, until the caller sets the phase. */
function startWork(label: string, ms?: number, then?: () => void): void {
  phase = 'working';
  spinnerText = label;
  workStarted = Date.now();
  const spin = () => {
    if (phase !== 'working') return;
    tick++;
    draw();
    later(120, spin);
  };
  later(120, spin);
  if (ms !== undefined) {
    later(ms, () => {
      phase = 'idle';
      then?.();
      draw();
    });
  }
  draw();
}

function stream(lines: string[], every: number, done: () => void): void {
  lines.forEach((line, i) => later(every * (i + 1), () => {
    say(line);
    draw();
  }));
  later(every * (lines.length + 1), done);
}

function askPermission(onYes: () => void): void {
  phase = 'permission';
  choice = 0;
  pending = onYes;
  draw();
}

function runTests(): void {
  const files = ['auth/login', 'auth/signup', 'api/users', 'api/tasks', 'ui/form', 'ui/table', 'util/dates', 'util/strings'];
  // Working until the tests have run (and the coder's task waiting on them is marked done).
  startWork('Running tests');
  say(`${color(244, '⎿')} ${dim('npm test')}`);
  stream(
    [
      ...files.map((f, i) => `  ${i === 4 && role === 'tester' ? color(1, '✗') : color(2, '✓')} ${f}.test.ts ${dim(`(${3 + ((i * 7) % 11)} tests) ${12 + i * 9}ms`)}`),
      '',
      role === 'tester'
        ? `  ${color(1, bold('1 failed'))} | ${color(2, '7 passed')} ${dim('(8 files)')}`
        : `  ${color(2, bold('8 passed'))} ${dim('(8 files)')}`,
    ],
    140,
    () => {
      if (role === 'coder') testsPassed();
      void taskSettled.then(() => {
        phase = 'idle';
        say('');
        say(`${color(15, '●')} ${role === 'tester' ? 'ui/form has a failing test: the date field rejects ISO dates. Ask the coder to fix parseDate().' : 'All tests pass. The change is ready for review.'}`);
        draw();
      });
    },
  );
}

/**
 * The change the coder says it made, made in its worktree (the demo's throwaway repository), so
 * that its numbers, its diff, a commit and a merge can be tried. Only over the sample's own file.
 */
function changeSignup(): void {
  const file = path.join(process.cwd(), 'src', 'signup.ts');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!before.startsWith('export function signup(form') || before.includes('@')) return;
  writeFileSync(
    file,
    [
      'export function signup(form: { name?: string; email?: string }) {',
      '  if (!form.name) throw new Error("name is required");',
      '  if (form.email !== undefined && !form.email.includes("@")) throw new Error("email needs an @");',
      '  return { name: form.name, email: form.email };',
      '}',
      '',
    ].join('\n'),
  );
}

function reply(text: string): void {
  say('');
  say(`${dim('>')} ${text}`);
  if (text === '/exit') process.exit(0);
  if (text === '/crash') process.exit(3);
  startWork(role === 'planner' ? 'Planning' : 'Thinking', 1500, () => {
    if (role === 'coder') {
      changeSignup();
      say(`${color(15, '●')} I changed src/signup.ts to validate the e-mail field. Let me run the tests.`);
      askPermission(runTests);
    } else if (role === 'tester') {
      runTests();
    } else {
      say(`${color(15, '●')} Plan for "${text}":`);
      say('  1. Read the code that is involved');
      say('  2. Write a failing test');
      say('  3. Make the change, run the tests');
    }
  });
}

function answer(index: number): void {
  const onYes = pending;
  pending = undefined;
  if (index === 2) {
    phase = 'idle';
    say(`  ${color(244, '⎿')}  ${color(1, 'Interrupted')} ${dim('· What should Claude do instead?')}`);
    draw();
    return;
  }
  phase = 'idle';
  onYes?.();
  draw();
}

function onKey(data: string): void {
  // Focus reports (we asked for them with ?1004h) are not keys.
  data = data.replace(/\x1b\[[IO]/g, '');
  if (data === '') return;
  if (data === '\x03') {
    if (++ctrlC >= 2) process.exit(0);
    input = '';
    draw();
    return;
  }
  ctrlC = 0;
  if (data === '\x04' && input === '') process.exit(0);
  if (phase === 'permission') {
    if (data === '1' || data === '2' || data === '3') answer(Number(data) - 1);
    else if (data === '\r') answer(choice);
    else if (data === ESC) answer(2);
    else if (data === `${ESC}[A` || data === `${ESC}OA`) choice = Math.max(0, choice - 1);
    else if (data === `${ESC}[B` || data === `${ESC}OB`) choice = Math.min(2, choice + 1);
    draw();
    return;
  }
  if (data === ESC && phase === 'working') {
    cancelWork();
    phase = 'idle';
    say(`  ${color(244, '⎿')}  ${color(1, 'Interrupted')} ${dim('· What should Claude do instead?')}`);
    draw();
    return;
  }
  if (data.startsWith(`${ESC}[200~`)) {
    // A paste is text, Enter included: it is never sent by itself.
    input += data.slice(6).replace(`${ESC}[201~`, '').replace(/[\x00-\x1f]/g, ' ');
    draw();
    return;
  }
  if (data.startsWith(ESC)) return;
  // Keys typed quickly (or sent by tmux, ssh) arrive together: each counts as if typed alone.
  for (const ch of data) {
    if (ch === '\r') {
      const text = input.trim();
      input = '';
      if (text && phase === 'idle') reply(text);
    } else if (ch === '\x7f') input = input.slice(0, -1);
    else if (ch >= ' ') input += ch;
  }
  draw();
}

if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', onKey);
process.stdout.on('resize', draw);
process.on('SIGHUP', () => process.exit(0));
process.stdout.write(`${ESC}[?2004h${ESC}[?1004h${ESC}]0;✳ ${role}${ESC}\\`);
say(dim(`  Type a message and press Enter. /exit quits, /crash exits with code 3.`));
if (process.argv.includes('--throwaway')) say(dim('  This is the demo’s throwaway repository: squadtui removes it, worktrees and all, when you quit.'));
draw();

// Each role starts on something, so the squad is busy from the first frame.
if (role === 'coder') later(600, () => reply('Add e-mail validation to the signup form'));
if (role === 'tester') later(900, () => reply('Run the whole test suite'));
// In the throwaway repository (which starts with the demo's task graph), each role works its tasks.
// Its timers are its own: Esc interrupts the agent's reply, not its task.
if (process.argv.includes('--throwaway')) {
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  let settle: () => void = () => undefined;
  workDemoTasks(role, {
    say: (line) => (say(line), draw()),
    later: (ms, fn) => void setTimeout(fn, ms),
    finished: () => {
      if (role !== 'coder') return wait(role === 'tester' ? 6000 : 4000);
      taskSettled = new Promise((resolve) => (settle = resolve));
      return testsPass;
    },
    settled: () => settle(),
  }, role === 'planner' ? 1500 : 3000);
}
