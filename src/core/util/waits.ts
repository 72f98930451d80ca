// Waits on a value that changes over time (an agent's screen reading, its activity): the first
// change that passes a test, or undefined once a time is up.

export class Waits<T> {
  private readonly waiters = new Set<(value: T) => boolean>();

  /** The value changed: the waits it satisfies end. */
  changed(value: T): void {
    for (const waiter of this.waiters) if (waiter(value)) this.waiters.delete(waiter);
  }

  /** The first later value for which `test` holds, or undefined after `ms`. */
  next(test: (value: T) => boolean, ms: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const waiter = (value: T) => {
        if (!test(value)) return false;
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(undefined);
      }, ms);
      this.waiters.add(waiter);
    });
  }
}
