/**
 * Page weight as a phone on a weak network meets it: gzipped bytes of the
 * JavaScript loaded before any interaction, and of HTML + CSS, measured in
 * Chromium at 390×844 (so a map below the fold does not count until scrolled).
 */
import { gzipSync } from 'node:zlib';
import { launchBrowser, phoneContext } from '../../tests/browser/browser.ts';

export interface PageWeight {
  path: string;
  jsKB: number;
  htmlCssKB: number;
  requests: number;
  /** True when the page requested MapLibre without any interaction (a map in or near the first screen). */
  mapRequested: boolean;
}

/** Budgets of the site's performance targets, gzipped KB before any interaction. */
export const BUDGETS = { jsKB: 20, htmlCssKB: 50 };

export interface WeightVerdict {
  ok: boolean;
  /** What is over budget, e.g. `JS 411.5 KB over (MapLibre requested before interaction)`. */
  misses: string[];
}

/**
 * Judges one page against the budgets. MapLibre requested before any
 * interaction counts like any other script: a map that loads eagerly is
 * JavaScript the visitor pays for without asking.
 *
 * @example
 * judgeWeight({ path: '/', jsKB: 431.5, htmlCssKB: 19.9, requests: 7, mapRequested: true })
 * // { ok: false, misses: ['JS 411.5 KB over (MapLibre requested before interaction)'] }
 */
export function judgeWeight(w: PageWeight): WeightVerdict {
  const misses: string[] = [];
  if (w.jsKB > BUDGETS.jsKB) {
    const why = w.mapRequested ? ' (MapLibre requested before interaction)' : '';
    misses.push(`JS ${(w.jsKB - BUDGETS.jsKB).toFixed(1)} KB over${why}`);
  }
  if (w.htmlCssKB > BUDGETS.htmlCssKB) misses.push(`HTML+CSS ${(w.htmlCssKB - BUDGETS.htmlCssKB).toFixed(1)} KB over`);
  return { ok: misses.length === 0, misses };
}

/**
 * Loads each page in a fresh phone context and adds up what it fetched until
 * the network is idle. Every request must finish with a body: one still in
 * flight or failed would be weight left uncounted, so it stops the run.
 */
export async function measureWeights(origin: string, paths: string[]): Promise<PageWeight[]> {
  const browser = await launchBrowser();
  const results: PageWeight[] = [];
  try {
    for (const p of paths) {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      let js = 0;
      let htmlCss = 0;
      let requests = 0;
      let mapRequested = false;
      const unfinished = new Set<string>();
      const failed: string[] = [];
      const bodies: Promise<void>[] = [];
      page.on('request', (request) => {
        requests++;
        unfinished.add(request.url());
        if (/maplibre/i.test(request.url())) mapRequested = true;
      });
      page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
      page.on('requestfinished', (request) => {
        const type = request.resourceType();
        bodies.push(
          request.response().then(async (response) => {
            const gz = response ? gzipSync(await response.body()).length : 0;
            if (type === 'script') js += gz;
            if (type === 'document' || type === 'stylesheet') htmlCss += gz;
            unfinished.delete(request.url());
          }),
        );
      });
      await page.goto(new URL(p, origin).href, { waitUntil: 'networkidle' });
      await Promise.all(bodies);
      if (failed.length || unfinished.size) {
        throw new Error(`${p}: requests not measured: ${[...failed, ...unfinished].join(', ')}`);
      }
      results.push({ path: p, jsKB: js / 1024, htmlCssKB: htmlCss / 1024, requests, mapRequested });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
