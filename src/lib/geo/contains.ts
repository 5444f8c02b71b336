/**
 * Point-in-region tests.
 */
import type { LngLat } from '../model.ts';
import { type AreaGeometry, boundsOf, ringsOf } from './area-geometry.ts';

/**
 * A test for whether points lie inside a Polygon or MultiPolygon, holes
 * excluded. The bounding box is computed once and rejects most points before
 * any ring is walked, which matters when ten thousand stations are tested
 * against a district outline of thousands of vertices. Even–odd ray casting
 * in plain degrees: region edges are straight in GeoJSON's lng/lat plane,
 * which is also how `regionCoverage` and the map treat them. A point exactly
 * on an edge may fall either way.
 *
 * @example
 * const inXuhui = createAreaTest(xuhui.geometry);
 * stations.filter((s) => inXuhui(s.point)).length // 312
 */
export function createAreaTest(geometry: AreaGeometry): (point: LngLat) => boolean {
  const rings = ringsOf(geometry);
  const { minLng, minLat, maxLng, maxLat } = boundsOf(rings);
  return (point) => {
    const [lng, lat] = point;
    if (lng < minLng || lng > maxLng || lat < minLat || lat > maxLat) return false;
    let inside = false;
    for (const ring of rings) {
      if (crossesOddTimes(point, ring)) inside = !inside;
    }
    return inside;
  };
}

/** Whether a ray from the point towards +lng crosses the ring an odd number of times. */
function crossesOddTimes([x, y]: LngLat, ring: number[][]): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < xj + ((y - yj) * (xi - xj)) / (yi - yj)) odd = !odd;
  }
  return odd;
}
