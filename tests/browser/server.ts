/**
 * A small static file server for the browser tests, close to what a plain
 * static host (nginx, GitHub Pages, an OSS bucket) does with a built site:
 *
 * - serves files of `root` under `basePath` (`/` or e.g. `/red-routes/`);
 *   anything outside the base path is 404;
 * - `dir/` serves `dir/index.html`; `dir` (no slash) redirects to `dir/` when
 *   the folder has an index.html, else `dir.html` is served when it exists;
 * - unknown paths get the site's own `404.html` (status 404);
 * - `Content-Type` for everything a site here ships, with .wasm, .pagefind and
 *   Pagefind's .pf_* files, .webmanifest, .gpx, .geojson, .pmtiles;
 * - `Range: bytes=…` requests (PMTiles reads its archive by ranges) with 206,
 *   416, `Accept-Ranges` and HEAD.
 *
 * Run by hand: `node tests/browser/server.ts dist [basePath] [port]`.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.gpx': 'application/gpx+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pbf': 'application/x-protobuf',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.pmtiles': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

/** The `Content-Type` for a file name (application/octet-stream when unknown). */
export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** `/`, `/red-routes/`: leading and trailing slash, no doubles. */
export function normaliseBasePath(base: string | undefined): string {
  const parts = (base ?? '/').split('/').filter(Boolean);
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/**
 * Parses one `Range` header against a file size.
 * Returns the inclusive byte range, `'unsatisfiable'` (416), or `undefined`
 * when the header is absent or not a single bytes range (serve it whole, as
 * RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from, to] = match;
  if (from === '' && to === '') return undefined;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
    if (to !== '' && Number(to) < start) return undefined;
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return { start, end };
}

async function fileStat(file: string): Promise<Stats | undefined> {
  try {
    return await stat(file);
  } catch {
    return undefined;
  }
}

export interface StaticServer {
  /** `http://127.0.0.1:<port><basePath>`, ending in `/`. */
  url: string;
  origin: string;
  port: number;
  basePath: string;
  /** Every request served: `METHOD path status`, for debugging a failed test. */
  log: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  root: string;
  basePath?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

/** Starts the server; resolves once it listens. */
export async function serveStatic(options: ServeOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const basePath = normaliseBasePath(options.basePath);
  const host = options.host ?? '127.0.0.1';
  const log: string[] = [];

  async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, info: Stats, status = 200): Promise<void> {
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': mimeType(file),
      'Last-Modified': info.mtime.toUTCString(),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    const range = status === 200 ? parseRange(req.headers.range, info.size) : undefined;
    if (status === 200) headers['Accept-Ranges'] = 'bytes';
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (range) {
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${info.size}`;
      headers['Content-Length'] = range.end - range.start + 1;
      res.writeHead(206, headers);
    } else {
      headers['Content-Length'] = info.size;
      res.writeHead(status, headers);
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file, range ? { start: range.start, end: range.end } : {});
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  async function notFound(req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
    const page = path.join(root, '404.html');
    const info = await fileStat(page);
    if (info?.isFile()) {
      await sendFile(req, res, page, info, 404);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 Not Found\n');
    }
    return 404;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('405 Method Not Allowed\n');
      return 405;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('400 Bad Request\n');
      return 400;
    }
    // `/red-routes` without its slash is the site's home: send it to `/red-routes/`.
    if (basePath !== '/' && pathname === basePath.slice(0, -1)) {
      res.writeHead(301, { Location: basePath + url.search });
      res.end();
      return 301;
    }
    if (!pathname.startsWith(basePath) || pathname.includes('\0')) return notFound(req, res);
    const relative = pathname.slice(basePath.length);
    const file = path.join(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);

    const info = await fileStat(file);
    if (info?.isFile()) {
      await sendFile(req, res, file, info);
      return res.statusCode;
    }
    if (info?.isDirectory()) {
      const index = path.join(file, 'index.html');
      const indexInfo = await fileStat(index);
      if (indexInfo?.isFile()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
          res.end();
          return 301;
        }
        await sendFile(req, res, index, indexInfo);
        return 200;
      }
    }
    // `build.format: 'file'` writes `about.html` for `/about`.
    if (!pathname.endsWith('/')) {
      const html = `${file}.html`;
      const htmlInfo = await fileStat(html);
      if (htmlInfo?.isFile()) {
        await sendFile(req, res, html, htmlInfo);
        return 200;
      }
    }
    return notFound(req, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).then(
      (status) => log.push(`${req.method} ${req.url} ${status}`),
      (error: unknown) => {
        log.push(`${req.method} ${req.url} 500 ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('500 Internal Server Error\n');
      },
    );
  });
  // Keep-alive sockets would hold close() open; tests never need them idle.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    url: origin + basePath,
    origin,
    port,
    basePath,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// `node tests/browser/server.ts <dir> [basePath] [port]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', basePath = '/', port = '0'] = process.argv.slice(2);
  const server = await serveStatic({ root, basePath, port: Number(port) });
  console.log(`Serving ${path.resolve(root)} at ${server.url} (Ctrl-C stops)`);
}
