/**
 * The district dashboard and region pages as a visitor meets them: clean at
 * phone and desktop size (no console error, no request leaving the site, no
 * serious axe violation), the table sorted from the keyboard and complete
 * without JavaScript, and the CSV and GeoJSON downloads readable.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { desktopContext, expectSelfContained, formatViolations, launchBrowser, phoneContext, runAxe, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const SUBDISTRICTS = 13;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each([
  ['phone 390×844', phoneContext],
  ['desktop 1280×800', desktopContext],
] as const)('%s', (_name, makeContext) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await makeContext(browser);
  });
  afterAll(() => context?.close());

  test.each(['coverage/', 'regions/', 'regions/tianping/', 'regions/huajing/'])(
    '/%s is clean: no console error, no outside request, no serious axe violation',
    async (path) => {
      const page = await context.newPage();
      const watch = await watchPage(page, siteOrigin);
      const response = await page.goto(new URL(path, siteUrl).href, { waitUntil: 'load' });
      expect(response?.status(), 'HTTP status').toBe(200);
      const violations = await runAxe(page);
      expectSelfContained(watch);
      expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);
      // The map is the static SVG, credited, and the page fits the screen (the table scrolls in its own box).
      if (path !== 'regions/') {
        await expect(page.locator('figure.static-map .map-frame svg').count()).resolves.toBe(1);
        await expect(page.locator('figure.static-map .map-frame svg').textContent()).resolves.toContain('© OpenStreetMap contributors');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'horizontal scroll of the whole page').toBeLessThanOrEqual(0);
      await page.close();
    },
  );
});

/** Coverage shares of the sortable rows, top to bottom. */
function shares(page: Page): Promise<number[]> {
  return page.$$eval('table[data-sortable] tbody[data-sort-body] tr', (rows) =>
    rows.map((row) => Number((row as HTMLTableRowElement).cells[2].dataset.value)),
  );
}

describe('the balance table', () => {
  test('sorts from the keyboard: Tab to the 覆盖率 header, Enter, and again', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await page.goto(new URL('coverage/', siteUrl).href);
    const before = await shares(page);
    expect(before).toHaveLength(SUBDISTRICTS);

    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.tagName === 'BUTTON' && el.closest('th')?.textContent?.includes('覆盖率') === true;
      });
    }
    expect(found, 'a 覆盖率 header button reachable with Tab').toBe(true);
    const header = page.locator('table[data-sortable] thead th').nth(2);

    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const down = await shares(page);
    expect(down).toEqual([...before].sort((a, b) => b - a));
    expect(down).not.toEqual(before);

    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    expect(await shares(page)).toEqual([...before].sort((a, b) => a - b));
    // Only one column claims the order; the district row stays on top.
    await expect(page.locator('thead th[aria-sort]').count()).resolves.toBe(1);
    await expect(page.locator('tbody.summary tr.top th').textContent()).resolves.toContain('徐汇区');
    await context.close();
  });

  test('is complete and readable without JavaScript, in its default order, with no dead buttons', async () => {
    const context = await phoneContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL('coverage/', siteUrl).href);
    expect(await shares(page)).toHaveLength(SUBDISTRICTS);
    await expect(page.locator('table[data-sortable] thead button').count()).resolves.toBe(0);
    await expect(page.locator('tbody.summary tr.spread').textContent()).resolves.toMatch(/个百分点/);
    await expect(page.locator('.headline .empty').textContent()).resolves.toMatch(/个区域没有任何站点：.*华泾镇/);
    await context.close();
  });
});

describe('downloads', () => {
  test('the CSV downloads, starts with a BOM and parses: the district and one row per 街镇', async () => {
    const context = await desktopContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(new URL('coverage/', siteUrl).href);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载表格/ }).click()]);
    expect(download.suggestedFilename()).toBe('coverage.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const script = 'import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))';
    const parsed = spawnSync('python3', ['-c', script, (await download.path())!], { encoding: 'utf8' });
    expect(parsed.status, parsed.stderr).toBe(0);
    const rows: string[][] = JSON.parse(parsed.stdout);
    expect(rows[0][0]).toBe('区域代号');
    expect(rows).toHaveLength(1 + 1 + SUBDISTRICTS);
    expect(rows[1].slice(0, 3)).toEqual(['xuhui', '', '徐汇区']);
    expect(rows.slice(2).every((r) => r[1] === 'xuhui')).toBe(true);
    await context.close();
  });

  test('the vacuums GeoJSON downloads and parses: polygons, each with area and 街镇', async () => {
    const context = await desktopContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(new URL('coverage/', siteUrl).href);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载真空地带/ }).click()]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.type).toBe('FeatureCollection');
    expect(data.features.length).toBeGreaterThan(SUBDISTRICTS);
    for (const f of data.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties.areaM2).toBeGreaterThanOrEqual(10_000);
      expect(f.properties.region).toMatch(/^[a-z]+$/);
      expect(f.properties.regionName).toMatch(/(街道|镇)$/);
    }
    await context.close();
  });
});

describe('region pages', () => {
  test('a 街镇 with no station says so, lists its vacuums largest first and two labelled suggestions', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(new URL('regions/huajing/', siteUrl).href);
    await expect(page.locator('.empty').textContent()).resolves.toContain('本区域内没有任何党群服务站点');
    const areas = await page.$$eval('ol.vacuums li', (items) => items.map((li) => Number(/面积 ([\d.]+) 平方公里/.exec(li.textContent ?? '')?.[1])));
    expect(areas.length).toBeGreaterThan(0);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    await expect(page.locator('ol.suggestions li').count()).resolves.toBe(2);
    await expect(page.locator('.notice-proposal').textContent()).resolves.toContain('计算建议，不是决定');
    await context.close();
  });
});

describe('station and building pages', () => {
  test('name their 街镇 and link its page, worked out from the boundaries when the entry does not say', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // The district centre's entry names no 街镇; its (illustrative) position lies in 枫林路街道.
    await page.goto(new URL('stations/xuhui-district-station/', siteUrl).href);
    const computed = page.locator('dt:text-is("街道（镇）") + dd');
    await expect(computed.textContent()).resolves.toContain('按区域边界判断');
    await expect(computed.locator('a').getAttribute('href')).resolves.toMatch(/\/regions\/fenglin\/$/);
    // 百代小楼's entry says 天平路街道; the OpenStreetMap lines put it in 徐家汇街道: the page shows both.
    await page.goto(new URL('buildings/baidai-building/', siteUrl).href);
    const links = page.locator('dt:text-is("街道（镇）") + dd a');
    await expect(links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual([
      expect.stringMatching(/\/regions\/tianping\/$/),
      expect.stringMatching(/\/regions\/xujiahui\/$/),
    ]);
    await context.close();
  });
});
