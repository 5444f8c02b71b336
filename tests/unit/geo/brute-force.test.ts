/**
 * An independent oracle for the checker's gaps: a seeded synthetic district
 * checked both by runCheck (spatial index, bisection, peak search) and by
 * brute force (every sample against every station), compared gap by gap —
 * the same comparison `npm run bench -- checker` makes at city scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bruteForceGaps, compareGaps } from '../../../scripts/bench/brute-force.ts';
import { generateContent } from '../../../scripts/bench/generate.ts';
import { runCheck } from '../../../src/lib/geo/check.ts';
import { loadContent } from '../../../src/lib/content/load.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'brute-force-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runCheck against brute force', { timeout: 60_000 }, () => {
  // 150 stations over 8 km × 8 km cover about a third of it: routes go in and out of circles.
  const content = loadContent(generateContent(dir, { stations: 150, routes: 25, routeLengthM: 3_000, sideM: 8_000, seed: 7 }));

  // runCheck runs inside the tests, not while collecting, so that Stryker ties its code to them.
  it('finds the same gaps: ends to 0.7 m, farthest distance and nearest station', () => {
    const report = runCheck(content);
    const comparison = compareGaps(report.routes, content, bruteForceGaps(content));
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.routes).toBe(25);
    // Enough gaps to mean something, and some routes with several.
    expect(comparison.gaps).toBeGreaterThan(25);
    expect(report.routes.filter((r) => r.gaps.length > 1).length).toBeGreaterThan(5);
    expect(comparison.agreeing).toBe(comparison.gaps);
  });

  it('agrees at a finer spacing too', () => {
    const fine = runCheck(content, { spacingM: 4 });
    const comparison = compareGaps(fine.routes, content, bruteForceGaps(content, { spacingM: 4 }), { spacingM: 4 });
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.agreeing).toBe(comparison.gaps);
  });
});
