/**
 * Reads a tests/fixtures/geo/<name>.geojson FeatureCollection: Points with an
 * `id` and `radius` are stations, a Point with role "query" is a probe, the
 * LineString is a route and the Polygon/MultiPolygon a region.
 */
import { readFileSync } from 'node:fs';
import type { AreaGeometry } from '../../../src/lib/geo/area-geometry.ts';
import { EARTH_RADIUS_M, METRES_PER_DEGREE } from '../../../src/lib/geo/distance.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';

export interface GeoFixture {
  note: string;
  stations: { id: string; point: LngLat; radius: number }[];
  line: LngLat[];
  query: LngLat;
  region: AreaGeometry;
}

export function loadGeoFixture(name: string): GeoFixture {
  const url = new URL(`../../fixtures/geo/${name}.geojson`, import.meta.url);
  const collection = JSON.parse(readFileSync(url, 'utf8'));
  const out = { note: collection.properties.note, stations: [] } as unknown as GeoFixture;
  for (const f of collection.features) {
    const g = f.geometry;
    if (g.type === 'Point' && f.properties.role === 'query') out.query = g.coordinates;
    else if (g.type === 'Point') out.stations.push({ id: f.properties.id, point: g.coordinates, radius: f.properties.radius });
    else if (g.type === 'LineString') out.line = g.coordinates;
    else out.region = g;
  }
  return out;
}

/** Metres north of latitude `fromLat` along a meridian: distances are exact there. */
export const metresNorth = (lat: number, fromLat: number) => (lat - fromLat) * METRES_PER_DEGREE;

/** A point `m` metres north of `[lng, lat]`. */
export const north = ([lng, lat]: LngLat, m: number): LngLat => [lng, lat + m / METRES_PER_DEGREE];

/** A point `m` metres east of `[lng, lat]` (along its parallel). */
export const east = ([lng, lat]: LngLat, m: number): LngLat => [
  lng + m / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180)),
  lat,
];

/**
 * The exact area of a ring bounded by two meridians and two parallels, on
 * the sphere every measure here uses (R = 6,371,008.8 m, as Turf):
 * R² · Δλ · (sin φ₂ − sin φ₁). An analytic oracle, independent of the code
 * under test. Throws for any other shape.
 *
 * @example
 * boxAreaM2(loadGeoFixture('square-one-circle').region.coordinates[0]) // 4,000,003.1
 */
export function boxAreaM2(ring: readonly (readonly number[])[]): number {
  const lngs = [...new Set(ring.map((p) => p[0]))];
  const lats = [...new Set(ring.map((p) => p[1]))];
  if (lngs.length !== 2 || lats.length !== 2) throw new Error('boxAreaM2 takes a ring of two meridians and two parallels');
  const rad = Math.PI / 180;
  return EARTH_RADIUS_M ** 2 * Math.abs(lngs[1] - lngs[0]) * rad * Math.abs(Math.sin(lats[1] * rad) - Math.sin(lats[0] * rad));
}
