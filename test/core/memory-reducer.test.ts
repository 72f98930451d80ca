// The memory reducer on this thread's real V8 heap: garbage left by a burst is given back once the
// thread is quiet, never while it is busy.
import v8 from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { startMemoryReducer } from '../../src/core/util/memory-reducer.js';

const MB = 1024 * 1024;
const heap = () => v8.getHeapStatistics().total_physical_size;

/** What a burst of output leaves: many small objects, all garbage once it returns. */
function burst(megabytes: number): number {
  let kept: { line: string }[] = [];
  for (let i = 0; kept.length < megabytes * 12_000; i++) kept.push({ line: `line ${i} of the burst` });
  const count = kept.length;
  kept = [];
  return count;
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function collections(checkMs: number): Promise<{ before: number; after: number; at: number }> {
  return new Promise((resolve) => {
    stop = startMemoryReducer({ checkMs, growthBytes: 4 * MB, onCollect: (before, after) => resolve({ before, after, at: performance.now() }) });
  });
}

describe('memory reducer', () => {
  it('gives the heap a burst left back to the system once the thread is quiet', async () => {
    const collected = collections(100);
    const start = heap();
    burst(40);
    expect(heap()).toBeGreaterThan(start + 8 * MB); // the garbage is still held
    const { before, after } = await collected;
    expect(before - after).toBeGreaterThan(8 * MB);
    expect(heap()).toBeLessThan(before - 8 * MB);
  });

  it('waits while the thread is busy, and collects once it is not', async () => {
    const collected = collections(50);
    burst(40);
    // Busy for 60 ms of every 80 ms for a second: a streaming agent being parsed.
    const busyUntil = performance.now() + 1000;
    while (performance.now() < busyUntil) {
      const spin = performance.now() + 60;
      while (performance.now() < spin);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const quietFrom = performance.now();
    const { at } = await collected;
    expect(at).toBeGreaterThan(quietFrom);
  });
});
