// A program's pty output parsed into a Screen, and a wait for what the screen shows: checked after
// each parse, never on a timer.
import type { IPty } from 'node-pty';
import type { Screen } from '../../src/core/terminal/screen.js';

/** Feeds `child`'s output to `screen`; the waiter resolves true once `test` holds, else its last answer after `ms`. */
export function screenWaiter(child: IPty, screen: Screen): (test: () => boolean, ms: number) => Promise<boolean> {
  const waiters = new Set<() => void>();
  child.onData((data) => void screen.write(data).then(() => waiters.forEach((w) => w())));
  return (test, ms) =>
    new Promise((resolve) => {
      if (test()) return resolve(true);
      const check = () => {
        if (!test()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve(test());
      }, ms);
      waiters.add(check);
    });
}
