/**
 * The checker at city scale (issue: route and coverage checker): 10,000
 * stations over ~100 km × 100 km and 1,000 routes of 5 km, checked by
 * `npm run check`, beside a brute-force version (every sample against every
 * station) on the same content in the same run.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/lib/content/load.ts';
import { haversineCoords } from '../../src/lib/geo/distance.ts';
import { sampleLine } from '../../src/lib/geo/sample.ts';
import { runCheck } from '../../src/lib/geo/check.ts';
import { generateContent } from './generate.ts';
import { measureNode } from './measure.ts';

export interface CheckerBench {
  stations: number;
  routes: number;
  samples: number;
  cliSeconds: number;
  cliPeakMB: number;
  checkSeconds: number;
  bruteSeconds: number;
  speedup: number;
  gapsAgree: boolean;
}

/** Uncovered samples per route, by testing every station: the reference the index must match. */
function bruteForce(content: ReturnType<typeof loadContent>): { samples: number; uncovered: number[] } {
  const sLng = Float64Array.from(content.stations, (s) => s.point[0]);
  const sLat = Float64Array.from(content.stations, (s) => s.point[1]);
  const sR = Float64Array.from(content.stations, (s) => s.data.radius);
  let samples = 0;
  const uncovered = content.routes.map((route) => {
    const line = sampleLine(route.line);
    samples += line.count;
    let n = 0;
    for (let i = 0; i < line.count; i++) {
      let nearest = Infinity;
      let covered = false;
      for (let j = 0; j < sLng.length; j++) {
        const d = haversineCoords(line.lng[i], line.lat[i], sLng[j], sLat[j]);
        if (d <= sR[j]) covered = true;
        if (d < nearest) nearest = d;
      }
      if (!covered) n++;
    }
    return n;
  });
  return { samples, uncovered };
}

export function benchChecker(options: { stations?: number; routes?: number } = {}): CheckerBench {
  const stations = options.stations ?? 10_000;
  const routes = options.routes ?? 1_000;
  const dir = generateContent(path.join(tmpdir(), 'red-routes-bench-checker'), {
    stations,
    routes,
    routeLengthM: 5_000,
  });
  const cli = measureNode(['scripts/check.ts', '--content', dir]);
  if (cli.status !== 0 && cli.status !== 1) throw new Error(`npm run check failed:\n${cli.stderr}`);

  const content = loadContent(dir);
  let start = performance.now();
  const report = runCheck(content);
  const checkSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const brute = bruteForce(content);
  const bruteSeconds = (performance.now() - start) / 1000;

  // Same answer: a route has gaps under the index exactly when brute force finds uncovered samples.
  const gapsAgree = report.routes.every((r, i) => r.gaps.length > 0 === brute.uncovered[i] > 0);
  return {
    stations,
    routes,
    samples: brute.samples,
    cliSeconds: cli.seconds,
    cliPeakMB: cli.peakMB,
    checkSeconds,
    bruteSeconds,
    speedup: bruteSeconds / checkSeconds,
    gapsAgree,
  };
}
