/**
 * Reading a file named by content, as if a stranger wrote it: it must lie
 * inside the content folder once every symbolic link is followed, be no
 * larger than its kind allows, and be UTF-8 text. Each refusal is one located
 * problem; the file's bytes are never quoted (a link to a system file must
 * not put that file into a public pull-request annotation).
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { problem, type Problem, type Where } from './problems.ts';

/** Size and count limits on content (YAML's are in frontmatter.ts; CONTRIBUTING.md “安全” lists them all). */
export const LIMITS = {
  /** An entry file (.md/.mdx), frontmatter and body together. */
  entryFileBytes: 2 * 1024 * 1024,
  /**
   * An entry's body: about 170,000 Chinese characters, several times a long
   * article. Search indexing takes about 45 µs per Chinese character (Pagefind,
   * both passes), so this bounds one page at about 8 s.
   */
  bodyBytes: 512 * 1024,
  /** A track file (.gpx/.geojson) or region file. */
  trackFileBytes: 10 * 1024 * 1024,
  /** Points of one track (file or inline path): a day's walk logged every metre. */
  trackPoints: 50_000,
  /** A walking route in total, kilometres. */
  routeKm: 100,
  /** Two consecutive points of a route, kilometres. */
  segmentKm: 20,
  /** Pixels of one image, millions: a 50-megapixel camera's photo. */
  imageMegapixels: 50,
  /** Places farther than this from every region are flagged, kilometres. */
  regionDistanceKm: 20,
} as const;

export interface ReadOptions {
  /** Content root, absolute. */
  root: string;
  /** What the file is, for messages: `条目文件`, `轨迹文件`. */
  what: string;
  maxBytes: number;
  /** How to make the file smaller, for the size message. */
  fix: string;
  /** Where to report problems. */
  where: Where;
  /** The path as the editor wrote it, for messages (default: relative to the root). */
  shown?: string;
}

/**
 * The text of a content file, or undefined with a problem pushed. A BOM is
 * dropped.
 *
 * @example
 * readContentText('/site/content/routes/walk.gpx', { root: '/site/content', what: '轨迹文件', maxBytes: LIMITS.trackFileBytes, fix: '…', where }, problems)
 */
export function readContentText(absPath: string, options: ReadOptions, problems: Problem[]): string | undefined {
  const { root, where } = options;
  const shown = options.shown ?? toPosix(path.relative(root, absPath));
  let real: string;
  try {
    real = realpathSync(absPath);
  } catch (error) {
    problems.push(problem('file-unreadable', where, { reason: `${shown}：${errorCode(error)}` }));
    return undefined;
  }
  if (!isInside(realRoot(root), real)) {
    problems.push(outsideProblem(shown, absPath, options.what, where));
    return undefined;
  }
  const stat = statSync(real);
  if (!stat.isFile()) {
    problems.push(problem('file-unreadable', where, { reason: `${shown}：这是文件夹，不是文件` }));
    return undefined;
  }
  const size = stat.size;
  if (size > options.maxBytes) {
    problems.push(
      problem('file-too-large', where, {
        what: `${options.what}“${shown}”`,
        size: megabytes(size),
        limit: megabytes(options.maxBytes),
        fix: options.fix,
      }),
    );
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(real);
  } catch (error) {
    problems.push(problem('file-unreadable', where, { reason: `${shown}：${errorCode(error)}` }));
    return undefined;
  }
  if (!isUtf8(bytes)) {
    problems.push(problem('encoding-invalid', { ...where, line: invalidUtf8Line(bytes) }, { line: invalidUtf8Line(bytes) }));
    return undefined;
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * True when a path, after following links, lies inside the content root.
 * A path that does not exist is judged by where it would be.
 *
 * @example
 * insideContent('/site/content', '/site/content/buildings/a/front.jpg') // true
 * insideContent('/site/content', '/etc/passwd')                         // false
 */
export function insideContent(root: string, absPath: string): boolean {
  let real = absPath;
  try {
    real = realpathSync(absPath);
  } catch {
    // Missing: the caller reports that; judge the written path.
  }
  return isInside(realRoot(root), real) || isInside(path.resolve(root), real);
}

/** The problem for a file outside the content folder, saying whether a link took it there. */
export function outsideProblem(shown: string, absPath: string, what: string, where: Where): Problem {
  let link = false;
  try {
    link = lstatSync(absPath).isSymbolicLink();
  } catch {
    // A missing file is no link.
  }
  const example = what === '图片' ? 'buildings/<id>/photo.jpg' : 'routes/<路线 id>.gpx（与路线文件放在一起）';
  return problem('path-outside-content', where, { what, path: shown, link: link ? 1 : undefined, example });
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/** Whether `absPath` lies below `root`, as written (no links followed). */
export function isInside(root: string, absPath: string): boolean {
  const relative = path.relative(root, absPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The 1-based line of the first byte that is not valid UTF-8. */
function invalidUtf8Line(bytes: Buffer): number {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) return line;
    if (bytes[i] === 0x0a) line++;
    i += length;
  }
  return line;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  // Let the decoder judge overlong forms and surrogates in the few bytes we have.
  return isUtf8(bytes.subarray(i, i + length)) ? length : 0;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The system error's code (ENOENT, EACCES, ELOOP), never its message: that may quote paths outside. */
function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: '文件不存在（或是指向不存在文件的链接）',
    EACCES: '没有读取权限',
    ELOOP: '符号链接循环',
    EISDIR: '这是文件夹，不是文件',
  };
  return (code && known[code]) ?? `无法读取（${code ?? '未知原因'}）`;
}

/** A path with `/` separators, as content files name each other. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** An entry that names files beside it (images, recordings). */
export interface EntryRef {
  /** Content root, absolute. */
  root: string;
  collection: string;
  id: string;
  /** Entry file relative to the root, e.g. `buildings/a.md`. */
  file: string;
  absPath: string;
  /** Line of a frontmatter field, for messages. */
  lineOf: (field: string) => number | undefined;
}

/**
 * The file's name as it is on disk: itself, a name that differs only in case
 * (fine on an editor's Mac, missing on the Linux build), or undefined.
 *
 * @example
 * exactName('/site/content/buildings/a/Front.JPG') // 'front.jpg' when only that exists
 */
export function exactName(absPath: string): string | undefined {
  const dir = path.dirname(absPath);
  const name = path.basename(absPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const names = readdirSync(dir);
  if (names.includes(name)) return statSync(absPath).isFile() ? name : undefined;
  return names.find((n) => n.toLowerCase() === name.toLowerCase());
}
