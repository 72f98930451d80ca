// Records the README's demo.gif from the real app: `squadtui --demo` runs in a pty, its output goes
// through @xterm/headless, a scripted tour presses keys the way a user does (each step waits for
// what the screen shows), the emulated screen is snapshotted cell by cell at a steady rate and
// after every step, and each snapshot is drawn with a monospace font into an animated GIF.
//
//   npm run demo:gif                       # builds, then writes demo.gif at the repository top
//   npm run demo:gif -- --png /tmp/frames  # also one PNG per tour step, to look at
//   npm run demo:gif -- --out other.gif
//   npm run demo:gif -- --sample card.png  # only a test card of the drawing (colours, lines, widths)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import unicode11 from '@xterm/addon-unicode11';
import xtermHeadless, { type IBufferCell } from '@xterm/headless';
// @ts-expect-error gifenc ships no type declarations; its API is typed by GifencApi below.
import * as gifencModule from 'gifenc';
import * as pty from 'node-pty';
import { keyBytes } from '../src/core/terminal/keys.js';
import type { Mode } from '../src/core/state/index.js';
import { type CommandId, buildKeymap } from '../src/keymap.js';

const { Terminal } = xtermHeadless;
const { Unicode11Addon } = unicode11;

type Rgb = [number, number, number];
interface GifEncoder {
  writeFrame(
    index: Uint8Array,
    width: number,
    height: number,
    opts: { palette?: Rgb[]; delay?: number; transparent?: boolean; transparentIndex?: number; dispose?: number; repeat?: number },
  ): void;
  finish(): void;
  bytes(): Uint8Array;
}
interface GifencApi {
  GIFEncoder(): GifEncoder;
  quantize(rgba: Uint8Array, maxColors: number, opts?: { format?: 'rgb565' | 'rgb444' | 'rgba4444' }): Rgb[];
  applyPalette(rgba: Uint8Array, palette: Rgb[], format?: 'rgb565' | 'rgb444' | 'rgba4444'): Uint8Array;
  snapColorsToPalette(palette: Rgb[], knownColors: Rgb[], threshold?: number): void;
}
const gifenc = gifencModule as unknown as GifencApi;

// ---------------------------------------------------------------------------------------------
// Settings

const COLS = 120;
const ROWS = 32;
/** Steady snapshot rate. */
const FRAME_MS = 100;
/** How long the last frame stays before the GIF loops. */
const FINAL_HOLD_MS = 3000;
const FONT_PX = 15;
const PAD = 12;
const DEFAULT_FG: Rgb = [229, 229, 229];
const DEFAULT_BG: Rgb = [16, 18, 22];
/** xterm's default 16 colours (XTerm-col.ad): normal, then bright. */
const ANSI16: Rgb[] = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'squadtui') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the squadtui repository above this script');
    dir = up;
  }
}

const ROOT = findRoot();
const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
const OUT = path.resolve(option('--out') ?? path.join(ROOT, 'demo.gif'));
const PNG_DIR = option('--png');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Colours

function palette256(): Rgb[] {
  const out = [...ANSI16];
  const level = [0, 95, 135, 175, 215, 255];
  for (let r = 0; r < 6; r++) for (let g = 0; g < 6; g++) for (let b = 0; b < 6; b++) out.push([level[r]!, level[g]!, level[b]!]);
  for (let i = 0; i < 24; i++) out.push([8 + 10 * i, 8 + 10 * i, 8 + 10 * i]);
  return out;
}
const PALETTE = palette256();
const pack = ([r, g, b]: Rgb) => (r << 16) | (g << 8) | b;
const unpack = (c: number): Rgb => [(c >> 16) & 255, (c >> 8) & 255, c & 255];
const FG = pack(DEFAULT_FG);
const BG = pack(DEFAULT_BG);
const cssCache = new Map<number, string>();
function css(c: number): string {
  let s = cssCache.get(c);
  if (!s) {
    s = `#${c.toString(16).padStart(6, '0')}`;
    cssCache.set(c, s);
  }
  return s;
}
function blend(a: number, b: number, t: number): number {
  const [ar, ag, ab] = unpack(a);
  const [br, bg, bb] = unpack(b);
  return pack([Math.round(ar + (br - ar) * t), Math.round(ag + (bg - ag) * t), Math.round(ab + (bb - ab) * t)]);
}

// ---------------------------------------------------------------------------------------------
// Snapshots of the emulated screen

const BOLD = 1;
const ITALIC = 2;
const UNDERLINE = 4;
const STRIKE = 8;

interface Cell {
  readonly ch: string;
  /** 1, or 2 for a wide character (the cell after it is then skipped). */
  readonly width: number;
  /** Resolved colours (inverse, dim, invisible and bold-bright already applied), 0xRRGGBB. */
  readonly fg: number;
  readonly bg: number;
  readonly flags: number;
}
interface Row {
  readonly key: string;
  readonly cells: readonly (Cell | undefined)[];
}
interface Cursor {
  readonly x: number;
  readonly y: number;
  readonly visible: boolean;
}
interface Frame {
  /** Milliseconds since the recording started. */
  readonly t: number;
  readonly rows: readonly Row[];
  readonly cursor: Cursor;
  /** The tour step this frame shows the result of, if it was taken right after one. */
  label?: string;
}

type XTerm = InstanceType<typeof Terminal>;
type XCell = IBufferCell;

function cellColor(mode: 'fg' | 'bg', cell: XCell): number | undefined {
  if (mode === 'fg') {
    if (cell.isFgDefault()) return undefined;
    const v = cell.getFgColor();
    if (cell.isFgRGB()) return v;
    return pack(PALETTE[v < 8 && cell.isBold() ? v + 8 : v] ?? DEFAULT_FG);
  }
  if (cell.isBgDefault()) return undefined;
  const v = cell.getBgColor();
  return cell.isBgRGB() ? v : pack(PALETTE[v] ?? DEFAULT_BG);
}

function readCell(cell: XCell): Cell | undefined {
  const width = cell.getWidth();
  if (width === 0) return undefined;
  let fg = cellColor('fg', cell) ?? FG;
  let bg = cellColor('bg', cell) ?? BG;
  if (cell.isInverse()) [fg, bg] = [bg, fg];
  if (cell.isDim()) fg = blend(fg, bg, 0.5);
  if (cell.isInvisible()) fg = bg;
  const flags = (cell.isBold() ? BOLD : 0) | (cell.isItalic() ? ITALIC : 0) | (cell.isUnderline() ? UNDERLINE : 0) | (cell.isStrikethrough() ? STRIKE : 0);
  return { ch: cell.getChars() || ' ', width, fg, bg, flags };
}

class Recorder {
  readonly term: XTerm;
  readonly frames: Frame[] = [];
  private cursorVisible = true;
  private lastData = 0;
  private pending = 0;
  private idle: (() => void)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private start = 0;
  private readonly reuse: XCell;

  constructor() {
    this.term = new Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0, logLevel: 'off' });
    // Widths as today's terminals (and string-width, which Ink lays out with) count them.
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    // DECTCEM (show/hide cursor) is not in xterm's public modes: follow it in the parser.
    const track = (visible: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorVisible = visible;
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, track(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, track(false));
    this.reuse = this.term.buffer.active.getNullCell();
  }

  write(data: string): void {
    this.lastData = performance.now();
    this.pending++;
    this.term.write(data, () => {
      if (--this.pending === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  /** Resolves once everything received so far has been parsed. */
  parsed(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  async text(): Promise<string> {
    await this.parsed();
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < ROWS; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Queues a snapshot; consecutive identical screens are kept once (the earlier one just lasts longer). */
  snapshot(label?: string): Promise<void> {
    this.chain = this.chain.then(() => this.take(label));
    return this.chain;
  }

  private async take(label?: string): Promise<void> {
    // Never catch a frame half written: wait for a short quiet moment (bounded), then the parser.
    const asked = performance.now();
    while (performance.now() - this.lastData < 8 && performance.now() - asked < 60) await sleep(4);
    await this.parsed();
    if (this.term.modes.synchronizedOutputMode && performance.now() - asked < 120) {
      await sleep(10);
      return this.take(label);
    }
    const now = performance.now();
    const b = this.term.buffer.active;
    const cursor: Cursor = { x: Math.min(b.cursorX, COLS - 1), y: b.cursorY, visible: this.cursorVisible };
    const previous = this.frames.at(-1);
    const rows: Row[] = [];
    let blank = true;
    for (let y = 0; y < ROWS; y++) {
      const line = b.getLine(b.viewportY + y);
      const cells: (Cell | undefined)[] = [];
      const parts: string[] = [];
      for (let x = 0; x < COLS; x++) {
        const xc = line?.getCell(x, this.reuse);
        const cell = xc ? readCell(xc) : { ch: ' ', width: 1, fg: FG, bg: BG, flags: 0 };
        cells.push(cell);
        if (cell) {
          parts.push(`${cell.ch}\u0000${cell.width}${cell.fg}.${cell.bg}.${cell.flags}`);
          if (cell.ch !== ' ' || cell.bg !== BG) blank = false;
        } else parts.push('\u0001');
      }
      const key = parts.join('\u0002');
      // Rows that did not change share their object with the previous frame.
      const before = previous?.rows[y];
      rows.push(before && before.key === key ? before : { key, cells });
    }
    if (blank && !previous) return; // nothing drawn yet
    if (!previous) this.start = now;
    const sameCursor = previous && previous.cursor.x === cursor.x && previous.cursor.y === cursor.y && previous.cursor.visible === cursor.visible;
    if (previous && sameCursor && rows.every((r, i) => r === previous.rows[i])) {
      if (label && !previous.label) previous.label = label;
      return;
    }
    const t = now - this.start;
    // A frame replaced within 30 ms would not be seen (GIF viewers round tiny delays up): replace it.
    if (previous && t - previous.t < 30 && this.frames.length > 1) {
      this.frames.pop();
      this.frames.push({ t: previous.t, rows, cursor, label: label ?? previous.label });
      return;
    }
    this.frames.push({ t, rows, cursor, label });
  }

  elapsed(): number {
    return this.frames.length ? performance.now() - this.start : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The app in a pty, and the tour

function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_') || k.startsWith('GITHUB_') || k.startsWith('VITEST')) continue;
    if (k === 'TMUX' || k === 'NO_COLOR' || k === 'FORCE_COLOR' || k.startsWith('npm_') || k.startsWith('SQUADTUI_')) continue;
    env[k] = v;
  }
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', ...extra };
}

async function recordTour(): Promise<Frame[]> {
  const bin = path.join(ROOT, 'dist/bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run node scripts/build.mjs first`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'squadtui-demo-'));
  const configDir = path.join(tmp, 'config');
  // Where the squad works: a plain folder, not a git repository (no worktrees in the demo).
  const cwd = path.join(tmp, 'webapp');
  mkdirSync(configDir);
  mkdirSync(cwd);
  const rec = new Recorder();
  const app = pty.spawn(process.execPath, [bin, '--demo'], {
    name: 'xterm-256color',
    cols: COLS,
    rows: ROWS,
    cwd,
    // GIT_CEILING_DIRECTORIES: git never finds a repository above the temp folder either.
    // The squad's host listens in the temp folder too (y in the quit question stops it).
    env: cleanEnv({ SQUADTUI_CONFIG_DIR: configDir, SQUADTUI_LOG: path.join(tmp, 'squadtui.log'), SQUADTUI_RUNTIME_DIR: path.join(tmp, 'run'), GIT_CEILING_DIRECTORIES: tmp }),
  });
  let exited = false;
  const exit = new Promise<number>((resolve) => app.onExit(({ exitCode }) => {
    exited = true;
    resolve(exitCode);
  }));
  app.onData((data) => rec.write(data));
  const ticker = setInterval(() => void rec.snapshot(), FRAME_MS);

  const keymap = buildKeymap();
  /** The bytes of the first key bound to a command (as a user with default settings has them). */
  const key = (command: CommandId, mode: Mode, prefer?: string): string => {
    const keys = keymap.keysFor(command, mode);
    const spec = prefer && keys.includes(prefer) ? prefer : keys[0];
    if (!spec) throw new Error(`${command} has no key in ${mode} mode`);
    return keyBytes(spec);
  };
  const waitFor = async (pattern: RegExp, what: string, timeout = 15_000): Promise<void> => {
    const deadline = performance.now() + timeout;
    let screen = '';
    while (performance.now() < deadline) {
      if (exited) throw new Error(`squadtui exited while waiting for ${what}`);
      screen = await rec.text();
      if (pattern.test(screen)) return;
      await sleep(40);
    }
    throw new Error(`timed out waiting for ${what} (${pattern}); the screen:\n${screen}`);
  };
  const step = async (label: string, bytes: string, until: RegExp, timeout?: number): Promise<void> => {
    console.log(`  ${(rec.elapsed() / 1000).toFixed(1).padStart(5)}s  ${label}`);
    app.write(bytes);
    await waitFor(until, label, timeout);
    await rec.snapshot(label);
  };
  /** Lets the viewer read: frames keep being taken meanwhile. */
  const hold = (ms: number) => sleep(ms);
  const footer = async () => (await rec.text()).split('\n').at(-1) ?? '';

  try {
    console.log('recording the tour:');
    await waitFor(/planner[\s\S]*coder[\s\S]*tester/, 'the demo squad');
    await waitFor(/(?:[○◐◆] (?:waiting|working|permission)[\s\S]*){3}/, 'the three agents to show their states');
    await waitFor(/◐ working/, 'the squad to get busy');
    await rec.snapshot('squad');
    await hold(1200);

    // Through the squad: the coder thinking, the tester streaming its test run.
    await step('Shift+Down: the coder', key('agent.next', 'agent'), /▶ 2 coder/);
    await hold(700);
    await step('Shift+Down: the tester', key('agent.next', 'agent'), /▶ 3 tester/);
    await waitFor(/⎿ npm test/, 'the tester to run the tests');
    await waitFor(/1 failed \| 7 passed/, 'the tester to finish the test run');
    await rec.snapshot('tester done');
    await hold(1800);

    // The coder asks to run npm test: answered from the footer inbox, through the squad menu.
    await step('Shift+Up: the coder', key('agent.prev', 'agent'), /▶ 2 coder/);
    await waitFor(/Do you want to proceed\?/, "the coder's permission prompt");
    await waitFor(/◆ coder\s+Bash/, 'the prompt in the footer inbox');
    await rec.snapshot('coder asks');
    await hold(1800);
    await step('Ctrl+]: squad menu', key('mode.squad', 'agent'), /\n squad menu|◆ coder\s+Bash: npm test \d+s · 1 yes/);
    await hold(900);
    await step('1: approve "Bash npm test"', key('inbox.yes', 'squad'), /⎿ npm test/);
    await waitFor(/All tests pass/, 'the coder to finish its test run');
    await rec.snapshot('coder done');
    await hold(1500);

    // The board: the demo's diamond of tasks, which the agents claim and finish with `squadtui task`.
    // (A notice may cover the footer's mode: anything but the squad menu is taken as typing.)
    if (!/squad menu/.test(await footer())) await step('Ctrl+]: squad menu', key('mode.squad', 'agent'), /\n squad menu/);
    await step('t: the task board', key('tasks.open', 'squad'), /└─┴─▶ #4 Review and merge/);
    await waitFor(/#2 Implement e-mail validation\s+coder\s+done/, "the coder's task done");
    await rec.snapshot('board');
    await hold(1500);
    await waitFor(/#4 Review and merge\s+planner\s+(?:in progress|done)/, 'the planner to take #4 once #2 and #3 are done', 30_000);
    await rec.snapshot('board: #4 taken');
    await hold(2500);
    await step('t: close the board', key('tasks.open', 'tasks'), /\n squad menu/);
    await hold(500);

    // Every key, then back.
    await step('?: every key', key('help', 'squad'), /Keys · /);
    await hold(2600);
    await step('Esc: close the key list', key('view.close', 'help', 'escape'), /\n squad menu/);
    await hold(500);

    // Talk to the planner.
    await step('Shift+Up: the planner', key('agent.prev', 'squad'), /▶ 1 planner/);
    await hold(500);
    await step('Enter: type into the planner', key('mode.agent', 'squad'), /typing into agent/);
    const message = 'Plan the signup form';
    for (const [i, ch] of [...message].entries()) {
      app.write(ch);
      await sleep(55 + ((i * 37) % 45));
      await rec.snapshot();
    }
    await waitFor(/❯ Plan the signup form/, 'the typed message');
    await hold(500);
    await step('Enter: send', '\r', /Planning/);
    await waitFor(/3\. Make the change, run the tests/, "the planner's answer");
    await rec.snapshot('planner answered');
    await hold(2500);
    await rec.snapshot('end');
  } finally {
    clearInterval(ticker);
    await rec.snapshot();
    // Quit the way a user does (squad menu, q, confirm); the pty is ended if that does not work.
    if (!exited) {
      const dump = await footer();
      if (/typing into agent/.test(dump)) app.write(key('mode.squad', 'agent'));
      await sleep(100);
      app.write(key('quit', 'squad'));
      await sleep(300);
      app.write(key('dialog.submit', 'confirm'));
      const ended = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
      if (!ended) {
        app.kill('SIGTERM');
        // The window is gone, not the squad: stop it.
        spawnSync(process.execPath, [bin, 'stop', cwd], { env: cleanEnv({ SQUADTUI_RUNTIME_DIR: path.join(tmp, 'run') }), timeout: 10_000 });
      }
      await Promise.race([exit, sleep(2000)]);
    }
    rec.term.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
  return rec.frames;
}

// ---------------------------------------------------------------------------------------------
// Drawing

const FONT_FILES: Record<string, string[]> = {
  'DejaVu Sans Mono': ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'],
  // Fallback for the few symbols the mono face lacks (⎇, braille spinners).
  'DejaVu Sans': ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
};
const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
  '/usr/local/share/fonts',
  path.join(os.homedir(), '.local/share/fonts'),
  path.join(os.homedir(), 'Library/Fonts'),
  '/Library/Fonts',
];

function registerFonts(): void {
  for (const [family, files] of Object.entries(FONT_FILES)) {
    for (const file of files) {
      const dir = FONT_DIRS.find((d) => existsSync(path.join(d, file)));
      if (!dir) {
        if (file === files[0]) throw new Error(`font ${file} not found (looked in ${FONT_DIRS.join(', ')}); on Debian: apt-get install fonts-dejavu-core`);
        continue;
      }
      GlobalFonts.registerFromPath(path.join(dir, file), family);
    }
  }
}

function fontFor(flags: number): string {
  return `${flags & ITALIC ? 'italic ' : ''}${flags & BOLD ? 'bold ' : ''}${FONT_PX}px "DejaVu Sans Mono", "DejaVu Sans", sans-serif`;
}

/** Box-drawing characters drawn as lines (so they join across cells): char, then up/right/down/left weights. */
const BOX_SPEC =
  '─0101│1010┌0110┐0011└1100┘1001├1110┤1011┬0111┴1101┼1111╴0001╵1000╶0100╷0010' +
  '━0202┃2020┏0220┓0022┗2200┛2002┣2220┫2022┳0222┻2202╋2222╸0002╹2000╺0200╻0020' +
  '┍0210┎0120┑0012┒0021┕2100┖1200┙1002┚2001┝1210┠2120┥1012┨2021┯0212┰0121┷1202┸2101┿1212╂2121╼0102╾0201╽1020╿2010';
const BOX = new Map<string, number[]>();
for (let i = 0; i < BOX_SPEC.length; i += 5) BOX.set(BOX_SPEC[i]!, [...BOX_SPEC.slice(i + 1, i + 5)].map(Number));
/** Dashed lines: char -> [horizontal?, dashes, weight]. */
const DASHED: Record<string, [boolean, number, number]> = {
  '╌': [true, 2, 1], '╍': [true, 2, 2], '┄': [true, 3, 1], '┅': [true, 3, 2], '┈': [true, 4, 1], '┉': [true, 4, 2],
  '╎': [false, 2, 1], '╏': [false, 2, 2], '┆': [false, 3, 1], '┇': [false, 3, 2], '┊': [false, 4, 1], '┋': [false, 4, 2],
};
const ROUNDED = '╭╮╯╰';

class Painter {
  readonly canvas: Canvas;
  readonly ctx: SKRSContext2D;
  readonly cw: number;
  readonly ch: number;
  private readonly baseline: number;
  private readonly thin: number;
  private font = '';
  private readonly advance = new Map<string, number>();

  constructor() {
    registerFonts();
    const probe = createCanvas(10, 10).getContext('2d');
    probe.font = fontFor(0);
    const m = probe.measureText('M');
    this.cw = Math.round(m.width);
    const ascent = m.fontBoundingBoxAscent;
    const descent = m.fontBoundingBoxDescent;
    this.ch = Math.ceil(ascent + descent) + 1;
    this.baseline = Math.round((this.ch - ascent - descent) / 2 + ascent);
    this.thin = Math.max(1, Math.round(this.cw / 9));
    this.canvas = createCanvas(PAD * 2 + COLS * this.cw, PAD * 2 + ROWS * this.ch);
    this.ctx = this.canvas.getContext('2d');
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.fillStyle = css(BG);
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Draws one screen row, the cursor included if it stands there. */
  drawRow(row: Row, y: number, cursor: Cursor): void {
    const { ctx, cw, ch } = this;
    const top = PAD + y * ch;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, top, this.canvas.width, ch);
    ctx.clip();
    ctx.fillStyle = css(BG);
    ctx.fillRect(0, top, this.canvas.width, ch);
    const cursorAt = cursor.visible && cursor.y === y ? cursor.x : -1;
    const colors = (cell: Cell, x: number): [number, number] => (x === cursorAt ? [cell.bg, FG] : [cell.fg, cell.bg]);
    row.cells.forEach((cell, x) => {
      if (!cell) return;
      const bg = colors(cell, x)[1];
      if (bg === BG) return;
      ctx.fillStyle = css(bg);
      ctx.fillRect(PAD + x * cw, top, cw * cell.width, ch);
    });
    row.cells.forEach((cell, x) => {
      if (!cell) return;
      const [fg] = colors(cell, x);
      const left = PAD + x * cw;
      if (cell.ch !== ' ' && fg !== colors(cell, x)[1]) this.glyph(cell, fg, left, top);
      if (cell.flags & UNDERLINE) {
        ctx.fillStyle = css(fg);
        ctx.fillRect(left, top + this.baseline + 2, cw * cell.width, this.thin);
      }
      if (cell.flags & STRIKE) {
        ctx.fillStyle = css(fg);
        ctx.fillRect(left, top + Math.round(ch / 2), cw * cell.width, this.thin);
      }
    });
    ctx.restore();
    // restore() brought back the font of save(): set it again on the next glyph.
    this.font = '';
  }

  private glyph(cell: Cell, fg: number, left: number, top: number): void {
    const { ctx } = this;
    ctx.fillStyle = css(fg);
    if (this.lines(cell, fg, left, top)) return;
    const font = fontFor(cell.flags);
    if (font !== this.font) {
      ctx.font = font;
      this.font = font;
    }
    const room = this.cw * cell.width;
    const cacheKey = `${font}\u0000${cell.ch}`;
    let width = this.advance.get(cacheKey);
    if (width === undefined) {
      width = ctx.measureText(cell.ch).width;
      this.advance.set(cacheKey, width);
    }
    // Glyphs from a wider fallback face are squeezed into their cells, narrower ones centred.
    if (width > room + 0.5) ctx.fillText(cell.ch, left, top + this.baseline, room);
    else ctx.fillText(cell.ch, left + (width < room - 1 ? (room - width) / 2 : 0), top + this.baseline);
  }

  /** Line-art characters drawn with rectangles and arcs; false if the font should draw it. */
  private lines(cell: Cell, fg: number, left: number, top: number): boolean {
    const { ctx, cw, ch, thin } = this;
    const c = cell.ch;
    const weight = (w: number) => (w === 2 ? thin * 2 + 1 : thin);
    const midX = left + Math.floor(cw / 2);
    const midY = top + Math.floor(ch / 2);
    const arms = BOX.get(c);
    if (arms) {
      const [up, right, down, left2] = arms as [number, number, number, number];
      const across = Math.max(up ? weight(up) : 0, down ? weight(down) : 0);
      const along = Math.max(left2 ? weight(left2) : 0, right ? weight(right) : 0);
      if (up) ctx.fillRect(midX - (weight(up) >> 1), top, weight(up), midY - top + (along >> 1) + (along & 1));
      if (down) ctx.fillRect(midX - (weight(down) >> 1), midY - (along >> 1), weight(down), top + ch - midY + (along >> 1));
      if (left2) ctx.fillRect(left, midY - (weight(left2) >> 1), midX - left + (across >> 1) + (across & 1), weight(left2));
      if (right) ctx.fillRect(midX - (across >> 1), midY - (weight(right) >> 1), left + cw - midX + (across >> 1), weight(right));
      return true;
    }
    const dashed = DASHED[c];
    if (dashed) {
      const [horizontal, n, w] = dashed;
      const size = weight(w);
      const span = horizontal ? cw : ch;
      for (let i = 0; i < n; i++) {
        const a = Math.round((i * span) / n);
        const b = Math.round(((i + 0.6) * span) / n);
        if (horizontal) ctx.fillRect(left + a, midY - (size >> 1), Math.max(1, b - a), size);
        else ctx.fillRect(midX - (size >> 1), top + a, size, Math.max(1, b - a));
      }
      return true;
    }
    if (ROUNDED.includes(c)) {
      const r = Math.min(cw, ch) / 2;
      const x = midX + thin / 2;
      const y = midY + thin / 2;
      const toRight = c === '╭' || c === '╰';
      const toBottom = c === '╭' || c === '╮';
      ctx.strokeStyle = css(fg);
      ctx.lineWidth = thin;
      ctx.beginPath();
      ctx.moveTo(toRight ? left + cw : left, y);
      ctx.arcTo(x, y, x, toBottom ? top + ch : top, r);
      ctx.lineTo(x, toBottom ? top + ch : top);
      ctx.stroke();
      return true;
    }
    if (c === '⎿') {
      // DENTISTRY SYMBOL LIGHT VERTICAL AND BOTTOM RIGHT (Claude's tool-result mark): not in DejaVu.
      const x = left + Math.round(cw * 0.3);
      const y = top + this.baseline - thin;
      ctx.fillRect(x, top, thin, y - top + thin);
      ctx.fillRect(x, y, left + cw - x, thin);
      return true;
    }
    const block: Record<string, [number, number, number, number]> = {
      '█': [0, 0, 1, 1], '▀': [0, 0, 1, 0.5], '▄': [0, 0.5, 1, 0.5], '▌': [0, 0, 0.5, 1], '▐': [0.5, 0, 0.5, 1],
      '▁': [0, 7 / 8, 1, 1 / 8], '▂': [0, 6 / 8, 1, 2 / 8], '▃': [0, 5 / 8, 1, 3 / 8], '▅': [0, 3 / 8, 1, 5 / 8],
      '▆': [0, 2 / 8, 1, 6 / 8], '▇': [0, 1 / 8, 1, 7 / 8],
    };
    const shade: Record<string, number> = { '░': 0.25, '▒': 0.5, '▓': 0.75 };
    const rect = block[c];
    if (rect) {
      const [x0, y0, w, h] = rect;
      const ax = left + Math.round(x0 * cw);
      const ay = top + Math.round(y0 * ch);
      ctx.fillRect(ax, ay, left + Math.round((x0 + w) * cw) - ax, top + Math.round((y0 + h) * ch) - ay);
      return true;
    }
    if (shade[c] !== undefined) {
      ctx.fillStyle = css(blend(cell.bg, fg, shade[c]));
      ctx.fillRect(left, top, cw, ch);
      return true;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// GIF

interface RenderedFrame {
  readonly t: number;
  /** RGBA of the rows that changed since the previous frame (all rows for the first). */
  readonly slices: ReadonlyMap<number, Uint8Array>;
}

async function renderFrames(frames: readonly Frame[], painter: Painter): Promise<{ rendered: RenderedFrame[]; first: Uint8Array; counts: Uint32Array }> {
  const { canvas, ctx, ch } = painter;
  const width = canvas.width;
  const counts = new Uint32Array(1 << 24);
  const rendered: RenderedFrame[] = [];
  let first = new Uint8Array(0);
  let prev: Frame | undefined;
  if (PNG_DIR) mkdirSync(PNG_DIR, { recursive: true });
  for (const [i, frame] of frames.entries()) {
    const slices = new Map<number, Uint8Array>();
    for (let y = 0; y < ROWS; y++) {
      const cursorHere = (f: Frame | undefined) => Boolean(f && f.cursor.visible && f.cursor.y === y);
      const changed =
        !prev ||
        prev.rows[y] !== frame.rows[y] ||
        cursorHere(prev) !== cursorHere(frame) ||
        (cursorHere(frame) && prev.cursor.x !== frame.cursor.x);
      if (!changed) continue;
      painter.drawRow(frame.rows[y]!, y, frame.cursor);
      const data = new Uint8Array(ctx.getImageData(0, PAD + y * ch, width, ch).data);
      slices.set(y, data);
      const px = new Uint32Array(data.buffer);
      for (let p = 0; p < px.length; p++) counts[px[p]! & 0xffffff]!++;
    }
    if (!prev) {
      first = new Uint8Array(ctx.getImageData(0, 0, width, canvas.height).data);
      const px = new Uint32Array(first.buffer);
      for (let p = 0; p < px.length; p++) counts[px[p]! & 0xffffff]!++;
    }
    rendered.push({ t: frame.t, slices });
    if (PNG_DIR && frame.label) {
      const name = `${String(i).padStart(3, '0')}-${frame.label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`;
      writeFileSync(path.join(PNG_DIR, name), await canvas.encode('png'));
    }
    prev = frame;
  }
  return { rendered, first, counts };
}

/** One palette for the whole GIF, from every colour drawn (weighted so rare anti-aliasing shades still count). */
function buildPalette(counts: Uint32Array, known: Rgb[]): Rgb[] {
  const colours: number[] = [];
  let total = 0;
  for (let c = 0; c < counts.length; c++) {
    const n = counts[c]!;
    if (n === 0) continue;
    const weight = Math.min(n, 64 + Math.round(Math.sqrt(n)));
    colours.push(c, weight);
    total += weight;
  }
  const sample = new Uint8Array(total * 4);
  let o = 0;
  for (let i = 0; i < colours.length; i += 2) {
    const c = colours[i]!;
    for (let k = 0; k < colours[i + 1]!; k++) {
      // Canvas RGBA bytes read as a little-endian uint32: 0xAABBGGRR.
      sample[o++] = c & 255;
      sample[o++] = (c >> 8) & 255;
      sample[o++] = (c >> 16) & 255;
      sample[o++] = 255;
    }
  }
  const palette = gifenc.quantize(sample, 255, { format: 'rgb565' });
  gifenc.snapColorsToPalette(palette, known, 10);
  return palette;
}

function encodeGif(painter: Painter, rendered: readonly RenderedFrame[], first: Uint8Array, palette: Rgb[]): { bytes: Uint8Array; frames: number; duration: number } {
  const { width, height } = painter.canvas;
  const transparent = palette.length;
  const full = [...palette, [255, 0, 255] as Rgb];
  const gif = gifenc.GIFEncoder();
  const composite = gifenc.applyPalette(first, palette, 'rgb565');
  const end = (rendered.at(-1)?.t ?? 0) + FINAL_HOLD_MS;
  // Delays in centiseconds, rounded on the timeline so that rounding never adds up.
  const cs = (t: number) => Math.round(t / 10);
  let pending: { index: Uint8Array; t: number } | undefined = { index: composite.slice(), t: 0 };
  let written = 0;
  const flush = (nextT: number) => {
    if (!pending) return;
    const delay = Math.max(2, cs(nextT) - cs(pending.t)) * 10;
    gif.writeFrame(pending.index, width, height, written === 0
      ? { palette: full, delay, dispose: 1, repeat: 0 }
      : { delay, transparent: true, transparentIndex: transparent, dispose: 1 });
    written++;
  };
  for (const frame of rendered.slice(1)) {
    const index = new Uint8Array(width * height).fill(transparent);
    let changed = 0;
    for (const [y, rgba] of frame.slices) {
      const rowIndex = gifenc.applyPalette(rgba, palette, 'rgb565');
      const offset = (PAD + y * painter.ch) * width;
      for (let p = 0; p < rowIndex.length; p++) {
        if (composite[offset + p] !== rowIndex[p]) {
          composite[offset + p] = rowIndex[p]!;
          index[offset + p] = rowIndex[p]!;
          changed++;
        }
      }
    }
    if (changed === 0) continue; // looks the same: the frame before lasts longer
    flush(frame.t);
    pending = { index, t: frame.t };
  }
  flush(end);
  gif.finish();
  return { bytes: gif.bytes(), frames: written, duration: end };
}

// ---------------------------------------------------------------------------------------------

/** A test card for the drawing alone (no app): colours, attributes, line art, wide characters, cursor. */
async function writeSample(file: string): Promise<void> {
  const rec = new Recorder();
  const e = (codes: string, text: string) => `\x1b[${codes}m${text}\x1b[0m`;
  const lines = [
    `${e('1;36', ' squadtui test card')}  ${e('2', 'dim')} ${e('1', 'bold')} ${e('3', 'italic')} ${e('4', 'underline')} ${e('9', 'strike')} ${e('7', 'inverse')} ${e('8', 'hidden')}|`,
    [...Array(8).keys()].map((i) => e(`${30 + i}`, ` fg${i} `)).join('') + [...Array(8).keys()].map((i) => e(`${90 + i}`, ` fg${i + 8}`)).join(''),
    [...Array(8).keys()].map((i) => e(`${40 + i}`, ` bg${i} `)).join('') + [...Array(8).keys()].map((i) => e(`${100 + i}`, ` bg${i + 8}`)).join(''),
    [...Array(8).keys()].map((i) => e(`1;${30 + i}`, ` b${i} `)).join('') + e('7;34', ' inverse blue ') + e('2;31', ' dim red '),
    Array.from({ length: 108 }, (_, i) => e(`48;5;${16 + i * 2}`, ' ')).join(''),
    Array.from({ length: 24 }, (_, i) => e(`48;5;${232 + i}`, '  ')).join('') + ' ' + Array.from({ length: 60 }, (_, i) => e(`48;2;${i * 4};${100 + i};${240 - i * 3}`, ' ')).join(''),
    `${e('38;2;255;160;60', 'truecolour text')} ${e('38;5;117', '256-colour 117')} ${e('38;5;174', '✻ Thinking…')} ${e('38;5;244', '⎿')} npm test ✓ ✗ ● ◆ ◐ ○ ▶ ❯ ⎇ ⚠ ⠼`,
    '┌──┬──┐ ╭──╮ ┏━━┓ ╌╌┄┄┈┈ █▀▄▌▐░▒▓ ▁▂▃▅▆▇',
    '│  │  │ │  │ ┃  ┃ wide: 漢字かな|😀🎉|ok',
    '├──┼──┤ ╰──╯ ┗━━┛ box │ joins ─┼─',
    `└──┴──┘ cursor here:`,
  ];
  rec.write(`\x1b[H\x1b[2J${lines.join('\r\n')} \x1b[?25h`);
  await rec.snapshot('sample');
  const frame = rec.frames[0];
  if (!frame) throw new Error('the test card drew nothing');
  const painter = new Painter();
  frame.rows.forEach((row, y) => painter.drawRow(row, y, frame.cursor));
  writeFileSync(file, await painter.canvas.encode('png'));
  console.log(`wrote ${file}`);
}

async function main(): Promise<void> {
  const sample = option('--sample');
  if (sample) return writeSample(path.resolve(sample));
  const started = performance.now();
  const frames = await recordTour();
  if (frames.length === 0) throw new Error('squadtui drew nothing');
  console.log(`captured ${frames.length} distinct screens in ${((frames.at(-1)?.t ?? 0) / 1000).toFixed(1)} s; drawing them`);
  const painter = new Painter();
  const { rendered, first, counts } = await renderFrames(frames, painter);
  const known = new Map<number, Rgb>([[BG, DEFAULT_BG], [FG, DEFAULT_FG]]);
  for (const frame of frames) for (const row of frame.rows) for (const cell of row.cells) if (cell) known.set(cell.fg, unpack(cell.fg)).set(cell.bg, unpack(cell.bg));
  const palette = buildPalette(counts, [...known.values()]);
  const { bytes, frames: written, duration } = encodeGif(painter, rendered, first, palette);
  writeFileSync(OUT, bytes);
  const size = statSync(OUT).size;
  console.log(
    `wrote ${path.relative(process.cwd(), OUT) || OUT}: ${(size / 1024 / 1024).toFixed(2)} MB, ${written} frames, ` +
      `${(duration / 1000).toFixed(1)} s, ${painter.canvas.width}x${painter.canvas.height} (${COLS}x${ROWS} cells) ` +
      `[took ${((performance.now() - started) / 1000).toFixed(1)} s]`,
  );
  if (PNG_DIR) console.log(`PNGs of the tour steps in ${PNG_DIR}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`record-demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
