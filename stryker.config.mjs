// Mutation testing: `npm run mutation` (minutes; not part of `npm test`).
// Scope: geometry, checker, coordinates, the district picture and content loading. The runner is
// Vitest with only the fast in-process unit tests (vitest.mutation.config.ts).
// TypeScript 7 has no compiler API for Stryker's tsconfig step, so
// tsconfigFile is empty and no type checker runs.
// Scope a run while iterating: `npm run mutation -- --mutate src/lib/geo/gaps.ts`.
// Tests call the code they check inside `it`, not in a describe body: code run
// while collecting is "static" to Stryker, which then reruns every test file
// with the modules reloaded for each of its mutants (hours instead of minutes).
// The Vitest runner must be 10.1 or later with Vitest 5 (stryker-js#6210).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  tsconfigFile: '',
  mutate: [
    // geo/ holds the geometry, the checker (check.ts) and the coordinates (coords.ts).
    'src/lib/geo/**/*.ts',
    'src/lib/district/**/*.ts',
    'src/lib/content/load.ts',
    'src/lib/content/tracks.ts',
    'src/lib/content/frontmatter.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores shared with other work (pass --concurrency 1 while others measure).
  concurrency: 2,
  // A mutant that loops for ever (a bisection that never narrows) counts as detected after this.
  timeoutMS: 3_000,
  // The goal (90 %) is checked per module group by scripts/mutation-summary.ts.
  thresholds: { high: 90, low: 80, break: null },
  reporters: ['clear-text', 'progress', 'json', 'html'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  cleanTempDir: 'always',
};
