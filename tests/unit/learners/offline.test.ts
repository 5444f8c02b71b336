/**
 * What the service worker learns about a build: each page's reachable
 * assets, a version that follows every file, and a worker source that
 * parses. The app icon is checked here too (the manifest points at it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceWorkerSource } from '../../../src/integrations/offline.ts';
import { iconPng } from '../../../src/lib/site/app-icon.ts';
import { namedAssets, offlineCollector, offlineConfig, pagePath, reachableAssets } from '../../../src/lib/learners/offline.ts';

describe('pagePath', () => {
  it.each([
    ['index.html', '/', '/'],
    ['routes/a/index.html', '/', '/routes/a/'],
    ['routes/a/index.html', '/red-routes/', '/red-routes/routes/a/'],
    ['404.html', '/red/', '/red/404.html'],
  ])('%s under %s is %s', (file, base, expected) => {
    expect(pagePath(file, base)).toBe(expected);
  });
});

describe('reachableAssets', () => {
  const files: Record<string, string> = {
    'page.A1.js': 'import{a}from"./shared.B2.js";const m=()=>import("./map.C3.js")',
    'shared.B2.js': 'export const a=1',
    'map.C3.js': 'const w=`/_astro/worker.D4.js`,css="/_astro/map.E5.css"',
    'worker.D4.js': 'self.onmessage=()=>{}',
    'map.E5.css': '.x{background:url(/_astro/tile.F6.png)}',
    'tile.F6.png': '\x89PNG',
    'other.G7.js': 'unused',
  };
  const names = Object.keys(files);

  it('follows static and dynamic imports, worker URLs, CSS and its images, and nothing else', () => {
    const reached = reachableAssets('<script type="module" src="/_astro/page.A1.js"></script>', names, (n) => files[n]);
    expect(reached).toEqual(names.filter((n) => n !== 'other.G7.js'));
  });

  it('finds assets named in srcset and inline scripts', () => {
    expect(reachableAssets('<img srcset="/_astro/tile.F6.png 2x"><script>import("/_astro/shared.B2.js")</script>', names, (n) => files[n])).toEqual([
      'shared.B2.js',
      'tile.F6.png',
    ]);
  });
});

describe('namedAssets', () => {
  it('finds every asset a page names under _astro/, with any base path, and each once', () => {
    const page = '<link href="/red/_astro/site.A.css"><script src="/red/_astro/map.B.js"></script><script>import("/red/_astro/map.B.js")</script>';
    expect(namedAssets(page, ['lazy.C.js', 'map.B.js', 'site.A.css'])).toEqual(['map.B.js', 'site.A.css']);
  });

  it('does not take a name mentioned outside _astro/ (in text, or another folder) for a reference', () => {
    expect(namedAssets('<p>map.B.js</p><img src="/images/map.B.js">', ['map.B.js'])).toEqual([]);
  });
});

describe('offlineConfig', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function site(files: Record<string, string>): string {
    dir = mkdtempSync(path.join(os.tmpdir(), 'offline-config-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it('lists each page with the assets it can load, under the base path', () => {
    const root = site({
      'index.html': '<link rel="stylesheet" href="/red/_astro/site.A.css">',
      'routes/a/index.html': '<script type="module" src="/red/_astro/map.B.js"></script>',
      'about/index.html': '<p>no assets</p>',
      '_astro/site.A.css': 'body{}',
      '_astro/map.B.js': 'import("./lazy.C.js")',
      '_astro/lazy.C.js': '',
      'sw.js': 'old worker',
    });
    const config = offlineConfig(root, '/red/', ['sw.js']);
    expect(config.base).toBe('/red/');
    expect(config.assets).toEqual(['/red/_astro/lazy.C.js', '/red/_astro/map.B.js', '/red/_astro/site.A.css']);
    expect(config.pages).toEqual({ '/red/': [2], '/red/routes/a/': [0, 1] });
    expect(config.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('changes version when any file changes, and not when only the ignored worker does', () => {
    const files = { 'index.html': '<h1>一</h1>', 'routes/a.gpx': '<gpx/>', 'sw.js': 'v1' };
    const before = offlineConfig(site(files), '/', ['sw.js']).version;
    rmSync(dir, { recursive: true, force: true });
    expect(offlineConfig(site({ ...files, 'sw.js': 'v2' }), '/', ['sw.js']).version).toBe(before);
    rmSync(dir, { recursive: true, force: true });
    expect(offlineConfig(site({ ...files, 'routes/a.gpx': '<gpx></gpx>' }), '/', ['sw.js']).version).not.toBe(before);
    rmSync(dir, { recursive: true, force: true });
    expect(offlineConfig(site({ 'index.html': '<h1>一</h1>', 'routes/b.gpx': '<gpx/>', 'sw.js': 'v1' }), '/', ['sw.js']).version).not.toBe(before);
  });

  it('gives the same configuration when the search index is added after the pages, as the build does', () => {
    const root = site({
      'index.html': '<script type="module" src="/_astro/map.B.js"></script>',
      '_astro/map.B.js': '',
      'pagefind/pagefind.js': 'index',
      'pagefind/fragment/zh_1.pf_fragment': 'x',
    });
    const offline = offlineCollector(root, '/', ['_astro/map.B.js', 'index.html']);
    offline.add(['_astro/map.B.js', 'index.html']);
    offline.add(['pagefind/fragment/zh_1.pf_fragment', 'pagefind/pagefind.js']);
    expect(offline.config()).toEqual(offlineConfig(root, '/'));
  });
});

describe('serviceWorkerSource', () => {
  it('is a script that parses, with the configuration read back intact', () => {
    const config = { version: 'abc123', base: "/red'routes/", assets: ['/_astro/a.js'], pages: { '/': [0] } };
    const source = serviceWorkerSource(config);
    expect(() => new Script(source)).not.toThrow();
    const literal = /const CONFIG = JSON\.parse\((".*?[^\\]")\);/.exec(source)![1];
    expect(JSON.parse(JSON.parse(literal))).toEqual(config);
  });
});

describe('iconPng', () => {
  it('is a square RGB PNG of the asked size, red at the corner and yellow at the centre', () => {
    const png = iconPng(48);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([48, 48]);
    const idat = png.indexOf('IDAT');
    const pixels = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const rgb = (x: number, y: number) => [...pixels.subarray(y * (1 + 48 * 3) + 1 + x * 3, y * (1 + 48 * 3) + 4 + x * 3)];
    expect(rgb(0, 0)).toEqual([0xa6, 0x1c, 0x21]);
    expect(rgb(24, 24)).toEqual([0xff, 0xd5, 0x4a]);
  });
});
