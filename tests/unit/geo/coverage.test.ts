import turfArea from '@turf/area';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../../src/lib/geo/area-geometry.ts';
import { createAreaTest } from '../../../src/lib/geo/contains.ts';
import { regionCoverage, uncoveredParts, uncoveredRows } from '../../../src/lib/geo/coverage.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { boxAreaM2, east, loadGeoFixture, north } from './fixture.ts';

/** The contract: covered share right to within 0.5 percentage points. */
const CONTRACT_PP = 0.5;

const circleArea = (r: number) => Math.PI * r * r;

/** Analytic area of a box-shaped region fixture (not Turf's measure of it). */
function regionM2(region: AreaGeometry): number {
  if (region.type !== 'Polygon') throw new Error('expected a Polygon fixture');
  const [outer, ...holes] = region.coordinates;
  return boxAreaM2(outer) - holes.reduce((sum, hole) => sum + boxAreaM2(hole), 0);
}

function shareOf(name: string) {
  const { region, stations } = loadGeoFixture(name);
  return { ...regionCoverage(region, stations), region, stations };
}

describe('regionCoverage', () => {
  it('one circle in a square: π r² over the square’s area', () => {
    const { coveredPercent, areaM2, uncoveredAreaM2, region } = shareOf('square-one-circle');
    const squareM2 = regionM2(region); // 4,000,003.1 m², what the fixture's note calls a 2 km square
    const expected = (100 * circleArea(500)) / squareM2;
    expect(Math.abs(coveredPercent - expected)).toBeLessThan(CONTRACT_PP);
    expect(coveredPercent).toBeCloseTo(expected, 2);
    expect(areaM2).toBeCloseTo(squareM2, 0);
    // The circle on the sphere differs from π r² by about 20 m².
    expect(uncoveredAreaM2).toBeCloseTo(squareM2 - circleArea(500), -2);
  });

  it('counts only the part of a circle inside the region', () => {
    const { coveredPercent, region } = shareOf('square-corner-circle');
    expect(coveredPercent).toBeCloseTo((100 * circleArea(500)) / 4 / regionM2(region), 2);
  });

  it('counts overlapping circles once', () => {
    const { coveredPercent, region } = shareOf('square-two-circles');
    // Union of two r = 500 circles 500 m apart: 2πr² minus their lens.
    const r = 500;
    const d = 500;
    const lens = 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
    expect(coveredPercent).toBeCloseTo((100 * (2 * circleArea(r) - lens)) / regionM2(region), 2);
  });

  it('leaves holes out of the region', () => {
    const { coveredPercent, areaM2, region } = shareOf('square-with-hole');
    if (region.type !== 'Polygon') throw new Error('fixture is a Polygon');
    const [outer, hole] = region.coordinates;
    const holeM2 = boxAreaM2(hole);
    const withoutHoleM2 = boxAreaM2(outer) - holeM2;
    expect(areaM2).toBeCloseTo(withoutHoleM2, 0);
    // The hole lies wholly inside the 800 m circle.
    expect(coveredPercent).toBeCloseTo((100 * (circleArea(800) - holeM2)) / withoutHoleM2, 2);
  });

  it('adds up the parts of a MultiPolygon', () => {
    const { coveredPercent, areaM2 } = shareOf('two-squares');
    expect(areaM2).toBeCloseTo(2_000_000, -3);
    expect(coveredPercent).toBeCloseTo((100 * circleArea(500)) / areaM2, 1);
  });

  it('counts a circle whose centre lies outside the region', () => {
    const { coveredPercent, region } = shareOf('square-circle-outside');
    // The part of a 500 m circle beyond a chord 400 m from its centre.
    const [r, d] = [500, 400];
    const segment = r * r * Math.acos(d / r) - d * Math.sqrt(r * r - d * d);
    expect(coveredPercent).toBeCloseTo((100 * segment) / regionM2(region), 2);
  });

  it('counts a 5 km circle that reaches a metre into a small region', () => {
    const { coveredPercent, region } = shareOf('square-wide-circle-edge');
    const [r, d] = [5000, 4999];
    const segment = r * r * Math.acos(d / r) - d * Math.sqrt(r * r - d * d);
    expect(coveredPercent).toBeCloseTo((100 * segment) / regionM2(region), 1);
    expect(coveredPercent).toBeGreaterThan(0.25);
  });

  it('measures a MultiPolygon of two parts sharing an edge exactly like the one polygon they make', () => {
    const halves = shareOf('square-halves');
    const whole = regionCoverage(loadGeoFixture('square-one-circle').region, halves.stations);
    expect(whole.coveredPercent).toBeCloseTo((100 * circleArea(500)) / whole.areaM2, 2);
    expect(halves.coveredPercent).toBeCloseTo(whole.coveredPercent, 6);
    expect(halves.areaM2).toBeCloseTo(whole.areaM2, 0);
  });

  it('uses each circle’s own radius', () => {
    const { region } = loadGeoFixture('square-one-circle');
    const centre: LngLat = [121.44, 31.2];
    const small = regionCoverage(region, [{ point: centre, radius: 200 }]);
    const mixed = regionCoverage(region, [
      { point: centre, radius: 200 },
      { point: east(centre, 600), radius: 300 },
    ]);
    const area = regionM2(region);
    expect(small.coveredPercent).toBeCloseTo((100 * circleArea(200)) / area, 2);
    expect(mixed.coveredPercent).toBeCloseTo((100 * (circleArea(200) + circleArea(300))) / area, 2);
  });

  it('is 100 % under one big circle and 0 % with none', () => {
    const { region } = loadGeoFixture('square-one-circle');
    expect(regionCoverage(region, [{ point: [121.44, 31.2], radius: 2000 }])).toMatchObject({
      coveredPercent: 100,
      uncoveredAreaM2: 0,
    });
    const none = regionCoverage(region, []);
    expect(none.coveredPercent).toBe(0);
    expect(none.uncoveredAreaM2).toBe(none.areaM2);
  });

  it('stays within the contract with coarse rows and many circles', () => {
    const { region } = loadGeoFixture('square-one-circle');
    const circles = Array.from({ length: 60 }, (_, i) => ({
      point: north(east([121.43, 31.19], (i * 317) % 2000), (i * 571) % 2000),
      radius: 60 + ((i * 37) % 140),
    }));
    const fine = regionCoverage(region, circles, { rowSpacingM: 1 });
    const coarse = regionCoverage(region, circles, { rowSpacingM: 10 });
    expect(Math.abs(fine.coveredPercent - coarse.coveredPercent)).toBeLessThan(0.1);
  });
});

describe('regionCoverage on degenerate input', () => {
  it('gives a region of no area 0 % and no uncovered area, and refuses a row spacing that is not positive', () => {
    const flat: AreaGeometry = { type: 'Polygon', coordinates: [[[121.43, 31.2], [121.45, 31.2], [121.44, 31.2], [121.43, 31.2]]] };
    expect(regionCoverage(flat, [{ point: [121.44, 31.2], radius: 500 }])).toEqual({ areaM2: 0, coveredPercent: 0, uncoveredAreaM2: 0 });
    const { region } = loadGeoFixture('square-one-circle');
    expect(() => regionCoverage(region, [], { rowSpacingM: 0 })).toThrow(/rowSpacingM must be positive, got 0/);
  });
});

describe('uncoveredRows', () => {
  // A triangle with straight edges in the lng/lat plane: row r runs along latitude
  // minLat + (r + 0.5) · rowStepDeg, and its one interval ends where the two slanted edges cross it.
  const triangle: AreaGeometry = { type: 'Polygon', coordinates: [[[121.43, 31.19], [121.45, 31.19], [121.44, 31.21], [121.43, 31.19]]] };

  it('keeps, row by row, the part of the region on the row’s own latitude', () => {
    const rows = uncoveredRows(triangle, [], { rowSpacingM: 100 });
    expect(rows.rowCount).toBe(23); // 2224 m high
    expect(rows.starts).toHaveLength(rows.rowCount);
    expect(rows.ends).toHaveLength(rows.rowCount);
    for (let r = 0; r < rows.rowCount; r++) {
      const up = (rows.minLat + (r + 0.5) * rows.rowStepDeg - 31.19) / 0.02;
      expect(rows.offsets[r + 1] - rows.offsets[r]).toBe(1);
      expect(rows.starts[rows.offsets[r]]).toBeCloseTo(121.43 + 0.01 * up, 10);
      expect(rows.ends[rows.offsets[r]]).toBeCloseTo(121.45 - 0.01 * up, 10);
    }
  });

  it('has no rows for a region of no height, and measures nothing on rows of no height', () => {
    const flat: AreaGeometry = { type: 'Polygon', coordinates: [[[121.43, 31.2], [121.45, 31.2], [121.44, 31.2], [121.43, 31.2]]] };
    expect(uncoveredRows(flat, [])).toMatchObject({ rowCount: 0, rowStepDeg: 0 });
    const rows = uncoveredRows(triangle, [], { grid: { minLat: 31.2, rowStepDeg: 0, rowCount: 3 } });
    expect(rows.insideUnits).toBe(0);
    expect(rows.starts).toHaveLength(0);
  });
});

describe('uncoveredParts', () => {
  it('cuts the circles out of the region, for drawing', () => {
    const { region, stations } = loadGeoFixture('square-one-circle');
    const left = uncoveredParts(region, stations);
    expect(left).not.toBeNull();
    // 64-gon circles lose 0.16 % of their area, so the hole is a little small.
    const expected = regionM2(region) - circleArea(500);
    expect(Math.abs(turfArea(left!) - expected) / expected).toBeLessThan(0.002);
  });

  it('keeps holes and returns null when nothing is left', () => {
    const { region } = loadGeoFixture('square-with-hole');
    const left = uncoveredParts(region, [{ point: [121.44, 31.2], radius: 100 }]);
    expect(turfArea(left!)).toBeCloseTo(turfArea(region), -1); // the circle sits in the hole
    expect(uncoveredParts(region, [{ point: [121.44, 31.2], radius: 2000 }], { steps: 32 })).toBeNull();
  });

  it('draws each circle with the number of sides asked for', () => {
    const { region, stations } = loadGeoFixture('square-one-circle');
    const left = uncoveredParts(region, stations, { steps: 8 });
    // The outer ring, then the circle's hole: 8 sides, 9 positions with the closing one.
    expect(left?.geometry.type).toBe('Polygon');
    expect((left!.geometry.coordinates as LngLat[][])[1]).toHaveLength(9);
  });

  it('returns the region itself when no circle reaches it', () => {
    const { region } = loadGeoFixture('two-squares');
    const left = uncoveredParts(region, [{ point: [121.2, 31.0], radius: 500 }]);
    expect(left?.geometry).toEqual(region);
  });
});

describe('createAreaTest', () => {
  const { region: withHole } = loadGeoFixture('square-with-hole');
  const { region: twoSquares } = loadGeoFixture('two-squares');
  const centre: LngLat = [121.44, 31.2];

  it('excludes holes', () => {
    const inside = createAreaTest(withHole);
    expect(inside(centre)).toBe(false);
    expect(inside(east(centre, 750))).toBe(true);
    expect(inside(east(centre, 1250))).toBe(false);
  });

  it('finds points in either part of a MultiPolygon', () => {
    const inside = createAreaTest(twoSquares);
    expect(inside(centre)).toBe(true);
    expect(inside(east(centre, 3000))).toBe(true);
    expect(inside(east(centre, 1500))).toBe(false);
  });

  it('agrees with plain ray casting on a many-sided outline', () => {
    const ring = Array.from({ length: 500 }, (_, k) => {
      const a = (k / 500) * 2 * Math.PI;
      const r = 0.03 * (1 + 0.3 * Math.sin(7 * a));
      return [121.44 + r * Math.cos(a), 31.2 + r * Math.sin(a)];
    });
    ring.push(ring[0]);
    const star: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
    const inside = createAreaTest(star, { edgesPerBand: 4 });
    const plain = ([x, y]: LngLat) => {
      let odd = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < xj + ((y - yj) * (xi - xj)) / (yi - yj)) odd = !odd;
      }
      return odd;
    };
    for (let k = 0; k < 2000; k++) {
      const p: LngLat = [121.40 + ((k * 7919) % 1000) / 12500, 31.16 + ((k * 104729) % 1000) / 12500];
      expect(inside(p)).toBe(plain(p));
    }
  });
});
