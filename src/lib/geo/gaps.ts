/**
 * Stretches of a line outside every station circle.
 */
import type { LngLat } from '../content/model.ts';
import { haversineCoords } from './distance.ts';
import type { LineSamples } from './sample.ts';
import type { CircleStation, NearbyStations, StationIndex } from './station-index.ts';

/** A maximal uncovered stretch of a line. */
export interface Gap<S> {
  /** Where the stretch begins, metres from the start of the line. */
  fromM: number;
  /** Where it ends, metres from the start of the line. */
  toM: number;
  /** Largest distance from a point of the stretch to its nearest station, metres (Infinity without stations). */
  maxDistanceM: number;
  /** The station nearest to `worstPoint`; undefined only when there are no stations. */
  nearestStation: S | undefined;
  /** The point of the stretch farthest from any station. */
  worstPoint: LngLat;
}

export interface GapOptions {
  /**
   * How closely gap ends and the farthest point are pinned down between two
   * samples, metres. Default 0.5.
   */
  toleranceM?: number;
  /**
   * Length of line whose samples are tested against one shared set of
   * nearby stations, metres. Default 200: longer pieces mean fewer tree
   * searches but more candidate stations per sample.
   */
  chunkM?: number;
}

/** One end of a gap: where it lies along the line, and a point just inside the gap. */
interface GapEnd {
  alongM: number;
  inside: LngLat;
}

/**
 * Finds the uncovered stretches of a sampled line. Samples are tested in
 * order, a piece of line at a time against the stations near that piece
 * (one tree search per piece, not per sample). Where coverage changes
 * between two samples the boundary is found by bisection, so `fromM`/`toM`
 * are right to `toleranceM` rather than to the sample spacing. A stretch
 * shorter than the spacing that falls between two covered samples can be
 * missed, which the contract allows. A gap at the start begins at 0 and one
 * at the end ends at the line's length.
 *
 * @example
 * // North along 121.44° E, leaving a 500 m circle for a 1500 m one.
 * const index = createStationIndex([
 *   { id: 'a', point: [121.44, 31.2], radius: 500 },
 *   { id: 'b', point: [121.44, 31.22], radius: 1500 },
 * ]);
 * findGaps(sampleLine([[121.44, 31.2], [121.44, 31.22]]), index)
 * // [{ fromM: 500.0, toM: 723.8, maxDistanceM: 723.6, nearestStation: { id: 'a', … }, worstPoint: [121.44, 31.2065] }]
 */
export function findGaps<S extends CircleStation>(
  samples: LineSamples,
  index: StationIndex<S>,
  options: GapOptions = {},
): Gap<S>[] {
  const toleranceM = options.toleranceM ?? 0.5;
  const chunkM = options.chunkM ?? 200;
  const { count, lng, lat, alongM } = samples;
  const gaps: Gap<S>[] = [];
  let start: GapEnd | undefined;
  let first = 0;
  let worst = 0;
  let worstDistanceM = -Infinity;
  let nearby: NearbyStations | undefined;
  let chunkEnd = 0;
  let chunkCovered = false;

  for (let i = 0; i < count; i++) {
    if (i === chunkEnd) {
      chunkEnd = i + 1;
      while (chunkEnd < count && alongM[chunkEnd] - alongM[i] <= chunkM) chunkEnd++;
      const centre = (i + chunkEnd - 1) >> 1;
      const x = lng[centre];
      const y = lat[centre];
      const reachM = Math.max(alongM[centre] - alongM[i], alongM[chunkEnd - 1] - alongM[centre]);
      // One circle holding the whole piece settles all its samples at once;
      // in a well-covered district that is most pieces.
      if (!nearby?.holdsDisc(x, y, reachM)) nearby = index.near([x, y], reachM);
      chunkCovered = nearby.holdsDisc(x, y, reachM);
    }
    if (chunkCovered || nearby!.isCovered(lng[i], lat[i])) {
      if (start) {
        const end = boundary(samples, i - 1, index, toleranceM);
        gaps.push(closeGap(start, end, first, i - 1));
        start = undefined;
      }
      continue;
    }
    if (!start) {
      start = i === 0 ? { alongM: 0, inside: [lng[0], lat[0]] } : boundary(samples, i - 1, index, toleranceM);
      first = i;
      worstDistanceM = -Infinity;
    }
    const distanceM = nearby!.nearestDistanceM(lng[i], lat[i]);
    if (distanceM > worstDistanceM) {
      worstDistanceM = distanceM;
      worst = i;
    }
  }
  if (start) {
    const last = count - 1;
    gaps.push(closeGap(start, { alongM: samples.lengthM, inside: [lng[last], lat[last]] }, first, last));
  }
  return gaps;

  function closeGap(from: GapEnd, to: GapEnd, firstSample: number, lastSample: number): Gap<S> {
    // Where one circle is left for a larger one, the farthest point is the
    // gap's end itself, so the ends compete with the peak between samples.
    const candidates = [refinePeak(samples, worst, firstSample, lastSample, index, toleranceM), from.inside, to.inside];
    let worstPoint = candidates[0];
    let maxDistanceM = -Infinity;
    for (const point of candidates) {
      const d = nearestDistance(index, point[0], point[1]);
      if (d > maxDistanceM) {
        maxDistanceM = d;
        worstPoint = point;
      }
    }
    const j = index.nearestIndex(worstPoint[0], worstPoint[1]);
    return {
      fromM: from.alongM,
      toM: to.alongM,
      maxDistanceM,
      nearestStation: j < 0 ? undefined : index.stations[j],
      worstPoint,
    };
  }
}

/** Distance to the nearest station, Infinity when there is none. */
function nearestDistance<S extends CircleStation>(index: StationIndex<S>, lng: number, lat: number): number {
  const j = index.nearestIndex(lng, lat);
  if (j < 0) return Infinity;
  const centre = index.stations[j].point;
  return haversineCoords(lng, lat, centre[0], centre[1]);
}

/** The point a fraction `t` of the way from sample i to sample i + 1 (both on one straight segment). */
function between(samples: LineSamples, i: number, t: number): LngLat {
  return [
    samples.lng[i] + (samples.lng[i + 1] - samples.lng[i]) * t,
    samples.lat[i] + (samples.lat[i + 1] - samples.lat[i]) * t,
  ];
}

/**
 * Where coverage changes between samples i and i + 1, found by bisection to
 * within `toleranceM`: the middle of the last bracket as the distance along
 * the line, and the bracket's uncovered end as a point surely in the gap.
 */
function boundary<S extends CircleStation>(
  samples: LineSamples,
  i: number,
  index: StationIndex<S>,
  toleranceM: number,
): GapEnd {
  const stepM = samples.alongM[i + 1] - samples.alongM[i];
  const startCovered = index.isCovered(samples.lng[i], samples.lat[i]);
  let lo = 0;
  let hi = 1;
  while ((hi - lo) * stepM > toleranceM) {
    const mid = (lo + hi) / 2;
    const [x, y] = between(samples, i, mid);
    if (index.isCovered(x, y) === startCovered) lo = mid;
    else hi = mid;
  }
  return {
    alongM: samples.alongM[i] + stepM * ((lo + hi) / 2),
    inside: between(samples, i, startCovered ? hi : lo),
  };
}

/**
 * The farthest-from-any-station point near sample k. Along one straight
 * segment the distance to a single station has no interior maximum, so a
 * peak between samples only occurs where the nearest station changes; a
 * golden-section search over the neighbouring samples finds it. The search
 * stays between the gap's first and last uncovered samples: with circles of
 * different radii a covered point can be farther from its nearest station
 * than an uncovered one. The sample itself is kept when the search finds
 * nothing farther.
 */
function refinePeak<S extends CircleStation>(
  samples: LineSamples,
  k: number,
  firstSample: number,
  lastSample: number,
  index: StationIndex<S>,
  toleranceM: number,
): LngLat {
  const sampleAt: LngLat = [samples.lng[k], samples.lat[k]];
  const lo = Math.max(firstSample, k - 1);
  const hi = Math.min(lastSample, k + 1);
  if (lo === hi) return sampleAt;
  const spanM = samples.alongM[hi] - samples.alongM[lo];
  const nearby = index.near(sampleAt, spanM);
  const pointAt = (u: number): LngLat => {
    const i = Math.min(Math.floor(u), hi - 1);
    return between(samples, i, u - i);
  };
  const distanceAt = (u: number) => {
    const [x, y] = pointAt(u);
    return nearby.nearestDistanceM(x, y);
  };
  const metresPerUnit = spanM / (hi - lo);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = distanceAt(c);
  let fd = distanceAt(d);
  while ((b - a) * metresPerUnit > toleranceM) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = distanceAt(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = distanceAt(d);
    }
  }
  const u = (a + b) / 2;
  return distanceAt(u) > distanceAt(k) ? pointAt(u) : sampleAt;
}
