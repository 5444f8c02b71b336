/**
 * Small geometry helpers shared by the build (map data, static SVG) and the
 * browser (circle polygons, walk mode). No dependencies beyond the sphere in
 * `geo/distance.ts`, so the client bundle stays small.
 */
import { haversine, METRES_PER_DEGREE } from '../geo/distance.ts';
import type { LngLat } from '../content/model.ts';

/** `[west, south, east, north]` in degrees, as MapLibre's `fitBounds` takes it. */
export type BBox = [number, number, number, number];

const RAD = Math.PI / 180;

/**
 * Six decimals of a degree are about 0.1 m: finer than any source, and short in JSON.
 *
 * @example
 * roundPosition([121.4369871234, 31.2011]) // [121.436987, 31.2011]
 */
export function roundPosition([lng, lat]: readonly number[]): LngLat {
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** An empty box that any point extends. */
export function emptyBBox(): BBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function isEmptyBBox(box: BBox): boolean {
  return !(box[2] >= box[0] && box[3] >= box[1]);
}

/**
 * Grows `box` in place to hold every point.
 *
 * @example
 * extendBBox(emptyBBox(), [[121.43, 31.2], [121.44, 31.19]]) // [121.43, 31.19, 121.44, 31.2]
 */
export function extendBBox(box: BBox, points: Iterable<readonly number[]>): BBox {
  for (const [lng, lat] of points) {
    if (lng < box[0]) box[0] = lng;
    if (lat < box[1]) box[1] = lat;
    if (lng > box[2]) box[2] = lng;
    if (lat > box[3]) box[3] = lat;
  }
  return box;
}

/**
 * The box around a circle of `radiusM` metres, on the same sphere as the checker.
 *
 * @example
 * circleBBox([121.43, 31.2], 500) // ≈ [121.42475, 31.19550, 121.43525, 31.20450]
 */
export function circleBBox(center: LngLat, radiusM: number): BBox {
  const dLat = radiusM / METRES_PER_DEGREE;
  const dLng = dLat / Math.cos(center[1] * RAD);
  return [center[0] - dLng, center[1] - dLat, center[0] + dLng, center[1] + dLat];
}

export function bboxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * Widens a box to at least `minM` metres each way around its centre, so a
 * single building still opens on a street-level view rather than at maximum zoom.
 *
 * @example
 * atLeast([121.43, 31.2, 121.43, 31.2], 600) // 600 m wide and tall around the point
 */
export function atLeast(box: BBox, minM: number): BBox {
  const midLat = (box[1] + box[3]) / 2;
  const halfLat = minM / 2 / METRES_PER_DEGREE;
  const halfLng = halfLat / Math.cos(midLat * RAD);
  const midLng = (box[0] + box[2]) / 2;
  const [west, east] = box[2] - box[0] >= 2 * halfLng ? [box[0], box[2]] : [midLng - halfLng, midLng + halfLng];
  const [south, north] = box[3] - box[1] >= 2 * halfLat ? [box[1], box[3]] : [midLat - halfLat, midLat + halfLat];
  return [west, south, east, north];
}

/**
 * A circle of `radiusM` metres as a closed ring of `steps` vertices, each
 * exactly `radiusM` from the centre along a great circle (the destination
 * formula Turf's `circle` uses), so it matches the checker's circles.
 *
 * @example
 * circleRing([121.43, 31.2], 500, 64).length // 65 (first vertex repeated)
 */
export function circleRing(center: LngLat, radiusM: number, steps = 64): LngLat[] {
  const lat1 = center[1] * RAD;
  const lng1 = center[0] * RAD;
  const d = radiusM / (METRES_PER_DEGREE / RAD);
  const ring: LngLat[] = [];
  for (let i = 0; i <= steps; i++) {
    const bearing = (-2 * Math.PI * (i % steps)) / steps;
    const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
    const lng2 =
      lng1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
    ring.push([lng2 / RAD, lat2 / RAD]);
  }
  return ring;
}

/**
 * The part of a line between two distances from its start, in metres, with
 * the cut points interpolated: how a gap reported as "1200–1340 m" is drawn.
 *
 * @example
 * sliceAlong([[121.43, 31.19], [121.43, 31.21]], 1000, 1500)
 * // [[121.43, 31.198993], [121.43, 31.20349]]
 */
export function sliceAlong(line: readonly LngLat[], fromM: number, toM: number): LngLat[] {
  const out: LngLat[] = [];
  let walked = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i];
    const b = line[i + 1];
    const length = haversine(a, b);
    const end = walked + length;
    if (end >= fromM && walked <= toM && length > 0) {
      if (out.length === 0) out.push(lerp(a, b, Math.max(0, (fromM - walked) / length)));
      if (end <= toM) out.push(b);
      else {
        out.push(lerp(a, b, (toM - walked) / length));
        break;
      }
    }
    walked = end;
  }
  return out;
}

function lerp(a: LngLat, b: LngLat, t: number): LngLat {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Options of `simplify`. */
export interface SimplifyOptions {
  /** Units of `tolerance` per coordinate unit along x and y. Default `[1, 1]`: the line is already on a plane. */
  scale?: readonly [number, number];
}

/**
 * Douglas–Peucker: drops the vertices that move the line less than
 * `tolerance`, measured on a plane (coordinates times `scale`). Maps use it
 * in pixels for streets and in metres for tracks: a line with more points
 * than a map can show costs bytes in every page.
 *
 * @example
 * simplify([[0, 0], [5, 0.2], [10, 0]], 0.5) // [[0, 0], [10, 0]]
 */
export function simplify<P extends readonly [number, number]>(line: readonly P[], tolerance: number, options: SimplifyOptions = {}): P[] {
  if (line.length <= 2) return [...line];
  const [kx, ky] = options.scale ?? [1, 1];
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  // An explicit stack rather than recursion: a long track would overflow the call stack.
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestOffset = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = offset(line[i], line[first], line[last], kx, ky);
      if (d > farthestOffset) {
        farthest = i;
        farthestOffset = d;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  return line.filter((_, i) => keep[i] === 1);
}

/**
 * `simplify` for a line in longitude and latitude, with the tolerance in
 * metres on a local flat plane.
 *
 * @example
 * simplifyLine([[121.43, 31.2], [121.43000001, 31.2005], [121.43, 31.201]], 1).length // 2
 */
export function simplifyLine(line: readonly LngLat[], toleranceM: number): LngLat[] {
  if (line.length === 0) return [];
  return simplify(line, toleranceM, { scale: [Math.cos(line[0][1] * RAD) * METRES_PER_DEGREE, METRES_PER_DEGREE] });
}

/** Distance from p to the segment a–b on a plane scaled by kx, ky. */
function offset(p: readonly [number, number], a: readonly [number, number], b: readonly [number, number], kx: number, ky: number): number {
  const px = (p[0] - a[0]) * kx;
  const py = (p[1] - a[1]) * ky;
  const dx = (b[0] - a[0]) * kx;
  const dy = (b[1] - a[1]) * ky;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSquared));
  return Math.hypot(px - dx * t, py - dy * t);
}
