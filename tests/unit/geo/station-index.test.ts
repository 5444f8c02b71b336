import { describe, expect, it } from 'vitest';
import { haversineCoords, pointToLine } from '../../../src/lib/geo/distance.ts';
import { createStationIndex } from '../../../src/lib/geo/station-index.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { east, loadGeoFixture, north } from './fixture.ts';

/** Deterministic pseudo-random numbers, so failures reproduce. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** Stations with mixed radii scattered over roughly Xuhui. */
function scatter(count: number, seed = 1) {
  const rand = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    point: [121.40 + rand() * 0.08, 31.12 + rand() * 0.11] as LngLat,
    radius: rand() < 0.1 ? 1500 : 100 + rand() * 500,
  }));
}

function bruteForce(stations: ReturnType<typeof scatter>, [lng, lat]: LngLat) {
  const d = stations.map((s) => haversineCoords(lng, lat, s.point[0], s.point[1]));
  const nearest = d.indexOf(Math.min(...d));
  const covering = stations.map((s, i) => ({ s, d: d[i] })).filter(({ s, d }) => d <= s.radius).sort((a, b) => a.d - b.d);
  return { nearest: stations[nearest], nearestM: d[nearest], covering: covering.map((c) => c.s) };
}

describe('createStationIndex', () => {
  it('covers a point by the far station with the big circle, not the nearer small one', () => {
    const { stations, query } = loadGeoFixture('big-far-station');
    const index = createStationIndex(stations);
    expect(index.nearest(query)).toMatchObject({ station: { id: 'small-near' }, distanceM: expect.closeTo(300, 1) });
    expect(index.covering(query)).toMatchObject({ station: { id: 'big-far' }, distanceM: expect.closeTo(900, 1) });
    expect(index.coveringAll(query).map((s) => s.id)).toEqual(['big-far']);
    expect(index.isCovered(query[0], query[1])).toBe(true);
    expect(index.maxRadiusM).toBe(1000);
  });

  it('says a point is uncovered when it is outside every circle, however close the nearest', () => {
    const { stations, query } = loadGeoFixture('big-far-station');
    const index = createStationIndex(stations);
    const outside = east(query, -150); // 150 m west: 1050 m from big-far, 335 m from small-near
    expect(index.covering(outside)).toBeUndefined();
    expect(index.isCovered(outside[0], outside[1])).toBe(false);
    expect(index.nearest(outside)?.station.id).toBe('small-near');
  });

  it('counts a point exactly on the circle as covered', () => {
    const centre: LngLat = [121.44, 31.2];
    const index = createStationIndex([{ id: 'c', point: centre, radius: 500 }]);
    expect(index.covering(north(centre, 499.99))?.station.id).toBe('c');
    expect(index.covering(north(centre, 500.01))).toBeUndefined();
  });

  it('lists every covering station, closest first', () => {
    const stations = scatter(400);
    const index = createStationIndex(stations);
    const rand = random(7);
    for (let k = 0; k < 200; k++) {
      const p: LngLat = [121.40 + rand() * 0.08, 31.12 + rand() * 0.11];
      const truth = bruteForce(stations, p);
      expect(index.coveringAll(p)).toEqual(truth.covering);
      expect(index.covering(p)?.station).toBe(truth.covering[0]);
      expect(index.nearest(p)?.station).toBe(truth.nearest);
    }
  });

  it('answers a walk along a line the same as testing every station', () => {
    const stations = scatter(400, 3);
    const index = createStationIndex(stations);
    let p: LngLat = [121.41, 31.13];
    for (let k = 0; k < 2000; k++) {
      p = k % 3 ? north(p, 7) : east(p, 9);
      const truth = bruteForce(stations, p);
      expect(index.isCovered(p[0], p[1])).toBe(truth.covering.length > 0);
    }
  });

  it('near(): same answers as brute force for any point within the reach', () => {
    const stations = scatter(300, 5);
    const index = createStationIndex(stations);
    const rand = random(11);
    for (let k = 0; k < 40; k++) {
      const centre: LngLat = [121.40 + rand() * 0.08, 31.12 + rand() * 0.11];
      const reachM = 20 + rand() * 300;
      const near = index.near(centre, reachM);
      for (let j = 0; j < 25; j++) {
        const angle = rand() * 2 * Math.PI;
        const r = rand() * reachM;
        const p = north(east(centre, r * Math.cos(angle)), r * Math.sin(angle));
        const truth = bruteForce(stations, p);
        expect(near.isCovered(p[0], p[1])).toBe(truth.covering.length > 0);
        expect(near.nearestDistanceM(p[0], p[1])).toBeCloseTo(truth.nearestM, 6);
      }
    }
  });

  it('near() finds the nearest station far outside every circle', () => {
    const index = createStationIndex([{ id: 'lonely', point: [121.44, 31.2], radius: 500 }]);
    const far = east([121.44, 31.2], 20_000);
    const near = index.near(far, 100);
    expect(near.isCovered(far[0], far[1])).toBe(false);
    expect(near.nearestDistanceM(far[0], far[1])).toBeCloseTo(20_000, -1);
  });

  it('holdsDisc(): true only when one circle holds the whole neighbourhood', () => {
    const index = createStationIndex([{ id: 'c', point: [121.44, 31.2], radius: 500 }]);
    const p = north([121.44, 31.2], 300);
    const near = index.near(p, 150);
    expect(near.holdsDisc(p[0], p[1], 150)).toBe(true);
    expect(near.holdsDisc(p[0], p[1], 250)).toBe(false);
  });

  it('alongLine(): the stations whose circle a line enters or touches', () => {
    const start: LngLat = [121.44, 31.2];
    const line = [start, north(start, 2000)];
    const stations = [
      { id: 'inside-499', point: east(north(start, 1000), 499), radius: 500 },
      { id: 'outside-501', point: east(north(start, 1000), -501), radius: 500 },
      { id: 'beyond-end', point: north(start, 2400), radius: 500 },
      { id: 'big-far', point: east(start, 1400), radius: 1500 },
      { id: 'small-near', point: east(north(start, 500), 60), radius: 50 },
    ];
    const ids = createStationIndex(stations).alongLine(line).map((s) => s.id).sort();
    expect(ids).toEqual(['beyond-end', 'big-far', 'inside-499']);
  });

  it('alongLine() agrees with brute force on random walks', () => {
    const stations = scatter(300, 9);
    const index = createStationIndex(stations);
    let p: LngLat = [121.42, 31.15];
    const line = [p];
    const rand = random(13);
    for (let k = 0; k < 120; k++) line.push((p = east(north(p, (rand() - 0.3) * 60), (rand() - 0.3) * 60)));
    const fine: LngLat[] = [];
    for (let k = 0; k + 1 < line.length; k++) {
      for (let t = 0; t < 1; t += 0.02) fine.push([line[k][0] + (line[k + 1][0] - line[k][0]) * t, line[k][1] + (line[k + 1][1] - line[k][1]) * t]);
    }
    const truth = stations.filter((s) => fine.some((q) => haversineCoords(q[0], q[1], s.point[0], s.point[1]) <= s.radius - 0.5));
    const found = new Set(index.alongLine(line));
    for (const s of truth) expect(found.has(s)).toBe(true);
    // and nothing clearly out of reach
    for (const s of found) expect(fine.some((q) => haversineCoords(q[0], q[1], s.point[0], s.point[1]) <= s.radius + 1.5)).toBe(true);
  });

  it('alongLine() decides a line passing within a metre of a circle by the exact distance', () => {
    const centre: LngLat = [121.44, 31.2];
    const index = createStationIndex([{ id: 'c', point: centre, radius: 500 }]);
    // Lines along the parallel 499.7 m and 500.3 m north of the centre, 2 km long, centred on it.
    const across = (m: number): LngLat[] => [east(north(centre, m), -1000), east(north(centre, m), 1000)];
    expect(index.alongLine(across(499.7)).map((s) => s.id)).toEqual(['c']);
    expect(index.alongLine(across(500.3))).toEqual([]);
    // The same a kilometre further east along the line: the foot of the perpendicular is inside the segment.
    expect(index.alongLine([east(north(centre, 499.7), -3000), east(north(centre, 499.7), 3000)]).map((s) => s.id)).toEqual(['c']);
  });

  it('alongLine() settles lines metres from a 5 km circle by the exact distance (the flat plane is off by decimetres there)', () => {
    const centre: LngLat = [121.44, 31.2];
    const index = createStationIndex([{ id: 'wide', point: centre, radius: 5000 }]);
    // Lines 1.4 km long touching a circle of radius m north-east of the centre, at right angles to the radius.
    const tangent = (m: number): LngLat[] => {
      const p = east(north(centre, m * Math.SQRT1_2), m * Math.SQRT1_2);
      return [east(north(p, 500), -500), east(north(p, -500), 500)];
    };
    expect(pointToLine(centre, tangent(4998)).distanceM).toBeCloseTo(4998, 0);
    expect(pointToLine(centre, tangent(5002)).distanceM).toBeCloseTo(5002, 0);
    expect(index.alongLine(tangent(4998)).map((s) => s.id)).toEqual(['wide']);
    expect(index.alongLine(tangent(5002))).toEqual([]);
  });

  it('alongLine() finds a 5 km circle that a 10 km segment enters by a metre at its northern end', () => {
    const south: LngLat = [121.44, 31.2];
    const northEnd = north(south, 10_000);
    const index = createStationIndex([{ id: 'wide', point: east(northEnd, 4999), radius: 5000 }]);
    expect(index.alongLine([south, northEnd]).map((s) => s.id)).toEqual(['wide']);
  });

  it('near(): a station farther than the nearest one still covers points at the edge of the reach', () => {
    const centre: LngLat = [121.44, 31.2];
    const index = createStationIndex([
      { id: 'here', point: centre, radius: 10 },
      { id: 'east', point: east(centre, 700), radius: 500 },
    ]);
    const edge = east(centre, 200.5); // 499.5 m from 'east'
    expect(index.near(centre, 200.5).isCovered(edge[0], edge[1])).toBe(true);
  });

  it('alongLine() follows the line round a corner: a circle inside the bend but off the path is not entered', () => {
    const start: LngLat = [121.44, 31.2];
    const corner = east(start, 200);
    // 28 m from the straight cut from start to end, 120 m from the path itself.
    const index = createStationIndex([{ id: 'in-bend', point: north(east(start, 80), 120), radius: 50 }]);
    expect(index.alongLine([start, corner, north(corner, 200)])).toEqual([]);
    expect(index.alongLine([start, north(east(start, 200), 200)]).map((s) => s.id)).toEqual(['in-bend']);
  });

  it('alongLine(): a lone vertex is a line of no length, and an empty line enters nothing', () => {
    const centre: LngLat = [121.44, 31.2];
    const index = createStationIndex([{ id: 'c', point: centre, radius: 500 }]);
    expect(index.alongLine([north(centre, 300)]).map((s) => s.id)).toEqual(['c']);
    expect(index.alongLine([north(centre, 700)])).toEqual([]);
    expect(index.alongLine([])).toEqual([]);
  });

  it('works with no stations at all', () => {
    const index = createStationIndex([]);
    expect(index.nearest([121.44, 31.2])).toBeUndefined();
    expect(index.covering([121.44, 31.2])).toBeUndefined();
    expect(index.isCovered(121.44, 31.2)).toBe(false);
    expect(index.nearestIndex(121.44, 31.2)).toBe(-1);
    expect(index.near([121.44, 31.2], 100).nearestDistanceM(121.44, 31.2)).toBe(Infinity);
    expect(index.alongLine([[121.44, 31.2], [121.45, 31.2]])).toEqual([]);
  });
});
