/**
 * The files of a built site, as the steps after the pages (search index,
 * offline list, link check) read them.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `dir`, relative, forward slashes, sorted.
 *
 * @example
 * listFiles('dist') // ['_astro/map.1x.js', 'index.html', 'routes/a/index.html', …]
 */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
