/**
 * Evenly spaced points along a polyline, the input of the gap search.
 */
import type { LngLat } from '../content/model.ts';
import { haversineCoords } from './distance.ts';

/**
 * Points along a line, stored column-wise in typed arrays: a 5 km route at
 * 10 m is 500 points, and a thousand routes would otherwise be half a million
 * small objects.
 */
export interface LineSamples {
  /** Number of points. */
  count: number;
  lng: Float64Array;
  lat: Float64Array;
  /** Distance from the start of the line, metres; non-decreasing. */
  alongM: Float64Array;
  /** Length of the whole line, metres (equals the last `alongM`). */
  lengthM: number;
}

export interface SampleOptions {
  /** Largest distance between consecutive points, metres. Default 10. */
  spacingM?: number;
}

/**
 * Samples a polyline at most every `spacingM` metres. Every vertex is a
 * sample, so two consecutive samples always lie on one straight segment and
 * anything between them can be found by interpolating the pair. Each segment
 * is cut into equal pieces no longer than the spacing, in a single walk along
 * the line (unlike calling `@turf/along` per point, which restarts from the
 * first vertex every time). Repeated vertices add no sample.
 *
 * @example
 * const s = sampleLine([[121.43, 31.2], [121.43, 31.201]], { spacingM: 50 });
 * s.count // 4: 0, 37.1, 74.1, 111.2 m
 */
export function sampleLine(line: readonly LngLat[], options: SampleOptions = {}): LineSamples {
  const spacingM = options.spacingM ?? 10;
  if (!(spacingM > 0)) throw new RangeError(`spacingM must be positive, got ${spacingM}`);
  if (line.length === 0) throw new RangeError('sampleLine needs a line with at least one vertex');

  const segmentM = new Float64Array(Math.max(0, line.length - 1));
  let count = 1;
  for (let i = 0; i < segmentM.length; i++) {
    segmentM[i] = haversineCoords(line[i][0], line[i][1], line[i + 1][0], line[i + 1][1]);
    if (segmentM[i] > 0) count += piecesOf(segmentM[i], spacingM);
  }

  const lng = new Float64Array(count);
  const lat = new Float64Array(count);
  const alongM = new Float64Array(count);
  lng[0] = line[0][0];
  lat[0] = line[0][1];
  let k = 1;
  let walkedM = 0;
  for (let i = 0; i < segmentM.length; i++) {
    const length = segmentM[i];
    if (length === 0) continue;
    const [aLng, aLat] = line[i];
    const [bLng, bLat] = line[i + 1];
    const pieces = piecesOf(length, spacingM);
    for (let j = 1; j < pieces; j++, k++) {
      const t = j / pieces;
      lng[k] = aLng + (bLng - aLng) * t;
      lat[k] = aLat + (bLat - aLat) * t;
      alongM[k] = walkedM + length * t;
    }
    // The vertex itself, written exactly rather than as a + (b - a) * 1.
    walkedM += length;
    lng[k] = bLng;
    lat[k] = bLat;
    alongM[k] = walkedM;
    k++;
  }
  return { count, lng, lat, alongM, lengthM: walkedM };
}

/**
 * Pieces a segment is cut into. A length that is a whole number of spacings
 * give or take rounding (20.000000000002 m at 10 m) is not given an extra
 * sliver of a piece.
 */
function piecesOf(lengthM: number, spacingM: number): number {
  return Math.max(1, Math.ceil(lengthM / spacingM - 1e-9));
}
