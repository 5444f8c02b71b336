/**
 * Search on the built site, on a phone: real Chinese queries through the
 * /search/ page (full names, two-character words, single characters, phrases
 * from the middle of a body, song titles, addresses), filters, share links,
 * the header form, and that nothing leaves the site.
 *
 * Besides fixed queries on the sample content, queries are derived from the
 * source of whatever content was built (CONTENT_DIR, read with the content
 * loader): for every page its title, one character of it, and a phrase from
 * the middle of its text, each of which must find every page whose source or
 * indexed text contains it. Run under a sub-folder with
 * BASE_PATH=/red-routes/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { sourcePages } from '../helpers/source-pages.ts';
import { formatViolations, launchBrowser, phoneContext, runAxe, watchPage, type PageWatch } from './browser.ts';

const siteUrl = inject('siteUrl');
const siteOrigin = inject('siteOrigin');
const basePath = inject('basePath');
const siteDir = inject('siteDir');
const contentDir = inject('contentDir');
// The fixed queries name sample pages; other content (CONTENT_DIR) skips them, and only them.
const otherContent = !inject('sampleContent');

/** Entry page paths relative to the base, e.g. `figures/nie-er/`. */
type EntryPath = string;

/** Queries on the sample content and pages each must find (others may come too). */
const SAMPLE_QUERIES: { kind: string; q: string; expect: EntryPath[] }[] = [
  { kind: 'full name', q: '宋庆龄', expect: ['figures/song-qingling/', 'buildings/song-qingling-residence/'] },
  { kind: 'two-character word', q: '国歌', expect: ['classics/march-of-the-volunteers/', 'figures/nie-er/'] },
  {
    kind: 'single character',
    q: '聂',
    expect: ['figures/nie-er/', 'buildings/nie-er-former-residence/', 'buildings/nie-er-statue-square/'],
  },
  { kind: 'phrase from the middle of a body', q: '同一门牌下的3号楼', expect: ['buildings/xia-yan-residence/'] },
  {
    kind: 'song title',
    q: '义勇军进行曲',
    expect: ['classics/march-of-the-volunteers/', 'figures/nie-er/', 'buildings/baidai-building/'],
  },
  { kind: 'address', q: '武康路', expect: ['buildings/ba-jin-residence/', 'buildings/wukang-mansion/'] },
  { kind: 'address with number', q: '武康路113号', expect: ['buildings/ba-jin-residence/'] },
];

/** The indexed text of every page, from the fragments of the built index. */
function indexedPages(): { path: EntryPath; title: string; text: string }[] {
  const dir = path.join(siteDir, 'pagefind', 'fragment');
  return readdirSync(dir).map((file) => {
    const json = gunzipSync(readFileSync(path.join(dir, file))).toString('utf8').replace(/^pagefind_dcd/, '');
    const fragment = JSON.parse(json);
    return { path: fragment.url.replace(/^\//, ''), title: fragment.meta.title, text: fragment.content };
  });
}

/** What counts as "contains" for a query without spaces: letters and digits only, case folded. */
const fold = (text: string) =>
  Array.from(text.normalize('NFKC').toLowerCase())
    .filter((ch) => /[\p{L}\p{N}]/u.test(ch))
    .join('');

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

async function open(url: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch = await watchPage(page, siteOrigin);
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch };
}

/** Waits for the results of the search in progress, shows them all, and returns their paths. */
async function results(page: Page): Promise<EntryPath[]> {
  await page.waitForFunction(() => /找到/.test(document.querySelector('#search-status')?.textContent ?? ''));
  while (await page.isVisible('#search-more')) {
    const shown = await page.locator('#search-results > li').count();
    await page.click('#search-more');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, shown);
  }
  const hrefs = await page.$$eval('#search-results a', (links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map((href) => {
    const { pathname } = new URL(href);
    expect(pathname.startsWith(basePath), `${href} is inside the base path ${basePath}`).toBe(true);
    return pathname.slice(basePath.length);
  });
}

/** Searches from the /search/ page already open, as a visitor would: type, press Enter. */
async function search(page: Page, query: string): Promise<EntryPath[]> {
  await page.fill('#search-input', query);
  await page.press('#search-input', 'Enter');
  await page.waitForFunction((q) => document.querySelector('#search-status')?.textContent?.includes(`“${q}”`), query);
  return results(page);
}

describe('queries', () => {
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    ({ page, watch } = await open(new URL('search/', siteUrl).href));
  });
  afterAll(() => page?.close());

  test.skipIf(otherContent)('find the expected sample pages for each kind of query', async () => {
    for (const { kind, q, expect: expected } of SAMPLE_QUERIES) {
      const found = await search(page, q);
      expect(found, `${kind}: ${q}`).toEqual(expect.arrayContaining(expected));
    }
  });

  test.skipIf(otherContent)('put the pages that contain a several-word query as written first', async () => {
    // Pagefind alone returns every page with all the words anywhere; those come after.
    const pages = indexedPages();
    const query = SAMPLE_QUERIES.find((s) => s.kind === 'song title')!.q;
    const found = await search(page, query);
    const containing = pages.filter((p) => fold(p.text).includes(fold(query))).map((p) => p.path);
    expect(found.slice(0, containing.length).sort()).toEqual(containing.sort());
  });

  test("find every page containing each page's title, a character of it and a phrase from its text", async () => {
    // Queries and expected pages come from the source content (the loader), so
    // text the index leaves out fails here; pages whose indexed text (names of
    // related entries, stops) contains the query must come too.
    const sources = sourcePages(contentDir);
    const indexed = indexedPages();
    expect(sources.length, 'entry pages in the content').toBeGreaterThan(0);
    const han = (text: string) => text.match(/[\p{Script=Han}\d]{8,}/gu) ?? [];
    const queries = new Set<string>();
    // Spread over the content; every page of a small site.
    const step = Math.max(1, Math.floor(sources.length / 30));
    sources
      .filter((_, i) => i % step === 0)
      .forEach((p, i) => {
        queries.add(p.title);
        const chars = Array.from(fold(p.title)).filter((ch) => /\p{Script=Han}/u.test(ch));
        if (chars.length > 0) queries.add(chars[i % chars.length]);
        const runs = han(p.text);
        const run = runs[Math.floor(runs.length / 2)];
        if (run) queries.add(run.slice(2, 8));
      });
    const misses: string[] = [];
    for (const q of queries) {
      const found = new Set(await search(page, q));
      const wanted = new Set([
        ...sources.filter((p) => fold(p.text).includes(fold(q))).map((p) => p.path),
        ...indexed.filter((p) => fold(p.text).includes(fold(q)) || fold(p.title).includes(fold(q))).map((p) => p.path),
      ]);
      for (const p of wanted) if (!found.has(p)) misses.push(`${q} → ${p}`);
    }
    expect(misses, 'pages that contain the query but were not found').toEqual([]);
  });

  test('left no console error, no failed request and nothing outside the site', () => {
    expect(watch.errors, 'console errors').toEqual([]);
    expect(watch.failed, 'failed requests').toEqual([]);
    expect(watch.external, 'requests that left the site').toEqual([]);
  });
});

describe.skipIf(otherContent)('filters and share links', () => {
  test('a kind filter keeps only that kind, and the address shares query and filter', async () => {
    const { page, watch } = await open(new URL(`search/?q=${encodeURIComponent('聂耳')}`, siteUrl).href);
    const all = await results(page);
    expect(all).toEqual(expect.arrayContaining(['figures/nie-er/', 'buildings/nie-er-former-residence/']));

    await page.click('summary:has-text("筛选")');
    await page.check('input[name="kind"][value="人物"]');
    await page.waitForFunction(() => !document.querySelector('#search-results a[href*="/buildings/"]'));
    const figures = await results(page);
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.every((p) => p.startsWith('figures/')), figures.join(' ')).toBe(true);
    expect(await page.locator('.result-kind').allTextContents()).toEqual(figures.map(() => '人物'));

    const shared = new URL(page.url());
    expect(shared.searchParams.get('q')).toBe('聂耳');
    expect(shared.searchParams.getAll('kind')).toEqual(['人物']);

    // The shared link restores the same search in a fresh page.
    const { page: again, watch: watchAgain } = await open(shared.href);
    expect(await again.inputValue('#search-input')).toBe('聂耳');
    expect(await again.isChecked('input[name="kind"][value="人物"]')).toBe(true);
    expect(await results(again)).toEqual(figures);
    for (const w of [watch, watchAgain]) expect([...w.errors, ...w.failed, ...w.external]).toEqual([]);
    await page.close();
    await again.close();
  });

  test('sub-district and route duration filters, with or without a query', async () => {
    const { page } = await open(new URL('search/?subdistrict=湖南路街道', siteUrl).href);
    const hunan = await results(page);
    expect(hunan).toEqual(expect.arrayContaining(['buildings/ba-jin-residence/', 'stations/hunan-road-station/']));
    expect(hunan).not.toContain('buildings/xia-yan-residence/'); // 天平路街道

    // The sample's published 2-hour route is 1–2 小时; every result of the band is a route.
    await page.goto(new URL(`search/?duration=${encodeURIComponent('1–2 小时')}`, siteUrl).href);
    const band = await results(page);
    expect(band).toContain('routes/qilai-awakening-route/');
    expect(band.every((p) => p.startsWith('routes/'))).toBe(true);

    await page.goto(new URL(`search/?q=${encodeURIComponent('武康路')}&kind=${encodeURIComponent('路线')}`, siteUrl).href);
    const routes = await results(page);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.every((p) => p.startsWith('routes/'))).toBe(true);
    await page.close();
  });
});

describe('search entry in the header', () => {
  test('works from the keyboard on a phone, and no search code loads before it is used', async () => {
    const { page, watch } = await open(siteUrl);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const box = await page.locator('#site-search-input').boundingBox();
    expect(box && box.width >= 150, 'the header search box is wide enough to type in on a phone').toBe(true);
    expect(await page.locator('#site-search-input').getAttribute('type')).toBe('search');
    expect(requests.filter((u) => u.includes('/pagefind/')), 'Pagefind requests before searching').toEqual([]);

    // Tab from the top of the page to the search box, type, Enter.
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'site-search-input'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused, 'the header search box is reachable with Tab').toBe('site-search-input');
    const [entry] = indexedPages();
    await page.keyboard.type(entry.title);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(`${basePath}search/`);
    expect(await results(page)).toContain(entry.path);
    expect(requests.some((u) => u.startsWith(`${siteOrigin}${basePath}pagefind/pagefind.js`))).toBe(true);
    expect([...watch.errors, ...watch.failed, ...watch.external]).toEqual([]);
    await page.close();
  });

  test('the search page with results has no serious axe violation and announces the count', async () => {
    const [entry] = indexedPages();
    const { page } = await open(new URL(`search/?q=${encodeURIComponent(entry.title)}`, siteUrl).href);
    await results(page);
    expect(await page.getAttribute('#search-status', 'role')).toBe('status');
    expect(await page.textContent('#search-status')).toMatch(/^找到 \d+ 条/);
    expect(await page.textContent('#search-status')).toContain(`包含“${entry.title}”的结果`);
    expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);
    const violations = await runAxe(page);
    expect(violations.map((v) => v.id), `axe violations:\n${formatViolations(violations)}\n`).toEqual([]);
    await page.close();
  });
});
