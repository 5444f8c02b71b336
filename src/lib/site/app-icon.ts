/**
 * The app icon (the favicon's yellow star on red) as PNG files for the web
 * app manifest and iOS home screens, rasterised here so the build needs no
 * image library. The star keeps inside the central 80 % circle, so the same
 * square serves as a "maskable" icon that launchers crop to their shape.
 */
import { encodeRgbPng } from './png.ts';

export const ICON_SIZES = [180, 192, 512] as const;

const RED: readonly number[] = [0xa6, 0x1c, 0x21];
const YELLOW: readonly number[] = [0xff, 0xd5, 0x4a];

/** The favicon's star in its 32-unit square. */
const STAR: readonly [number, number][] = [
  [16, 5], [19.2, 12.6], [27.4, 13.3], [21.2, 18.7], [23.1, 26.7],
  [16, 22.4], [8.9, 26.7], [10.8, 18.7], [4.6, 13.3], [12.8, 12.6],
];

/** Samples per pixel side: 4 × 4 gives smooth edges. */
const SAMPLES = 4;

/**
 * Where a horizontal line at `y` crosses the polygon's edges, left to right:
 * between the 1st and 2nd crossing the line is inside, and so on.
 *
 * @example
 * crossings(16, STAR) // [7.7, 24.3] (the star at its middle)
 */
function crossings(y: number, polygon: readonly [number, number][]): number[] {
  const xs: number[] = [];
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  return xs.sort((a, b) => a - b);
}

/**
 * The icon as a PNG file, `size` pixels square. Each row of samples is
 * filled between the star's edge crossings (a scanline fill), so the cost
 * grows with the pixels, not pixels × edges.
 *
 * @example
 * iconPng(192).subarray(1, 4).toString() // 'PNG'
 */
export function iconPng(size: number): Buffer {
  const scale = 32 / size;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const hits = new Uint8Array(size);
    for (let sy = 0; sy < SAMPLES; sy++) {
      const xs = crossings((py + (sy + 0.5) / SAMPLES) * scale, STAR);
      let crossed = 0;
      for (let sample = 0; sample < size * SAMPLES; sample++) {
        const x = ((sample + 0.5) / SAMPLES) * scale;
        while (crossed < xs.length && xs[crossed] <= x) crossed++;
        if (crossed % 2 === 1) hits[Math.floor(sample / SAMPLES)]++;
      }
    }
    const row = Buffer.alloc(size * 3);
    for (let px = 0; px < size; px++) {
      const t = hits[px] / (SAMPLES * SAMPLES);
      for (let c = 0; c < 3; c++) row[px * 3 + c] = Math.round(RED[c] + (YELLOW[c] - RED[c]) * t);
    }
    rows.push(row);
  }
  return encodeRgbPng(size, size, rows);
}
