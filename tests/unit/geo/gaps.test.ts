import { describe, expect, it } from 'vitest';
import { haversineCoords, METRES_PER_DEGREE, pointToLine } from '../../../src/lib/geo/distance.ts';
import { findGaps } from '../../../src/lib/geo/gaps.ts';
import { sampleLine } from '../../../src/lib/geo/sample.ts';
import { createStationIndex } from '../../../src/lib/geo/station-index.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { east, loadGeoFixture, north } from './fixture.ts';

/** The contract: gap ends right to within the sample spacing plus 5 m. */
const ENDS_M = 5;

function gapsOf(name: string, spacingM = 10) {
  const { line, stations } = loadGeoFixture(name);
  return findGaps(sampleLine(line, { spacingM }), createStationIndex(stations));
}

// Every fixture line runs north along 121.44° E from 31.2° N, so distance
// along it is (lat - 31.2) · R · π / 180 exactly.
const LENGTH_M = 0.02 * METRES_PER_DEGREE; // 2223.9 m

describe('findGaps along a meridian', () => {
  it('finds a gap in the middle, between two circles', () => {
    const gaps = gapsOf('meridian-gap-middle');
    expect(gaps).toHaveLength(1);
    const [gap] = gaps;
    expect(gap.fromM).toBeCloseTo(500, 0);
    expect(gap.toM).toBeCloseTo(LENGTH_M - 500, 0);
    // Farthest from both stations halfway, 1111.95 m from each.
    expect(gap.maxDistanceM).toBeCloseTo(LENGTH_M / 2, 0);
    expect(['a', 'b']).toContain(gap.nearestStation?.id);
    expect(gap.worstPoint[1]).toBeCloseTo(31.21, 4);
  });

  it('starts a gap at 0 and ends one at the line’s length', () => {
    const gaps = gapsOf('meridian-gap-start-end');
    expect(gaps.map((g) => [g.fromM, g.toM])).toEqual([
      [0, expect.closeTo(LENGTH_M / 2 - 500, 0)],
      [expect.closeTo(LENGTH_M / 2 + 500, 0), expect.closeTo(LENGTH_M, 6)],
    ]);
    for (const gap of gaps) {
      expect(gap.maxDistanceM).toBeCloseTo(LENGTH_M / 2, 1);
      expect(gap.nearestStation?.id).toBe('mid');
    }
    expect(gaps[0].worstPoint).toEqual([121.44, 31.2]);
    expect(gaps[1].worstPoint).toEqual([121.44, 31.22]);
  });

  it('keeps the ends within 5 m whatever the spacing (bisection, not the nearest sample)', () => {
    for (const spacingM of [1, 7, 10, 37]) {
      const [gap] = gapsOf('meridian-gap-middle', spacingM);
      expect(Math.abs(gap.fromM - 500)).toBeLessThan(ENDS_M);
      expect(Math.abs(gap.toM - (LENGTH_M - 500))).toBeLessThan(ENDS_M);
      expect(Math.abs(gap.fromM - 500)).toBeLessThan(1);
    }
  });

  it('finds the farthest point between samples, where the nearest station changes', () => {
    // At 37 m (61 pieces of 36.46 m) the midpoint, 1111.95 m from both stations, falls between two samples.
    for (const spacingM of [7, 37, 100]) {
      const [gap] = gapsOf('meridian-gap-middle', spacingM);
      expect(Math.abs(gap.maxDistanceM - LENGTH_M / 2), `${spacingM} m`).toBeLessThan(0.5);
      expect(Math.abs((gap.worstPoint[1] - 31.2) * METRES_PER_DEGREE - LENGTH_M / 2), `${spacingM} m`).toBeLessThan(0.5);
    }
  });

  it('bug case: leaving a small circle for a big one, the gap’s farthest point is its own end', () => {
    const gaps = gapsOf('gap-end-into-larger-circle');
    expect(gaps).toHaveLength(1);
    const [gap] = gaps;
    const bigCircleEdge = LENGTH_M - 1500; // 723.9 m
    expect(gap.fromM).toBeCloseTo(500, 0);
    expect(gap.toM).toBeCloseTo(bigCircleEdge, 0);
    expect(gap.maxDistanceM).toBeCloseTo(bigCircleEdge, 0);
    expect(gap.maxDistanceM).toBeLessThanOrEqual(bigCircleEdge + 0.01);
    expect(gap.nearestStation?.id).toBe('a');
    // The worst point lies inside the gap, not in the big circle beyond it.
    const worstAlongM = (gap.worstPoint[1] - 31.2) * METRES_PER_DEGREE;
    expect(worstAlongM).toBeGreaterThanOrEqual(gap.fromM - 1);
    expect(worstAlongM).toBeLessThanOrEqual(gap.toM + 1);
  });

  it('reports nothing for a line inside the circles', () => {
    const start: LngLat = [121.44, 31.2];
    const line = [start, north(start, 900)];
    const index = createStationIndex([
      { id: 'a', point: start, radius: 500 },
      { id: 'b', point: north(start, 900), radius: 500 },
    ]);
    expect(findGaps(sampleLine(line), index)).toEqual([]);
  });

  it('finds the peak between samples where the nearest station changes', () => {
    // Two stations 1000 m either side of the line at 0 m and 30 m along it,
    // radius 500: the whole line is a gap and its farthest point, equidistant
    // from both, lies 15 m along, between the 10 m samples.
    const start: LngLat = [121.44, 31.2];
    const line = [start, north(start, 30)];
    const index = createStationIndex([
      { id: 'west', point: east(start, -1000), radius: 500 },
      { id: 'east', point: east(north(start, 30), 1000), radius: 500 },
    ]);
    const [gap] = findGaps(sampleLine(line, { spacingM: 10 }), index);
    const truth = Math.hypot(1000, 15);
    expect(gap.maxDistanceM).toBeCloseTo(truth, 0);
  });

  it('finds the farthest point between the last two samples of a line that ends in a gap', () => {
    // Stations 600 m south of the start and 994 m north of it: equidistant (797 m) at 197 m, 3 m before the end.
    const start: LngLat = [121.44, 31.2];
    const index = createStationIndex([
      { id: 'south', point: north(start, -600), radius: 500 },
      { id: 'north', point: north(start, 994), radius: 500 },
    ]);
    const [gap] = findGaps(sampleLine([start, north(start, 200)], { spacingM: 10 }), index);
    expect(gap.maxDistanceM).toBeCloseTo(797, 0);
    expect((gap.worstPoint[1] - start[1]) * METRES_PER_DEGREE).toBeCloseTo(197, 0);
  });

  it('keeps the sample itself as the farthest point when the search between samples finds nothing farther', () => {
    // Equidistant (700 m) from both stations at 100 m, which is a sample.
    const start: LngLat = [121.44, 31.2];
    const index = createStationIndex([
      { id: 'south', point: north(start, -600), radius: 500 },
      { id: 'north', point: north(start, 800), radius: 500 },
    ]);
    const samples = sampleLine([start, north(start, 200)], { spacingM: 10 });
    const [gap] = findGaps(samples, index);
    expect(gap.worstPoint).toEqual([samples.lng[10], samples.lat[10]]);
    expect(gap.maxDistanceM).toBeCloseTo(700, 6);
  });

  it('keeps the farthest point of a gap entered from a big circle inside the gap, not in the circle behind it', () => {
    // The big circle covers the line's first 55 m; going on, the line nears the small station ahead,
    // so covered points behind the gap are farther from any station than its start.
    const start: LngLat = [121.44, 31.2];
    const index = createStationIndex([
      { id: 'big', point: north(start, -1400), radius: 1455 },
      { id: 'small', point: north(start, 400), radius: 100 },
    ]);
    const [gap] = findGaps(sampleLine([start, north(start, 320)], { spacingM: 10 }), index);
    expect(gap.fromM).toBeCloseTo(55, 0);
    expect(gap.maxDistanceM).toBeGreaterThan(344);
    expect(gap.maxDistanceM).toBeLessThanOrEqual(345);
    expect(index.isCovered(gap.worstPoint[0], gap.worstPoint[1])).toBe(false);
  });

  it('keeps the farthest point on the line when it is a corner of the line', () => {
    // East 500 m to a corner 600 m from both stations, then north towards the second one.
    const origin: LngLat = [121.44, 31.2];
    const corner = east(origin, 600);
    const line = [east(origin, 100), corner, north(corner, 500)];
    const index = createStationIndex([
      { id: 'west', point: origin, radius: 50 },
      { id: 'north', point: north(corner, 600), radius: 50 },
    ]);
    const [gap] = findGaps(sampleLine(line, { spacingM: 10 }), index);
    expect(gap.maxDistanceM).toBeCloseTo(600, 0);
    expect(pointToLine(gap.worstPoint, line).distanceM).toBeLessThan(0.01);
  });

  it('reports the whole line, with no nearest station, when there are no stations', () => {
    const { line } = loadGeoFixture('meridian-gap-middle');
    const gaps = findGaps(sampleLine(line), createStationIndex([]));
    expect(gaps).toEqual([
      { fromM: 0, toM: expect.closeTo(LENGTH_M, 6), maxDistanceM: Infinity, nearestStation: undefined, worstPoint: expect.any(Array) },
    ]);
  });

  it('matches a 1 m brute-force scan on a winding walk through mixed circles', () => {
    const start: LngLat = [121.43, 31.19];
    const stations = Array.from({ length: 12 }, (_, i) => ({
      id: `s${i}`,
      point: north(east(start, ((i * 733) % 2000) - 200), ((i * 397) % 2400) - 150),
      radius: i % 7 === 0 ? 600 : 80 + ((i * 53) % 180),
    }));
    const line: LngLat[] = [start];
    for (let k = 0; k < 60; k++) line.push(k % 2 ? north(line[k], 70) : east(line[k], 55));
    const gaps = findGaps(sampleLine(line), createStationIndex(stations));

    const fine = sampleLine(line, { spacingM: 1 });
    const truth: { fromM: number; toM: number; max: number }[] = [];
    for (let i = 0; i < fine.count; i++) {
      const d = stations.map((s) => haversineCoords(fine.lng[i], fine.lat[i], s.point[0], s.point[1]));
      const covered = stations.some((s, j) => d[j] <= s.radius);
      const last = truth.at(-1);
      if (covered) continue;
      if (last && last.toM >= fine.alongM[i] - 1.01) {
        last.toM = fine.alongM[i];
        last.max = Math.max(last.max, Math.min(...d));
      } else truth.push({ fromM: fine.alongM[i], toM: fine.alongM[i], max: Math.min(...d) });
    }
    const wide = truth.filter((g) => g.toM - g.fromM > 12);
    expect(wide.length).toBe(6); // two of them under 20 m long
    expect(gaps).toHaveLength(wide.length);
    gaps.forEach((gap, i) => {
      expect(Math.abs(gap.fromM - wide[i].fromM)).toBeLessThan(ENDS_M);
      expect(Math.abs(gap.toM - wide[i].toM)).toBeLessThan(ENDS_M);
      expect(Math.abs(gap.maxDistanceM - wide[i].max)).toBeLessThan(2);
    });
  });
});
