/**
 * The checker at city scale (issue: route and coverage checker): 10,000
 * stations over ~100 km × 100 km and 1,000 routes of 5 km, checked by
 * `npm run check`, beside a brute-force version (every sample against every
 * station) on the same content in the same run, compared gap by gap.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/lib/content/load.ts';
import { runCheck } from '../../src/lib/geo/check.ts';
import { bruteForceGaps, compareGaps, type GapComparison } from './brute-force.ts';
import { generateContent } from './generate.ts';
import { measureNode } from './measure.ts';

export interface CheckerBench {
  stations: number;
  routes: number;
  routeLengthM: number;
  /** Side of the square the stations and routes are spread over, metres. */
  sideM: number;
  samples: number;
  cliSeconds: number;
  cliPeakMB: number;
  checkSeconds: number;
  bruteSeconds: number;
  speedup: number;
  /** The report's gaps against brute force's, gap by gap (scripts/bench/brute-force.ts). */
  comparison: GapComparison;
}

export function benchChecker(options: { stations?: number; routes?: number } = {}): CheckerBench {
  const stations = options.stations ?? 10_000;
  const routes = options.routes ?? 1_000;
  const routeLengthM = 5_000;
  const sideM = 100_000;
  const dir = generateContent(path.join(tmpdir(), 'red-routes-bench-checker'), { stations, routes, routeLengthM, sideM });
  const cli = measureNode(['scripts/check.ts', '--content', dir]);
  if (cli.status !== 0 && cli.status !== 1) throw new Error(`npm run check failed:\n${cli.stderr}`);

  const content = loadContent(dir);
  let start = performance.now();
  const report = runCheck(content);
  const checkSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const brute = bruteForceGaps(content);
  const bruteSeconds = (performance.now() - start) / 1000;

  return {
    stations,
    routes,
    routeLengthM,
    sideM,
    samples: brute.samples,
    cliSeconds: cli.seconds,
    cliPeakMB: cli.peakMB,
    checkSeconds,
    bruteSeconds,
    speedup: bruteSeconds / checkSeconds,
    comparison: compareGaps(report.routes, content, brute),
  };
}
