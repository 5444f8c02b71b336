/**
 * Maps in headless Chromium on a phone: every route and station page of the
 * built content directory carries the static SVG map in its HTML and, on a
 * tap, draws its interactive map (a canvas with content) with no console
 * error and no request leaving the site; pages without a map load no map
 * code; the map works without JavaScript, without WebGL2, when MapLibre
 * fails to load, in print, from the keyboard, and in walk mode with and
 * without the location permission.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { expectSelfContained, formatViolations, launchBrowser, type PageWatch, PHONE, phoneContext, runAxe, watchForPosition, watchPage } from './browser.ts';
import { CIRCLE_OPACITY_OVER_STREETS, COLORS } from '../../src/lib/map/palette.ts';

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
/** The focus circles' fill as both maps show it over streets: COLORS.circle at the shared opacity over the background. */
const CIRCLE_FILL = blend(COLORS.circle, COLORS.background, CIRCLE_OPACITY_OVER_STREETS);

function blend(front: string, back: string, alpha: number): string {
  const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [f, b] = [channels(front), channels(back)];
  return `#${f.map((c, i) => Math.round(alpha * c + (1 - alpha) * b[i]).toString(16).padStart(2, '0')).join('')}`;
}
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

/** Taps the first map, unless something else opened it already, and waits until MapLibre has drawn it (or gave up). */
async function waitForMap(page: Page): Promise<Locator> {
  const figure = page.locator('[data-map]').first();
  if (!(await figure.getAttribute('data-map-state'))) await figure.locator('.map-open').tap();
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

/**
 * The box, in CSS pixels of the element, of the pixels drawn in a colour in a
 * screenshot of the element. The tolerance (sum of the channels' differences)
 * must stay below the distance to the map's other colours: the background and
 * the context circles are 26 and 28 away from the circles' pale red.
 */
async function colourBox(page: Page, element: Locator, hex: string): Promise<{ x0: number; y0: number; x1: number; y1: number } | null> {
  const png = await element.screenshot();
  return page.evaluate(
    async ({ base64, hex, scale }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 8) continue;
        const x = ((i / 4) % canvas.width) / scale;
        const y = Math.floor(i / 4 / canvas.width) / scale;
        box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
      }
      return box;
    },
    { base64: png.toString('base64'), hex, scale: PHONE.deviceScaleFactor ?? 1 },
  );
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
      expectSelfContained(watch);
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

  test('opens from the keyboard as a labelled region next to its text alternative, with keyboard-usable controls', async () => {
    const { page } = await open(where);
    try {
      // Enter on the "放大查看" button opens the map and puts the keyboard on it.
      await page.locator('[data-map] .map-open').focus();
      await page.keyboard.press('Enter');
      const figure = await waitForMap(page);
      await expect.poll(() => figure.locator('canvas.maplibregl-canvas').evaluate((c) => c === document.activeElement)).toBe(true);
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
      // One finger scrolls the page past the map (the browser pans, not the map); two fingers move it, as it says.
      expect(await canvas.evaluate((c) => getComputedStyle(c).touchAction)).toBe('pan-x pan-y');
      expect(await figure.locator('.maplibregl-mobile-message').textContent()).toBe('用两根手指移动地图');
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
      expect(await page.locator('[data-map] .map-open').isHidden(), 'no button that needs JavaScript').toBe(true);
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

describe('a route map\'s view', () => {
  test('opens where the static map was: its service circles lie where the SVG drew them', async () => {
    const { page } = await open(routePages[0]);
    try {
      const frame = page.locator('[data-map] .map-frame').first();
      await frame.scrollIntoViewIfNeeded();
      // The button, the scale bar and the credits cover parts of the circles: keep them out of the picture.
      const hide = await page.addStyleTag({ content: '.map-open, .map-static .map-scale, .map-static .map-credits { visibility: hidden; }' });
      const drawn = await colourBox(page, frame, CIRCLE_FILL);
      await hide.evaluate((style) => (style as Element).remove());
      await waitForMap(page);
      await page.addStyleTag({ content: '.maplibregl-control-container { display: none !important; }' });
      const live = await colourBox(page, frame, CIRCLE_FILL);
      expect(drawn, 'circles on the static map').not.toBeNull();
      expect(live, 'circles on the interactive map').not.toBeNull();
      // Same place and scale, give or take the edges' different widths and antialiasing.
      for (const edge of ['x0', 'y0', 'x1', 'y1'] as const) {
        expect(Math.abs(live![edge] - drawn![edge]), `circles' ${edge} on the live map against the static map`).toBeLessThan(4);
      }
    } finally {
      await page.close();
    }
  });
});

describe('when the interactive map cannot open', () => {
  const where = stationPages[0];

  test('without WebGL2 the static map stays, with a note and no console error', async () => {
    const noWebGL = await browser.newContext(PHONE);
    await noWebGL.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
        return kind === 'webgl2' ? null : getContext.call(this, kind as '2d', ...(rest as []));
      } as typeof getContext;
    });
    try {
      const { page, watch, requests } = await open(where, noWebGL);
      await page.locator('[data-map] .map-open').tap();
      await expect.poll(() => page.locator('[data-map] .map-note').textContent()).toContain('不能显示可缩放地图');
      expect(await page.locator('[data-map] .map-static').isVisible()).toBe(true);
      expect(requests.filter((r) => /maplibre|map-client/.test(r)), 'nothing downloaded for a map that cannot draw').toEqual([]);
      expect(watch.errors, 'console errors').toEqual([]);
    } finally {
      await noWebGL.close();
    }
  });

  test('when MapLibre does not load, the static map stays, with a note and no console error', async () => {
    // No service worker, so every request goes through the route below.
    const offline = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    try {
      const { page, watch } = await open(where, offline);
      await page.route(/map-client/, (route) => route.abort('connectionfailed'));
      await page.locator('[data-map] .map-open').tap();
      await expect.poll(() => page.locator('[data-map] .map-note').textContent()).toContain('没有加载成功');
      expect(await page.locator('[data-map]').getAttribute('data-map-state')).toBe('failed');
      expect(await page.locator('[data-map] .map-static').isVisible()).toBe(true);
      // The browser itself reports the failed download it was made to fail; the page reports nothing.
      const ours = watch.errors.filter((e) => !/Failed to load resource: .*map-client/.test(e));
      expect(ours, 'console errors').toEqual([]);
    } finally {
      await offline.close();
    }
  });
});

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
