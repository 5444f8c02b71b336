/**
 * The point of a vacuum farthest from every station. The distance to the
 * nearest station changes by at most one metre per metre moved, so a box
 * can hold no point farther than the distance at its centre plus half its
 * diagonal: branch and bound on boxes of rows × longitudes, always
 * splitting the most promising box, prunes all but the few boxes near the
 * answer.
 */
import type { UncoveredRows } from '../geo/coverage.ts';
import { METRES_PER_DEGREE } from '../geo/distance.ts';
import type { LngLat } from '../content/model.ts';
import type { RowComponent } from './components.ts';

export interface FarthestOptions {
  /** Stop when no box can beat the best point by more than this, metres. Default 0.5. */
  toleranceM?: number;
  /** Safety limit on boxes examined. Default 20,000. */
  maxBoxes?: number;
}

export interface Farthest {
  point: LngLat;
  /** Distance to the nearest station, metres (Infinity without stations). */
  distanceM: number;
}

interface Box {
  r0: number;
  r1: number;
  x0: number;
  x1: number;
  bound: number;
}

const RAD = Math.PI / 180;

/**
 * Farthest point of one connected part, among the rows' centre lines (so
 * within half a row spacing of the true answer). `distanceTo` is the
 * distance from a point to its nearest station.
 *
 * @example
 * farthestPoint(rows, part, (lng, lat) => nearestDistance(lng, lat))
 * // { point: [121.4505, 31.2089], distanceM: 2328.4 }
 */
export function farthestPoint(
  rows: UncoveredRows,
  part: RowComponent,
  distanceTo: (lng: number, lat: number) => number,
  options: FarthestOptions = {},
): Farthest {
  const toleranceM = options.toleranceM ?? 0.5;
  const maxBoxes = options.maxBoxes ?? 20_000;
  const latOf = (r: number) => rows.minLat + (r + 0.5) * rows.rowStepDeg;
  let west = Infinity;
  let east = -Infinity;
  for (const i of part.ids) {
    west = Math.min(west, rows.starts[i]);
    east = Math.max(east, rows.ends[i]);
  }

  let best: Farthest = { point: middlePoint(rows, part), distanceM: -Infinity };
  best.distanceM = distanceTo(best.point[0], best.point[1]);
  if (!Number.isFinite(best.distanceM)) return best;

  const heap = new BoxHeap();
  const consider = (r0: number, r1: number, x0: number, x1: number) => {
    const inside = probe(rows, part, r0, r1, x0, x1);
    if (!inside) return;
    const d = distanceTo(inside[0], inside[1]);
    if (d > best.distanceM) best = { point: inside, distanceM: d };
    const cLat = (latOf(r0) + latOf(r1)) / 2;
    const equatorward = Math.min(Math.abs(latOf(r0)), Math.abs(latOf(r1)));
    const halfW = ((x1 - x0) / 2) * Math.cos(equatorward * RAD) * METRES_PER_DEGREE;
    const halfH = ((r1 - r0) / 2) * rows.rowSpacingM;
    const bound = distanceTo((x0 + x1) / 2, cLat) + Math.hypot(halfW, halfH);
    if (bound > best.distanceM + toleranceM) heap.push({ r0, r1, x0, x1, bound });
  };
  consider(part.firstRow, part.lastRow, west, east);

  for (let examined = 0; examined < maxBoxes; examined++) {
    const box = heap.pop();
    if (!box || box.bound <= best.distanceM + toleranceM) break;
    const { r0, r1, x0, x1 } = box;
    const widthM = (x1 - x0) * Math.cos(latOf(r0) * RAD) * METRES_PER_DEGREE;
    const heightM = (r1 - r0) * rows.rowSpacingM;
    if (heightM >= widthM && r1 > r0) {
      const mid = (r0 + r1) >> 1;
      consider(r0, mid, x0, x1);
      consider(mid + 1, r1, x0, x1);
    } else {
      const mid = (x0 + x1) / 2;
      consider(r0, r1, x0, mid);
      consider(r0, r1, mid, x1);
    }
  }
  return best;
}

/**
 * A point of the part inside the box, as near the box's centre as a quick
 * look finds: on the row nearest the centre that has an interval meeting
 * the box, the interval's point nearest the centre's longitude.
 */
function probe(rows: UncoveredRows, part: RowComponent, r0: number, r1: number, x0: number, x1: number): LngLat | null {
  const cx = (x0 + x1) / 2;
  const mid = (r0 + r1) >> 1;
  for (let step = 0; mid - step >= r0 || mid + step <= r1; step++) {
    for (const r of step === 0 ? [mid] : [mid - step, mid + step]) {
      if (r < r0 || r > r1 || r < part.firstRow || r > part.lastRow) continue;
      const from = part.rowOffsets[r - part.firstRow];
      const to = part.rowOffsets[r - part.firstRow + 1];
      let bestX = NaN;
      for (let k = from; k < to; k++) {
        const i = part.ids[k];
        const a = Math.max(rows.starts[i], x0);
        const b = Math.min(rows.ends[i], x1);
        if (b < a) continue;
        const x = Math.min(b, Math.max(a, cx));
        if (Number.isNaN(bestX) || Math.abs(x - cx) < Math.abs(bestX - cx)) bestX = x;
      }
      if (!Number.isNaN(bestX)) return [bestX, rows.minLat + (r + 0.5) * rows.rowStepDeg];
    }
  }
  return null;
}

/** The middle of the longest interval on the part's middle row: a point inside it (a part's rows are contiguous). */
export function middlePoint(rows: UncoveredRows, part: RowComponent): LngLat {
  const r = (part.firstRow + part.lastRow) >> 1;
  const from = part.rowOffsets[r - part.firstRow];
  const to = part.rowOffsets[r - part.firstRow + 1];
  let longest = part.ids[from];
  for (let k = from; k < to; k++) {
    const i = part.ids[k];
    if (rows.ends[i] - rows.starts[i] > rows.ends[longest] - rows.starts[longest]) longest = i;
  }
  return [(rows.starts[longest] + rows.ends[longest]) / 2, rows.minLat + (r + 0.5) * rows.rowStepDeg];
}

/** A max-heap of boxes by bound. */
class BoxHeap {
  private items: Box[] = [];

  push(box: Box): void {
    const items = this.items;
    items.push(box);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (items[up].bound >= items[i].bound) break;
      [items[up], items[i]] = [items[i], items[up]];
      i = up;
    }
  }

  pop(): Box | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l].bound > items[m].bound) m = l;
        if (r < items.length && items[r].bound > items[m].bound) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i], items[m]];
        i = m;
      }
    }
    return top;
  }
}
