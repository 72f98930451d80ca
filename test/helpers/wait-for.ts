// Waits for a condition by polling: tests wait for what the screen shows, never for fixed times.

export async function waitFor<T>(
  check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  options: { timeout?: number; interval?: number; message?: () => string } = {},
): Promise<T> {
  const timeout = options.timeout ?? 10_000;
  const interval = options.interval ?? 10;
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms${options.message ? `: ${options.message()}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
