/**
 * A real PNG file built in memory (no image library, no fixture binary in
 * git), so tests can exercise the loader's checks and Astro's image pipeline.
 */
import { encodeRgbPng } from '../../src/lib/site/png.ts';

/**
 * An RGB PNG of one colour.
 *
 * @example
 * writeFileSync('photo.png', png(64, 48))
 */
export function png(width: number, height: number, rgb: [number, number, number] = [180, 30, 30]): Buffer {
  const row = Buffer.from(Array.from({ length: width }, () => rgb).flat());
  return encodeRgbPng(width, height, Array.from({ length: height }, () => row));
}

/** The first bytes of an iPhone HEIC photo: enough for a format check, not a picture. */
export const HEIC_HEAD = Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1');
