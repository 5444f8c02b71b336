/**
 * Checks the image files an entry names in `images[].src`. The schema already
 * requires src, alt, credit and license; here we make sure each file is beside
 * the entry, exists with exactly that name, is not too large and really is an
 * image Astro's pipeline can read, so a bad photo is a clear message on the
 * pull request rather than a crash halfway through the build.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { type EntryRef, exactName, insideContent, isInside, LIMITS, outsideProblem, toPosix } from './files.ts';
import type { EntryImage } from './model.ts';
import { problem, type Problem } from './problems.ts';

/** Larger photos bloat the repository for ever; the site makes its own sizes anyway. */
export const IMAGE_MAX_MB = 5;

type Format = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

const FORMAT_OF_EXTENSION: Record<string, Format> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.avif': 'avif',
  '.gif': 'gif',
};

/** Extensions of image files that may sit beside entries. */
export const IMAGE_EXTENSIONS = new Set(Object.keys(FORMAT_OF_EXTENSION));

/**
 * The usable images of an entry from its raw frontmatter `images` value;
 * problems for the others. Items without a string src are left to the schema.
 *
 * @example
 * checkImages(fm.data.images, { root, collection: 'buildings', id: 'a', file: 'buildings/a.md', absPath, lineOf }, problems)
 */
export function checkImages(value: unknown, entry: EntryRef, problems: Problem[]): EntryImage[] {
  if (!Array.isArray(value)) return [];
  const images: EntryImage[] = [];
  value.forEach((item, i) => {
    if (!item || typeof item !== 'object' || typeof (item as { src?: unknown }).src !== 'string') return;
    const image = item as Record<string, unknown> & { src: string };
    const field = `images[${i}].src`;
    const where = { file: entry.file, line: entry.lineOf(field), field };
    let absPath: string | undefined;
    try {
      absPath = checkImageFile(image.src, entry, where, problems);
    } catch (error) {
      // A file or folder the checker may not read is a problem to report, not a crash.
      problems.push(problem('file-unreadable', where, { reason: `${image.src}：${(error as Error).message}` }));
    }
    if (!absPath) return;
    images.push({
      src: image.src,
      file: toPosix(path.relative(entry.root, absPath)),
      absPath,
      alt: String(image.alt ?? ''),
      credit: String(image.credit ?? ''),
      license: String(image.license ?? ''),
    });
  });
  return images;
}

/** The image's absolute path when it is usable; otherwise one problem and undefined. */
function checkImageFile(
  src: string,
  entry: EntryRef,
  where: { file: string; line?: number; field: string },
  problems: Problem[],
): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.startsWith('\\')) {
    problems.push(
      problem('field-invalid', where, {
        field: where.field,
        reason: `“${src}”是网址或绝对路径；网站不从别处加载图片。`,
        fix: `请把图片下载后放进 ${entry.collection}/${entry.id}/ 文件夹，写 src: ${entry.id}/${path.posix.basename(src) || 'photo.jpg'}（并确认许可允许转载）。`,
      }),
    );
    return undefined;
  }
  const absPath = path.resolve(path.dirname(entry.absPath), src);
  if (isInside(entry.root, absPath) && !insideContent(entry.root, absPath)) {
    // Inside as written, outside once links are followed.
    problems.push(outsideProblem(src, absPath, '图片', where));
    return undefined;
  }
  if (!isInside(entry.root, absPath)) {
    problems.push(
      problem('field-invalid', where, {
        field: where.field,
        reason: `“${src}”在内容目录之外。`,
        fix: `请把图片放进 ${entry.collection}/${entry.id}/ 文件夹，写 src: ${entry.id}/${path.basename(src)}。`,
      }),
    );
    return undefined;
  }
  const expected = FORMAT_OF_EXTENSION[path.extname(src).toLowerCase()];
  if (!expected) {
    problems.push(problem('image-format', where, { src, reason: `不支持扩展名“${path.extname(src) || '（无）'}”。` }));
    return undefined;
  }
  const actualName = exactName(absPath);
  if (actualName !== path.basename(absPath)) {
    const name = path.basename(src);
    problems.push(
      problem('image-missing', where, {
        src,
        actual: actualName,
        example: `${entry.collection}/${entry.id}/${name}`,
        exampleSrc: `${entry.id}/${name}`,
      }),
    );
    return undefined;
  }
  const size = statSync(absPath).size;
  if (size > IMAGE_MAX_MB * 1024 * 1024) {
    problems.push(
      problem('image-too-large', where, { src, sizeMB: (size / 1024 / 1024).toFixed(1), limitMB: IMAGE_MAX_MB }),
    );
    return undefined;
  }
  const actual = sniffFormat(absPath);
  if (actual !== expected) {
    const reason = actual
      ? `扩展名是 ${path.extname(src)}，文件内容却是 ${actual.toUpperCase()} 格式。`
      : '文件内容不是可识别的图片（可能已损坏，或是改了扩展名的其他文件）。';
    problems.push(problem('image-format', where, { src, reason }));
    return undefined;
  }
  // A 20,000 × 20,000 PNG of one colour is a few megabytes but 1.6 GB once decoded, for every size made.
  const pixels = imageSize(absPath, expected);
  if (pixels && pixels.width * pixels.height > LIMITS.imageMegapixels * 1e6) {
    problems.push(
      problem('image-too-many-pixels', where, {
        src,
        width: pixels.width,
        height: pixels.height,
        megapixels: Math.round((pixels.width * pixels.height) / 1e6),
        limit: LIMITS.imageMegapixels,
      }),
    );
    return undefined;
  }
  return absPath;
}

/** Bytes read to find an image's size: JPEG and AVIF may put metadata (EXIF, thumbnails) first. */
const SIZE_HEAD_BYTES = 256 * 1024;

/**
 * Width and height from an image file's header, without decoding it;
 * undefined when the header does not say (the image pipeline decides then).
 *
 * @example
 * imageSize('front.png', 'png') // { width: 2400, height: 1600 }
 */
export function imageSize(absPath: string, format: Format): { width: number; height: number } | undefined {
  const head = readHead(absPath, SIZE_HEAD_BYTES);
  switch (format) {
    case 'png':
      return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
    case 'gif':
      return { width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
    case 'webp':
      return webpSize(head);
    case 'jpeg':
      return jpegSize(head);
    case 'avif':
      return avifSize(head);
  }
}

function webpSize(head: Buffer): { width: number; height: number } | undefined {
  const chunk = head.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: head.readUIntLE(24, 3) + 1, height: head.readUIntLE(27, 3) + 1 };
  if (chunk === 'VP8L') {
    const bits = head.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff };
  return undefined;
}

/** The size in the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(head: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < head.length) {
    if (head[at] !== 0xff) return undefined;
    const marker = head[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = head.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: head.readUInt16BE(at + 7), height: head.readUInt16BE(at + 5) };
    }
    at += 2 + length;
  }
  return undefined;
}

/** The largest `ispe` (image spatial extents) box: the primary image, not its thumbnail. */
function avifSize(head: Buffer): { width: number; height: number } | undefined {
  let best: { width: number; height: number } | undefined;
  for (let at = head.indexOf('ispe'); at >= 0 && at + 16 <= head.length; at = head.indexOf('ispe', at + 4)) {
    const size = { width: head.readUInt32BE(at + 8), height: head.readUInt32BE(at + 12) };
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

/** The image format from the file's first bytes (HEIC named, so the message can say so). */
function sniffFormat(absPath: string): Format | 'heic' | undefined {
  const head = Buffer.alloc(32);
  readHead(absPath, 32).copy(head);
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (head.toString('latin1', 4, 8) === 'ftyp') {
    // ISO media: the major brand, then compatible brands, say which image codec.
    const brands = head.toString('latin1', 8, 32);
    if (/avi[fs]/.test(brands)) return 'avif';
    if (/hei[cxms]|hev[cx]/.test(brands)) return 'heic';
  }
  return undefined;
}

/** The first `bytes` bytes of a file (fewer when it is shorter). */
function readHead(absPath: string, bytes: number): Buffer {
  const head = Buffer.alloc(bytes);
  const fd = openSync(absPath, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
