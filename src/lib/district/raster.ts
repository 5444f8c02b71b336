/**
 * The uncovered area of a set of regions as a raster of square cells, each
 * holding the uncovered m² inside it, with per-row prefix sums so the
 * uncovered area inside any circle costs one subtraction per row it spans.
 * This is what makes siting fast: a candidate's gain is a few dozen
 * additions, and covering a chosen circle rewrites only its rows.
 */
import type { AreaGeometry } from '../geo/area-geometry.ts';
import { boundsOf, ringsOf } from '../geo/area-geometry.ts';
import { type Circle, uncoveredRows } from '../geo/coverage.ts';
import { METRES_PER_DEGREE } from '../geo/distance.ts';
import type { LngLat } from '../content/model.ts';

/** A raster position: columns and rows, fractional, cell (c, r) spanning [c, c + 1) × [r, r + 1). */
export type CellPoint = [number, number];

export interface UncoveredRaster {
  /** Cell side, metres. */
  readonly cellM: number;
  readonly width: number;
  readonly height: number;
  /** Uncovered m² in the disc of `radiusM` around a raster position. */
  discSum(at: CellPoint, radiusM: number): number;
  /** Marks the disc as covered (cells lose the share of their row the chord crosses). */
  cover(at: CellPoint, radiusM: number): void;
  /** A copy to cover independently. */
  clone(): UncoveredRaster;
  toLngLat(at: CellPoint): LngLat;
  toCell(point: LngLat): CellPoint;
  /** Total uncovered m² left. */
  total(): number;
}

export interface RasterOptions {
  /** Cell side, metres. Default: about 1.5 million cells over the regions' box, at least `minCellM`. */
  cellM?: number;
  /** Smallest default cell side, metres. Default 5. */
  minCellM?: number;
}

const RAD = Math.PI / 180;

/**
 * Sweeps each region against the circles on one shared row grid and spreads
 * every uncovered interval over the cells of its row. Columns follow the
 * sinusoidal projection around the box's central meridian (x = Δλ cos φ),
 * so cells are equal-area squares and discs stay round to well under a
 * percent across a city.
 *
 * @example
 * const raster = uncoveredRaster([district], stations);
 * raster.discSum(raster.toCell([121.45, 31.16]), 500) // 412000: m² a new station there would cover
 */
export function uncoveredRaster(
  geometries: readonly AreaGeometry[],
  circles: readonly Circle[],
  options: RasterOptions = {},
): UncoveredRaster {
  const box = boundsOf(geometries.flatMap((g) => ringsOf(g)));
  const heightM = (box.maxLat - box.minLat) * METRES_PER_DEGREE;
  const lng0 = (box.minLng + box.maxLng) / 2;
  const widestCos = Math.cos(Math.min(Math.abs(box.minLat), Math.abs(box.maxLat)) * RAD);
  const widthM = (box.maxLng - box.minLng) * widestCos * METRES_PER_DEGREE;
  const cellM = options.cellM ?? Math.max(options.minCellM ?? 5, Math.sqrt((Math.max(heightM, 1) * Math.max(widthM, 1)) / 1.5e6));
  const height = Math.max(1, Math.ceil(heightM / cellM));
  const width = Math.max(1, Math.ceil(widthM / cellM)) + 2;
  const rowStepDeg = cellM / METRES_PER_DEGREE;
  const grid = { minLat: box.minLat, rowStepDeg, rowCount: height };
  const cells = new Float64Array(width * height);
  const colOf = (lng: number, lat: number) => ((lng - lng0) * Math.cos(lat * RAD) * METRES_PER_DEGREE) / cellM + width / 2;

  for (const geometry of geometries) {
    const rows = uncoveredRows(geometry, circles, { grid });
    for (let r = 0; r < height; r++) {
      const lat = box.minLat + (r + 0.5) * rowStepDeg;
      for (let i = rows.offsets[r]; i < rows.offsets[r + 1]; i++) {
        addSpan(cells, r * width, colOf(rows.starts[i], lat), colOf(rows.ends[i], lat), width, cellM * cellM);
      }
    }
  }
  return createRaster({ cells, width, height, cellM, minLat: box.minLat, lng0, rowStepDeg });
}

/** Adds `perCell` × the share of each cell of one row that [x1, x2] covers. */
function addSpan(cells: Float64Array, rowStart: number, x1: number, x2: number, width: number, perCell: number): void {
  const a = Math.max(0, x1);
  const b = Math.min(width, x2);
  for (let c = Math.floor(a); c < b; c++) {
    const share = Math.min(c + 1, b) - Math.max(c, a);
    if (share > 0) cells[rowStart + c] += share * perCell;
  }
}

interface RasterState {
  cells: Float64Array;
  width: number;
  height: number;
  cellM: number;
  minLat: number;
  lng0: number;
  rowStepDeg: number;
}

function createRaster(state: RasterState): UncoveredRaster {
  const { cells, width, height, cellM, minLat, lng0, rowStepDeg } = state;
  const prefix = new Float64Array((width + 1) * height);
  const sumRow = (r: number) => {
    const p = r * (width + 1);
    prefix[p] = 0;
    for (let c = 0; c < width; c++) prefix[p + c + 1] = prefix[p + c] + cells[r * width + c];
  };
  for (let r = 0; r < height; r++) sumRow(r);

  /** Sum of row r from fractional column x to column 0. */
  const upTo = (r: number, x: number) => {
    if (x <= 0) return 0;
    if (x >= width) return prefix[r * (width + 1) + width];
    const c = Math.floor(x);
    return prefix[r * (width + 1) + c] + (x - c) * cells[r * width + c];
  };

  /** Calls visit(row, x1, x2) for each row the disc's chord crosses (at the row's centre line). */
  const chords = ([cx, cy]: CellPoint, radiusM: number, visit: (r: number, x1: number, x2: number) => void) => {
    const reach = radiusM / cellM;
    const first = Math.max(0, Math.floor(cy - reach));
    const last = Math.min(height - 1, Math.ceil(cy + reach));
    for (let r = first; r <= last; r++) {
      const dy = r + 0.5 - cy;
      const rest = reach * reach - dy * dy;
      if (rest <= 0) continue;
      const half = Math.sqrt(rest);
      visit(r, cx - half, cx + half);
    }
  };

  return {
    cellM,
    width,
    height,
    discSum(at, radiusM) {
      let sum = 0;
      chords(at, radiusM, (r, x1, x2) => {
        sum += upTo(r, x2) - upTo(r, x1);
      });
      return sum;
    },
    cover(at, radiusM) {
      chords(at, radiusM, (r, x1, x2) => {
        const a = Math.max(0, x1);
        const b = Math.min(width, x2);
        for (let c = Math.floor(a); c < b; c++) {
          const share = Math.min(c + 1, b) - Math.max(c, a);
          if (share > 0) cells[r * width + c] *= Math.max(0, 1 - share);
        }
        sumRow(r);
      });
    },
    clone() {
      return createRaster({ ...state, cells: cells.slice() });
    },
    toLngLat([x, y]) {
      const lat = minLat + y * rowStepDeg;
      return [lng0 + ((x - width / 2) * cellM) / (Math.cos(lat * RAD) * METRES_PER_DEGREE), lat];
    },
    toCell([lng, lat]) {
      return [((lng - lng0) * Math.cos(lat * RAD) * METRES_PER_DEGREE) / cellM + width / 2, (lat - minLat) / rowStepDeg];
    },
    total() {
      let sum = 0;
      for (let r = 0; r < height; r++) sum += prefix[r * (width + 1) + width];
      return sum;
    },
  };
}
