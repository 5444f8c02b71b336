/**
 * What the district picture adds to the checker's report (shared/spec/
 * content-format.md, "Balance, vacuums and siting"). The pages read these
 * from the same report object that `npm run check -- --json` writes.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LngLat } from '../content/model.ts';

/** The five tiers of "1+13+X", in the order tables show them. */
export const TIERS = ['district', 'subdistrict', 'neighborhood', 'building', 'park'] as const;
export type Tier = (typeof TIERS)[number];

/** Stations whose centre lies inside a region, per tier (all five keys, zeros included). */
export type StationsByTier = Record<Tier, number>;

/** A 真空地带: one connected part of a region that no circle covers. */
export interface VacuumReport {
  /** m², right to within 2 % + 2,000 m². */
  areaM2: number;
  /** The point of the vacuum farthest from every station, `[lng, lat]`. */
  point: LngLat;
  /** Distance from `point` to the nearest station, metres; null when the content has no station. */
  maxDistanceM: number | null;
  /** Id of that station; null when the content has no station. */
  nearestStation: string | null;
  /** The vacuum's outline, WGS-84, six decimals, simplified for drawing and download. */
  geometry: Polygon | MultiPolygon;
}

/** Where a new station would newly cover the most uncovered area. */
export interface Suggestion {
  point: LngLat;
  /** Id of the smallest region holding the point. */
  region: string;
  /** Area this suggestion newly covers, given the stations and the suggestions before it, m². */
  gainM2: number;
  /** Covered share of the measured area once this and the suggestions before it are added, 0–100. */
  coveredPercentAfter: number;
}
