import { defineProject } from 'vitest/config';

// The real server in its own process and headless Chromium: slower than unit tests, so longer limits.
export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // A page waits on the real server (a dry run on the loader's worker, say): seconds on a busy machine.
    expect: { poll: { timeout: 10_000 } },
    globalSetup: ['global-setup.ts'],
  },
});
