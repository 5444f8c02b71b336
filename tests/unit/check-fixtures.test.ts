/**
 * Fixture cases for the checker: each tests/fixtures/check/<case>/ holds a
 * content directory in the contract format and the report it must produce
 * (a subset: only the keys written there are compared). Expected figures are
 * analytic (lines along a meridian, a square region), so tolerances are tight.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';

const root = new URL('../fixtures/check/', import.meta.url);
const cases = readdirSync(root).sort();
const TOLERANCE = { fromM: 2, toM: 2, lengthM: 1, maxDistanceM: 10 } as Record<string, number>;

type Loose = Record<string, unknown>;

function expectProblems(actual: Loose[], expected: Loose[]) {
  const left = [...actual];
  for (const want of expected) {
    const i = left.findIndex((p) => Object.entries(want).every(([k, v]) => p[k] === v));
    expect(i, `expected ${JSON.stringify(want)} among ${JSON.stringify(actual, null, 1)}`).toBeGreaterThanOrEqual(0);
    left.splice(i, 1);
  }
  expect(left, 'unexpected problems').toEqual([]);
}

function expectNumbers(actual: Loose, expected: Loose, where: string) {
  for (const [k, v] of Object.entries(expected)) {
    if (typeof v === 'number' && k in TOLERANCE) {
      expect(Math.abs((actual[k] as number) - v), `${where}.${k}: ${actual[k]} vs ${v}`).toBeLessThanOrEqual(TOLERANCE[k]);
    } else if (!Array.isArray(v)) {
      expect(actual[k], `${where}.${k}`).toEqual(v);
    }
  }
}

/** The contract's tolerances: area within 2 % + 2,000 m², farthest distance within 1 % + 10 m. */
function expectVacuums(actual: Loose[], expected: Loose[], where: string) {
  expect(actual, `${where}.vacuums`).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i];
    const area = want.areaM2 as number;
    expect(Math.abs((got.areaM2 as number) - area), `${where}.vacuums[${i}].areaM2: ${got.areaM2}`).toBeLessThanOrEqual(0.02 * area + 2000);
    if (typeof want.maxDistanceM === 'number') {
      const d = want.maxDistanceM;
      expect(Math.abs((got.maxDistanceM as number) - d), `${where}.vacuums[${i}].maxDistanceM: ${got.maxDistanceM}`).toBeLessThanOrEqual(0.01 * d + 10);
    } else if ('maxDistanceM' in want) {
      expect(got.maxDistanceM, `${where}.vacuums[${i}].maxDistanceM`).toBe(want.maxDistanceM);
    }
    if ('nearestStation' in want) expect(got.nearestStation, `${where}.vacuums[${i}].nearestStation`).toBe(want.nearestStation);
    expect(['Polygon', 'MultiPolygon']).toContain((got.geometry as Loose).type);
  });
}

describe.each(cases)('check fixture %s', (name) => {
  const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, root), 'utf8'));
  // Checked inside each test, not while collecting: code run at collection is
  // "static" to Stryker, so every mutant of the checker would be re-run against
  // every test file with the modules reloaded (npm run mutation: hours, not minutes).
  const check = () => runCheck(loadContent(new URL(`${name}/content`, root).pathname));

  it('finds exactly the expected errors and warnings', () => {
    const report = check();
    expect(report.ok).toBe(expected.ok);
    expectProblems(report.errors as unknown as Loose[], expected.errors);
    expectProblems(report.warnings as unknown as Loose[], expected.warnings);
    for (const p of [...report.errors, ...report.warnings]) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.hint).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  if (expected.routes) it('measures routes and their gaps', () => {
    const report = check();
    expect(report.routes.map((r) => r.id).sort()).toEqual(expected.routes.map((r: Loose) => r.id).sort());
    for (const want of expected.routes) {
      const route = report.routes.find((r) => r.id === want.id)! as unknown as Loose;
      expectNumbers(route, want, want.id);
      if (want.gaps) {
        const gaps = route.gaps as Loose[];
        expect(gaps).toHaveLength(want.gaps.length);
        want.gaps.forEach((g: Loose, i: number) => expectNumbers(gaps[i], g, `${want.id}.gaps[${i}]`));
      }
    }
  });

  if (expected.regions) it('measures each region: coverage to 0.5 percentage points, stations and gaps inside', () => {
    const report = check();
    for (const want of expected.regions) {
      const region = report.regions.find((r) => r.id === want.id)!;
      expect(Math.abs(region.coveredPercent - want.coveredPercent)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(region.areaM2 - want.areaM2) / want.areaM2).toBeLessThan(0.005);
      for (const key of ['stationCount', 'routeGapCount'] as const) {
        if (key in want) expect(region[key], `${want.id}.${key}`).toBe(want[key]);
      }
      if ('parent' in want) expect(region.parent, `${want.id}.parent`).toBe(want.parent);
      if (want.stationsByTier) expect(region.stationsByTier, `${want.id}.stationsByTier`).toEqual(want.stationsByTier);
      if (want.vacuums) expectVacuums(region.vacuums as unknown as Loose[], want.vacuums, want.id);
    }
  });
});
