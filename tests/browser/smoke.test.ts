/**
 * Smoke tests of the built sample site on a phone: the home page is usable,
 * accessible and self-contained, and every page of its navigation opens.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { expectSelfContained, formatViolations, launchBrowser, type PageWatch, phoneContext, runAxe, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');

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

async function open(url: string): Promise<{ page: Page; watch: PageWatch; status: number | undefined }> {
  const page = await context.newPage();
  const watch = await watchPage(page, siteOrigin);
  const response = await page.goto(url, { waitUntil: 'load' });
  // Late scripts (lazy maps, search) request what they request before the
  // network goes idle; a page that never settles fails here.
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  return { page, watch, status: response?.status() };
}

describe('home page on a phone', () => {
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    ({ page, watch } = await open(siteUrl));
  });
  afterAll(() => page?.close());

  test('is Chinese, has one h1, no console error and no request leaving the site', async () => {
    expectSelfContained(watch);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').count(), 'number of <h1>').toBe(1);
  });

  test('the first Tab reaches a visible skip link that moves focus to <main>', async () => {
    await page.keyboard.press('Tab');
    const link = await page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLAnchorElement)) return { tag: el?.tagName ?? null };
      const rect = el.getBoundingClientRect();
      return { tag: 'A', href: el.getAttribute('href'), text: el.textContent?.trim(), visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 };
    });
    expect(link.tag, 'the first Tab stop should be the skip link').toBe('A');
    expect(link.href, 'skip link href').toMatch(/^#./);
    expect(link.visible, 'the skip link is visible while focused').toBe(true);

    await page.keyboard.press('Enter');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      return { inMain: !!el?.closest('main'), tag: el?.tagName, id: el?.id };
    });
    expect(focus, 'after Enter on the skip link, focus is on or inside <main> (give <main> tabindex="-1")').toMatchObject({ inMain: true });
  });

  test('has no serious or critical axe violation (WCAG 2.x A/AA)', async () => {
    const violations = await runAxe(page);
    expect(violations.map((v) => v.id), `axe violations:\n${formatViolations(violations)}\n`).toEqual([]);
  });
});

test('every page in the home page navigation opens without errors', async () => {
  const home = await context.newPage();
  await home.goto(siteUrl);
  const hrefs: string[] = await home.$$eval('nav a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href));
  await home.close();

  const pages = [...new Set(hrefs.map((href) => href.split('#')[0]))].filter((href) => href.startsWith(siteOrigin));
  expect(pages.length, 'links in <nav> on the home page').toBeGreaterThan(0);

  const problems: string[] = [];
  for (const url of pages) {
    const { page, watch, status } = await open(url);
    if (status !== 200) problems.push(`${url}: HTTP ${status}`);
    else for (const line of [...watch.external, ...watch.errors, ...watch.failed]) problems.push(`${url}: ${line}`);
    await page.close();
  }
  expect(problems, `navigation pages (${pages.length}) with problems`).toEqual([]);
});
