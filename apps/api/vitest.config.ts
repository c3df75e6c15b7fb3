import { defineProject } from 'vitest/config';

// Sign-ins hash passwords with scrypt on purpose (slow), so a test that signs in several people takes
// seconds on a busy 2-core machine: the limit is 30 s rather than vitest's 5.
export default defineProject({
  test: {
    name: 'api',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
  },
});
