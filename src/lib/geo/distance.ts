/**
 * Distances on a sphere of radius 6,371,008.8 m, the same sphere Turf uses,
 * so our lengths and Turf's agree to the millimetre. The content contract
 * accepts this sphere as equivalent to the WGS-84 ellipsoid (within 0.5 %).
 */
import type { LngLat } from '../content/model.ts';

/** Mean Earth radius in metres (Turf's `earthRadius`). */
export const EARTH_RADIUS_M = 6371008.8;

/** Metres per degree of latitude (and of longitude at the equator). */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two coordinates given as numbers,
 * for hot loops that must not allocate a pair per call.
 *
 * @example
 * haversineCoords(121.43, 31.2, 121.44, 31.2) // ≈ 951.1
 */
export function haversineCoords(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLng = Math.sin(((lng2 - lng1) * RAD) / 2);
  const h = sinDLat * sinDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinDLng * sinDLng;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Great-circle distance in metres between two `[lng, lat]` points.
 *
 * @example
 * haversine([121.43, 31.2], [121.43, 31.21]) // ≈ 1111.9
 */
export function haversine(from: LngLat, to: LngLat): number {
  return haversineCoords(from[0], from[1], to[0], to[1]);
}

/** Where a point lies relative to a segment. */
export interface SegmentPosition {
  /** Distance from the point to the closest point of the segment, metres. */
  distanceM: number;
  /** Fraction of the way from `a` to `b` of that closest point, 0–1. */
  t: number;
}

/**
 * How far along segment a–b (0–1) the point closest to (lng, lat) lies, on
 * a local equirectangular plane around the point where a degree of
 * longitude is `kx` degrees of latitude (kx = cos φ). At city scale the
 * plane bends straight lines by millimetres, and it turns the search into
 * one dot product.
 *
 * @example
 * projectOnSegment(121.431, 31.2, Math.cos(31.2 * Math.PI / 180), [121.43, 31.19], [121.43, 31.21]) // 0.5
 */
export function projectOnSegment(lng: number, lat: number, kx: number, a: LngLat, b: LngLat): number {
  const ax = (a[0] - lng) * kx;
  const ay = a[1] - lat;
  const dx = (b[0] - a[0]) * kx;
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  return lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / lengthSquared));
}

/**
 * Distance in metres on the plane of `projectOnSegment` from (lng, lat) to
 * the point `t` of the way along a–b: no trigonometry, for ranking segments
 * and for answers far from any threshold.
 *
 * @example
 * flatDistanceM(121.431, 31.2, Math.cos(31.2 * Math.PI / 180), [121.43, 31.19], [121.43, 31.21], 0.5) // ≈ 95.1
 */
export function flatDistanceM(lng: number, lat: number, kx: number, a: LngLat, b: LngLat, t: number): number {
  const ex = (a[0] + (b[0] - a[0]) * t - lng) * kx;
  const ey = a[1] + (b[1] - a[1]) * t - lat;
  return Math.sqrt(ex * ex + ey * ey) * METRES_PER_DEGREE;
}

/**
 * Distance from a point to the segment a–b: the closest point is found on a
 * local plane (`projectOnSegment`), the distance to it measured on the sphere.
 *
 * @example
 * pointToSegment([121.431, 31.2], [121.43, 31.19], [121.43, 31.21])
 * // { distanceM: ≈ 95.1, t: 0.5 }
 */
export function pointToSegment(point: LngLat, a: LngLat, b: LngLat): SegmentPosition {
  const t = projectOnSegment(point[0], point[1], Math.cos(point[1] * RAD), a, b);
  const distanceM = haversineCoords(point[0], point[1], a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
  return { distanceM, t };
}

/** Where a point lies relative to a polyline. */
export interface LinePosition {
  /** Distance from the point to the closest point of the line, metres. */
  distanceM: number;
  /** Distance along the line from its start to that closest point, metres. */
  alongM: number;
  /** The closest point of the line. */
  point: LngLat;
  /** Index of the segment holding it (segment i runs from vertex i to i + 1). */
  segment: number;
}

export interface PointToLineOptions {
  /**
   * First segment to consider, for placing stops in walking order: a stop
   * after the previous one is looked for from that stop's segment on.
   * Default 0.
   */
  fromSegment?: number;
}

/**
 * Distance from a point to a polyline, and how far along the line the closest
 * point lies. The closest segment is picked on a flat plane around the point
 * (no trigonometry per segment, which matters for long tracks); the distance
 * and position are then measured on the sphere. When the line passes equally
 * close twice (a loop), the earlier pass wins, so a stop at the start of a
 * round walk is placed at 0 m; `fromSegment` finds the later pass.
 *
 * @example
 * pointToLine([121.431, 31.2], [[121.43, 31.19], [121.43, 31.21]])
 * // { distanceM: ≈ 95.1, alongM: ≈ 1111.95, point: [121.43, 31.2], segment: 0 }
 */
export function pointToLine(point: LngLat, line: readonly LngLat[], options: PointToLineOptions = {}): LinePosition {
  if (line.length === 0) throw new RangeError('pointToLine needs a line with at least one vertex');
  const segments = Math.max(1, line.length - 1);
  const fromSegment = Math.min(Math.max(0, options.fromSegment ?? 0), segments - 1);
  const [x, y] = point;
  const kx = Math.cos(y * RAD);
  let best = fromSegment;
  let bestT = 0;
  let bestM = Infinity;
  // A lone vertex is a segment of zero length.
  for (let i = fromSegment; i < segments; i++) {
    const a = line[i];
    const b = line[Math.min(i + 1, line.length - 1)];
    const t = projectOnSegment(x, y, kx, a, b);
    const m = flatDistanceM(x, y, kx, a, b, t);
    if (m < bestM) {
      bestM = m;
      best = i;
      bestT = t;
    }
  }
  const a = line[best];
  const b = line[Math.min(best + 1, line.length - 1)];
  const closest: LngLat = [a[0] + (b[0] - a[0]) * bestT, a[1] + (b[1] - a[1]) * bestT];
  return {
    distanceM: haversine(point, closest),
    alongM: lineLength(line.slice(0, best + 1)) + bestT * haversine(a, b),
    point: closest,
    segment: best,
  };
}

/**
 * Length of a polyline in metres: the sum of its great-circle segments, which
 * is what `@turf/length` returns for the same line.
 *
 * @example
 * lineLength([[121.43, 31.2], [121.43, 31.21]]) // ≈ 1111.9
 */
export function lineLength(line: readonly LngLat[]): number {
  let total = 0;
  for (let i = 0; i + 1 < line.length; i++) total += haversine(line[i], line[i + 1]);
  return total;
}
