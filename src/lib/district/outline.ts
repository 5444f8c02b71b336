/**
 * The outline of a connected part of row intervals, as a GeoJSON polygon.
 * Each interval stands for a rectangle one row high; the part is their
 * union, whose boundary is a staircase: a vertical edge at each interval's
 * ends and horizontal edges where neighbouring rows differ. The edges are
 * directed with the inside on their left, so linking them end to start
 * gives outer rings anticlockwise and holes clockwise, as RFC 7946 asks.
 * Douglas–Peucker then removes the stairs.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { UncoveredRows } from '../geo/coverage.ts';
import { METRES_PER_DEGREE } from '../geo/distance.ts';
import type { RowComponent } from './components.ts';

export interface OutlineOptions {
  /** Largest distance a simplified ring may stray from the staircase, metres. Default: one row spacing. */
  toleranceM?: number;
}

/** A vertex: longitude and row boundary (boundary k lies between rows k − 1 and k). */
interface Edge {
  x1: number;
  k1: number;
  x2: number;
  k2: number;
}

const RAD = Math.PI / 180;

/**
 * @example
 * partOutline(rows, parts[0]) // { type: 'Polygon', coordinates: [[[121.43, 31.19], …]] }
 */
export function partOutline(rows: UncoveredRows, part: RowComponent, options: OutlineOptions = {}): Polygon | MultiPolygon {
  const toleranceM = options.toleranceM ?? rows.rowSpacingM;
  const edges = staircaseEdges(rows, part);
  const latOf = (k: number) => rows.minLat + k * rows.rowStepDeg;
  const kx = Math.cos(latOf((part.firstRow + part.lastRow) / 2) * RAD);
  const rings = linkRings(edges)
    .map((ring) => ring.map(([x, k]) => [x, latOf(k)]))
    .map((ring) => simplifyRing(ring, toleranceM / METRES_PER_DEGREE, kx))
    .filter((ring) => ring.length >= 4)
    .map((ring) => ring.map(([x, y]) => [round6(x), round6(y)]));
  const outers = rings.filter((ring) => signedArea(ring) > 0);
  const holes = rings.filter((ring) => signedArea(ring) < 0);
  if (outers.length === 1) return { type: 'Polygon', coordinates: [outers[0], ...holes] };
  const polygons = outers.map((outer) => [outer]);
  for (const hole of holes) {
    const owner = polygons.find((p) => ringContains(p[0], hole[0][0], hole[0][1]));
    owner?.push(hole);
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

function staircaseEdges(rows: UncoveredRows, part: RowComponent): Edge[] {
  const edges: Edge[] = [];
  const rowIntervals = (r: number): [number, number][] => {
    if (r < part.firstRow || r > part.lastRow) return [];
    const out: [number, number][] = [];
    for (let k = part.rowOffsets[r - part.firstRow]; k < part.rowOffsets[r - part.firstRow + 1]; k++) {
      const i = part.ids[k];
      out.push([rows.starts[i], rows.ends[i]]);
    }
    return out;
  };
  let below = rowIntervals(part.firstRow - 1);
  for (let r = part.firstRow; r <= part.lastRow + 1; r++) {
    const above = rowIntervals(r);
    // Boundary r: inside above only → edge heading east; inside below only → heading west.
    for (const [a, b] of difference(above, below)) edges.push({ x1: a, k1: r, x2: b, k2: r });
    for (const [a, b] of difference(below, above)) edges.push({ x1: b, k1: r, x2: a, k2: r });
    for (const [a, b] of above) {
      edges.push({ x1: a, k1: r + 1, x2: a, k2: r });
      edges.push({ x1: b, k1: r, x2: b, k2: r + 1 });
    }
    below = above;
  }
  return edges;
}

/** Parts of sorted disjoint intervals `from` outside sorted disjoint intervals `minus`; empty pieces dropped. */
function difference(from: [number, number][], minus: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let j = 0;
  for (const [a, b] of from) {
    let at = a;
    while (j < minus.length && minus[j][1] <= at) j++;
    for (let m = j; m < minus.length && minus[m][0] < b; m++) {
      if (minus[m][0] > at) out.push([at, minus[m][0]]);
      at = Math.max(at, minus[m][1]);
    }
    if (at < b) out.push([at, b]);
  }
  return out;
}

/** Follows edges end to start into closed rings of [x, boundary] vertices, collinear vertices dropped. */
function linkRings(edges: Edge[]): [number, number][][] {
  const starting = new Map<number, Map<number, number[]>>();
  edges.forEach((e, i) => {
    let byX = starting.get(e.k1);
    if (!byX) starting.set(e.k1, (byX = new Map()));
    const list = byX.get(e.x1);
    if (list) list.push(i);
    else byX.set(e.x1, [i]);
  });
  const used = new Uint8Array(edges.length);
  const next = (x: number, k: number): number => {
    const list = starting.get(k)?.get(x) ?? [];
    for (const i of list) if (!used[i]) return i;
    return -1;
  };
  const rings: [number, number][][] = [];
  for (let s = 0; s < edges.length; s++) {
    if (used[s]) continue;
    const ring: [number, number][] = [];
    for (let i = s; i >= 0; i = next(edges[i].x2, edges[i].k2)) {
      used[i] = 1;
      ring.push([edges[i].x1, edges[i].k1]);
    }
    const clean = dropCollinear(ring);
    if (clean.length >= 3) rings.push([...clean, clean[0]]);
  }
  return rings;
}

/** Staircase vertices in the middle of a straight run (same x or same boundary on both sides) add nothing. */
function dropCollinear(ring: [number, number][]): [number, number][] {
  const n = ring.length;
  return ring.filter((p, i) => {
    const a = ring[(i + n - 1) % n];
    const b = ring[(i + 1) % n];
    return !((a[0] === p[0] && p[0] === b[0]) || (a[1] === p[1] && p[1] === b[1]));
  });
}

/**
 * Douglas–Peucker on a closed ring (first point repeated last), distances
 * on a plane where a degree of longitude is `kx` degrees of latitude.
 */
function simplifyRing(ring: number[][], tolerance: number, kx: number): number[][] {
  const n = ring.length - 1;
  if (n < 4) return ring;
  // Split the ring at its first vertex and the vertex farthest from it.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot((ring[i][0] - ring[0][0]) * kx, ring[i][1] - ring[0][1]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[far] = keep[n] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, n],
  ];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(ring[i], ring[a], ring[b], kx);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

function segmentDistance(p: number[], a: number[], b: number[], kx: number): number {
  const dx = (b[0] - a[0]) * kx;
  const dy = b[1] - a[1];
  const px = (p[0] - a[0]) * kx;
  const py = p[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** Shoelace sum: positive for an anticlockwise ring. */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function ringContains(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[j];
    if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
  }
  return inside;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
