import { lineString } from '@turf/helpers';
import turfLength from '@turf/length';
import { describe, expect, it } from 'vitest';
import {
  EARTH_RADIUS_M,
  haversine,
  haversineCoords,
  lineLength,
  METRES_PER_DEGREE,
  pointToLine,
  pointToSegment,
} from '../../../src/lib/geo/distance.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { east, loadGeoFixture, north } from './fixture.ts';

const xujiahui: LngLat = [121.4365, 31.1915];

describe('haversine', () => {
  it('measures a degree of latitude as R·π/180 on Turf’s sphere', () => {
    expect(haversine([121.44, 31], [121.44, 32])).toBeCloseTo(111195.08, 1);
    expect(METRES_PER_DEGREE).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 9);
  });

  it('shrinks a degree of longitude by cos φ (Shanghai: about 95 km)', () => {
    // On one parallel the great circle is a hair shorter than the parallel itself.
    expect(haversine([121, 31.2], [122, 31.2])).toBeCloseTo(111195.08 * Math.cos((31.2 * Math.PI) / 180), -1);
  });

  it('agrees with Turf to the millimetre, city and country scale', () => {
    const pairs: [LngLat, LngLat][] = [
      [xujiahui, [121.4386, 31.2052]],
      [xujiahui, [116.3975, 39.9087]], // Tian’anmen, about 1,070 km
      [[0, 0], [180, 0]],
    ];
    for (const [a, b] of pairs) {
      const turf = turfLength(lineString([a, b]), { units: 'meters' });
      expect(Math.abs(haversine(a, b) - turf)).toBeLessThan(0.001);
    }
  });

  it('is symmetric and zero for the same point', () => {
    expect(haversine(xujiahui, xujiahui)).toBe(0);
    expect(haversineCoords(121.43, 31.2, 121.44, 31.21)).toBeCloseTo(haversineCoords(121.44, 31.21, 121.43, 31.2), 9);
  });
});

describe('pointToSegment', () => {
  const a: LngLat = [121.44, 31.19];
  const b: LngLat = [121.44, 31.21];

  it('drops a perpendicular onto a meridian segment', () => {
    const p = east([121.44, 31.2], 95);
    const { distanceM, t } = pointToSegment(p, a, b);
    expect(distanceM).toBeCloseTo(95, 1);
    expect(t).toBeCloseTo(0.5, 6);
  });

  it('measures to the nearer end when the foot falls outside the segment', () => {
    const p = north(b, 300);
    const { distanceM, t } = pointToSegment(p, a, b);
    expect(t).toBe(1);
    expect(distanceM).toBeCloseTo(300, 3);
  });

  it('treats a zero-length segment as a point', () => {
    expect(pointToSegment(east(a, 40), a, a)).toEqual({ distanceM: expect.closeTo(40, 3), t: 0 });
  });
});

describe('pointToLine', () => {
  const line: LngLat[] = [[121.44, 31.2], [121.44, 31.21], east([121.44, 31.21], 500)];

  it('gives the distance to the line and the position along it', () => {
    const p = east(north([121.44, 31.2], 400), -30);
    const at = pointToLine(p, line);
    expect(at.distanceM).toBeCloseTo(30, 1);
    expect(at.alongM).toBeCloseTo(400, 1);
    expect(at.segment).toBe(0);
  });

  it('finds positions on later segments', () => {
    const p = north(east([121.44, 31.21], 200), 20);
    const at = pointToLine(p, line);
    expect(at.segment).toBe(1);
    expect(at.distanceM).toBeCloseTo(20, 1);
    expect(at.alongM).toBeCloseTo(0.01 * METRES_PER_DEGREE + 200, 0);
  });

  it('places a stop at the start of a round walk at 0 m, not at the end of the loop', () => {
    const { line: loop, query } = loadGeoFixture('loop-walk');
    const at = pointToLine(query, loop);
    expect(at.alongM).toBe(0);
    expect(at.distanceM).toBeLessThan(0.01);
  });

  it('finds the later pass of a loop from a given segment on', () => {
    const { line: loop, query } = loadGeoFixture('loop-walk');
    const at = pointToLine(query, loop, { fromSegment: 2 });
    expect(at.segment).toBe(3);
    expect(at.alongM).toBeCloseTo(1000, 0);
  });

  it('works for a single vertex', () => {
    expect(pointToLine(east(xujiahui, 12), [xujiahui])).toMatchObject({ alongM: 0, segment: 0, distanceM: expect.closeTo(12, 3) });
  });
});

describe('lineLength', () => {
  it('equals @turf/length for the same track', () => {
    const { line } = loadGeoFixture('loop-walk');
    const turf = turfLength(lineString(line), { units: 'meters' });
    expect(lineLength(line)).toBeCloseTo(turf, 6);
    expect(lineLength(line)).toBeCloseTo(1000, 0);
  });
});

describe('off a diagonal segment (both coordinates change along it)', () => {
  const o: LngLat = [121.44, 31.2];
  // 1 km east and 1 km north: the foot of a point 1 km north of o is the segment's middle.
  const a = o;
  const b = north(east(o, 1000), 1000);
  const p = north(o, 1000);

  it('pointToSegment: foot half-way, distance √2 · 500 m', () => {
    const { distanceM, t } = pointToSegment(p, a, b);
    expect(t).toBeCloseTo(0.5, 3);
    expect(distanceM).toBeCloseTo(Math.SQRT2 * 500, 0);
  });

  it('pointToLine: the same, with the position along the line and the foot point', () => {
    const at = pointToLine(p, [a, b]);
    expect(at.distanceM).toBeCloseTo(Math.SQRT2 * 500, 0);
    expect(at.alongM).toBeCloseTo(Math.SQRT2 * 500, 0);
    expect(haversine(at.point, north(east(o, 500), 500))).toBeLessThan(1);
  });

  it('pointToLine keeps fromSegment inside the line', () => {
    const line: LngLat[] = [a, b, east(b, 1000)];
    expect(pointToLine(p, line, { fromSegment: 99 }).segment).toBe(1);
    expect(pointToLine(p, line, { fromSegment: -5 }).segment).toBe(0);
  });

  it('pointToLine refuses an empty line with a clear message', () => {
    expect(() => pointToLine(p, [])).toThrow(/at least one vertex/);
  });
});
