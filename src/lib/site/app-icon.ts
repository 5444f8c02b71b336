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
 * @example
 * insidePolygon(16, 16, STAR) // true
 */
function insidePolygon(x: number, y: number, polygon: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The icon as a PNG file, `size` pixels square.
 *
 * @example
 * iconPng(192).subarray(1, 4).toString() // 'PNG'
 */
export function iconPng(size: number): Buffer {
  const scale = 32 / size;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(size * 3);
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) * scale;
          const y = (py + (sy + 0.5) / SAMPLES) * scale;
          if (insidePolygon(x, y, STAR)) hits++;
        }
      }
      const t = hits / (SAMPLES * SAMPLES);
      for (let c = 0; c < 3; c++) row[px * 3 + c] = Math.round(RED[c] + (YELLOW[c] - RED[c]) * t);
    }
    rows.push(row);
  }
  return encodeRgbPng(size, size, rows);
}
