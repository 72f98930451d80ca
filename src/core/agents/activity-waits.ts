// Waits on one agent's activity: until it passes a test (the agent back at its input after a
// denial, before a message is typed), or a time is up.
import type { Activity } from './activity.js';

export class ActivityWaits {
  private waiters: ((a: Activity) => void)[] = [];

  /** The agent's activity changed. */
  changed(activity: Activity): void {
    for (const waiter of this.waiters.splice(0)) waiter(activity);
  }

  /** The activity once `test` holds for it (`current` is the one now), or undefined after `ms`. */
  until(current: Activity | undefined, test: (a: Activity) => boolean, ms: number): Promise<Activity | undefined> {
    if (current && test(current)) return Promise.resolve(current);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(undefined);
      }, ms);
      const waiter = (a: Activity) => {
        if (test(a)) {
          clearTimeout(timer);
          resolve(a);
        } else this.waiters.push(waiter);
      };
      this.waiters.push(waiter);
    });
  }
}
