// Prints a session's worth of scrollback (argument: how many lines; then, optionally, how many
// lines a second, else all at once) and then does nothing: the memory benchmark's agent, run the
// same way in squadtui and in tmux.
import { scrollbackText } from '../scrollback-data.mjs';

const lines = Number(process.argv[2] ?? 10_000);
const rate = Number(process.argv[3] ?? 0);
const text = scrollbackText(lines);
const done = () => process.stdout.write(`SCROLLBACK ${lines} DONE ${process.stdout.columns}x${process.stdout.rows}\r\n`);

if (rate > 0) {
  // A tenth of a second's lines at a time, as an agent at work prints them.
  const rows = text.split('\r\n');
  let at = 0;
  const tick = setInterval(() => {
    const next = Math.min(lines, at + Math.ceil(rate / 10));
    process.stdout.write(rows.slice(at, next).map((r) => `${r}\r\n`).join(''));
    at = next;
    if (at >= lines) {
      clearInterval(tick);
      done();
    }
  }, 100);
} else process.stdout.write(text, done);
// Stays, so its terminal keeps what it printed.
setInterval(() => {}, 1 << 30);
