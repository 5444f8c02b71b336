/**
 * The two images the map style uses, drawn pixel by pixel so no sprite sheet
 * is fetched: diagonal stripes for uncovered areas and a diamond for
 * buildings (the same marks as the static SVG).
 */
import { COLORS } from './palette.ts';
import { IMAGES } from './style.ts';

/** An RGBA image as `map.addImage` takes it. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Images are drawn at twice their CSS size, sharp on phone screens. */
export const IMAGE_PIXEL_RATIO = 2;

function rgba(hex: string, alpha = 255): [number, number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

function paint(size: number, colorAt: (x: number, y: number) => [number, number, number, number] | null): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const color = colorAt(x, y);
      if (color) data.set(color, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/**
 * Stripes at 45° that tile seamlessly: a pixel is striped when (x + y) mod
 * the tile size falls in the first part of the period.
 *
 * @example
 * hatchImage().width // 20
 */
export function hatchImage(): RgbaImage {
  const size = 20;
  const stripe = rgba(COLORS.uncovered);
  const ground = rgba(COLORS.region);
  return paint(size, (x, y) => ((x + y) % size < 8 ? stripe : ground));
}

/**
 * A dark diamond with a white rim.
 *
 * @example
 * diamondImage().data.length // 28 * 28 * 4
 */
export function diamondImage(): RgbaImage {
  const size = 28;
  const c = (size - 1) / 2;
  const fill = rgba(COLORS.building);
  const rim = rgba('#ffffff');
  return paint(size, (x, y) => {
    const d = Math.abs(x - c) + Math.abs(y - c);
    return d <= c - 4 ? fill : d <= c ? rim : null;
  });
}

/** Draws an image the style asks for; undefined for names it does not know. */
export function styleImage(name: string): RgbaImage | undefined {
  if (name === IMAGES.hatch) return hatchImage();
  if (name === IMAGES.diamond) return diamondImage();
  return undefined;
}
