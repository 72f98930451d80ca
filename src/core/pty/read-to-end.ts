// Reading a pty to its end once its program exits, also when squadtui had paused it (flow control).
// node-pty (1.1.0 to 1.2.0-beta.15) destroys a pty's socket 200 ms after the program exits unless
// it closed by itself, and a paused socket never reads to its end, so what the program wrote last
// was lost. node-pty tells of the exit only after that, so this hooks the one flag its exit
// handler sets. It lives here, not in a patch of node_modules, so that installed copies have it;
// the checks below make a node-pty whose exit handling changed fail loudly instead of losing output.

/** The parts of node-pty's UnixTerminal this relies on. */
interface UnixTerminalInternals {
  _boundClose: boolean;
  _socket: { resume(): unknown };
}

/** node-pty's exit handler as this fix knows it: the flag, then the timer that destroys the socket. */
const EXIT_HANDLER = /_boundClose = true;[\s\S]*?setTimeout\([\s\S]*?_socket\.destroy\(\)/;

/** Why node-pty's exit handling is not what this fix expects, or undefined when it is. */
export function exitHandlingMismatch(unixTerminalSource: string): string | undefined {
  if (EXIT_HANDLER.test(unixTerminalSource)) return undefined;
  return "node-pty's exit handling changed (UnixTerminal no longer sets _boundClose before destroying its socket on a timer)";
}

/**
 * From the moment `pty`'s program exits, its socket reads to the end (node-pty then closes it and
 * reports the exit). Returns whether that moment has come: pausing must be refused from then on.
 */
export function readToEndOnExit(pty: object): () => boolean {
  // Windows terminals are another class, without this timer.
  if (process.platform === 'win32') return () => false;
  checkTerminalClass(pty.constructor);
  const t = pty as Partial<UnixTerminalInternals>;
  if (typeof t._boundClose !== 'boolean' || typeof t._socket?.resume !== 'function') {
    throw new Error("node-pty's terminal has no _boundClose flag or _socket: src/core/pty-read-to-end.ts needs a new fix");
  }
  const socket = t._socket;
  let bound = t._boundClose;
  let exited = false;
  Object.defineProperty(t, '_boundClose', {
    configurable: true,
    enumerable: true,
    get: () => bound,
    set: (value: boolean) => {
      bound = value;
      if (!value || exited) return;
      exited = true;
      socket.resume();
    },
  });
  return () => exited;
}

const checked = new WeakSet<object>();

/** Checks node-pty's terminal class (once) against what this fix knows. */
function checkTerminalClass(terminalClass: { toString(): string }): void {
  if (checked.has(terminalClass)) return;
  const why = exitHandlingMismatch(terminalClass.toString());
  if (why) throw new Error(`${why}: src/core/pty-read-to-end.ts needs a new fix`);
  checked.add(terminalClass);
}
