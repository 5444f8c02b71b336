import { defineConfig } from 'vitest/config';

// The fast, in-process unit tests that exercise the mutated modules
// (stryker.config.json): no child processes, no site build, no browser.
// Stryker runs these hundreds of times, once per mutant.
export default defineConfig({
  test: {
    // The machine is shared: a loaded test must not fail the initial run.
    testTimeout: 60_000,
    include: [
      'tests/unit/geo/**/*.test.ts',
      'tests/unit/district/**/*.test.ts',
      'tests/unit/coords.test.ts',
      'tests/unit/check-fixtures.test.ts',
      'tests/unit/content.test.ts',
      'tests/unit/tracks.test.ts',
    ],
    // They time hostile inputs, and instrumented code runs several times slower.
    exclude: ['tests/unit/district/resource-limits.test.ts'],
  },
});
