/**
 * Reads back a QR code that src/lib/learners/qr.ts drew: the SVG's path is turned
 * into modules, the modules into black-on-white RGBA pixels, and jsQR
 * decodes those, so no rasteriser or canvas is needed.
 */
import jsQR from 'jsqr';

/**
 * The modules an SVG from qrSvg() paints, quiet zone included, read from its viewBox and path.
 *
 * @example
 * modulesOf(qrSvg('https://example.org/')).length // 33
 */
export function modulesOf(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y)][Number(x) + i] = true;
  }
  return grid;
}

/** RGBA pixels, `scale` pixels per module, black on white. */
export function rasterise(grid: boolean[][], scale = 4): { data: Uint8ClampedArray; size: number } {
  const size = grid.length * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!grid[Math.floor(y / scale)][Math.floor(x / scale)]) continue;
      data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { data, size };
}

/**
 * The text of a QR code SVG, or undefined when it does not decode.
 *
 * @example
 * decodeQrSvg(qrSvg('https://example.org/')) // 'https://example.org/'
 */
export function decodeQrSvg(svg: string): string | undefined {
  const { data, size } = rasterise(modulesOf(svg));
  return jsQR(data, size, size, { inversionAttempts: 'dontInvert' })?.data;
}
