/**
 * Point-in-region tests.
 */
import type { LngLat } from '../content/model.ts';
import { type AreaGeometry, boundsOf, ringsOf } from './area-geometry.ts';

export interface AreaTestOptions {
  /**
   * Average number of ring edges per latitude band. Default 8: a point is
   * tested against its band's edges only, not against the whole outline.
   */
  edgesPerBand?: number;
}

/**
 * A test for whether points lie inside a Polygon or MultiPolygon, holes
 * excluded, built for testing many points (ten thousand stations against a
 * district outline of thousands of vertices). Edges are bucketed by
 * latitude band once; a point then casts its ray only across the edges of
 * its band. Even–odd rule in plain degrees: region edges are straight in
 * GeoJSON's lng/lat plane, which is also how `regionCoverage` and the map
 * treat them. A point exactly on an edge may fall either way.
 *
 * @example
 * const inSquare = createAreaTest({ type: 'Polygon', coordinates: [[[121.43, 31.19], [121.45, 31.19],
 *   [121.45, 31.21], [121.43, 31.21], [121.43, 31.19]]] });
 * inSquare([121.44, 31.2]) // true
 * inSquare([121.46, 31.2]) // false
 */
export function createAreaTest(geometry: AreaGeometry, options: AreaTestOptions = {}): (point: LngLat) => boolean {
  const rings = ringsOf(geometry);
  const { minLng, minLat, maxLng, maxLat } = boundsOf(rings);
  const edges = edgeArray(rings);
  const edgeCount = edges.length / 4;
  const bandCount = Math.max(1, Math.ceil(edgeCount / (options.edgesPerBand ?? 8)));
  const bandHeight = (maxLat - minLat) / bandCount || 1;
  const bandOf = (lat: number) => Math.min(bandCount - 1, Math.max(0, Math.floor((lat - minLat) / bandHeight)));

  // Band b's edges are `members[offsets[b]] … members[offsets[b + 1] - 1]`.
  const offsets = new Uint32Array(bandCount + 1);
  forEachMembership((band) => offsets[band + 1]++);
  for (let b = 0; b < bandCount; b++) offsets[b + 1] += offsets[b];
  const members = new Uint32Array(offsets[bandCount]);
  const filled = offsets.slice(0, bandCount);
  forEachMembership((band, edge) => {
    members[filled[band]++] = edge;
  });

  return ([x, y]) => {
    if (x < minLng || x > maxLng || y < minLat || y > maxLat) return false;
    const band = bandOf(y);
    let inside = false;
    for (let k = offsets[band]; k < offsets[band + 1]; k++) {
      const e = members[k] * 4;
      const x1 = edges[e];
      const y1 = edges[e + 1];
      const x2 = edges[e + 2];
      const y2 = edges[e + 3];
      if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
    return inside;
  };

  function forEachMembership(visit: (band: number, edge: number) => void): void {
    for (let edge = 0; edge < edgeCount; edge++) {
      const y1 = edges[edge * 4 + 1];
      const y2 = edges[edge * 4 + 3];
      const last = bandOf(Math.max(y1, y2));
      for (let band = bandOf(Math.min(y1, y2)); band <= last; band++) visit(band, edge);
    }
  }
}

/** Every edge of every ring as [x1, y1, x2, y2] runs; rings are closed whether or not the file repeats the first point. */
function edgeArray(rings: number[][][]): Float64Array {
  const out: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      if (a[1] !== b[1]) out.push(a[0], a[1], b[0], b[1]);
    }
  }
  return Float64Array.from(out);
}
