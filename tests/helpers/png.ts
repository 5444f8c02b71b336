/**
 * A real PNG file built in memory (no image library, no fixture binary in
 * git), so tests can exercise the loader's checks and Astro's image pipeline.
 */
import { crc32, deflateSync } from 'node:zlib';

/**
 * An RGB PNG of one colour.
 *
 * @example
 * writeFileSync('photo.png', png(64, 48))
 */
export function png(width: number, height: number, rgb: [number, number, number] = [180, 30, 30]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, default compression, filter and interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
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

/** The first bytes of an iPhone HEIC photo: enough for a format check, not a picture. */
export const HEIC_HEAD = Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1');
