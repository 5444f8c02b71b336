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

/**
 * Directed edges in columns: edge i runs from (x1[i], boundary k1[i]) to
 * (x2[i], boundary k2[i]); boundary k lies between rows k − 1 and k.
 */
interface Edges {
  count: number;
  x1: Float64Array;
  k1: Int32Array;
  x2: Float64Array;
  k2: Int32Array;
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
  const tolerance = toleranceM / METRES_PER_DEGREE;
  const rings = linkRings(edges, latOf)
    .map((ring) => simplifyRing(ring, tolerance, kx))
    .filter((ring) => ring.length >= 4);
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

function staircaseEdges(rows: UncoveredRows, part: RowComponent): Edges {
  // At most four edges per interval: two vertical, and one horizontal piece on each side.
  const capacity = 4 * part.ids.length + 4;
  const edges: Edges = {
    count: 0,
    x1: new Float64Array(capacity),
    k1: new Int32Array(capacity),
    x2: new Float64Array(capacity),
    k2: new Int32Array(capacity),
  };
  const add = (x1: number, k1: number, x2: number, k2: number) => {
    const i = edges.count++;
    edges.x1[i] = x1;
    edges.k1[i] = k1;
    edges.x2[i] = x2;
    edges.k2[i] = k2;
  };
  const rowIds = (r: number) =>
    r < part.firstRow || r > part.lastRow
      ? part.ids.subarray(0, 0)
      : part.ids.subarray(part.rowOffsets[r - part.firstRow], part.rowOffsets[r - part.firstRow + 1]);
  const { starts, ends } = rows;
  let below = rowIds(part.firstRow - 1);
  for (let r = part.firstRow; r <= part.lastRow + 1; r++) {
    const above = rowIds(r);
    // Boundary r: inside above only → edge heading east; inside below only → heading west.
    difference(starts, ends, above, below, (a, b) => add(a, r, b, r));
    difference(starts, ends, below, above, (a, b) => add(b, r, a, r));
    for (const i of above) {
      add(starts[i], r + 1, starts[i], r);
      add(ends[i], r, ends[i], r + 1);
    }
    below = above;
  }
  return edges;
}

/** Visits the parts of intervals `from` outside intervals `minus` (both sorted, disjoint; ids into starts/ends). */
function difference(
  starts: Float64Array,
  ends: Float64Array,
  from: Uint32Array,
  minus: Uint32Array,
  visit: (a: number, b: number) => void,
): void {
  let j = 0;
  for (const i of from) {
    let at = starts[i];
    const b = ends[i];
    while (j < minus.length && ends[minus[j]] <= at) j++;
    for (let m = j; m < minus.length && starts[minus[m]] < b; m++) {
      if (starts[minus[m]] > at) visit(at, starts[minus[m]]);
      at = Math.max(at, ends[minus[m]]);
    }
    if (at < b) visit(at, b);
  }
}

/**
 * Follows edges end to start into closed rings, collinear vertices dropped. The edges starting on each boundary are
 * sorted by longitude once, so finding the next edge is a binary search.
 */
function linkRings(edges: Edges, latOf: (k: number) => number): FlatRing[] {
  const { count, x1, k1, x2, k2 } = edges;
  let minK = Infinity;
  let maxK = -Infinity;
  for (let i = 0; i < count; i++) {
    minK = Math.min(minK, k1[i]);
    maxK = Math.max(maxK, k1[i]);
  }
  const span = count > 0 ? maxK - minK + 1 : 0;
  const offsets = new Uint32Array(span + 1);
  for (let i = 0; i < count; i++) offsets[k1[i] - minK + 1]++;
  for (let k = 0; k < span; k++) offsets[k + 1] += offsets[k];
  const byStart = new Uint32Array(count);
  const fill = offsets.slice(0, span);
  for (let i = 0; i < count; i++) byStart[fill[k1[i] - minK]++] = i;
  for (let k = 0; k < span; k++) sortByKey(byStart, offsets[k], offsets[k + 1], x1);

  const used = new Uint8Array(count);
  const next = (x: number, k: number): number => {
    if (k < minK || k > maxK) return -1;
    let lo = offsets[k - minK];
    let hi = offsets[k - minK + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x1[byStart[mid]] < x) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < offsets[k - minK + 1] && x1[byStart[lo]] === x; lo++) if (!used[byStart[lo]]) return byStart[lo];
    return -1;
  };
  const rings: FlatRing[] = [];
  const xs: number[] = [];
  const ks: number[] = [];
  for (let s = 0; s < count; s++) {
    if (used[s]) continue;
    xs.length = 0;
    ks.length = 0;
    for (let i = s; i >= 0; i = next(x2[i], k2[i])) {
      used[i] = 1;
      xs.push(x1[i]);
      ks.push(k1[i]);
    }
    const ring = dropCollinear(xs, ks, latOf);
    if (ring.xs.length >= 4) rings.push(ring);
  }
  return rings;
}

/** A closed ring as coordinate columns, the first vertex repeated last. */
interface FlatRing {
  xs: Float64Array;
  ys: Float64Array;
}

/** Insertion sort of ids[from, to) by key: the edges starting on one boundary are a handful. */
function sortByKey(ids: Uint32Array, from: number, to: number, key: Float64Array): void {
  for (let i = from + 1; i < to; i++) {
    const id = ids[i];
    const value = key[id];
    let j = i - 1;
    while (j >= from && key[ids[j]] > value) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

/**
 * Staircase vertices in the middle of a straight run (same x or same
 * boundary on both sides) add nothing; the rest become a closed ring in
 * degrees.
 */
function dropCollinear(xs: number[], ks: number[], latOf: (k: number) => number): FlatRing {
  const n = xs.length;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i + n - 1) % n;
    const b = (i + 1) % n;
    const straight = (xs[a] === xs[i] && xs[i] === xs[b]) || (ks[a] === ks[i] && ks[i] === ks[b]);
    if (!straight) keep.push(i);
  }
  const m = keep.length;
  const ring = { xs: new Float64Array(m + 1), ys: new Float64Array(m + 1) };
  keep.forEach((i, j) => {
    ring.xs[j] = xs[i];
    ring.ys[j] = latOf(ks[i]);
  });
  if (m > 0) {
    ring.xs[m] = ring.xs[0];
    ring.ys[m] = ring.ys[0];
  }
  return ring;
}

/**
 * Douglas–Peucker on a closed ring, distances on a plane where a degree of
 * longitude is `kx` degrees of latitude; returns the kept vertices rounded
 * to six decimals (about 0.1 m), repeats dropped.
 */
function simplifyRing({ xs, ys }: FlatRing, tolerance: number, kx: number): number[][] {
  const n = xs.length - 1;
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[n] = 1;
  // Split the ring at its first vertex and the vertex farthest from it.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot((xs[i] - xs[0]) * kx, ys[i] - ys[0]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack = [0, far, far, n];
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(xs[i], ys[i], xs[a], ys[a], xs[b], ys[b], kx);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(a, worst, worst, b);
    }
  }
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) {
    if (!keep[i]) continue;
    const x = round6(xs[i]);
    const y = round6(ys[i]);
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  return out;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number, kx: number): number {
  const dx = (bx - ax) * kx;
  const dy = by - ay;
  const qx = (px - ax) * kx;
  const qy = py - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2));
  return Math.hypot(qx - t * dx, qy - t * dy);
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
