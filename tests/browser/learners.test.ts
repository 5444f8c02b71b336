/**
 * Learners and Party schools on a phone: a route page opens again offline
 * after one visit, "save for offline" brings its worksheet, downloads and
 * stop pages along, check-ins are verified by position and survive a
 * reload, an assignment link made on /assign/ shows on top of the route,
 * and the worksheet and plaque carry QR codes that decode to the site's
 * pages. Run it with BASE_PATH=/red-routes/ too: every URL here is relative
 * to the served base.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseGpxTrack } from '../../src/lib/content/tracks.ts';
import { decodeQrSvg } from '../helpers/qr.ts';
import { formatViolations, launchBrowser, PHONE, runAxe, watchForPosition, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const basePath = inject('basePath');
const siteDir = inject('siteDir');

const ROUTE = 'qilai-awakening-route';
const routeUrl = new URL(`routes/${ROUTE}/`, siteUrl).href;

/** The route's stops as the page carries them for check-ins. */
interface Stop {
  order: number;
  id: string;
  name: string;
  point: [number, number];
}
const stops: Stop[] = JSON.parse(
  /data-checkin-data>([^<]*)</.exec(readFileSync(path.join(siteDir, 'routes', ROUTE, 'index.html'), 'utf8'))![1],
).stops;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A fresh phone (its own storage and service worker), closed after `use`. */
async function withPhone(options: Parameters<Browser['newContext']>[0], use: (context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ ...PHONE, ...options });
  try {
    await use(context);
  } finally {
    await context.close();
  }
}

/** Waits until the service worker controls the page and holds `href` in its cache. */
async function waitUntilCached(page: Page, href: string): Promise<void> {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await expect
    .poll(() => page.evaluate(async (u) => Boolean(await caches.match(u)), href), { timeout: 20_000 })
    .toBe(true);
}

describe('offline', () => {
  test('a route page opens again offline after one visit, with its assignment link', async () => {
    await withPhone({}, async (context) => {
      const page = await context.newPage();
      const watch = await watchPage(page, siteOrigin);
      await page.goto(routeUrl, { waitUntil: 'load' });
      const title = await page.locator('h1').textContent();
      await waitUntilCached(page, routeUrl);
      expect(watch.errors, 'console errors').toEqual([]);

      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe(title);
      // Its stylesheet and scripts came from the cache too: the check-in section is drawn by a script.
      await expect.poll(() => page.locator('[data-checkins]').isVisible()).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor)).toBe('rgb(166, 28, 33)');

      await page.goto(`${routeUrl}?class=${encodeURIComponent('一班')}`, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe(title);
      await expect.poll(() => page.locator('[data-assignment]').isVisible()).toBe(true);

      // A page never visited says so, in Chinese, instead of the browser's error page.
      // The service worker answers: the navigation itself must succeed.
      await page.goto(new URL('figures/', siteUrl).href, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe('现在没有网络');
    });
  });

  test('"save for offline" keeps the worksheet, the downloads, the stop pages and the map code', async () => {
    await withPhone({}, async (context) => {
      const page = await context.newPage();
      await page.goto(routeUrl, { waitUntil: 'load' });
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
      await page.getByRole('button', { name: '保存离线使用' }).click();
      const status = page.locator('.offline-save [role="status"]');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^已保存 \d+ 个文件。/);

      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const keys = (await Promise.all(names.map(async (n) => (await caches.open(n)).keys()))).flat();
        return { names, urls: keys.map((r) => new URL(r.url).pathname) };
      });
      expect(cached.names).toHaveLength(1);
      expect(cached.names[0]).toMatch(new RegExp(`^red-routes:${basePath}:[0-9a-f]{12}$`));
      expect(cached.urls).toEqual(expect.arrayContaining([`${basePath}routes/${ROUTE}/worksheet/`, `${basePath}routes/${ROUTE}.gpx`]));
      expect(cached.urls.some((u) => /\/_astro\/map-client\.[\w-]+\.js$/.test(u)), 'the interactive map code').toBe(true);
      expect(cached.urls.some((u) => /\/_astro\/maplibre-gl-worker[\w.-]*\.js$/.test(u)), 'the map worker').toBe(true);

      await context.setOffline(true);
      await page.goto(new URL(`routes/${ROUTE}/worksheet/`, siteUrl).href, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toMatch(/^学习单：/);
      await page.goto(new URL(`buildings/${stops[1].id}/`, siteUrl).href, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe(stops[1].name);
      const gpx = await page.evaluate(async (u) => (await fetch(u)).text(), new URL(`routes/${ROUTE}.gpx`, siteUrl).href);
      expect(parseGpxTrack(gpx).line.length).toBeGreaterThan(1);
    });
  });

  test('a new build replaces the old cache, bringing the pages it held up to date', async () => {
    const worker = path.join(siteDir, 'sw.js');
    const original = readFileSync(worker, 'utf8');
    await withPhone({}, async (context) => {
      const page = await context.newPage();
      await page.goto(routeUrl, { waitUntil: 'load' });
      await waitUntilCached(page, routeUrl);
      // What an older build left: its own cache, holding a page in its old form.
      const stale = `red-routes:${basePath}:000000000000`;
      const figures = new URL('figures/', siteUrl).href;
      await page.evaluate(
        async ([name, href]) => (await caches.open(name)).put(href, new Response('<h1>旧版本</h1>', { headers: { 'Content-Type': 'text/html' } })),
        [stale, figures],
      );
      // Any change to sw.js is a new worker to the browser, as a new build's version is.
      writeFileSync(worker, `${original}\n// a new build\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 20_000 }).not.toContain(stale);
      const carried = await page.evaluate(async (href) => (await (await caches.match(href))?.text()) ?? '', figures);
      expect(carried).toContain('<html lang="zh-CN"');
      expect(carried).not.toContain('旧版本');
    }).finally(() => writeFileSync(worker, original));
  });

  test('the manifest is served under the base path, with icons that exist', async () => {
    const manifest = await (await fetch(new URL('manifest.webmanifest', siteUrl))).json();
    expect(manifest).toMatchObject({ start_url: basePath, scope: basePath, lang: 'zh-CN', display: 'standalone' });
    for (const icon of manifest.icons as { src: string }[]) {
      const response = await fetch(new URL(icon.src, siteOrigin));
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
    }
  });
});

describe('check-ins', () => {
  test('are verified within 100 m, not beyond, and survive a reload', async () => {
    const [first, second] = stops;
    await withPhone(
      { permissions: ['geolocation'], geolocation: { longitude: first.point[0], latitude: first.point[1] + 0.0003, accuracy: 12 } },
      async (context) => {
        const near: [number, number] = [first.point[0], first.point[1] + 0.0003];
        const off: [number, number] = [second.point[0] + 0.005, second.point[1]];
        const leaks = watchForPosition(context, [near, off]);
        const page = await context.newPage();
        const watch = await watchPage(page, siteOrigin);
        await page.goto(routeUrl, { waitUntil: 'load' });
        await expect.poll(() => page.locator('[data-checkins]').isVisible()).toBe(true);
        expect(await page.locator('.checkins-privacy').textContent()).toContain('所有记录只保存在本机，不会上传');

        const control = (stop: Stop) => page.locator(`[data-checkin-stop="${stop.order}"]`);
        await control(first).getByRole('button').click();
        await expect.poll(() => control(first).locator('.checkin-status').textContent()).toMatch(/^已打卡 \d\d:\d\d · 位置已核验：距经停点约 3\d 米$/);

        // Half a kilometre off: checked in, but not verified.
        await context.setGeolocation({ longitude: off[0], latitude: off[1], accuracy: 12 });
        await control(second).getByRole('button').click();
        await expect.poll(() => control(second).locator('.checkin-status').textContent()).toMatch(/未核验：距经停点约 4\d\d 米，超出 100 米$/);
        expect(await page.locator('[data-checkin-announce]').textContent()).toContain(`第 2 站 ${second.name}`);

        await page.reload({ waitUntil: 'load' });
        await expect.poll(() => control(first).locator('.checkin-status').textContent()).toContain('位置已核验');
        expect(await control(second).locator('.checkin-status').textContent()).toContain('未核验');
        expect(await page.locator('[data-checkin-progress]').textContent()).toBe(`已打卡 2/${stops.length} 个经停点，其中 1 个位置已核验。`);
        const rows = await page.locator('[data-checkin-rows] tr').allTextContents();
        expect(rows).toHaveLength(stops.length);
        expect(rows[2]).toContain('未打卡');

        const violations = await runAxe(page);
        expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);
        await page.waitForLoadState('networkidle', { timeout: 15_000 });
        expect(leaks, 'requests carrying the position, to any host').toEqual([]);
        expect(watch.errors, 'console errors').toEqual([]);
        expect(watch.external, 'requests that left the site').toEqual([]);
      },
    );
  });

  test('without the location permission a check-in is recorded as unverified', async () => {
    await withPhone({ permissions: [] }, async (context) => {
      const page = await context.newPage();
      await page.goto(routeUrl, { waitUntil: 'load' });
      const control = page.locator('[data-checkin-stop="1"]');
      await control.getByRole('button').click();
      await expect.poll(() => control.locator('.checkin-status').textContent()).toContain('未核验：没有获得位置');
    });
  });
});

describe('assignments', () => {
  test('/assign/ makes a link and a QR code; the link shows the assignment on top and tracks required stops', async () => {
    const [first, second] = stops;
    await withPhone(
      { permissions: ['geolocation'], geolocation: { longitude: second.point[0], latitude: second.point[1], accuracy: 10 } },
      async (context) => {
        const page = await context.newPage();
        const watch = await watchPage(page, siteOrigin);
        await page.goto(new URL(`assign/?route=${ROUTE}`, siteUrl).href, { waitUntil: 'load' });
        expect(await page.locator('select[name="route"]').inputValue()).toBe(ROUTE);
        await page.getByLabel('班级或小组').fill('天平街道党校（二班）');
        await page.getByLabel('日期').fill('2026-11-20');
        await page.getByLabel(`${second.order}. ${second.name}`).check();
        await page.getByRole('button', { name: '生成链接和二维码' }).click();

        const link = await page.locator('[data-assign-link]').getAttribute('href');
        expect(link).toBe(`${routeUrl}?class=${encodeURIComponent('天平街道党校（二班）')}&date=2026-11-20&required=${second.id}`);
        const svg = await page.locator('[data-assign-qr] svg').evaluate((el) => el.outerHTML);
        expect(decodeQrSvg(svg)).toBe(link);
        const violations = await runAxe(page);
        expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);

        await page.goto(link!, { waitUntil: 'load' });
        const banner = page.locator('[data-assignment]');
        await expect.poll(() => banner.isVisible()).toBe(true);
        // On top: right under the title.
        expect(await page.locator('article > h1 + [data-assignment]').count()).toBe(1);
        expect(await banner.locator('[data-assignment-class]').textContent()).toBe('天平街道党校（二班）');
        expect(await banner.locator('[data-assignment-required]').textContent()).toBe(`${second.order}. ${second.name}`);
        expect(await banner.locator('[data-assignment-progress]').textContent()).toBe('0/1');

        await page.locator(`[data-checkin-stop="${second.order}"] button`).click();
        await expect.poll(() => banner.locator('[data-assignment-progress]').textContent()).toBe('1/1，已完成');
        expect(await page.locator('[data-checkin-progress]').textContent()).toContain('必到经停点完成 1/1。已完成全部要求的经停点。');

        // The same route without the assignment keeps its own, empty record.
        await page.goto(routeUrl, { waitUntil: 'load' });
        await expect.poll(() => page.locator('[data-checkin-progress]').textContent()).toContain('已打卡 0/');
        expect(await page.locator(`[data-checkin-stop="${first.order}"] .checkin-status`).textContent()).toBe('');
        expect(watch.errors, 'console errors').toEqual([]);
      },
    );
  });
});

describe('print', () => {
  test('the worksheet has the map, every stop with its task and QR code, and prints on A4 without the site chrome', async () => {
    await withPhone({}, async (context) => {
      const page = await context.newPage();
      await page.goto(new URL(`routes/${ROUTE}/worksheet/`, siteUrl).href, { waitUntil: 'load' });
      expect(await page.locator('.ws-map svg').count()).toBe(1);
      const items = page.locator('.ws-stops > li');
      expect(await items.count()).toBe(stops.length);
      expect(await items.first().locator('.ws-task').textContent()).toMatch(/^学习任务：.+/);

      const codes = await page.locator('svg.qr-code').evaluateAll((els) => els.map((el) => el.outerHTML));
      expect(codes).toHaveLength(stops.length + 1);
      const decoded = codes.map(decodeQrSvg);
      // SITE_URL decides the host; the path is the page's under the base path.
      expect(new URL(decoded[0]!).pathname).toBe(`${basePath}routes/${ROUTE}/`);
      expect(decoded.slice(1).map((u) => new URL(u!).pathname)).toEqual(stops.map((s) => `${basePath}buildings/${s.id}/`));

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('.print-button').isVisible()).toBe(false);
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      // @page asks for A4: 595 × 842 pt.
      const [width, height] = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf)!.slice(1).map(Number);
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    });
  });

  test('the plaque is one large QR code to the building page', async () => {
    await withPhone({}, async (context) => {
      const page = await context.newPage();
      await page.goto(new URL(`buildings/${stops[0].id}/plaque/`, siteUrl).href, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe(stops[0].name);
      const svg = await page.locator('svg.qr-code').evaluate((el) => el.outerHTML);
      expect(new URL(decodeQrSvg(svg)!).pathname).toBe(`${basePath}buildings/${stops[0].id}/`);
      const violations = await runAxe(page);
      expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);
    });
  });

  test('the route page links its worksheet and downloads, which are served', async () => {
    await withPhone({}, async (context) => {
      const page = await context.newPage();
      await page.goto(routeUrl, { waitUntil: 'load' });
      for (const name of ['打印学习单', '下载 GPX 轨迹', '下载 GeoJSON']) {
        const href = await page.getByRole('link', { name }).getAttribute('href');
        const response = await page.request.get(new URL(href!, siteOrigin).href);
        expect(response.status(), name).toBe(200);
      }
    });
  });
});
