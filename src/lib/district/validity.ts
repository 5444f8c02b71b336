/**
 * Whether a region's outline can be measured at all. A ring that does not
 * close, crosses itself or holds coordinates off the globe would come out
 * as 0 %, half an area or NaN on a map; each is named here instead, with
 * the GeoJSON path of the ring or point at fault.
 */
import type { RegionGeometry } from '../../schemas/regions.ts';

export interface GeometryFault {
  /** Path in the file, e.g. `geometry.coordinates[0][12]`. */
  field: string;
  /** What is wrong, in Chinese. */
  reason: string;
}

export interface FaultOptions {
  /** Most vertices a region may have, all rings together. Default 100,000: far more than a 街镇 outline needs. */
  maxVertices?: number;
  /** Most pairs of edges compared in the crossing test before giving up with a fault. Default 50 million. */
  maxPairs?: number;
}

interface Ring {
  path: string;
  points: number[][];
}

/**
 * Faults of a Polygon or MultiPolygon: coordinates out of range, rings not
 * closed, and edges that cross (within a ring or between rings). Edges that
 * only touch or overlap along a line are left alone: neighbouring parts
 * legitimately share vertices. Only the first crossing is named, since one
 * fix usually removes the rest.
 *
 * @example
 * geometryFaults({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] })
 * // [{ field: 'geometry.coordinates[0][0]', reason: '第 1 个环的第 1 条边与第 1 个环的第 3 条边交叉，交点约在 [0.5, 0.5]' }]
 */
export function geometryFaults(geometry: RegionGeometry, options: FaultOptions = {}): GeometryFault[] {
  const maxVertices = options.maxVertices ?? 100_000;
  const rings = ringsWithPaths(geometry);
  const vertices = rings.reduce((sum, ring) => sum + ring.points.length, 0);
  if (vertices > maxVertices) {
    return [
      {
        field: 'geometry.coordinates',
        reason: `边界有 ${vertices.toLocaleString('en')} 个点，超过上限 ${maxVertices.toLocaleString('en')}：请先简化（例如 mapshaper 的 simplify，保留 1–5 米的精度已足够）`,
      },
    ];
  }
  const faults: GeometryFault[] = [];
  for (const ring of rings) {
    const bad = ring.points.findIndex(([lng, lat]) => !(Math.abs(lng) <= 180 && Math.abs(lat) <= 90));
    if (bad >= 0) {
      const [lng, lat] = ring.points[bad];
      faults.push({
        field: `${ring.path}[${bad}]`,
        reason: `坐标 [${lng}, ${lat}] 超出范围（经度应在 −180 到 180，纬度在 −90 到 90；上海约为 [121.4, 31.2]${Math.abs(lat) > 90 && Math.abs(lng) <= 90 ? '，看起来经度和纬度写反了' : ''}）`,
      });
      continue;
    }
    const first = ring.points[0];
    const last = ring.points[ring.points.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      faults.push({
        field: ring.path,
        reason: `环没有闭合：第一个点 [${first[0]}, ${first[1]}] 和最后一个点 [${last[0]}, ${last[1]}] 不同，GeoJSON 要求环的首尾是同一个点`,
      });
    }
  }
  if (faults.length === 0) {
    const crossing = firstCrossing(rings, options.maxPairs ?? 50_000_000);
    if (crossing) faults.push(crossing);
  }
  return faults;
}

function ringsWithPaths(geometry: RegionGeometry): Ring[] {
  if (geometry.type === 'Polygon') {
    return geometry.coordinates.map((points, i) => ({ path: `geometry.coordinates[${i}]`, points }));
  }
  return geometry.coordinates.flatMap((polygon, p) =>
    polygon.map((points, i) => ({ path: `geometry.coordinates[${p}][${i}]`, points })),
  );
}

/**
 * Edges sorted by west end; each is compared only with the edges that start
 * before it ends, so an outline of thousands of vertices takes milliseconds.
 * An outline whose edges nearly all overlap in longitude (thousands of long
 * spikes) would take quadratic time: past `maxPairs` comparisons it is
 * reported as too complex rather than left to stall the build.
 */
function firstCrossing(rings: Ring[], maxPairs: number): GeometryFault | undefined {
  const edges: { ring: number; index: number; count: number; x1: number; y1: number; x2: number; y2: number }[] = [];
  rings.forEach((ring, r) => {
    const count = ring.points.length - 1;
    for (let i = 0; i < count; i++) {
      const [x1, y1] = ring.points[i];
      const [x2, y2] = ring.points[i + 1];
      edges.push({ ring: r, index: i, count, x1, y1, x2, y2 });
    }
  });
  const west = (e: (typeof edges)[number]) => Math.min(e.x1, e.x2);
  const eastOf = (e: (typeof edges)[number]) => Math.max(e.x1, e.x2);
  edges.sort((a, b) => west(a) - west(b));
  let pairs = 0;
  for (let i = 0; i < edges.length; i++) {
    const a = edges[i];
    const aEast = eastOf(a);
    for (let j = i + 1; j < edges.length && west(edges[j]) <= aEast; j++) {
      if (++pairs > maxPairs) {
        return { field: 'geometry.coordinates', reason: '边界过于复杂（大量很长的边相互重叠），无法检查是否自相交：请先简化' };
      }
      const b = edges[j];
      if (a.ring === b.ring && neighbours(a.index, b.index, a.count)) continue;
      const at = properCrossing(a, b);
      if (!at) continue;
      const [first, second] = a.ring < b.ring || (a.ring === b.ring && a.index < b.index) ? [a, b] : [b, a];
      return {
        field: `${rings[first.ring].path}[${first.index}]`,
        reason: `第 ${first.ring + 1} 个环的第 ${first.index + 1} 条边与第 ${second.ring + 1} 个环的第 ${second.index + 1} 条边交叉，交点约在 [${at[0].toFixed(6)}, ${at[1].toFixed(6)}]：边界自相交或两个部分重叠`,
      };
    }
  }
  return undefined;
}

function neighbours(i: number, j: number, count: number): boolean {
  const d = Math.abs(i - j);
  return d <= 1 || d === count - 1;
}

/** Where two segments cross at a point inside both (not at an end), or null. */
function properCrossing(
  a: { x1: number; y1: number; x2: number; y2: number },
  b: { x1: number; y1: number; x2: number; y2: number },
): [number, number] | null {
  const d1 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const d2 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  const d3 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const d4 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  if (!(d1 * d2 < 0 && d3 * d4 < 0)) return null;
  const t = d1 / (d1 - d2);
  return [a.x1 + t * (a.x2 - a.x1), a.y1 + t * (a.y2 - a.y1)];
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}
