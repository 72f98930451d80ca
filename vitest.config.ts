import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // End-to-end tests drive real ptys and processes: give them room, but never rely on sleeps.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    env: { FORCE_COLOR: '1' },
  },
});
