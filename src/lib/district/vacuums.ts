/**
 * 真空地带: the connected parts of a region that no service circle covers,
 * with their area, outline and the point farthest from every station. One
 * scanline sweep gives the region's coverage and its vacuums together.
 */
import type { AreaGeometry } from '../geo/area-geometry.ts';
import { type CoverageOptions, coverageOf, uncoveredRows, type UncoveredRows } from '../geo/coverage.ts';
import { haversineCoords } from '../geo/distance.ts';
import type { CircleStation, StationIndex } from '../geo/station-index.ts';
import { connectedParts } from './components.ts';
import { farthestPoint } from './farthest.ts';
import { partOutline } from './outline.ts';
import type { VacuumReport } from './types.ts';

export interface VacuumOptions extends CoverageOptions {
  /** Smallest vacuum reported, m². Default 10,000 (the contract's). */
  minAreaM2?: number;
  /** Simplification tolerance of the outlines, metres. Default: the row spacing. */
  simplifyM?: number;
}

export interface RegionPicture {
  /** Area of the region, m² (`@turf/area`). */
  areaM2: number;
  /** Covered share, 0–100. */
  coveredPercent: number;
  uncoveredAreaM2: number;
  /** Largest first, each at least `minAreaM2`. */
  vacuums: VacuumReport[];
  /** The sweep itself, for callers that measure more from it. */
  rows: UncoveredRows;
}

/**
 * Coverage and vacuums of one region. Areas are the sweep's own
 * measurements scaled to the region's spherical area, so the vacuums of a
 * region add up to its uncovered area less the parts under `minAreaM2`.
 *
 * @example
 * const index = createStationIndex([{ id: 'corner', point: [121.4294861, 31.1910068], radius: 500 }]);
 * regionVacuums(square2km, index).vacuums[0]
 * // { areaM2: 3803650, point: [121.450514, 31.208993], maxDistanceM: 2828.4, nearestStation: 'corner', geometry: {…} }
 */
export function regionVacuums<S extends CircleStation>(
  geometry: AreaGeometry,
  index: StationIndex<S>,
  options: VacuumOptions = {},
): RegionPicture {
  const minAreaM2 = options.minAreaM2 ?? 10_000;
  const rows = uncoveredRows(geometry, index.stations, options);
  const m2PerUnit = rows.insideUnits > 0 ? rows.areaM2 / rows.insideUnits : 0;
  const distanceTo = (lng: number, lat: number) => {
    const i = index.nearestIndex(lng, lat);
    return i < 0 ? Infinity : haversineCoords(lng, lat, index.stations[i].point[0], index.stations[i].point[1]);
  };
  const vacuums: VacuumReport[] = [];
  for (const part of connectedParts(rows)) {
    const areaM2 = part.units * m2PerUnit;
    if (areaM2 < minAreaM2) break;
    const far = farthestPoint(rows, part, distanceTo);
    const nearest = index.nearestIndex(far.point[0], far.point[1]);
    vacuums.push({
      areaM2: round(areaM2),
      point: [round6(far.point[0]), round6(far.point[1])],
      maxDistanceM: Number.isFinite(far.distanceM) ? round(far.distanceM) : null,
      nearestStation: nearest < 0 ? null : index.stations[nearest].id,
      geometry: partOutline(rows, part, { toleranceM: options.simplifyM }),
    });
  }
  return { ...coverageOf(rows), vacuums, rows };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
