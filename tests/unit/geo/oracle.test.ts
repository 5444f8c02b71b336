/**
 * Independent oracles for the geometry modules on seeded random cases: the
 * spatial index against a scan of every station, the point-in-region test
 * against a plain ray cast over every edge, the coverage sweep against a
 * fine grid of haversine tests, and the gap search with any chunk size
 * against its default. Each oracle is the slow, obvious computation of the
 * same answer; the cases are random so that the fast paths (caches, chunks,
 * bands, early exits) are all exercised.
 */
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../../src/lib/geo/area-geometry.ts';
import { createAreaTest } from '../../../src/lib/geo/contains.ts';
import { regionCoverage } from '../../../src/lib/geo/coverage.ts';
import { haversine, METRES_PER_DEGREE, pointToLine } from '../../../src/lib/geo/distance.ts';
import { findGaps } from '../../../src/lib/geo/gaps.ts';
import { sampleLine } from '../../../src/lib/geo/sample.ts';
import { type CircleStation, createStationIndex } from '../../../src/lib/geo/station-index.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { seededRandom } from '../../../scripts/lib/random.ts';

const CENTRE: LngLat = [121.44, 31.2];
const M_PER_LNG = METRES_PER_DEGREE * Math.cos((CENTRE[1] * Math.PI) / 180);
/** A point `x` metres east and `y` metres north of the centre. */
const at = (x: number, y: number): LngLat => [CENTRE[0] + x / M_PER_LNG, CENTRE[1] + y / METRES_PER_DEGREE];

function stationsOf(rand: () => number, count: number, sideM: number): CircleStation[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    point: at((rand() - 0.5) * sideM, (rand() - 0.5) * sideM),
    radius: 100 + Math.round(rand() * 800),
  }));
}

/** Query points: uniform, plus points a metre either side of some circle's edge. */
function queriesOf(rand: () => number, stations: CircleStation[], count: number, sideM: number): LngLat[] {
  const out: LngLat[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0 && stations.length) {
      const s = stations[Math.floor(rand() * stations.length)];
      const angle = rand() * 2 * Math.PI;
      const r = s.radius + (rand() < 0.5 ? -1.5 : 1.5);
      out.push([s.point[0] + (Math.cos(angle) * r) / M_PER_LNG, s.point[1] + (Math.sin(angle) * r) / METRES_PER_DEGREE]);
    } else {
      out.push(at((rand() - 0.5) * sideM * 1.2, (rand() - 0.5) * sideM * 1.2));
    }
  }
  return out;
}

function scan(stations: CircleStation[], p: LngLat) {
  const d = stations.map((s) => haversine(p, s.point));
  const covering = stations.map((s, i) => ({ s, d: d[i] })).filter(({ s, d }) => d <= s.radius).sort((a, b) => a.d - b.d);
  let nearest = -1;
  d.forEach((x, i) => {
    if (nearest < 0 || x < d[nearest]) nearest = i;
  });
  return { d, covering, nearest };
}

describe('station index against a scan of every station', { timeout: 60_000 }, () => {
  for (const [name, count, sideM, options] of [
    ['dense', 80, 4_000, {}],
    ['sparse', 25, 12_000, {}],
    ['dense, short chunks', 80, 4_000, { chunkM: 30 }],
    ['one station', 1, 2_000, {}],
  ] as const) {
    it(`${name}: nearest, covering, coveringAll, isCovered, nearestIndex`, () => {
      const rand = seededRandom(count * 7 + sideM);
      const stations = stationsOf(rand, count, sideM);
      const index = createStationIndex(stations, options);
      let covered = 0;
      for (const p of queriesOf(rand, stations, 600, sideM)) {
        const want = scan(stations, p);
        const label = `${p}`;
        expect(index.nearestIndex(p[0], p[1]), label).toBe(want.nearest);
        const nearest = index.nearest(p)!;
        expect(nearest.station.id, label).toBe(stations[want.nearest].id);
        expect(nearest.distanceM, label).toBeCloseTo(want.d[want.nearest], 6);
        expect(index.isCovered(p[0], p[1]), label).toBe(want.covering.length > 0);
        expect(index.coveringAll(p).map((s) => s.id), label).toEqual(want.covering.map((c) => c.s.id));
        const hit = index.covering(p);
        expect(hit?.station.id, label).toBe(want.covering[0]?.s.id);
        if (hit) expect(hit.distanceM, label).toBeCloseTo(want.covering[0].d, 6);
        if (want.covering.length) covered++;
      }
      // Both kinds of point were tested.
      expect(covered).toBeGreaterThan(50);
      expect(covered).toBeLessThan(590);
    });

    it(`${name}: near() answers like a full scan for points within its reach, and holdsDisc only when every point is covered`, () => {
      const rand = seededRandom(count * 13 + sideM);
      const stations = stationsOf(rand, count, sideM);
      const index = createStationIndex(stations, options);
      let held = 0;
      for (let k = 0; k < 60; k++) {
        const centre = at((rand() - 0.5) * sideM, (rand() - 0.5) * sideM);
        const reachM = 20 + rand() * 300;
        const nearby = index.near(centre, reachM);
        for (let q = 0; q < 25; q++) {
          const angle = rand() * 2 * Math.PI;
          const r = reachM * Math.sqrt(rand());
          const p: LngLat = [centre[0] + (Math.cos(angle) * r) / M_PER_LNG, centre[1] + (Math.sin(angle) * r) / METRES_PER_DEGREE];
          const want = scan(stations, p);
          expect(nearby.isCovered(p[0], p[1]), `${p}`).toBe(want.covering.length > 0);
          expect(nearby.nearestDistanceM(p[0], p[1])).toBeCloseTo(want.d[want.nearest], 6);
          if (nearby.holdsDisc(centre[0], centre[1], reachM)) {
            held++;
            // Every point of the disc is covered: its rim too.
            for (let e = 0; e < 16; e++) {
              const rim: LngLat = [
                centre[0] + (Math.cos((e * Math.PI) / 8) * reachM) / M_PER_LNG,
                centre[1] + (Math.sin((e * Math.PI) / 8) * reachM) / METRES_PER_DEGREE,
              ];
              expect(scan(stations, rim).covering.length, `rim of ${centre} at ${reachM} m`).toBeGreaterThan(0);
            }
          }
        }
      }
      if (name.startsWith('dense')) expect(held).toBeGreaterThan(0);
    });

    it(`${name}: alongLine lists the circles a walk enters, each once`, () => {
      const rand = seededRandom(count * 17 + sideM);
      const stations = stationsOf(rand, count, sideM);
      const index = createStationIndex(stations, options);
      let listed = 0;
      for (let k = 0; k < 12; k++) {
        const line: LngLat[] = [at((rand() - 0.5) * sideM, (rand() - 0.5) * sideM)];
        for (let v = 0; v < 6; v++) {
          const last = line.at(-1)!;
          line.push([last[0] + ((rand() - 0.5) * 1500) / M_PER_LNG, last[1] + ((rand() - 0.5) * 1500) / METRES_PER_DEGREE]);
        }
        // Oracle: distance from each centre to the line, and where along it that is.
        const met = stations
          .map((s) => ({ s, pos: pointToLine(s.point, line) }))
          .filter(({ s, pos }) => Math.abs(pos.distanceM - s.radius) > 2);
        const got = index.alongLine(line).map((s) => s.id);
        const inside = met.filter(({ s, pos }) => pos.distanceM < s.radius).map(({ s }) => s.id);
        const outside = met.filter(({ s, pos }) => pos.distanceM > s.radius).map(({ s }) => s.id);
        expect(got).toEqual(expect.arrayContaining(inside));
        for (const id of outside) expect(got, `${id} is out of reach`).not.toContain(id);
        expect(new Set(got).size).toBe(got.length);
        listed += got.length;
      }
      if (count > 1) expect(listed).toBeGreaterThan(5);
    });
  }

  it('answers "none" everywhere without stations', () => {
    const index = createStationIndex([]);
    expect(index.nearest(CENTRE)).toBeUndefined();
    expect(index.covering(CENTRE)).toBeUndefined();
    expect(index.coveringAll(CENTRE)).toEqual([]);
    expect(index.isCovered(...CENTRE)).toBe(false);
    expect(index.nearestIndex(...CENTRE)).toBe(-1);
    expect(index.alongLine([CENTRE, at(100, 100)])).toEqual([]);
    expect(index.near(CENTRE, 100).nearestDistanceM(...CENTRE)).toBe(Infinity);
    expect(index.maxRadiusM).toBe(0);
  });
});

/** Plain even–odd ray cast over every edge of every ring. */
function rayCast(geometry: AreaGeometry, [x, y]: LngLat): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** A star-shaped ring of `n` vertices around (cx, cy) metres, radii between r/2 and r. */
function starRing(rand: () => number, cx: number, cy: number, r: number, n: number): number[][] {
  const ring = Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / n;
    const radius = r * (0.5 + 0.5 * rand());
    return at(cx + Math.cos(angle) * radius, cy + Math.sin(angle) * radius) as number[];
  });
  return [...ring, ring[0]];
}

function regions(rand: () => number): [string, AreaGeometry][] {
  return [
    ['a star with 40 vertices', { type: 'Polygon', coordinates: [starRing(rand, 0, 0, 2_000, 40)] }],
    ['a star with a hole', { type: 'Polygon', coordinates: [starRing(rand, 0, 0, 2_500, 60), starRing(rand, 0, 0, 600, 12).reverse()] }],
    [
      'two stars',
      { type: 'MultiPolygon', coordinates: [[starRing(rand, -1_800, 0, 1_200, 25)], [starRing(rand, 1_800, 300, 1_000, 300)]] },
    ],
  ];
}

describe('point in region against a plain ray cast', () => {
  const rand = seededRandom(99);
  for (const [name, region] of regions(rand)) {
    for (const edgesPerBand of [1, 8, 1000]) {
      it(`${name}, ${edgesPerBand} edges per band`, () => {
        const inside = createAreaTest(region, { edgesPerBand });
        let hits = 0;
        for (let k = 0; k < 3_000; k++) {
          const p = at((rand() - 0.5) * 7_000, (rand() - 0.5) * 6_000);
          const want = rayCast(region, p);
          expect(inside(p), `${p}`).toBe(want);
          if (want) hits++;
        }
        expect(hits).toBeGreaterThan(100);
        expect(hits).toBeLessThan(2_900);
      });
    }
  }
});

describe('region coverage against a grid of haversine tests', { timeout: 60_000 }, () => {
  const rand = seededRandom(5);
  for (const [name, region] of regions(rand)) {
    it(`${name}: covered share within 0.3 percentage points, area to 0.5 %`, () => {
      const circles = stationsOf(rand, 14, 5_000);
      const got = regionCoverage(region, circles);
      const inside = createAreaTest(region);
      // A 25 m grid over the region's box: each cell stands for 625 m².
      const stepM = 25;
      let cells = 0;
      let covered = 0;
      for (let x = -4_000; x <= 4_000; x += stepM) {
        for (let y = -3_500; y <= 3_500; y += stepM) {
          const p = at(x, y);
          if (!rayCast(region, p)) continue;
          cells++;
          if (circles.some((c) => haversine(p, c.point) <= c.radius)) covered++;
        }
      }
      expect(inside(at(0, 0)) || cells > 0).toBe(true);
      expect(Math.abs(got.coveredPercent - (100 * covered) / cells)).toBeLessThan(0.3);
      expect(Math.abs(got.areaM2 - cells * stepM * stepM) / got.areaM2).toBeLessThan(0.005);
      expect(got.uncoveredAreaM2).toBeCloseTo(got.areaM2 * (1 - got.coveredPercent / 100), 3);
      // Not a trivial case.
      expect(covered).toBeGreaterThan(cells * 0.05);
      expect(covered).toBeLessThan(cells * 0.95);
    });
  }
});

describe('gap search: any chunk size gives the default answer', () => {
  it('on random walks through random circles', () => {
    const rand = seededRandom(31);
    const stations = stationsOf(rand, 60, 6_000);
    const index = createStationIndex(stations);
    let gaps = 0;
    for (let k = 0; k < 15; k++) {
      const line: LngLat[] = [at((rand() - 0.5) * 6_000, (rand() - 0.5) * 6_000)];
      for (let v = 0; v < 8; v++) {
        const last = line.at(-1)!;
        line.push([last[0] + ((rand() - 0.5) * 1200) / M_PER_LNG, last[1] + ((rand() - 0.5) * 1200) / METRES_PER_DEGREE]);
      }
      const samples = sampleLine(line);
      const reference = findGaps(samples, index);
      gaps += reference.length;
      for (const chunkM of [5, 37, 1_000, 1e9]) {
        const other = findGaps(samples, index, { chunkM });
        expect(other.map((g) => [g.fromM, g.toM, g.maxDistanceM, g.nearestStation?.id])).toEqual(
          reference.map((g) => [g.fromM, g.toM, g.maxDistanceM, g.nearestStation?.id]),
        );
      }
    }
    expect(gaps).toBeGreaterThan(10);
  });
});
