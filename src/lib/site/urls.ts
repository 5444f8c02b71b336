/**
 * Internal links. The site may be deployed under a sub-folder (BASE_PATH=/red/),
 * so every internal link and asset goes through `url()`: a bare "/routes/"
 * would leave the sub-folder and 404.
 */

const BASE = import.meta.env.BASE_URL;

/**
 * A path inside the site, prefixed with the base.
 *
 * @example
 * url('/routes/')   // '/routes/' with base '/', '/red/routes/' with base '/red/'
 * url('')           // the home page
 */
export function url(path: string): string {
  const base = BASE.endsWith('/') ? BASE : `${BASE}/`;
  return base + path.replace(/^\/+/, '');
}

/** Collections that have a page per entry. */
export type PageCollection = 'stations' | 'buildings' | 'figures' | 'classics' | 'routes' | 'events';

/**
 * @example
 * entryUrl('buildings', 'song-qingling-residence') // '/buildings/song-qingling-residence/'
 */
export function entryUrl(collection: PageCollection, id: string): string {
  return url(`/${collection}/${id}/`);
}

/** Index page of a collection, e.g. `/figures/`. */
export function collectionUrl(collection: PageCollection): string {
  return url(`/${collection}/`);
}

/**
 * An absolute URL of a path inside the site, for links that leave the
 * browser: QR codes, downloaded files. Its host is Astro's `site`
 * (SITE_URL at build time), which a real deployment must set.
 *
 * @example
 * absoluteUrl('/routes/a/', 'https://example.gov.cn') // 'https://example.gov.cn/routes/a/', or '…/red/routes/a/' with base '/red/'
 */
export function absoluteUrl(path: string, site: URL | string): string {
  return new URL(url(path), site).href;
}
