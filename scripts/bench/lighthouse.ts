/**
 * Lighthouse with its default mobile settings (simulated slow 4G, mid-range
 * phone), run against Debian's Chromium on loopback. Scores vary between
 * runs, so each page is measured `runs` times and the median of each
 * category is reported.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/browser/browser.ts';

export interface LighthouseScores {
  path: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Titles of failed audits worth reading when a score is below target (from any run). */
  failed: string[];
  /** Performance of every run, for the spread. */
  performanceRuns: number[];
}

/** The middle value (the lower middle of an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export async function runLighthouse(origin: string, paths: string[], runs = 3): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  const results: LighthouseScores[] = [];
  try {
    for (const p of paths) {
      const each: Omit<LighthouseScores, 'performanceRuns'>[] = [];
      for (let run = 0; run < runs; run++) each.push(await lighthouseOnce(new URL(p, origin).href, chrome.port, p));
      const pick = (key: 'performance' | 'accessibility' | 'bestPractices' | 'seo') => median(each.map((r) => r[key]));
      results.push({
        path: p,
        performance: pick('performance'),
        accessibility: pick('accessibility'),
        bestPractices: pick('bestPractices'),
        seo: pick('seo'),
        failed: [...new Set(each.flatMap((r) => r.failed))],
        performanceRuns: each.map((r) => r.performance),
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}

async function lighthouseOnce(url: string, port: number, p: string): Promise<Omit<LighthouseScores, 'performanceRuns'>> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${p}`);
  const { categories, audits } = result.lhr;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  return {
    path: p,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    failed: Object.values(audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary')
      .map((a) => a.title),
  };
}
