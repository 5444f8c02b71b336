/**
 * Quality gates on the built sample site, at a phone and a desktop size: the
 * pages a visitor, a teacher and an editor meet most load with no console
 * error, no request to another host, and no serious or critical WCAG 2.x A/AA
 * violation. Maps are given time to load, since their code runs late.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { desktopContext, expectSelfContained, formatViolations, launchBrowser, phoneContext, runAxe, watchPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');

const PAGES = [
  '',
  'routes/',
  'buildings/baidai-building/',
  'figures/nie-er/',
  'classics/march-of-the-volunteers/',
  'routes/qilai-awakening-route/',
  'stations/hunan-road-station/',
  'coverage/',
  'search/?q=聂耳',
  'routes/qilai-awakening-route/worksheet/',
];

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

  test.each(PAGES)('/%s is clean: no console error, no outside request, no serious axe violation', async (path) => {
    const page = await context.newPage();
    const watch = await watchPage(page, siteOrigin);
    const response = await page.goto(new URL(path, siteUrl).href, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 15_000 });
    expect(response?.status(), 'HTTP status').toBe(200);
    const violations = await runAxe(page);
    expectSelfContained(watch);
    expect(violations.map((v) => v.id), `axe:\n${formatViolations(violations)}`).toEqual([]);
    await page.close();
  });
});
