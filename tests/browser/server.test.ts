/**
 * The test server behaves like a static host: the browser tests are only as
 * good as it is (PMTiles needs Range requests, Pagefind its MIME types).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRange, serveStatic, type StaticServer } from './server.ts';

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'red-routes-server-'));
  mkdirSync(path.join(dir, 'routes/线路一'), { recursive: true });
  mkdirSync(path.join(dir, 'pagefind'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(path.join(dir, '404.html'), '<!doctype html><title>not found</title>');
  writeFileSync(path.join(dir, 'routes/线路一/index.html'), '<!doctype html><title>route</title>');
  writeFileSync(path.join(dir, 'about.html'), '<!doctype html><title>about</title>');
  writeFileSync(path.join(dir, 'tiles.pmtiles'), Buffer.from('0123456789'));
  for (const name of ['pagefind-entry.json', 'wasm.zh.pagefind', 'zh_abc.pf_meta', 'x.pf_index', 'y.pf_fragment', 'pagefind.wasm']) {
    writeFileSync(path.join(dir, 'pagefind', name), 'x');
  }
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{}');
  writeFileSync(path.join(dir, 'a.gpx'), '<gpx/>');
  writeFileSync(path.join(dir, 'a.geojson'), '{}');
  server = await serveStatic({ root: dir, basePath: '/red-routes' });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(server.origin + pathname, { headers, redirect: 'manual' });

describe('static test server', () => {
  test('serves under the base path, index.html for folders, 404 page elsewhere', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/red-routes\/$/);
    const home = await get('/red-routes/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('home');

    expect((await get('/red-routes')).headers.get('location')).toBe('/red-routes/');
    const folder = await get('/red-routes/routes/%E7%BA%BF%E8%B7%AF%E4%B8%80');
    expect(folder.status).toBe(301);
    expect(folder.headers.get('location')).toBe('/red-routes/routes/%E7%BA%BF%E8%B7%AF%E4%B8%80/');
    expect((await get('/red-routes/routes/%E7%BA%BF%E8%B7%AF%E4%B8%80/')).status).toBe(200);
    expect((await get('/red-routes/about')).status).toBe(200);

    for (const missing of ['/', '/index.html', '/red-routes/nope/', '/red-routes/../etc/passwd', '/red-routes/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await get(missing);
      expect(response.status, missing).toBe(404);
      expect(await response.text(), missing).toContain('not found');
    }
  });

  test('answers Range requests', async () => {
    const part = await get('/red-routes/tiles.pmtiles', { Range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
    expect(await (await get('/red-routes/tiles.pmtiles', { Range: 'bytes=-3' })).text()).toBe('789');
    expect(await (await get('/red-routes/tiles.pmtiles', { Range: 'bytes=7-' })).text()).toBe('789');
    expect(await (await get('/red-routes/tiles.pmtiles', { Range: 'bytes=8-100' })).text()).toBe('89');
    expect((await get('/red-routes/tiles.pmtiles', { Range: 'bytes=10-' })).status).toBe(416);
    const whole = await get('/red-routes/tiles.pmtiles');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(parseRange('bytes=0-0,5-6', 10)).toBeUndefined();
  });

  test('sends the MIME types a static host must', async () => {
    const types: Record<string, string> = {
      'pagefind/pagefind.wasm': 'application/wasm',
      'pagefind/wasm.zh.pagefind': 'application/octet-stream',
      'pagefind/zh_abc.pf_meta': 'application/octet-stream',
      'pagefind/x.pf_index': 'application/octet-stream',
      'pagefind/y.pf_fragment': 'application/octet-stream',
      'pagefind/pagefind-entry.json': 'application/json; charset=utf-8',
      'manifest.webmanifest': 'application/manifest+json; charset=utf-8',
      'a.gpx': 'application/gpx+xml; charset=utf-8',
      'a.geojson': 'application/geo+json; charset=utf-8',
    };
    for (const [file, type] of Object.entries(types)) {
      expect((await get(`/red-routes/${file}`)).headers.get('content-type'), file).toBe(type);
    }
  });
});
