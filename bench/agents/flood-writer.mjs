// Writes the benchmark flood once "go" arrives on stdin, then a last line, and records when it
// finished writing (the pty accepted the last byte) in the file given as second argument. The
// bytes are prepared before "go", so the writer measures the terminal, not its own string work.
import { writeFileSync } from 'node:fs';
import { flood } from '../flood-data.mjs';

const bytes = Number(process.argv[2] ?? 50 * 1024 * 1024);
const doneFile = process.argv[3];
const data = Buffer.from([...flood(bytes)].join(''));
const SLICE = 256 * 1024;
process.stdin.setRawMode(true);
process.stdout.write('FLOOD READY\r\n');
process.stdin.once('data', async () => {
  const start = Date.now();
  for (let i = 0; i < data.length; i += SLICE) {
    if (!process.stdout.write(data.subarray(i, i + SLICE))) await new Promise((r) => process.stdout.once('drain', r));
  }
  process.stdout.write('\r\nEND-OF-FLOOD\r\n', () => {
    writeFileSync(doneFile, JSON.stringify({ start, end: Date.now() }));
  });
});
