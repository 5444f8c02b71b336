/**
 * The checker's gaps worked out the slow, obvious way — every sample against
 * every station, no spatial index, no bisection — and compared gap by gap with
 * the checker's report. Used by the city-scale benchmark and by a unit test.
 */
import type { RouteReport } from '../../src/lib/geo/check.ts';
import { haversineCoords } from '../../src/lib/geo/distance.ts';
import { type LineSamples, sampleLine } from '../../src/lib/geo/sample.ts';
import type { Content, LngLat } from '../../src/lib/content/model.ts';

export interface BruteGap {
  /** Where the line leaves every circle (0 at the start), to 0.1 m. */
  fromM: number;
  /** Where it enters one again (the length at the end), to 0.1 m. */
  toM: number;
  /** Largest distance from an uncovered sample to its nearest station. */
  maxDistanceM: number;
}

export interface BruteForce {
  samples: number;
  /** Gaps per route, in content order (routes without a usable line left out, as in the report). */
  gaps: BruteGap[][];
}

export interface GapComparison {
  routes: number;
  /** Gaps in the checker's report. */
  gaps: number;
  /** Gaps that agree with brute force on every count. */
  agreeing: number;
  /** What disagreed, for the first few disagreements. */
  mismatches: string[];
}

interface Stations {
  ids: string[];
  lng: Float64Array;
  lat: Float64Array;
  radius: Float64Array;
}

function stationArrays(content: Content): Stations {
  return {
    ids: content.stations.map((s) => s.id),
    lng: Float64Array.from(content.stations, (s) => s.point[0]),
    lat: Float64Array.from(content.stations, (s) => s.point[1]),
    radius: Float64Array.from(content.stations, (s) => s.data.radius),
  };
}

/** Distance to every station from one point: the nearest one and whether any circle holds the point. */
function scan(stations: Stations, lng: number, lat: number) {
  let nearestM = Infinity;
  let covered = false;
  for (let j = 0; j < stations.lng.length; j++) {
    const d = haversineCoords(lng, lat, stations.lng[j], stations.lat[j]);
    if (d <= stations.radius[j]) covered = true;
    if (d < nearestM) nearestM = d;
  }
  return { nearestM, covered };
}

/** Where coverage changes between samples i and i + 1, by halving the step until it is under 0.1 m. */
function edge(stations: Stations, s: LineSamples, i: number): number {
  const coveredAt = (t: number) =>
    scan(stations, s.lng[i] + (s.lng[i + 1] - s.lng[i]) * t, s.lat[i] + (s.lat[i + 1] - s.lat[i]) * t).covered;
  const stepM = s.alongM[i + 1] - s.alongM[i];
  const startCovered = coveredAt(0);
  let lo = 0;
  let hi = 1;
  while ((hi - lo) * stepM > 0.1) {
    const mid = (lo + hi) / 2;
    if (coveredAt(mid) === startCovered) lo = mid;
    else hi = mid;
  }
  return s.alongM[i] + stepM * ((lo + hi) / 2);
}

/**
 * Uncovered runs of samples per route, at the checker's default spacing.
 *
 * @example
 * bruteForceGaps(loadContent('content')).gaps[0] // [{ fromM: 495, toM: 725, maxDistanceM: 719.8 }]
 */
export function bruteForceGaps(content: Content, options: { spacingM?: number } = {}): BruteForce {
  const stations = stationArrays(content);
  let samples = 0;
  const gaps = content.routes
    .filter((route) => route.line.length >= 2)
    .map((route) => {
      const s = sampleLine(route.line, options);
      samples += s.count;
      const out: BruteGap[] = [];
      let open: BruteGap | undefined;
      for (let i = 0; i < s.count; i++) {
        const { nearestM, covered } = scan(stations, s.lng[i], s.lat[i]);
        if (covered) {
          if (open) open.toM = edge(stations, s, i - 1);
          open = undefined;
          continue;
        }
        if (!open) {
          open = { fromM: i === 0 ? 0 : edge(stations, s, i - 1), toM: s.lengthM, maxDistanceM: nearestM };
          out.push(open);
        }
        open.maxDistanceM = Math.max(open.maxDistanceM, nearestM);
      }
      return out;
    });
  return { samples, gaps };
}

/**
 * Compares the checker's gaps with brute force's. Tolerances: both find the
 * ends to half a metre or better (0.7 m with the report's rounding); the
 * farthest uncovered sample is at most a spacing short of the farthest point.
 * The nearest station is checked at the report's own farthest point, against
 * every station (a tie within 0.5 m either way is accepted).
 *
 * @example
 * compareGaps(runCheck(content).routes, content, bruteForceGaps(content)) // { gaps: 4321, agreeing: 4321, … }
 */
export function compareGaps(
  routes: RouteReport[],
  content: Content,
  brute: BruteForce,
  options: { spacingM?: number } = {},
): GapComparison {
  const spacingM = options.spacingM ?? 10;
  const endToleranceM = 0.7;
  const stations = stationArrays(content);
  const result: GapComparison = { routes: routes.length, gaps: 0, agreeing: 0, mismatches: [] };
  const disagree = (what: string) => {
    if (result.mismatches.length < 10) result.mismatches.push(what);
  };
  routes.forEach((route, r) => {
    const expected = brute.gaps[r] ?? [];
    result.gaps += route.gaps.length;
    if (route.gaps.length !== expected.length) {
      disagree(`${route.id}: ${route.gaps.length} gaps, brute force ${expected.length}`);
      return;
    }
    route.gaps.forEach((gap, g) => {
      const want = expected[g];
      const problems: string[] = [];
      if (Math.abs(gap.fromM - want.fromM) > endToleranceM) problems.push(`fromM ${gap.fromM} vs ${want.fromM}`);
      if (Math.abs(gap.toM - want.toM) > endToleranceM) problems.push(`toM ${gap.toM} vs ${want.toM}`);
      const max = gap.maxDistanceM ?? Infinity;
      if (!(max >= want.maxDistanceM - 0.1 && max <= want.maxDistanceM + spacingM)) {
        problems.push(`maxDistanceM ${gap.maxDistanceM} vs ${want.maxDistanceM.toFixed(1)}`);
      }
      problems.push(...nearestProblems(gap.worstPoint, gap.nearestStation, max, stations));
      if (problems.length) disagree(`${route.id} gap ${g}: ${problems.join(', ')}`);
      else result.agreeing++;
    });
  });
  return result;
}

function nearestProblems(point: LngLat, id: string | null, maxDistanceM: number, stations: Stations): string[] {
  const { nearestM } = scan(stations, point[0], point[1]);
  const j = id === null ? -1 : stations.ids.indexOf(id);
  if (j < 0) return stations.ids.length ? [`nearestStation ${id} is not a station`] : [];
  const named = haversineCoords(point[0], point[1], stations.lng[j], stations.lat[j]);
  const problems: string[] = [];
  if (named > nearestM + 0.5) problems.push(`nearestStation ${id} is ${named.toFixed(1)} m away, nearest ${nearestM.toFixed(1)} m`);
  if (Math.abs(maxDistanceM - nearestM) > 0.5) problems.push(`maxDistanceM ${maxDistanceM} but its point is ${nearestM.toFixed(1)} m from the nearest station`);
  return problems;
}
