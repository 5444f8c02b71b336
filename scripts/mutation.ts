/**
 * npm run mutation [-- <stryker options>] — Stryker over the modules of
 * stryker.config.mjs, then the score per module group written into
 * docs/benchmarks.md (scripts/mutation-summary.ts). While iterating, scope a
 * run: `npm run mutation -- --mutate src/lib/geo/gaps.ts` (the summary then
 * covers only that file, so commit only a full run's summary).
 */
import { spawnSync } from 'node:child_process';

const stryker = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (stryker.status !== 0) process.exit(stryker.status ?? 1);
const summary = spawnSync(process.execPath, ['scripts/mutation-summary.ts'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
