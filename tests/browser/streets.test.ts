/**
 * Streets on a route page on a phone (390×844): the static map names them
 * along the lines, and the interactive map, once the visitor asks for it,
 * draws their names too, from the page's own data and the phone's fonts,
 * with no request leaving the site and no serious axe violation.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { expectSelfContained, formatViolations, launchBrowser, phoneContext, runAxe, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const siteDir = inject('siteDir');

const routesDir = path.join(siteDir, 'routes');
const route = existsSync(routesDir)
  ? readdirSync(routesDir, { withFileTypes: true }).find((d) => d.isDirectory() && existsSync(path.join(routesDir, d.name, 'index.html')))?.name
  : undefined;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await phoneContext(browser);
  // Labels in the device's fonts are rasterised with fillText (MapLibre's TinySDF): record the characters drawn.
  await context.addInitScript(() => {
    const drawn = new Set<string>();
    (window as unknown as { __drawnText: Set<string> }).__drawnText = drawn;
    const prototypes = [globalThis.CanvasRenderingContext2D?.prototype, globalThis.OffscreenCanvasRenderingContext2D?.prototype];
    for (const proto of prototypes) {
      if (!proto) continue;
      const fillText = proto.fillText;
      proto.fillText = function (text: string, ...rest: [number, number, number?]) {
        for (const ch of String(text)) drawn.add(ch);
        return fillText.call(this, text, ...rest);
      };
    }
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Starts the interactive map as a visitor would: the map's own control when there is one, else by scrolling to it. */
async function startInteractiveMap(page: Page): Promise<void> {
  const figure = page.locator('[data-map]').first();
  await figure.scrollIntoViewIfNeeded();
  const control = figure.getByRole('button', { name: /可缩放/ });
  if ((await control.count()) > 0 && (await control.first().isVisible())) await control.first().click();
  await page.waitForSelector('[data-map][data-map-state="ready"], [data-map][data-map-state="failed"]', { timeout: 30_000 });
  expect(await figure.getAttribute('data-map-state'), 'map state (failed = MapLibre did not start)').toBe('ready');
}

describe.skipIf(!route)('streets on a route page at 390×844', () => {
  test('the static and the interactive map both name the streets, offline, accessibly', async () => {
    const page = await context.newPage();
    const watch = await watchPage(page, siteOrigin);
    try {
      await page.goto(new URL(`routes/${route}/`, siteUrl).href, { waitUntil: 'load' });

      // The static map: names on the lines, laid out by the browser with a visible size.
      const names = page.locator('[data-map] svg.map-static .map-street-names textPath');
      expect(await names.count(), 'street names on the static map').toBeGreaterThan(3);
      const boxes = await page.locator('[data-map] svg.map-static .map-street-names text').evaluateAll((texts) =>
        texts.map((t) => (t as SVGTextElement).getBBox()).map((b) => b.width * b.height),
      );
      expect(boxes.every((area) => area > 0), 'every placed name is drawn').toBe(true);
      expect(await page.locator('[data-map] .map-legend').textContent()).toContain('街道');

      // Characters only street names use on this map: if they are rasterised, the street-name layer drew them.
      const payload = JSON.parse((await page.locator('[data-map] script[data-map-data]').first().textContent())!);
      const features = payload.data.features.features as { properties: { role: string; name?: string } }[];
      const otherText = features.filter((f) => f.properties.role !== 'street').map((f) => f.properties.name ?? '').join('') + '缺口示意';
      const streetOnly = [...new Set(features.filter((f) => f.properties.role === 'street').flatMap((f) => [...(f.properties.name ?? '')]))].filter(
        (ch) => !otherText.includes(ch) && /\p{Script=Han}/u.test(ch),
      );
      expect(streetOnly.length, 'characters found only in street names').toBeGreaterThan(5);

      await startInteractiveMap(page);
      await expect
        .poll(() => page.evaluate((chars) => chars.filter((ch) => (window as unknown as { __drawnText: Set<string> }).__drawnText.has(ch)).length, streetOnly), {
          timeout: 15_000,
          message: 'street-name characters drawn on the interactive map',
        })
        .toBeGreaterThan(2);
      expect(await page.locator('.maplibregl-ctrl-attrib a[href="https://www.openstreetmap.org/copyright"]').count()).toBeGreaterThan(0);

      const violations = await runAxe(page);
      expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      expectSelfContained(watch);
    } finally {
      await page.close();
    }
  });
});
