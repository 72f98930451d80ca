// Gives memory back once the thread is quiet. V8 collects garbage as it allocates, so what a burst
// left (16 worktrees set up, a flood parsed) stays in the heap, and resident, for as long as nothing
// else happens: 77 MB of heap for 26 MB of live objects after a squad of 16 started. The inspector's
// HeapProfiler.collectGarbage runs V8's low-memory collection, which compacts and returns the freed
// pages (measured on that squad: resident 146 MB to 100 MB; node's own `gc()` only to 115 MB). It
// runs after a quiet second, so it never stands between a key and its echo, and only when the
// heap has grown since the last one.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

/** How often the thread is looked at. */
const CHECK_MS = 1000;
/** Busy below this share of the time counts as quiet (measured: idle squadtui 0.04 %, typing ten keys a second 5 %). */
const QUIET_UTILIZATION = 0.01;
/** Growth of the heap since the last collection worth a pause of 10–30 ms. */
const GROWTH_BYTES = 8 * 1024 * 1024;

export interface MemoryReducerOptions {
  checkMs?: number;
  growthBytes?: number;
  /** Told after each collection: heap and buffers before and after, in bytes (for the log and the tests). */
  onCollect?: (before: number, after: number) => void;
}

/** Starts looking; returns the stop. The timer never keeps the process or the thread alive. */
export function startMemoryReducer(options: MemoryReducerOptions = {}): () => void {
  const growth = options.growthBytes ?? GROWTH_BYTES;
  let baseline = heldBytes();
  let last = performance.eventLoopUtilization();
  let collecting = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const quiet = performance.eventLoopUtilization(now, last).utilization < QUIET_UTILIZATION;
    last = now;
    const before = heldBytes();
    baseline = Math.min(baseline, before); // growth counts from the smallest heap since the last one
    if (!quiet || collecting || before < baseline + growth) return;
    collecting = true;
    // A collection that failed leaves memory as it was; it must not end the process.
    void collect().catch(() => undefined).then(() => {
      baseline = heldBytes();
      collecting = false;
      last = performance.eventLoopUtilization(); // the collection itself is not activity
      options.onCollect?.(before, baseline);
    });
  }, options.checkMs ?? CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The memory this thread's garbage may hold, in bytes: the heap's resident pages and the buffers
 * outside it (the pty thread's reads are all buffers: 10 MB of dead ones in a 6 MB heap, which V8
 * counts as no reason to collect).
 */
function heldBytes(): number {
  const heap = v8.getHeapStatistics();
  return heap.total_physical_size + heap.external_memory;
}

async function collect(): Promise<void> {
  let session: import('node:inspector/promises').Session;
  try {
    session = new (await import('node:inspector/promises')).Session();
    session.connect();
  } catch {
    return; // a node built without the inspector: memory stays as V8 leaves it
  }
  try {
    await session.post('HeapProfiler.collectGarbage');
  } finally {
    session.disconnect();
  }
}
