import { defineConfig } from 'vitest/config';

// Two kinds of test: fast unit tests, and browser tests that build the sample
// site once (tests/browser/setup.ts) and drive Debian's Chromium against it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // On two cores the site build would starve the unit tests' child processes.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 1 },
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
