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
  /** True when the page loaded MapLibre without any interaction (a map in or near the first screen). */
  mapLoaded: boolean;
}

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
      let mapLoaded = false;
      const pending: Promise<void>[] = [];
      page.on('response', (response) => {
        requests++;
        const type = response.request().resourceType();
        if (/maplibre/i.test(response.url())) mapLoaded = true;
        pending.push(
          response
            .body()
            .then((body) => {
              const gz = gzipSync(body).length;
              if (type === 'script') js += gz;
              if (type === 'document' || type === 'stylesheet') htmlCss += gz;
            })
            .catch(() => undefined),
        );
      });
      await page.goto(new URL(p, origin).href, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      await Promise.all(pending);
      results.push({ path: p, jsKB: js / 1024, htmlCssKB: htmlCss / 1024, requests, mapLoaded });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
