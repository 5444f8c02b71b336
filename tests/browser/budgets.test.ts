/**
 * What a phone on mobile data pays, on the built sample site at 390×844:
 *
 * - no page loads more than 20 KB (gzip) of JavaScript before the visitor
 *   asks for something: every script request counts (modules, their
 *   imports, module preloads, the service worker), gzipped here because the
 *   test server sends files as they are;
 * - HTML + CSS of an entry page stay within 50 KB (gzip);
 * - MapLibre (map code, worker, style sheet) is not requested on any page
 *   type, even scrolled to the end, until the map is tapped; then it is;
 * - the interactive map replaces the static one without moving anything
 *   (layout-shift sum 0) and lies exactly over it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, phoneContext, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const siteDir = inject('siteDir');

const JS_BUDGET_KB = 20;
const HTML_CSS_BUDGET_KB = 50;
const MAPLIBRE = /maplibre|map-client/i;

/** The first entry page of a collection in the built site (`buildings/baidai-building/`). */
function firstEntry(collection: string): string {
  const dir = path.join(siteDir, collection);
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
  if (ids.length === 0) throw new Error(`no entry page under ${dir}`);
  return `${collection}/${ids[0]}/`;
}

const route = firstEntry('routes');
const building = firstEntry('buildings');
const ENTRY_PAGES = [route, building, firstEntry('stations'), firstEntry('figures'), firstEntry('classics'), firstEntry('events'), firstEntry('regions')];
/** Every page type: home, each entry kind, coverage, search, services, events, the printable pages, assign. */
const PAGES = ['', ...ENTRY_PAGES, 'coverage/', 'regions/', 'services/', 'events/', 'search/', `${route}worksheet/`, `${building}plaque/`, 'assign/'];

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await phoneContext(browser);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

interface Loaded {
  /** A context of its own: nothing cached, no service worker yet. */
  context: BrowserContext;
  page: Page;
  /** URL → gzipped size of every response, by kind. */
  scripts: Map<string, number>;
  htmlCss: Map<string, number>;
  requests: string[];
}

function isScript(resourceType: string, url: string): boolean {
  return resourceType === 'script' || /\.m?js(?:$|\?)/.test(new URL(url).pathname);
}

/**
 * Opens a page with a fresh cache and records every response, including
 * those of the service worker it registers, then scrolls to the end and
 * waits for the network to settle: whatever loads by itself is counted.
 */
async function load(where: string): Promise<Loaded> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await watchPage(page, siteOrigin);
  const scripts = new Map<string, number>();
  const htmlCss = new Map<string, number>();
  const requests: string[] = [];
  const pending: Promise<void>[] = [];
  const record = (response: import('playwright-core').Response) => {
    const request = response.request();
    requests.push(request.url());
    const type = request.resourceType();
    const into = isScript(type, request.url()) ? scripts : type === 'document' || type === 'stylesheet' ? htmlCss : undefined;
    if (!into || response.status() !== 200) return;
    // The service worker fetches some files again to cache them: count each URL once, at its full size.
    const count = (body: Buffer) => void into.set(request.url(), Math.max(into.get(request.url()) ?? 0, gzipSync(body).length));
    pending.push(response.body().then(count));
  };
  context.on('response', record);
  try {
    await page.goto(new URL(where, siteUrl).href, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
  } finally {
    context.off('response', record);
  }
  return { context, page, scripts, htmlCss, requests };
}

const kb = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0) / 1024;
const list = (sizes: Map<string, number>) => [...sizes].map(([url, size]) => `${(size / 1024).toFixed(1)} KB ${url}`).join('\n');

describe.each(PAGES)('/%s on a phone', (where) => {
  test(`loads at most ${JS_BUDGET_KB} KB of JavaScript and no MapLibre without a tap`, async () => {
    const { context, scripts, htmlCss, requests } = await load(where);
    try {
      expect(htmlCss.size, 'the page itself was measured').toBeGreaterThan(0);
      expect(requests.filter((r) => MAPLIBRE.test(r)), 'MapLibre requests before any tap').toEqual([]);
      expect(kb(scripts), `JavaScript (gzip):\n${list(scripts)}`).toBeLessThanOrEqual(JS_BUDGET_KB);
      if (ENTRY_PAGES.includes(where)) {
        expect(kb(htmlCss), `HTML + CSS (gzip):\n${list(htmlCss)}`).toBeLessThanOrEqual(HTML_CSS_BUDGET_KB);
      }
    } finally {
      await context.close();
    }
  });
});

describe.each(['', route, building])('the map of /%s', (where) => {
  test('loads MapLibre on a tap and replaces the static map in its exact frame, moving nothing', async () => {
    const page = await context.newPage();
    const watch = await watchPage(page, siteOrigin);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    // Every layout shift from the first paint on, whatever its cause.
    await page.addInitScript(() => {
      const w = window as unknown as { layoutShift: number };
      w.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.layoutShift += (entry as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    try {
      await page.goto(new URL(where, siteUrl).href, { waitUntil: 'load' });
      const figure = page.locator('[data-map]').first();
      await figure.locator('.map-open').scrollIntoViewIfNeeded();
      expect(requests.filter((r) => MAPLIBRE.test(r))).toEqual([]);

      await figure.locator('.map-open').tap();
      await page.waitForSelector('[data-map][data-map-state="ready"], [data-map][data-map-state="failed"]', { timeout: 30_000 });
      expect(await figure.getAttribute('data-map-state'), 'map state (failed: see console warnings)').toBe('ready');
      // Two frames after the switch, so any shift it caused has been reported.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

      expect(requests.some((r) => /map-client/.test(r)), 'map code requested after the tap').toBe(true);
      expect(requests.some((r) => /maplibre-gl-worker/.test(r)), 'MapLibre worker requested after the tap').toBe(true);
      expect(requests.some((r) => /maplibre-gl.*\.css/.test(r)), 'MapLibre style sheet requested after the tap').toBe(true);
      expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift), 'layout-shift sum').toBe(0);
      // The SVG stays in place, hidden, under the canvas.
      const staticBox = await figure.locator('svg.map-static').boundingBox();
      const canvasBox = await figure.locator('canvas.maplibregl-canvas').boundingBox();
      for (const side of ['x', 'y', 'width', 'height'] as const) {
        expect(Math.abs(canvasBox![side] - staticBox![side]), `live map ${side} against the static map`).toBeLessThan(1);
      }
      expect(watch.errors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
