// Prints a session's worth of scrollback (argument: how many lines) and then does nothing: the
// memory benchmark's agent, run the same way in squadtui and in tmux.
import { scrollbackText } from '../scrollback-data.mjs';

const lines = Number(process.argv[2] ?? 10_000);
process.stdout.write(scrollbackText(lines), () => {
  process.stdout.write(`SCROLLBACK ${lines} DONE ${process.stdout.columns}x${process.stdout.rows}\r\n`);
});
// Stays, so its terminal keeps what it printed.
setInterval(() => {}, 1 << 30);
