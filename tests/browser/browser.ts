/**
 * Browser helpers for the tests: Debian's Chromium driven by playwright-core,
 * phone and desktop contexts, a page watcher (console errors, page errors,
 * requests that leave the test server) and an axe-core runner.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that work as root, offline, without a GPU (WebGL2 on SwiftShader). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium; fails with the install command when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with:\n` +
        `  apt-get install -y chromium fonts-noto-cjk\n` +
        `or point CHROMIUM_PATH at a Chrome/Chromium binary.`,
    );
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new Error(
      `Chromium at ${CHROMIUM_PATH} did not start: ${(error as Error).message}\n` +
        `If it is broken or incomplete, reinstall it: apt-get install -y chromium fonts-noto-cjk`,
    );
  }
}

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export function phoneContext(browser: Browser, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE, ...extra });
}

export function desktopContext(browser: Browser, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...DESKTOP, ...extra });
}

export interface PageWatch {
  /** Console messages of type error, and uncaught exceptions, as text with the page URL. */
  errors: string[];
  /** Every request to another origin than the test server (all of them were aborted). */
  external: string[];
  /** Responses from the test server with status >= 400 (`404 http://…`). */
  failed: string[];
  /** Forgets everything recorded so far (e.g. between two pages). */
  reset(): void;
}

/** What every page must hold to: no request left the site, no console error, no request to the site failed. */
export function expectSelfContained(watch: PageWatch): void {
  expect(watch.external, 'requests that left the site').toEqual([]);
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.failed, 'failed requests to the site').toEqual([]);
}

/**
 * Watches a page before it navigates: records console errors and page errors,
 * and aborts and records every request that leaves `origin` (the test server),
 * so a test can assert "no console error, no request leaving the site".
 */
export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
  const siteOrigin = new URL(origin).origin;
  const watch: PageWatch = {
    errors: [],
    external: [],
    failed: [],
    reset() {
      watch.errors.length = 0;
      watch.external.length = 0;
      watch.failed.length = 0;
    },
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    watch.errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber + 1})` : ''}`);
  });
  page.on('pageerror', (error) => watch.errors.push(`uncaught ${error.name}: ${error.message} (on ${page.url()})`));
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).origin === siteOrigin) {
      watch.failed.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('websocket', (socket) => watch.external.push(`websocket ${socket.url()}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === siteOrigin) {
      return route.continue();
    }
    watch.external.push(`${route.request().method()} ${url} (from ${page.url()})`);
    return route.abort('blockedbyclient');
  });
  return watch;
}

/**
 * Records every request of a context — to any host, the site's own included,
 * service worker requests too — whose URL or body carries one of the given
 * positions (either coordinate to three decimals, rounded or cut, about 100 m):
 * "the position stays on the phone" means no request carries it anywhere.
 *
 * @example
 * const leaks = watchForPosition(context, [[121.437, 31.2]]);
 * // … use the page …
 * expect(leaks).toEqual([]);
 */
export function watchForPosition(context: BrowserContext, positions: [number, number][]): string[] {
  const leaks: string[] = [];
  const forms = positions.flatMap((p) =>
    p.flatMap((x) => [x.toFixed(3), (Math.trunc(x * 1000) / 1000).toFixed(3)]),
  );
  context.on('request', (request) => {
    let url = request.url();
    try {
      url = decodeURIComponent(url);
    } catch {
      // A malformed escape: search the URL as sent.
    }
    const body = request.postDataBuffer()?.toString('utf8') ?? '';
    const carried = [...new Set(forms)].filter((f) => url.includes(f) || body.includes(f));
    if (carried.length) leaks.push(`${request.method()} ${request.url()} carries ${carried.join(', ')}`);
  });
  return leaks;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** WCAG 2.0/2.1/2.2 level A and AA rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (WCAG 2.x A/AA) on the page and returns the serious and
 * critical violations. `formatViolations` turns them into readable text.
 */
export async function runAxe(page: Page, options: { include?: string; exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    try {
      await page.addScriptTag({ path: AXE_PATH });
    } catch {
      // A strict Content-Security-Policy refuses the inline script tag;
      // evaluating through the DevTools protocol is not subject to it.
      await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
    }
  }
  const violations = await page.evaluate(
    async ({ tags, include, exclude }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: any[] }> } }).axe;
      const context = include || exclude.length > 0 ? { include: include ? [include] : undefined, exclude: exclude.map((s) => [s]) } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id as string,
        impact: (v.impact ?? 'unknown') as string,
        help: v.help as string,
        helpUrl: v.helpUrl as string,
        nodes: (v.nodes as any[]).map((n) => ({
          target: (n.target as unknown[]).map(String).join(' '),
          html: String(n.html).slice(0, 200),
          summary: String(n.failureSummary ?? ''),
        })),
      }));
    },
    { tags: WCAG_TAGS, include: options.include, exclude: options.exclude ?? [] },
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One paragraph per violation: rule, impact, help, up to 5 elements with the fix axe suggests. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `${v.id} [${v.impact}] ${v.help} (${v.nodes.length} element(s)) ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n\n');
}
