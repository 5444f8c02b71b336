/**
 * Datum conversion. Chinese map providers publish "offset" coordinates:
 * GCJ-02 (Amap, Tencent) sits ~485 m from WGS-84 in Xuhui and BD-09 (Baidu)
 * ~1.15 km — more than a service circle's radius — so everything is converted
 * to WGS-84 once, at load, here and nowhere else.
 */
import gcoord from 'gcoord';
import type { Crs } from '../../schemas/common.ts';
import type { LngLat } from '../content/model.ts';

const GCOORD_CRS = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
} as const;

/** Human names of the datums, for pages and messages. */
export const CRS_NAMES: Record<Crs, string> = {
  wgs84: 'WGS-84（GPS、OpenStreetMap）',
  gcj02: 'GCJ-02（高德、腾讯）',
  bd09: 'BD-09（百度）',
};

/**
 * Converts a position to WGS-84.
 *
 * @example
 * toWgs84([121.439062, 31.204017], 'gcj02') // ≈ [121.43444, 31.20589]
 */
export function toWgs84(point: readonly number[], crs: Crs = 'wgs84'): LngLat {
  const lngLat: LngLat = [point[0], point[1]];
  if (crs === 'wgs84') return lngLat;
  // gcoord mutates array input in place; hand it a copy.
  const [lng, lat] = gcoord.transform([...lngLat] as LngLat, GCOORD_CRS[crs], gcoord.WGS84);
  return [lng, lat];
}

/**
 * Converts a WGS-84 position to another datum (for showing editors the value
 * their map app would display).
 *
 * @example
 * fromWgs84([121.43444, 31.20589], 'gcj02') // ≈ [121.43906, 31.20402]
 */
export function fromWgs84(point: LngLat, crs: Crs): LngLat {
  if (crs === 'wgs84') return [point[0], point[1]];
  const [lng, lat] = gcoord.transform([point[0], point[1]] as LngLat, gcoord.WGS84, GCOORD_CRS[crs]);
  return [lng, lat];
}

/**
 * Converts every position of a line to WGS-84.
 *
 * @example
 * lineToWgs84([[121.44, 31.2], [121.45, 31.21]], 'bd09')
 */
export function lineToWgs84(line: readonly (readonly number[])[], crs: Crs = 'wgs84'): LngLat[] {
  return line.map((p) => toWgs84(p, crs));
}
