/**
 * The region shapes the checker measures, and the two facts every area
 * function needs from them.
 */

/** A Polygon or MultiPolygon in WGS-84, as GeoJSON writes it. */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface Bounds {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/**
 * Every ring of every part, outer rings and holes alike: even–odd rules
 * need no more structure than that.
 *
 * @example
 * ringsOf({ type: 'MultiPolygon', coordinates: [[outer1], [outer2, hole2]] }).length // 3
 */
export function ringsOf(geometry: AreaGeometry): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * Bounding box of a set of rings.
 *
 * @example
 * boundsOf([[[121.43, 31.19], [121.44, 31.2], [121.43, 31.2], [121.43, 31.19]]])
 * // { minLng: 121.43, minLat: 31.19, maxLng: 121.44, maxLat: 31.2 }
 */
export function boundsOf(rings: number[][][]): Bounds {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      if (lng < box.minLng) box.minLng = lng;
      if (lng > box.maxLng) box.maxLng = lng;
      if (lat < box.minLat) box.minLat = lat;
      if (lat > box.maxLat) box.maxLat = lat;
    }
  }
  return box;
}
