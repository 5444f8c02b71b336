/**
 * Connected parts of a set of row intervals: two intervals in neighbouring
 * rows belong to the same part when they overlap in longitude.
 */
import type { UncoveredRows } from '../geo/coverage.ts';

/** One connected part: its intervals, row by row. */
export interface RowComponent {
  /** First and last row holding an interval of the part. */
  firstRow: number;
  lastRow: number;
  /** Row `firstRow + i` holds intervals `ids[rowOffsets[i]] … ids[rowOffsets[i + 1] - 1]`, west to east. */
  rowOffsets: Uint32Array;
  /** Indices into the sweep's `starts` / `ends`. */
  ids: Uint32Array;
  /** Sum of interval lengths × cos φ, in the sweep's unit (`UncoveredRows.insideUnits`). */
  units: number;
}

const RAD = Math.PI / 180;

/**
 * Labels the intervals of a sweep by connected part (union–find over
 * neighbouring rows, two sorted lists merged per pair of rows) and returns
 * the parts, largest first.
 *
 * @example
 * const parts = connectedParts(uncoveredRows(square, circles));
 * parts.length // 2 when a circle cuts the square in two
 */
export function connectedParts(rows: UncoveredRows): RowComponent[] {
  const { offsets, starts, ends, rowCount } = rows;
  const n = starts.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (let r = 0; r + 1 < rowCount; r++) {
    let a = offsets[r];
    let b = offsets[r + 1];
    const aEnd = offsets[r + 1];
    const bEnd = offsets[r + 2];
    while (a < aEnd && b < bEnd) {
      if (ends[a] > starts[b] && ends[b] > starts[a]) {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
      if (ends[a] < ends[b]) a++;
      else b++;
    }
  }

  // Roots are numbered in order of first interval; a stable counting sort by
  // label keeps each part's intervals in row order, west to east.
  const label = new Int32Array(n);
  let count = 0;
  const rootLabel = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let l = rootLabel.get(root);
    if (l === undefined) {
      l = count++;
      rootLabel.set(root, l);
    }
    label[i] = l;
  }
  const sizes = new Uint32Array(count + 1);
  for (let i = 0; i < n; i++) sizes[label[i] + 1]++;
  for (let l = 0; l < count; l++) sizes[l + 1] += sizes[l];
  const sorted = new Uint32Array(n);
  const fill = sizes.slice(0, count);
  for (let i = 0; i < n; i++) sorted[fill[label[i]]++] = i;

  const rowOf = new Uint32Array(n);
  for (let r = 0; r < rowCount; r++) rowOf.fill(r, offsets[r], offsets[r + 1]);

  const parts: RowComponent[] = [];
  for (let l = 0; l < count; l++) {
    const ids = sorted.subarray(sizes[l], sizes[l + 1]);
    const firstRow = rowOf[ids[0]];
    const lastRow = rowOf[ids[ids.length - 1]];
    const rowOffsets = new Uint32Array(lastRow - firstRow + 2);
    let units = 0;
    for (const i of ids) {
      rowOffsets[rowOf[i] - firstRow + 1]++;
      const lat = rows.minLat + (rowOf[i] + 0.5) * rows.rowStepDeg;
      units += (ends[i] - starts[i]) * Math.cos(lat * RAD);
    }
    for (let k = 0; k + 1 < rowOffsets.length; k++) rowOffsets[k + 1] += rowOffsets[k];
    parts.push({ firstRow, lastRow, rowOffsets, ids, units });
  }
  return parts.sort((a, b) => b.units - a.units);
}
