// @ts-check
/// <reference lib="webworker" />
/**
 * The service worker, written to `<base>sw.js` by src/integrations/after-build.ts,
 * which puts the build's description (src/lib/learners/offline.ts), as a string
 * literal, in place of the placeholder that CONFIG parses below.
 *
 * - Pages and other files: network first, the cached copy when offline (or
 *   when the network takes too long and a copy exists). Every page visited
 *   is kept, its query ignored, so an assignment link opens offline too.
 * - Hashed `/_astro/` files never change: cache first.
 * - Recordings (`/audio/`): from the cache once a route was saved, a Range
 *   request (what audio players send) answered with 206 and that slice of
 *   the cached file; otherwise from the network, not stored (listening
 *   online should not fill the phone).
 * - A message `{ type: 'cache', urls, full }` caches those URLs now; with
 *   `full`, each page with every asset it can load (the map included). The
 *   reply on the message port is `{ cached, failed }`.
 * - One cache per build and base path. A new build's worker copies the
 *   pages the old cache held (fetched fresh, with the new build's assets),
 *   takes over at once and deletes the old cache: a saved route stays
 *   saved, and nothing stale is left.
 */

/** @type {{ version: string, base: string, assets: string[], pages: Record<string, number[]>, recordings: string[] }} */
const CONFIG = JSON.parse('__OFFLINE_CONFIG__');

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const PREFIX = `red-routes:${CONFIG.base}:`;
const CACHE = PREFIX + CONFIG.version;
const ASSET_DIR = `${CONFIG.base}_astro/`;
const AUDIO_DIR = `${CONFIG.base}audio/`;
/** On a slow connection, a cached page after this long beats waiting. */
const NETWORK_TIMEOUT_MS = 4000;

// Copying the old cache's pages happens while installing, when the old
// worker still serves every request; activation only swaps caches.
sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([`${CONFIG.base}manifest.webmanifest`]);
      await carryOver(await oldCaches());
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all((await oldCaches()).map((name) => caches.delete(name)));
      await sw.clients.claim();
    })(),
  );
});

/** Caches of earlier builds of this site (same base path). */
async function oldCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET') return;
  if (url.origin === location.origin && url.pathname.startsWith(AUDIO_DIR)) {
    event.respondWith(recording(request));
    return;
  }
  // Other range requests (PMTiles basemaps) cannot be cached whole: leave them to the network.
  if (request.headers.has('range')) return;
  if (url.origin !== location.origin || !url.pathname.startsWith(CONFIG.base)) return;
  if (url.pathname.startsWith(ASSET_DIR)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request, request.mode === 'navigate'));
});

sw.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    cacheUrls(data.urls, data.full === true).then((result) => event.ports[0]?.postMessage(result)),
  );
});

/**
 * The cache key of a URL: pages without their query (an assignment link is
 * the route page), everything else as requested.
 * @param {string} href
 */
function keyOf(href) {
  const url = new URL(href, location.href);
  url.hash = '';
  if (!url.pathname.startsWith(ASSET_DIR) && isPage(url.pathname)) url.search = '';
  return url.href;
}

/** @param {string} pathname */
function isPage(pathname) {
  return pathname.endsWith('/') || pathname.endsWith('.html');
}

/**
 * A copy that a navigation may use: the browser refuses a cached response
 * that was redirected (`/routes/a` → `/routes/a/`).
 * @param {Response} response
 */
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

/** @param {Request} request */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * @param {Request} request
 * @param {boolean} navigation
 */
async function networkFirst(request, navigation) {
  const cache = await caches.open(CACHE);
  const key = keyOf(request.url);
  const cached = await cache.match(key);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, await storable(response.clone()));
    return response;
  });
  if (!cached) return network.catch(() => (navigation ? offlinePage() : Response.error()));
  /** @type {Promise<Response>} */
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), slow]);
}

/**
 * A recording: the saved copy (the requested range of it), else the network.
 * @param {Request} request
 */
async function recording(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(keyOf(request.url));
  if (!cached) return fetch(request);
  const range = request.headers.get('range');
  return range ? rangeOf(cached, range) : cached;
}

/**
 * A 206 response with the bytes a `Range: bytes=…` header asks for, from a
 * whole cached response; 416 when the range starts past the end. A header
 * that is not one bytes range gets the whole file (RFC 9110 allows it).
 * @param {Response} whole
 * @param {string} header
 */
async function rangeOf(whole, header) {
  const body = await whole.arrayBuffer();
  const size = body.byteLength;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return new Response(body, { status: 200, headers: whole.headers });
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  }
  const headers = new Headers(whole.headers);
  headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  headers.set('Content-Length', String(end - start + 1));
  headers.set('Accept-Ranges', 'bytes');
  return new Response(body.slice(start, end + 1), { status: 206, statusText: 'Partial Content', headers });
}

/** What a page never visited or saved says offline. */
function offlinePage() {
  const html =
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>离线</title><body style="font:17px/1.7 system-ui,sans-serif;margin:2rem">' +
    '<h1>现在没有网络</h1><p>这个页面还没有保存到本机。联网时打开路线页面，点“保存离线使用”，以后没有网络也能打开。</p>' +
    `<p><a href="${CONFIG.base}">回到首页</a></p></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * Fetches and caches URLs of this site; with `full`, each page's assets
 * too. Assets go in before their pages, so a page found in the cache has
 * what it needs.
 * @param {string[]} hrefs
 * @param {boolean} full
 */
async function cacheUrls(hrefs, full) {
  const keys = [...new Set(hrefs.map(keyOf))].filter((href) => {
    const url = new URL(href);
    return url.origin === location.origin && url.pathname.startsWith(CONFIG.base);
  });
  const pages = keys.filter((href) => isPage(new URL(href).pathname));
  const assets = new Set(keys.filter((href) => !pages.includes(href)));
  if (full) {
    for (const page of pages) {
      for (const i of CONFIG.pages[new URL(page).pathname] ?? []) assets.add(new URL(CONFIG.assets[i], location.href).href);
    }
  }
  const cache = await caches.open(CACHE);
  /** @type {string[]} */
  const failed = [];
  const store = async (/** @type {string} */ href) => {
    try {
      const response = await fetch(href);
      if (!response.ok) throw new Error(String(response.status));
      await cache.put(href, await storable(response));
    } catch {
      failed.push(href);
    }
  };
  await Promise.all([...assets].map(store));
  await Promise.all(pages.map(store));
  return { cached: assets.size + pages.length - failed.length, failed };
}

/**
 * Brings the pages an older build's cache held into this build's cache, and
 * the saved recordings: the same file is copied over, a recording that
 * changed (same entry and number, new hash) is fetched anew. Best effort:
 * offline or failing pages are skipped.
 * @param {string[]} oldCaches
 */
async function carryOver(oldCaches) {
  /** @type {string[]} */
  const pages = [];
  /** @type {Map<string, Response | undefined>} new recording path → the old cache's copy when unchanged */
  const recordings = new Map();
  for (const name of oldCaches) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const { pathname } = new URL(request.url);
      if (isPage(pathname)) pages.push(request.url);
      if (!pathname.startsWith(AUDIO_DIR)) continue;
      const current = CONFIG.recordings.find((path) => path.startsWith(recordingSlot(pathname)));
      if (current) recordings.set(current, current === pathname ? await cache.match(request) : undefined);
    }
  }
  if (pages.length > 0) await cacheUrls(pages, true);
  const cache = await caches.open(CACHE);
  for (const [path, copy] of recordings) if (copy) await cache.put(new URL(path, location.href).href, copy);
  const changed = [...recordings].filter(([, copy]) => !copy).map(([path]) => path);
  if (changed.length > 0) await cacheUrls(changed, false);
}

/**
 * The part of a recording's name that stays when it changes:
 * `/audio/classics-march-1.3f9a0c12d4.ogg` → `/audio/classics-march-1.`.
 * @param {string} pathname
 */
function recordingSlot(pathname) {
  return pathname.replace(/[0-9a-f]+\.[a-z0-9]+$/, '');
}
