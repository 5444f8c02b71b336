/**
 * Siting (选址建议): where k new stations would newly cover the most
 * uncovered area of the measured regions, one after the other.
 *
 * Greedy on a fine candidate grid over an uncovered-area raster, with lazy
 * re-evaluation (a candidate's gain can only shrink as circles are added,
 * so a stale gain is an upper bound and most candidates are never looked
 * at again); then a swap pass (each chosen point is re-chosen given the
 * others) and a continuous refinement of each point. Gains and shares in
 * the result are measured afterwards by exact scanline sweeps, not taken
 * from the raster.
 */
import turfArea from '@turf/area';
import { createAreaTest } from '../geo/contains.ts';
import { type Circle, coverageOf, uncoveredRows } from '../geo/coverage.ts';
import { boundsOf, ringsOf, type AreaGeometry } from '../geo/area-geometry.ts';
import { METRES_PER_DEGREE } from '../geo/distance.ts';
import type { Content, LngLat, RegionEntry } from '../content/model.ts';
import { type CellPoint, uncoveredRaster, type UncoveredRaster } from './raster.ts';
import { regionOfPoint, topLevelRegions } from './regions.ts';
import type { Suggestion } from './types.ts';

export interface SitingOptions {
  /** How many new stations, 1–100. */
  k: number;
  /** Id of the region to measure; default every top-level region together. */
  region?: string;
  /** Radius of the new stations, metres. Default 500. */
  radiusM?: number;
}

/** Thrown for a request that cannot be answered (no regions, unknown region, bad k or radius); message in Chinese. */
export class SitingError extends Error {}

/**
 * Suggests where k new stations would cover the most uncovered area. Fewer
 * than k come back when the measured area is covered before that.
 * Deterministic: the same content gives the same points.
 *
 * @example
 * suggestSites(content, { k: 5 })
 * // [{ point: [121.452, 31.158], region: 'longhua', gainM2: 412000, coveredPercentAfter: 78.9 }, …]
 * suggestSites(content, { k: 2, region: 'longhua' })
 */
export function suggestSites(content: Content, options: SitingOptions): Suggestion[] {
  return createSitePlanner(content, { radiusM: options.radiusM }).suggest(options.k, options.region);
}

export interface SitePlanner {
  suggest(k: number, region?: string): Suggestion[];
}

/**
 * A planner for one content: the station circles and the region lookup are
 * prepared once, so the pages can ask for the district and for each 街镇 in
 * turn.
 *
 * @example
 * const planner = createSitePlanner(content);
 * planner.suggest(5);            // the district
 * planner.suggest(2, 'longhua'); // one 街镇
 */
export function createSitePlanner(content: Content, options: { radiusM?: number } = {}): SitePlanner {
  const radiusM = options.radiusM ?? 500;
  if (!(Number.isFinite(radiusM) && radiusM > 0)) throw new SitingError(`新站点的服务半径应为大于 0 的米数，收到 ${radiusM}。`);
  const circles: Circle[] = content.stations.map((s) => ({ point: s.point, radius: s.data.radius }));
  const regions = content.regions;
  return {
    suggest(k, regionId) {
      if (!(Number.isInteger(k) && k >= 1 && k <= 100)) throw new SitingError(`建议的站点数应为 1 到 100 之间的整数，收到 ${k}。`);
      const measured = measuredRegions(regions, regionId);
      return planSites(measured, circles, regions, { k, radiusM });
    },
  };
}

/** The region asked for, or every top-level region (no parent, or a parent that does not exist). */
function measuredRegions(regions: readonly RegionEntry[], regionId: string | undefined): RegionEntry[] {
  if (regions.length === 0) throw new SitingError('内容中没有区域（content/regions/），无法计算选址建议。');
  if (regionId !== undefined) {
    const region = regions.find((r) => r.id === regionId);
    if (!region) throw new SitingError(`没有 id 为“${regionId}”的区域。`);
    return [region];
  }
  return topLevelRegions(regions);
}

interface PlanOptions {
  k: number;
  radiusM: number;
}

function planSites(
  measured: readonly RegionEntry[],
  circles: readonly Circle[],
  allRegions: readonly RegionEntry[],
  { k, radiusM }: PlanOptions,
): Suggestion[] {
  const geometries = measured.map((r) => r.geometry);
  // Cells of a fiftieth of the radius place a circle to a few metres (refinement goes to a quarter cell).
  const base = uncoveredRaster(geometries, circles, { minCellM: radiusM / 50 });
  const tests = geometries.map((g) => createAreaTest(g));
  const inside = (at: CellPoint) => {
    const point = base.toLngLat(at);
    return tests.some((t) => t(point));
  };
  const candidates = candidateGrid(base, inside, radiusM);
  let chosen = greedy(base, candidates, k, radiusM);
  chosen = swapPass(base, candidates, chosen, radiusM);
  chosen = chosen.map((_, j) => refine(othersCovered(base, chosen, j, radiusM), chosen[j], radiusM, base.cellM, inside));
  const ordered = greedyOrder(base, chosen, radiusM);
  return measure(geometries, circles, ordered.map((at) => base.toLngLat(at)), radiusM, allRegions);
}

interface Candidates {
  points: CellPoint[];
  /** Gain of each on the raster before any suggestion: an upper bound for ever after. */
  gains: Float64Array;
  /** Indices by gain, largest first (ties by index, for determinism). */
  order: Uint32Array;
}

/**
 * Candidate centres every few cells inside the measured area: about R/8
 * apart, but no more than a million over a whole city. Those that would
 * cover nothing are dropped.
 */
function candidateGrid(raster: UncoveredRaster, inside: (at: CellPoint) => boolean, radiusM: number): Candidates {
  const areaCells = raster.width * raster.height;
  const step = Math.max(1, Math.round(radiusM / 8 / raster.cellM), Math.ceil(Math.sqrt(areaCells / 1e6)));
  const points: CellPoint[] = [];
  const gains: number[] = [];
  for (let y = step / 2; y < raster.height; y += step) {
    for (let x = step / 2; x < raster.width; x += step) {
      const at: CellPoint = [x, y];
      if (!inside(at)) continue;
      const gain = raster.discSum(at, radiusM);
      if (gain <= 0) continue;
      points.push(at);
      gains.push(gain);
    }
  }
  const order = Uint32Array.from(points.keys()).sort((a, b) => gains[b] - gains[a] || a - b);
  return { points, gains: Float64Array.from(gains), order };
}

/** Lazy greedy: re-evaluate the best-looking candidate until it still beats every stale bound. */
function greedy(base: UncoveredRaster, candidates: Candidates, k: number, radiusM: number): CellPoint[] {
  const state = base.clone();
  const bound = candidates.gains.slice();
  const heap = new IndexHeap(bound);
  for (const i of candidates.order) heap.push(i);
  const fresh = new Int32Array(bound.length).fill(-1);
  const chosen: CellPoint[] = [];
  while (chosen.length < k && heap.size > 0) {
    const i = heap.pop();
    if (fresh[i] === chosen.length) {
      if (bound[i] <= 1e-6) break;
      chosen.push(candidates.points[i]);
      state.cover(candidates.points[i], radiusM);
      continue;
    }
    bound[i] = state.discSum(candidates.points[i], radiusM);
    fresh[i] = chosen.length;
    heap.push(i);
  }
  return chosen;
}

/**
 * Each chosen point in turn is replaced by the best candidate given the
 * others, until a round changes nothing (at most three rounds). The
 * candidates are scanned by their initial gain, an upper bound, and the
 * scan stops once no later one can win.
 */
function swapPass(base: UncoveredRaster, candidates: Candidates, chosen: CellPoint[], radiusM: number): CellPoint[] {
  const out = [...chosen];
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (let j = 0; j < out.length; j++) {
      const state = othersCovered(base, out, j, radiusM);
      let best = out[j];
      let bestGain = state.discSum(out[j], radiusM);
      for (const i of candidates.order) {
        if (candidates.gains[i] <= bestGain) break;
        const gain = state.discSum(candidates.points[i], radiusM);
        if (gain > bestGain * (1 + 1e-9) + 1e-6) {
          best = candidates.points[i];
          bestGain = gain;
        }
      }
      if (best !== out[j]) {
        out[j] = best;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

/** The base raster with every chosen point but the j-th covered. */
function othersCovered(base: UncoveredRaster, chosen: readonly CellPoint[], j: number, radiusM: number): UncoveredRaster {
  const state = base.clone();
  chosen.forEach((at, i) => {
    if (i !== j) state.cover(at, radiusM);
  });
  return state;
}

/** Pattern search off the grid: steps in eight directions, halved down to a quarter cell, staying inside. */
function refine(
  state: UncoveredRaster,
  start: CellPoint,
  radiusM: number,
  cellM: number,
  inside: (at: CellPoint) => boolean,
): CellPoint {
  let at = start;
  let gain = state.discSum(at, radiusM);
  for (let step = Math.max(1, radiusM / 16 / cellM); step >= 0.25; step /= 2) {
    for (let moved = true, tries = 0; moved && tries < 50; tries++) {
      moved = false;
      for (const [dx, dy] of DIRECTIONS) {
        const next: CellPoint = [at[0] + dx * step, at[1] + dy * step];
        if (!inside(next)) continue;
        const g = state.discSum(next, radiusM);
        if (g > gain * (1 + 1e-9) + 1e-6) {
          at = next;
          gain = g;
          moved = true;
        }
      }
    }
  }
  return at;
}

const DIRECTIONS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
] as const;

/** The final points in the order a greedy choice among them would take: largest new area first. */
function greedyOrder(base: UncoveredRaster, points: CellPoint[], radiusM: number): CellPoint[] {
  const state = base.clone();
  const left = [...points];
  const out: CellPoint[] = [];
  while (left.length > 0) {
    let best = 0;
    let bestGain = -Infinity;
    left.forEach((at, i) => {
      const gain = state.discSum(at, radiusM);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    const [at] = left.splice(best, 1);
    out.push(at);
    state.cover(at, radiusM);
  }
  return out;
}

/**
 * Exact figures for the result: each suggestion's new area from two sweeps
 * of the band its circle spans (before and after adding it, on 1 m rows),
 * and the share of the measured area once it is added.
 */
function measure(
  geometries: readonly AreaGeometry[],
  circles: readonly Circle[],
  points: LngLat[],
  radiusM: number,
  allRegions: readonly RegionEntry[],
): Suggestion[] {
  const totalArea = geometries.reduce((sum, g) => sum + turfArea(g), 0);
  let uncovered = geometries.reduce((sum, g) => sum + coverageOf(uncoveredRows(g, circles)).uncoveredAreaM2, 0);
  const placed: Circle[] = [...circles];
  const out: Suggestion[] = [];
  for (const point of points) {
    const circle = { point, radius: radiusM };
    const band = bandGrid(circle);
    const before = bandUncovered(geometries, placed, band);
    placed.push(circle);
    const gain = Math.max(0, before - bandUncovered(geometries, placed, band));
    uncovered -= gain;
    out.push({
      point: [round6(point[0]), round6(point[1])],
      region: regionOfPoint(point, allRegions)?.id ?? '',
      gainM2: Math.round(gain),
      coveredPercentAfter: Math.round(Math.max(0, Math.min(100, 100 * (1 - uncovered / totalArea))) * 10) / 10,
    });
  }
  return out;
}

/** Rows about a metre apart over the latitudes a circle spans. */
function bandGrid(circle: Circle) {
  const reachDeg = circle.radius / METRES_PER_DEGREE;
  const rowCount = Math.max(100, Math.ceil(2 * circle.radius));
  return { minLat: circle.point[1] - reachDeg, rowStepDeg: (2 * reachDeg) / rowCount, rowCount };
}

function bandUncovered(geometries: readonly AreaGeometry[], circles: readonly Circle[], grid: ReturnType<typeof bandGrid>): number {
  let m2 = 0;
  for (const g of geometries) {
    const box = boundsOf(ringsOf(g));
    if (box.maxLat < grid.minLat || box.minLat > grid.minLat + grid.rowCount * grid.rowStepDeg) continue;
    const rows = uncoveredRows(g, circles, { grid });
    m2 += rows.uncoveredUnits * METRES_PER_DEGREE * rows.rowSpacingM;
  }
  return m2;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A max-heap of candidate indices keyed by a shared array of values (ties: lower index first). */
class IndexHeap {
  private items: number[] = [];
  private readonly keys: Float64Array;

  constructor(keys: Float64Array) {
    this.keys = keys;
  }

  get size(): number {
    return this.items.length;
  }

  private above(a: number, b: number): boolean {
    return this.keys[a] > this.keys[b] || (this.keys[a] === this.keys[b] && a < b);
  }

  push(i: number): void {
    const items = this.items;
    items.push(i);
    let at = items.length - 1;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!this.above(items[at], items[up])) break;
      [items[up], items[at]] = [items[at], items[up]];
      at = up;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let m = at;
        if (l < items.length && this.above(items[l], items[m])) m = l;
        if (r < items.length && this.above(items[r], items[m])) m = r;
        if (m === at) break;
        [items[m], items[at]] = [items[at], items[m]];
        at = m;
      }
    }
    return top;
  }
}
