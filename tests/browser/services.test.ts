/**
 * Stations as service points and the calendar of lessons, as a visitor meets
 * them: a station page on a phone shows its three lists and the open-now line
 * for a mocked clock (Shanghai time, whatever the phone's zone), /events/
 * re-sorts on the visitor's clock, /services/ filters with and without
 * JavaScript, events are found by search, and the pages are clean.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { desktopContext, expectSelfContained, formatViolations, launchBrowser, phoneContext, runAxe, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const siteDir = inject('siteDir');
const sample = !process.env.CONTENT_DIR;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Opens a page with the clock fixed at `time` before any script runs. */
async function openAt(context: BrowserContext, path: string, time?: string): Promise<Page> {
  const page = await context.newPage();
  if (time) await page.clock.setFixedTime(new Date(time));
  const response = await page.goto(new URL(path, siteUrl).href, { waitUntil: 'load' });
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  return page;
}

describe.skipIf(!sample)('a station page on a phone (390×844)', () => {
  const STATION = 'stations/tianping-road-station/';
  let context: BrowserContext;
  afterAll(() => context?.close());

  test.each([
    // Tuesday 10:30 in Shanghai, from a phone in Shanghai.
    ['Asia/Shanghai', '2026-12-01T10:30:00+08:00', '今天开放 8:30–11:30、13:00–17:00，现在正在开放，11:30 关门。'],
    // Tuesday 12:00 in Shanghai: the lunch break.
    ['Asia/Shanghai', '2026-12-01T12:00:00+08:00', '现在还没开门，13:00 开门。'],
    // Monday 20:00 in Shanghai is Monday 07:00 in New York: Shanghai's time decides.
    ['America/New_York', '2026-11-30T20:00:00+08:00', '今天开放 8:30–11:30、13:00–17:00，现在已关门。下次开放：周二 8:30。'],
  ])('in %s at %s it says “%s”', async (timezoneId, time, expected) => {
    context = await phoneContext(browser, { timezoneId });
    const page = await openAt(context, STATION, time);
    const line = page.locator('[data-open-now]');
    await expect(line.isVisible()).resolves.toBe(true);
    await expect(line.textContent()).resolves.toContain(expected);
    for (const heading of ['开放时间', '服务清单', '需求清单', '项目清单']) {
      await expect(page.getByRole('heading', { name: heading }).isVisible(), heading).resolves.toBe(true);
    }
    await expect(page.locator('.hours-words').textContent()).resolves.toBe('周一至周五 8:30–11:30、13:00–17:00，周六、周日 9:00–16:00');
    // Holidays are said, not computed.
    await expect(page.locator('.holidays').textContent()).resolves.toContain('本站无法自动计算');
    await expect(page.getByRole('heading', { name: '服务清单' }).locator('.badge').textContent()).resolves.toBe('示例');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal scroll of the whole page').toBeLessThanOrEqual(0);
    await context.close();
  });

  test('without JavaScript the weekly table answers and no empty open-now line shows', async () => {
    context = await phoneContext(browser, { javaScriptEnabled: false });
    const page = await openAt(context, STATION);
    await expect(page.locator('[data-open-now]').isVisible()).resolves.toBe(false);
    const rows = await page.$$eval('table.week tr', (trs) =>
      trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.textContent?.trim()).join(' ')),
    );
    expect(rows).toEqual([
      '周一 8:30–11:30、13:00–17:00',
      '周二 8:30–11:30、13:00–17:00',
      '周三 8:30–11:30、13:00–17:00',
      '周四 8:30–11:30、13:00–17:00',
      '周五 8:30–11:30、13:00–17:00',
      '周六 9:00–16:00',
      '周日 9:00–16:00',
    ]);
    await context.close();
  });
});

describe.skipIf(!sample)('a place’s page lists its coming events', () => {
  test('the open day shows on its station’s page until it ends on the visitor’s clock', async () => {
    const context = await phoneContext(browser);
    const EVENT = 'a[href$="/events/tianping-open-day-demo/"]';
    const before = await openAt(context, 'stations/tianping-road-station/', '2027-01-16T09:00:00+08:00');
    const built = await before.locator(EVENT).count();
    expect(built, 'the sample open day (2027-01-16) should be coming at the pinned build date (SOURCE_DATE_EPOCH in tests/browser/setup.ts)').toBe(1);
    await expect(before.getByRole('heading', { name: '在这里举行的活动' }).isVisible()).resolves.toBe(true);
    const after = await openAt(context, 'stations/tianping-road-station/', '2027-01-16T11:01:00+08:00');
    await expect(after.locator(EVENT).count()).resolves.toBe(0);
    await expect(after.locator('[data-events-empty=coming]').isVisible()).resolves.toBe(true);
    await context.close();
  });
});

/** The events of /events/ as the page lists them: id, start and end-or-start in ms, and which list. */
function listed(page: Page) {
  return page.$$eval('[data-events] li[data-start]', (items) =>
    items.map((li) => ({
      id: li.querySelector('a')!.getAttribute('href')!.split('/').filter(Boolean).at(-1)!,
      start: Number((li as HTMLElement).dataset.start),
      over: Number((li as HTMLElement).dataset.over),
      list: li.closest('ol')!.hasAttribute('data-events-coming') ? 'coming' : 'past',
    })),
  );
}

describe('/events/ on the visitor’s clock', () => {
  test('an event whose end has passed on the visitor’s clock moves below, whatever the build date said', async () => {
    const context = await desktopContext(browser);
    const events = await listed(await openAt(context, 'events/'));
    expect(events.length, 'events on /events/').toBeGreaterThanOrEqual(2);
    // A clock one minute after the earliest end: that event is past, every other one sorted by its own end.
    const byEnd = [...events].sort((a, b) => a.over - b.over);
    const now = byEnd[0].over + 60_000;
    const page = await openAt(context, 'events/', new Date(now).toISOString());
    const after = await listed(page);
    const coming = events.filter((e) => e.over > now).sort((a, b) => a.start - b.start);
    const past = events.filter((e) => e.over <= now).sort((a, b) => b.start - a.start);
    expect(past.map((e) => e.id)).toContain(byEnd[0].id);
    expect(after.map((e) => `${e.list} ${e.id}`)).toEqual([...coming.map((e) => `coming ${e.id}`), ...past.map((e) => `past ${e.id}`)]);
    // And one minute before it ends, it is still coming.
    const before = await listed(await openAt(context, 'events/', new Date(byEnd[0].over - 60_000).toISOString()));
    expect(before.find((e) => e.id === byEnd[0].id)?.list).toBe('coming');
    await context.close();
  });

  test.skipIf(!sample)('an event page offers its calendar file, which is a VCALENDAR', async () => {
    const context = await phoneContext(browser);
    const page = await openAt(context, 'events/music-lesson-march-demo/', '2026-12-12T15:00:00+08:00');
    await expect(page.locator('[data-event-status]').textContent()).resolves.toBe('活动正在进行。');
    const href = await page.getByRole('link', { name: '加入日历' }).getAttribute('href');
    const ics = await page.evaluate((u) => fetch(u!).then((r) => r.text()), href);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:/);
    expect(ics).toContain('UID:music-lesson-march-demo@xuhui-red-routes');
    await context.close();
  });
});

describe.skipIf(!sample)('/services/', () => {
  test('with JavaScript, the three selects combine', async () => {
    const context = await phoneContext(browser);
    const page = await openAt(context, 'services/');
    await page.selectOption('select[name=kind]', 'need');
    await expect(page.locator('[data-kind=service]:visible').count()).resolves.toBe(0);
    const needs = await page.locator('[data-kind=need]:visible').count();
    expect(needs).toBeGreaterThan(1);
    await page.selectOption('select[name=tier]', 'park');
    await expect(page.locator('[data-station]:visible').count()).resolves.toBe(1);
    await expect(page.locator('[data-station]:visible h3').textContent()).resolves.toContain('示例园区党群服务站');
    await expect(page.locator('output[name=shown]').textContent()).resolves.toBe('显示 1 项');
    await context.close();
  });

  test('without JavaScript, a kind link shows only that kind', async () => {
    const context = await phoneContext(browser, { javaScriptEnabled: false });
    const page = await openAt(context, 'services/');
    const all = await page.locator('[data-kind]:visible').count();
    await page.getByRole('link', { name: '项目清单', exact: true }).click();
    await expect(page.locator('[data-kind=service]:visible').count()).resolves.toBe(0);
    await expect(page.locator('[data-kind=need]:visible').count()).resolves.toBe(0);
    const projects = await page.locator('[data-kind=project]:visible').count();
    expect(projects).toBeGreaterThan(0);
    expect(projects).toBeLessThan(all);
    await context.close();
  });
});

test.skipIf(!sample)('search finds an event, and the kind filter offers 活动', async () => {
  const context = await desktopContext(browser);
  const page = await openAt(context, `search/?q=${encodeURIComponent('党群阵地开放日')}`);
  await page.waitForSelector('#search-results a[href*="/events/tianping-open-day-demo/"]');
  await expect(page.locator('input[name="kind"][value="活动"]').count()).resolves.toBe(1);
  await context.close();
});

describe.each([
  ['phone 390×844', phoneContext],
  ['desktop 1280×800', desktopContext],
] as const)('%s', (_name, makeContext) => {
  test.each(['events/', 'services/', ...(sample ? ['events/tianping-open-day-demo/', 'stations/xuhui-district-station/'] : [])])(
    '/%s is clean: no console error, no outside request, no serious axe violation',
    async (path) => {
      const context = await makeContext(browser);
      const page = await context.newPage();
      const watch = await watchPage(page, siteOrigin);
      const response = await page.goto(new URL(path, siteUrl).href, { waitUntil: 'load' });
      expect(response?.status(), 'HTTP status').toBe(200);
      const violations = await runAxe(page);
      expectSelfContained(watch);
      expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'horizontal scroll of the whole page').toBeLessThanOrEqual(0);
      await context.close();
    },
  );
});

describe.skipIf(!sample)('what the browser downloads for hours and events', () => {
  const gz = (text: string) => gzipSync(text).length;

  test('the open-now and event scripts of a station page weigh under 2 KB gzipped, and the parsers stay on the server', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const loading: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') loading.push(response.text());
    });
    await page.goto(new URL('stations/tianping-road-station/', siteUrl).href, { waitUntil: 'load' });
    const scripts = await Promise.all(loading);
    const inline = await page.$$eval('script[type=module]:not([src])', (els) => els.map((el) => el.textContent ?? ''));
    const ours = [...inline, ...scripts].filter((js) => /data-open-now|data-events/.test(js));
    expect(ours.length, 'the open-now and events scripts were found').toBeGreaterThanOrEqual(2);
    expect(ours.reduce((sum, js) => sum + gz(js), 0)).toBeLessThanOrEqual(2048);
    await context.close();
    // Neither the opening_hours parser nor the iCalendar writer is shipped to the browser.
    const bundles = readdirSync(path.join(siteDir, '_astro')).filter((f) => f.endsWith('.js'));
    for (const file of bundles) {
      const js = readFileSync(path.join(siteDir, '_astro', file), 'utf8');
      expect(js, file).not.toMatch(/opening_hours|X-WR-CALNAME/);
    }
  });
});
