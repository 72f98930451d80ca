// Deterministic "an agent's session" for the memory benchmark: code-like lines of varying length
// (indented, keywords and strings in colour, comments dimmed, blank lines; none wider than 120
// columns, so 10,000 lines are 10,000 rows in any terminal), as a coding agent's scrollback holds them.
const KEYWORDS = ['const', 'let', 'return', 'if', 'await', 'export', 'function', 'import', 'for', 'new'];
const NAMES = ['screen', 'session', 'archive', 'buffer', 'frame', 'agent', 'line', 'offset', 'rows', 'cols', 'state', 'pending'];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Line `n` of the session: the same text every run, about 45 characters on average. */
function codeLine(random, n) {
  const kind = random();
  const pick = (list) => list[Math.floor(random() * list.length)];
  const indent = ' '.repeat(2 * Math.floor(random() * 5));
  if (kind < 0.12) return '';
  if (kind < 0.22) return `${indent}\x1b[2m// ${pick(NAMES)} ${pick(NAMES)} keeps the ${pick(NAMES)} of line ${n}\x1b[22m`;
  if (kind < 0.27) return `\x1b[32m✓\x1b[0m test/${pick(NAMES)}.test.ts > ${pick(NAMES)} ${n} \x1b[2m(${n % 97} ms)\x1b[22m`;
  if (kind < 0.30) return `${indent}${pick(NAMES)}: ${Array.from({ length: 4 + Math.floor(random() * 6) }, () => `'${pick(NAMES)}'`).join(', ')},`;
  if (kind < 0.33) return `\x1b[41;97m FAIL \x1b[0m ${pick(NAMES)} expected \x1b[32m${n}\x1b[0m received \x1b[31m${n + 1}\x1b[0m`;
  const name = pick(NAMES);
  const call = `${pick(NAMES)}.${pick(NAMES)}(${pick(NAMES)}, ${n % 1000})`;
  const str = random() < 0.4 ? ` + \x1b[33m'${pick(NAMES)} ${pick(NAMES)}'\x1b[39m` : '';
  return `${indent}\x1b[35m${pick(KEYWORDS)}\x1b[39m ${name} = ${call}${str};`;
}

/** `count` lines of output ending in CR LF, in one string. */
export function scrollbackText(count, seed = 10_000) {
  const random = mulberry32(seed);
  const out = [];
  for (let n = 0; n < count; n++) out.push(`${codeLine(random, n)}\r\n`);
  return out.join('');
}
