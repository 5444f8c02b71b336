/**
 * Regions as a tree (the district holds its 13 街镇 through
 * `properties.parent`) and which region a point lies in.
 */
import turfArea from '@turf/area';
import { createAreaTest } from '../geo/contains.ts';
import type { LngLat, RegionEntry } from '../content/model.ts';
import { closest, type Problem, problem } from '../content/problems.ts';

interface Located {
  region: RegionEntry;
  areaM2: number;
  inside: (point: LngLat) => boolean;
}

const locators = new WeakMap<readonly RegionEntry[], Located[]>();

/** Regions smallest first, each with its point test; built once per regions array. */
function locatorsOf(regions: readonly RegionEntry[]): Located[] {
  let list = locators.get(regions);
  if (!list) {
    list = regions
      .map((region) => ({ region, areaM2: turfArea(region.geometry), inside: createAreaTest(region.geometry) }))
      .sort((a, b) => a.areaM2 - b.areaM2 || a.region.id.localeCompare(b.region.id));
    locators.set(regions, list);
  }
  return list;
}

/**
 * The smallest region holding the point (a 街镇 rather than the district),
 * or undefined when none does. The point tests are built on the first call
 * for a given array and reused, so asking for every station and building of
 * a site costs one test each.
 *
 * @example
 * regionOfPoint([121.4375, 31.195], content.regions)?.id // 'xujiahui'
 */
export function regionOfPoint(point: LngLat, regions: readonly RegionEntry[]): RegionEntry | undefined {
  return locatorsOf(regions).find((l) => l.inside(point))?.region;
}

/** `properties.parent` as written, or null. */
export function parentOf(region: RegionEntry): string | null {
  const parent = region.properties.parent;
  return typeof parent === 'string' && parent !== '' ? parent : null;
}

/**
 * The regions at the top of the tree: no parent, or a parent that does not
 * exist (already an error). Siting measures these together by default.
 *
 * @example
 * topLevelRegions(content.regions).map((r) => r.id) // ['xuhui']
 */
export function topLevelRegions(regions: readonly RegionEntry[]): RegionEntry[] {
  const ids = new Set(regions.map((r) => r.id));
  return regions.filter((r) => {
    const parent = parentOf(r);
    return parent === null || !ids.has(parent);
  });
}

/**
 * Parents must name a region, and following parents must never come back to
 * where it started. One problem per region at fault, on `properties.parent`.
 * `unusable` are ids of region files that exist but could not be read.
 *
 * @example
 * checkRegionParents([{ id: 'a', properties: { parent: 'b' } }, { id: 'b', properties: { parent: 'a' } }])
 * // [region-parent-cycle on regions/a.geojson, region-parent-cycle on regions/b.geojson]
 */
export function checkRegionParents(regions: readonly RegionEntry[], options: { unusable?: ReadonlySet<string> } = {}): Problem[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const problems: Problem[] = [];
  for (const region of regions) {
    const parent = parentOf(region);
    // A parent whose own file could not be used has its own error already.
    if (parent === null || options.unusable?.has(parent)) continue;
    const where = { file: region.file, field: 'properties.parent' };
    if (!byId.has(parent)) {
      problems.push(
        problem('region-parent-unknown', where, {
          region: region.id,
          parent,
          suggestion: closest(parent, byId.keys()),
          ids: [...byId.keys()].filter((id) => id !== region.id).join('、'),
        }),
      );
      continue;
    }
    const chain = cycleFrom(region, byId);
    if (chain) problems.push(problem('region-parent-cycle', where, { region: region.id, chain: chain.join(' → ') }));
  }
  return problems;
}

/** The ids of the cycle the region's parents run into when the region is on it, ending where they start. */
function cycleFrom(region: RegionEntry, byId: Map<string, RegionEntry>): string[] | undefined {
  const chain = [region.id];
  let at = region;
  for (;;) {
    const parent = parentOf(at);
    const next = parent === null ? undefined : byId.get(parent);
    if (!next) return undefined;
    chain.push(next.id);
    if (next.id === region.id) return chain;
    if (chain.length > byId.size + 1) return undefined;
    at = next;
  }
}
