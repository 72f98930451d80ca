// Deterministic "mixed ANSI text" for the throughput benchmark: colours (16/256/true), bold and
// underline, CJK and emoji, long wrapping lines, erase-line and cursor-move sequences.
const WORDS = ['build', 'test', 'agent', 'squad', 'merge', 'commit', '中文字符', 'résumé', '🙂', 'pty', 'render', 'frame'];

export function floodChunk(index) {
  let s = '';
  for (let i = 0; i < 64; i++) {
    const n = index * 64 + i;
    const w = WORDS[n % WORDS.length];
    switch (n % 8) {
      case 0:
        s += `\x1b[32m✓\x1b[0m ${n} ${w} \x1b[1;38;5;${n % 256}m${w}\x1b[0m done in ${n % 997}ms\r\n`;
        break;
      case 1:
        s += `\x1b[38;2;${n % 256};${(n * 3) % 256};${(n * 7) % 256}m${w.repeat(8)}\x1b[0m\r\n`;
        break;
      case 2:
        s += `${'long line '.repeat(30)}${n}\r\n`;
        break;
      case 3:
        s += `\x1b[4m${w}\x1b[24m \x1b[7m${n}\x1b[27m\x1b[K\r\n`;
        break;
      case 4:
        s += `progress ${n % 100}%\r\x1b[2Kprogress ${(n + 1) % 100}%\r\n`;
        break;
      case 5:
        s += `\x1b[41;97m FAIL \x1b[0m ${w} ${n} \x1b[2mexpected ${n} received ${n + 1}\x1b[22m\r\n`;
        break;
      case 6:
        s += `${n}\t${w}\t${n * 2}\t${w}\r\n`;
        break;
      default:
        s += `\x1b[1A\x1b[1B${w} ${w} ${w} ${n}\r\n`;
    }
  }
  return s;
}

/** Chunks until at least `bytes` bytes: the same sequence every time. */
export function* flood(bytes) {
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const chunk = floodChunk(i);
    total += Buffer.byteLength(chunk);
    yield chunk;
  }
}
