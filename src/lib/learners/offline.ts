/**
 * What the service worker is told about a finished build: a version that
 * changes whenever any file does, and for each page the hashed `_astro/`
 * files it can load (its CSS and scripts, the chunks those import, lazily
 * or not, MapLibre's worker, its images). "Save for offline" caches a page
 * with all of them, so its map works with no connection.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../site/output.ts';

/** Files whose text can name other files. */
const TEXT_FILE = /\.(?:html|js|mjs|css)$/;

export interface OfflineConfig {
  /** Changes with any file of the build: it names the cache. */
  version: string;
  /** Base path, `/` or `/red-routes/`. */
  base: string;
  /** Site paths of the hashed assets, e.g. `/red-routes/_astro/map-client.KwHpNE8B.js`. */
  assets: string[];
  /** Page path → indexes into `assets`. Only pages that load any asset are listed. */
  pages: Record<string, number[]>;
  /** Site paths of the recordings (`/audio/…`), so a new build's worker can carry saved ones over. */
  recordings: string[];
}

/**
 * The page path an HTML file is served at.
 *
 * @example
 * pagePath('routes/a/index.html', '/red/') // '/red/routes/a/'
 * pagePath('404.html', '/') // '/404.html'
 */
export function pagePath(file: string, base: string): string {
  return base + (file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1'));
}

/**
 * The assets a page reaches, directly or through other assets. Hashed file
 * names are unique, so a name after `_astro/` anywhere in the page (a
 * script, a stylesheet, an inline import, a srcset), or anywhere in an
 * asset (an import, `new URL(…)`, a preload list), is taken as a reference. Pass the
 * same `links` for every page of a site: each asset is then read and
 * searched once, not once per page.
 *
 * @example
 * reachableAssets('<script src="/_astro/a.1x.js">', ['a.1x.js', 'b.2y.js'], (n) => (n === 'a.1x.js' ? 'import("../b.2y.js")' : ''))
 * // ['a.1x.js', 'b.2y.js']
 */
export function reachableAssets(
  text: string,
  names: readonly string[],
  read: (name: string) => string,
  links: (name: string) => readonly string[] = assetLinks(names, read),
): string[] {
  const found = new Set<string>();
  const queue = namedAssets(text, names);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (found.has(name)) continue;
    found.add(name);
    queue.push(...links(name));
  }
  return names.filter((name) => found.has(name));
}

const ASSET_DIR = '_astro/';

/**
 * The names that appear in a text right after `_astro/`, as every page
 * names its assets (`/_astro/…`, `/red-routes/_astro/…`). Looking only
 * there, not for each name in the whole page, keeps this one pass over a
 * page however many assets the site has.
 *
 * @example
 * namedAssets('<script src="/red/_astro/a.1x.js"></script>', ['a.1x.js', 'b.2y.js']) // ['a.1x.js']
 */
export function namedAssets(text: string, names: readonly string[]): string[] {
  const found = new Set<string>();
  for (let at = text.indexOf(ASSET_DIR); at !== -1; at = text.indexOf(ASSET_DIR, at + 1)) {
    const start = at + ASSET_DIR.length;
    for (const name of names) if (text.startsWith(name, start)) found.add(name);
  }
  return names.filter((name) => found.has(name));
}

/**
 * The assets each asset names directly, worked out on first use and kept.
 *
 * @example
 * assetLinks(['a.1x.js', 'b.2y.js'], (n) => (n === 'a.1x.js' ? 'import("./b.2y.js")' : ''))('a.1x.js') // ['b.2y.js']
 */
export function assetLinks(names: readonly string[], read: (name: string) => string): (name: string) => readonly string[] {
  const known = new Map<string, string[]>();
  return (name) => {
    let direct = known.get(name);
    if (!direct) {
      const text = TEXT_FILE.test(name) ? read(name) : '';
      direct = names.filter((other) => other !== name && text.includes(other));
      known.set(name, direct);
    }
    return direct;
  };
}

/** What offlineCollector gathers: files can be added in parts, as they appear. */
export interface OfflineCollector {
  /** Reads each file once: its digest, and for a page the assets it reaches. */
  add(files: readonly string[]): void;
  /**
   * The same for a file already read (the build reads each page once for
   * search, offline and links); `text` is its UTF-8 text, when already decoded.
   */
  addFile(file: string, bytes: Uint8Array, text?: string): void;
  /** The worker's configuration for every file added so far. */
  config(): OfflineConfig;
}

/**
 * Gathers the offline configuration of a site whose `_astro/` assets are
 * `files`' assets. The build adds the pages while Pagefind is still writing
 * its index, and the index's files after.
 *
 * @example
 * const offline = offlineCollector('dist', '/', listFiles('dist'));
 * offline.add(listFiles('dist'));
 * offline.config().version // '3f9a0c2e81b4'
 */
export function offlineCollector(siteDir: string, base: string, files: readonly string[]): OfflineCollector {
  const names = files.filter((f) => f.startsWith('_astro/')).map((f) => f.slice('_astro/'.length));
  const read = (name: string) => readFileSync(path.join(siteDir, '_astro', name), 'utf8');
  const links = assetLinks(names, read);
  const index = new Map(names.map((name, i) => [name, i]));
  const digests = new Map<string, string>();
  const pages: Record<string, number[]> = {};
  const collector: OfflineCollector = {
    add(added) {
      for (const file of added) collector.addFile(file, readFileSync(path.join(siteDir, file)));
    },
    addFile(file, bytes, text) {
      digests.set(file, createHash('sha256').update(bytes).digest('hex'));
      if (!file.endsWith('.html')) return;
      const reached = reachableAssets(text ?? Buffer.from(bytes).toString('utf8'), names, read, links);
      if (reached.length > 0) pages[pagePath(file, base)] = reached.map((name) => index.get(name)!);
    },
    config() {
      const all = [...digests.keys()].sort();
      const hash = createHash('sha256');
      for (const file of all) hash.update(`${file}\0${digests.get(file)}\0`);
      return {
        version: hash.digest('hex').slice(0, 12),
        base,
        assets: names.map((name) => `${base}_astro/${name}`),
        pages,
        recordings: all.filter((f) => f.startsWith('audio/')).map((f) => `${base}${f}`),
      };
    },
  };
  return collector;
}

/**
 * Reads a built site and describes it for the service worker.
 *
 * @example
 * offlineConfig('dist', '/red-routes/').pages['/red-routes/routes/qilai-awakening-route/'] // [0, 2, 3, 5]
 */
export function offlineConfig(siteDir: string, base: string, ignore: readonly string[] = []): OfflineConfig {
  const files = listFiles(siteDir).filter((file) => !ignore.includes(file));
  const collector = offlineCollector(siteDir, base, files);
  collector.add(files);
  return collector.config();
}
