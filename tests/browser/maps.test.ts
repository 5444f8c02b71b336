/**
 * Maps in headless Chromium on a phone: every route and station page of the
 * built content directory draws its interactive map (a canvas with content)
 * with no console error and no request leaving the site, and carries the
 * static SVG map in its HTML; pages without a map load no map code; the
 * map works without JavaScript, in print, from the keyboard, and in walk
 * mode with and without the location permission.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { formatViolations, launchBrowser, PHONE, phoneContext, runAxe, watchForPosition, watchPage, type PageWatch } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const siteDir = inject('siteDir');

/** Entry pages of a collection in the built site, as paths relative to the site root. */
function entryPages(collection: string): string[] {
  const dir = path.join(siteDir, collection);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => `${collection}/${d.name}/`)
    .sort();
}

const routePages = entryPages('routes');
const stationPages = entryPages('stations');

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

async function open(
  where: string,
  into: BrowserContext = context,
): Promise<{ page: Page; watch: PageWatch; requests: string[] }> {
  const page = await into.newPage();
  const watch = await watchPage(page, siteOrigin);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(new URL(where, siteUrl).href, { waitUntil: 'load' });
  return { page, watch, requests };
}

/** Scrolls the first map into view and waits until MapLibre has drawn it (or gave up). */
async function waitForMap(page: Page): Promise<Locator> {
  const figure = page.locator('[data-map]').first();
  await figure.scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-map][data-map-state="ready"], [data-map][data-map-state="failed"]', { timeout: 30_000 });
  expect(await figure.getAttribute('data-map-state'), 'map state (failed = MapLibre did not start; see console warnings)').toBe('ready');
  return figure;
}

/**
 * What the map canvas shows, without the controls on top: the number of
 * distinct colours and the share of the most common one. The screenshot is
 * decoded by the page itself (an <img> from a data: URL), so no image
 * library is needed here.
 */
async function canvasContent(page: Page, figure: Locator): Promise<{ colours: number; dominantShare: number }> {
  await page.addStyleTag({ content: '.maplibregl-control-container { display: none !important; }' });
  const png = await figure.locator('canvas.maplibregl-canvas').screenshot();
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const most = Math.max(...counts.values());
    return { colours: counts.size, dominantShare: most / (data.length / 4) };
  }, png.toString('base64'));
}

function html(page: string): string {
  return readFileSync(path.join(siteDir, page, 'index.html'), 'utf8');
}

describe.each([...routePages, ...stationPages])('%s', (where) => {
  test('has the static SVG map and its text alternative in the HTML', () => {
    const text = html(where);
    expect(text).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="map-[^"]+-title"[^>]*class="map-static"/);
    expect(text).toMatch(/<title id="map-[^"]+-title">[^<]+地图/);
    expect(text).toContain('class="map-scale"');
    expect(text).toMatch(/<div class="map-text"[^>]*id="map-[^"]+-text"/);
    expect(text).toContain('<script type="application/json" data-map-data>');
    // MapLibre's stylesheet is fetched by the map code when a map loads, never linked up front.
    expect(text).not.toMatch(/<link[^>]+maplibre/);
  });

  test('draws the interactive map on a phone, with no console error and no request leaving the site', async () => {
    const { page, watch, requests } = await open(where);
    try {
      const figure = await waitForMap(page);
      const content = await canvasContent(page, figure);
      expect(content.colours, 'distinct colours on the map canvas').toBeGreaterThan(8);
      expect(content.dominantShare, 'share of the most common colour (1 = blank canvas)').toBeLessThan(0.95);
      expect(await figure.locator('.map-static').evaluate((svg) => getComputedStyle(svg).visibility)).toBe('hidden');
      expect(requests.some((r) => /maplibre-gl.*\.css/.test(r)), 'MapLibre CSS loaded with the map').toBe(true);
      // Idle, so every request the map made is in: a timeout fails the test.
      await page.waitForLoadState('networkidle', { timeout: 15_000 });
      expect(watch.external, 'requests that left the site').toEqual([]);
      expect(watch.errors, 'console errors').toEqual([]);
      expect(watch.failed, 'failed requests to the site').toEqual([]);
    } finally {
      await page.close();
    }
  });
});

test('the built content has route and station pages with maps (none would leave the map tests empty)', () => {
  expect(routePages.length, 'route pages').toBeGreaterThan(0);
  expect(stationPages.length, 'station pages').toBeGreaterThan(0);
});

describe('a route map', () => {
  const where = routePages[0];

  test('is a labelled region next to its text alternative, with keyboard-usable controls', async () => {
    const { page } = await open(where);
    try {
      const figure = await waitForMap(page);
      const region = figure.locator('.map-live[role="region"]');
      expect(await region.getAttribute('aria-label')).toMatch(/^路线地图：/);
      // The canvas takes keyboard focus (arrows pan, +/− zoom) and says so.
      const canvas = figure.locator('canvas.maplibregl-canvas');
      expect(await canvas.getAttribute('tabindex')).toBe('0');
      expect(await canvas.getAttribute('aria-label')).toContain('方向键');
      // The zoom buttons are real buttons with Chinese names, and a key press on one zooms the map.
      const zoomIn = figure.getByRole('button', { name: '放大' });
      const scale = figure.locator('.maplibregl-ctrl-scale');
      const before = await scale.textContent();
      await zoomIn.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => scale.textContent(), { timeout: 5_000 }).not.toBe(before);
      // The stops are listed in order next to the map.
      const stops = await figure.locator('.map-stops li').allTextContents();
      expect(stops.length).toBeGreaterThan(0);
      stops.forEach((text, i) => expect(text).toMatch(new RegExp(`^第 ${i + 1} 站`)));
    } finally {
      await page.close();
    }
  });

  test('has no serious or critical axe violation with the map loaded', async () => {
    const { page } = await open(where);
    try {
      await waitForMap(page);
      const violations = await runAxe(page, { include: '[data-map]' });
      expect(violations.map((v) => v.id), `axe violations:\n${formatViolations(violations)}\n`).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('shows the static map without JavaScript, and in print', async () => {
    const noJs = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    try {
      const page = await noJs.newPage();
      await page.goto(new URL(where, siteUrl).href);
      const svg = page.locator('[data-map] svg.map-static');
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
      expect(await page.locator('[data-map] .map-walk').isHidden()).toBe(true);
      expect(await page.locator('[data-map] .map-text').isVisible()).toBe(true);
    } finally {
      await noJs.close();
    }

    const { page } = await open(where);
    try {
      await waitForMap(page);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('[data-map] .map-live').isHidden()).toBe(true);
      expect(await page.locator('[data-map] .map-static').evaluate((svg) => getComputedStyle(svg).visibility)).toBe('visible');
    } finally {
      await page.close();
    }
  });

  test('walk mode: the position stays on the phone and the status names the next stop and the circle', async () => {
    const data = JSON.parse(/data-map-data>([^<]*)</.exec(html(where))![1]) as {
      data: { features: { features: { geometry: { coordinates: number[] }; properties: { role: string; n?: number } }[] } };
    };
    const [first] = data.data.features.features.filter((f) => f.properties.role === 'stop');
    const [lng, lat] = first.geometry.coordinates;
    const walking = await browser.newContext({
      ...PHONE,
      permissions: ['geolocation'],
      geolocation: { longitude: lng, latitude: lat, accuracy: 15 },
    });
    const leaks = watchForPosition(walking, [[lng, lat], [lng, lat + 0.0005]]);
    try {
      const { page, watch } = await open(where, walking);
      await page.locator('[data-map]').first().scrollIntoViewIfNeeded();
      const button = page.getByRole('button', { name: '走这条路线' });
      await button.click();
      const status = page.locator('[data-map] [role="status"]');
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('你已到达第 1 站');
      expect(await status.textContent()).toContain('定位精度约 15 米');
      expect(await page.getByRole('button', { name: '停止显示我的位置' }).getAttribute('aria-pressed')).toBe('true');
      await waitForMap(page);
      // Walk a little further, then let every request the position could have caused go out.
      await walking.setGeolocation({ longitude: lng, latitude: lat + 0.0005, accuracy: 16 });
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('定位精度约 16 米');
      await page.waitForLoadState('networkidle', { timeout: 15_000 });
      expect(leaks, 'requests carrying the position, to any host').toEqual([]);
      expect(watch.external, 'requests that left the site').toEqual([]);
      expect(watch.errors, 'console errors').toEqual([]);
    } finally {
      await walking.close();
    }
  });

  test('walk mode: a refused permission gets a clear message', async () => {
    const refusing = await browser.newContext({ ...PHONE, permissions: [] });
    try {
      const { page } = await open(where, refusing);
      await page.getByRole('button', { name: '走这条路线' }).click();
      const status = page.locator('[data-map] [role="status"]');
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('你没有允许本网站使用位置');
      expect(await page.getByRole('button', { name: '走这条路线' }).getAttribute('aria-pressed')).toBe('false');
    } finally {
      await refusing.close();
    }
  });
});

test('with Save-Data on, MapLibre loads only when the visitor asks for the map', async () => {
  const { page, requests } = await open(stationPages[0] ?? routePages[0], await saveDataContext());
  try {
    // The loader has decided once it offers the button; then the map scrolls
    // into view and the page goes idle without having fetched any map code.
    const button = page.getByRole('button', { name: /加载可缩放的地图/ });
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('[data-map]').first().scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle', { timeout: 15_000 });
    expect((await page.locator('[data-map]').first().getAttribute('data-map-state')) ?? 'static').toBe('static');
    expect(requests.filter((r) => /maplibre|map-client/.test(r))).toEqual([]);
    await page.getByRole('button', { name: /加载可缩放的地图/ }).click();
    await waitForMap(page);
    expect(requests.some((r) => /map-client/.test(r))).toBe(true);
  } finally {
    await page.context().close();
  }
});

/** A phone whose browser says the visitor wants to save data (navigator.connection.saveData). */
async function saveDataContext(): Promise<BrowserContext> {
  const saving = await browser.newContext(PHONE);
  await saving.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
  return saving;
}

test('pages without a map load no map code or stylesheet', async () => {
  for (const where of ['figures/', 'classics/']) {
    const { page, requests } = await open(where);
    try {
      await page.waitForLoadState('networkidle', { timeout: 15_000 });
      expect(requests.filter((r) => /maplibre|map-client|map-loader|MapFigure/i.test(r)), where).toEqual([]);
      expect(await page.locator('[data-map]').count()).toBe(0);
    } finally {
      await page.close();
    }
  }
});
