/**
 * A minimal PNG encoder (8-bit RGB, no filtering), so the build can write its
 * app icons and tests can make real image files without an image library.
 */
import { crc32, deflateSync } from 'node:zlib';

/**
 * Encodes RGB rows, each `width × 3` bytes, as a PNG file.
 *
 * @example
 * encodeRgbPng(1, 1, [Buffer.from([255, 0, 0])]) // a one-pixel red PNG
 */
export function encodeRgbPng(width: number, height: number, rows: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, default compression, filter and interlace
  // Each scanline starts with its filter type: 0, none.
  const scanlines = Buffer.concat(rows.flatMap((row) => [Buffer.from([0]), row]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
