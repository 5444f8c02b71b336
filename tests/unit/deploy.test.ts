/**
 * A deployment in a sub-folder, as on a government site: built with
 * BASE_PATH=/sub/ and a SITE_URL host of its own, served from /sub/ by a
 * static server. Every link and asset of every page reached from the home
 * page answers over HTTP, none leaves the sub-folder, and the printed QR
 * codes decode to the SITE_URL host under /sub/. (The browser tests can run
 * the whole site this way too: BASE_PATH=/red-routes/ npm test.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanHtml } from '../../src/lib/site/links.ts';
import { serveStatic, type StaticServer } from '../browser/server.ts';
import { decodeQrSvg } from '../helpers/qr.ts';

/** Not the default https://example.org, so a build that ignored SITE_URL would show. */
const SITE_URL = 'https://www.example.gov.cn';
const BASE = '/sub/';

const work = mkdtempSync(path.join(tmpdir(), 'deploy-'));
const outDir = path.join(work, 'dist');
let server: StaticServer;
let build: { status: number | null; output: string };

beforeAll(async () => {
  const contentDir = path.join(work, 'content');
  cpSync('tests/fixtures/check/schematic/content', contentDir, { recursive: true });
  // Vitest puts its own BASE_URL, MODE… in the environment; Astro would take
  // BASE_URL over the configured base, so the build gets an environment without them.
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...env } = process.env;
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    encoding: 'utf8',
    env: { ...env, CONTENT_DIR: contentDir, BASE_PATH: BASE, SITE_URL, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  build = { status: result.status, output: result.stdout + result.stderr };
  server = await serveStatic({ root: outDir, basePath: BASE });
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The SVG of the first QR code on a built page. */
function qrOn(page: string): string {
  const html = readFileSync(path.join(outDir, page, 'index.html'), 'utf8');
  const svg = /<svg[^>]*viewBox="0 0 (\d+) \1"[\s\S]*?<\/svg>/.exec(html);
  expect(svg, `a QR code on ${page}`).not.toBeNull();
  return svg![0];
}

describe(`a build with BASE_PATH=${BASE} and SITE_URL=${SITE_URL}, served from ${BASE}`, () => {
  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('answers every link and asset of every page reached from the home page, all inside the sub-folder', async () => {
    const origin = server.origin;
    const pages = [`${origin}${BASE}`];
    const seen = new Set(pages);
    const failures: string[] = [];
    let checked = 0;
    for (let i = 0; i < pages.length; i++) {
      const response = await fetch(pages[i]);
      const html = await response.text();
      for (const { value, element } of scanHtml(html).refs) {
        if (/^(data|blob|mailto|tel):/.test(value)) continue;
        const candidates = element.includes('srcset') ? value.split(',').map((part) => part.trim().split(/\s+/)[0]) : [value];
        for (const candidate of candidates) {
          const url = new URL(candidate, pages[i]);
          if (url.origin !== origin) continue;
          url.hash = '';
          if (seen.has(url.href)) continue;
          seen.add(url.href);
          checked++;
          if (!url.pathname.startsWith(BASE)) failures.push(`${url.pathname} (from ${pages[i]}) is outside ${BASE}`);
          const r = await fetch(url);
          if (r.status !== 200) failures.push(`${r.status} ${url.pathname} (from ${pages[i]})`);
          if ((r.headers.get('content-type') ?? '').startsWith('text/html')) pages.push(url.href);
          else await r.arrayBuffer();
        }
      }
    }
    expect(failures).toEqual([]);
    // The home page, lists, entry pages, worksheet, plaque, search, and their files.
    expect(pages.length).toBeGreaterThan(10);
    expect(checked).toBeGreaterThan(pages.length);
    expect(pages).toEqual(expect.arrayContaining([`${origin}${BASE}buildings/far/plaque/`, `${origin}${BASE}routes/walk/worksheet/`]));
    const files = [...seen].map((u) => new URL(u).pathname);
    for (const file of [`${BASE}routes/walk.gpx`, `${BASE}routes/walk.geojson`, `${BASE}manifest.webmanifest`]) expect(files).toContain(file);
  }, 120_000);

  it('prints QR codes that open the page on the SITE_URL host, under the sub-folder', () => {
    expect(decodeQrSvg(qrOn('buildings/far/plaque'))).toBe(`${SITE_URL}${BASE}buildings/far/`);
    expect(decodeQrSvg(qrOn('routes/walk/worksheet'))).toMatch(new RegExp(`^${SITE_URL}${BASE}`));
  });
});
