/**
 * runCheck on content built by hand (no loader): what an editor sees in the
 * report for each geometric rule of shared/spec/content-format.md.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/lib/geo/check.ts';
import { METRES_PER_DEGREE } from '../../../src/lib/geo/distance.ts';
import type {
  BuildingEntry,
  Content,
  LngLat,
  RegionEntry,
  RouteEntry,
  RouteStop,
  StationEntry,
} from '../../../src/lib/content/model.ts';
import { problem } from '../../../src/lib/content/problems.ts';
import { boxAreaM2, east, loadGeoFixture, north } from './fixture.ts';

const ORIGIN: LngLat = [121.44, 31.2];
const LENGTH_M = 0.02 * METRES_PER_DEGREE; // 31.2° N to 31.22° N along 121.44° E

function station(id: string, point: LngLat, radius = 500): StationEntry {
  return {
    collection: 'stations',
    id,
    file: `stations/${id}.md`,
    absPath: `/content/stations/${id}.md`,
    data: { name: `测试站 ${id}`, tier: 'neighborhood', location: { lng: point[0], lat: point[1], crs: 'wgs84' }, radius },
    body: '',
    lines: { name: 2, location: 4 },
    images: [],
    point,
    original: { lng: point[0], lat: point[1], crs: 'wgs84' },
  } as StationEntry;
}

function building(id: string, point: LngLat): BuildingEntry {
  return {
    collection: 'buildings',
    id,
    file: `buildings/${id}.md`,
    absPath: `/content/buildings/${id}.md`,
    data: { name: `测试建筑 ${id}`, location: { lng: point[0], lat: point[1], crs: 'wgs84' }, figures: [], classics: [] },
    body: '',
    lines: { name: 2, location: 3 },
    images: [],
    audio: [],
    point,
    original: { lng: point[0], lat: point[1], crs: 'wgs84' },
  } as BuildingEntry;
}

interface RouteSpec {
  id?: string;
  stops: (BuildingEntry | StationEntry)[];
  /** Ids as written in the frontmatter, when some did not resolve. */
  written?: string[];
  path?: LngLat[];
  allowGaps?: boolean;
}

function route({ id = 'walk', stops, written, path, allowGaps = false }: RouteSpec): RouteEntry {
  const resolved: RouteStop[] = stops.map((s) => ({ id: s.id, kind: s.collection, name: s.data.name, point: s.point }));
  const ids = written ?? stops.map((s) => s.id);
  const lines: Record<string, number> = { title: 2, stops: 3 };
  ids.forEach((_, i) => (lines[`stops[${i}]`] = 4 + i));
  if (path) lines.path = 4 + ids.length;
  return {
    collection: 'routes',
    id,
    file: `routes/${id}.md`,
    absPath: `/content/routes/${id}.md`,
    data: { title: `测试路线 ${id}`, stops: ids, path, crs: 'wgs84', allowGaps, minutesPerStop: 10 },
    body: '',
    lines,
    images: [],
    line: path ?? resolved.map((s) => s.point),
    schematic: !path,
    pathSource: path ? 'inline' : 'schematic',
    stops: resolved,
  } as RouteEntry;
}

function content(parts: Partial<Content>): Content {
  return { dir: '/content', stations: [], buildings: [], figures: [], classics: [], routes: [], events: [], regions: [], basemap: {}, problems: [], ...parts };
}

const a = station('a', ORIGIN);
const b = station('b', north(ORIGIN, LENGTH_M));
const start = building('start', ORIGIN);
const end = building('end', north(ORIGIN, LENGTH_M));
const meridian: LngLat[] = [ORIGIN, north(ORIGIN, LENGTH_M)];

describe('runCheck: routes', () => {
  it('reports a gap as an error on the path line, naming the nearest station and the distances', () => {
    const report = runCheck(content({ stations: [a, b], buildings: [start, end], routes: [route({ stops: [start, end], path: meridian })] }));
    expect(report.ok).toBe(false);
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error).toMatchObject({ code: 'route-gap', severity: 'error', file: 'routes/walk.md', line: 6, field: 'path' });
    expect(error.message).toMatch(/500 米 到 1724 米/);
    expect(error.message).toMatch(/共 2224 米/);
    expect(error.message).toMatch(/测试站 [ab]（[ab]）”1112 米/);
    expect(error.message).toMatch(/服务半径 500 米/);

    const [walk] = report.routes;
    expect(walk).toMatchObject({ id: 'walk', file: 'routes/walk.md', lengthM: 2223.9, schematic: false });
    expect(walk.gaps).toHaveLength(1);
    const [gap] = walk.gaps;
    expect(Math.abs(gap.fromM - 500)).toBeLessThan(5);
    expect(Math.abs(gap.toM - (LENGTH_M - 500))).toBeLessThan(5);
    expect(gap.maxDistanceM).toBeCloseTo(1111.95, -1);
    expect(['a', 'b']).toContain(gap.nearestStation);
    // Its length is toM - fromM, each rounded on its own: they agree to 0.1 m.
    expect(Math.abs(gap.lengthM - (gap.toM - gap.fromM))).toBeLessThan(0.11);
    // Metres are reported to 0.1.
    for (const value of [gap.fromM, gap.toM, gap.maxDistanceM!, walk.lengthM]) expect(Math.round(value * 10)).toBeCloseTo(value * 10, 9);
  });

  it('turns gaps into warnings when the route allows them', () => {
    const report = runCheck(
      content({ stations: [a, b], buildings: [start, end], routes: [route({ stops: [start, end], path: meridian, allowGaps: true })] }),
    );
    expect(report.ok).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => [w.code, w.severity])).toEqual([['route-gap', 'warning']]);
    expect(report.routes[0].gaps).toHaveLength(1);
  });

  it('checks stops: outside every circle, and too far from the path', () => {
    const offPath = building('off-path', east(north(ORIGIN, 100), 120));
    const outside = building('outside', east(north(ORIGIN, 1000), 30));
    const big = station('big', north(ORIGIN, 300), 650);
    const r = route({ stops: [start, offPath, outside], path: [ORIGIN, north(ORIGIN, 1000)] });
    const report = runCheck(content({ stations: [big], buildings: [start, offPath, outside], routes: [r] }));
    expect(report.errors.map((e) => [e.code, e.field, e.line])).toEqual([
      ['stop-off-path', 'stops[1]', 5],
      ['stop-outside-circle', 'stops[2]', 6],
      ['route-gap', 'path', 7],
    ]);
    expect(report.errors[0].message).toMatch(/测试建筑 off-path（off-path）.*120 米，超过 50 米/);
    expect(report.errors[1].message).toMatch(/测试建筑 outside（outside）.*离最近的站点“测试站 big（big）”701 米，该站服务半径 650 米/);
    expect(report.routes[0].stops).toEqual([
      { id: 'start', alongM: 0, distanceToPathM: 0, coveredBy: 'big', nearestStation: 'big', nearestDistanceM: 300 },
      { id: 'off-path', alongM: 100, distanceToPathM: 120, coveredBy: 'big', nearestStation: 'big', nearestDistanceM: expect.closeTo(Math.hypot(200, 120), 0) },
      { id: 'outside', alongM: 1000, distanceToPathM: 30, nearestStation: 'big', nearestDistanceM: expect.closeTo(700.6, 0) },
    ]);
  });

  it('places the stops of a round walk in walking order, the last one at the end', () => {
    const { line: loop } = loadGeoFixture('loop-walk');
    const corner = building('corner', loop[2]);
    const r = route({ stops: [start, corner, start], path: loop });
    const report = runCheck(content({ stations: [a], buildings: [start, corner], routes: [r] }));
    expect(report.routes[0].stops.map((s) => s.alongM)).toEqual([0, 500, 1000]);
  });

  it('places a stop written out of order where it really is on the line', () => {
    const early = building('early', north(ORIGIN, 100));
    const late = building('late', north(ORIGIN, 900));
    const r = route({ stops: [late, early], path: [ORIGIN, north(ORIGIN, 1000)] });
    const report = runCheck(content({ stations: [a, station('n', north(ORIGIN, 1000))], buildings: [early, late], routes: [r] }));
    expect(report.routes[0].stops.map((s) => [s.id, s.alongM, s.distanceToPathM])).toEqual([
      ['late', 900, 0],
      ['early', 100, 0],
    ]);
  });

  it('honours the stop-to-path limit option', () => {
    const offPath = building('off-path', east(north(ORIGIN, 100), 120));
    const r = route({ stops: [start, offPath], path: [ORIGIN, north(ORIGIN, 200)] });
    const report = runCheck(content({ stations: [a], buildings: [start, offPath], routes: [r] }), { stopPathLimitM: 150 });
    expect(report.errors).toEqual([]);
  });

  it('names the right stops[i] line when an unknown stop was dropped by the loader', () => {
    const outside = building('outside', east(ORIGIN, 900));
    const r = route({ stops: [start, outside], written: ['start', 'nowhere', 'outside'] });
    const report = runCheck(content({ stations: [a], buildings: [start, outside], routes: [r] }));
    const stopError = report.errors.find((e) => e.code === 'stop-outside-circle');
    expect(stopError).toMatchObject({ field: 'stops[2]', line: 6 });
  });

  it('places a stop written out of order on a line of several segments where it really is', () => {
    // North 1 km, east 1 km, south 1 km: 'late' near the end, 'early' near the start.
    const path: LngLat[] = [ORIGIN, north(ORIGIN, 1000), east(north(ORIGIN, 1000), 1000), east(ORIGIN, 1000)];
    const early = building('early', east(north(ORIGIN, 200), 5));
    const late = building('late', east(north(ORIGIN, 200), 995));
    const r = route({ stops: [late, early], path });
    const report = runCheck(content({ stations: [station('big', east(north(ORIGIN, 500), 500), 1000)], buildings: [early, late], routes: [r] }));
    expect(report.routes[0].stops.map((s) => [s.id, Math.round(s.alongM), Math.round(s.distanceToPathM)])).toEqual([
      ['late', 2800, 5],
      ['early', 200, 5],
    ]);
  });

  it('names the line of each visit when a stop outside every circle is written twice (a round walk)', () => {
    const outside = building('outside', east(ORIGIN, 900));
    const r = route({ stops: [outside, start, outside] });
    const report = runCheck(content({ stations: [a], buildings: [start, outside], routes: [r] }));
    const lines = report.errors.filter((e) => e.code === 'stop-outside-circle').map((e) => [e.field, e.line]);
    expect(lines).toEqual([
      ['stops[0]', 4],
      ['stops[2]', 6],
    ]);
  });

  it('after a stop it cannot match, goes on matching stops from where it was in the written list', () => {
    // The loader resolved 'stray' although no written id names it; the second visit of 'outside' is stops[2].
    const outside = building('outside', east(ORIGIN, 900));
    const stray = building('stray', ORIGIN);
    const r = route({ stops: [outside, stray, outside], written: ['outside', 'start', 'outside'] });
    const report = runCheck(content({ stations: [a], buildings: [stray, outside], routes: [r] }));
    const fields = report.errors.filter((e) => e.code === 'stop-outside-circle').map((e) => e.field);
    expect(fields).toEqual(['stops[0]', 'stops[2]']);
  });

  it('names the stops list when a stop cannot be matched to a written id', () => {
    const outside = building('outside', east(ORIGIN, 900));
    const r = route({ stops: [start, outside], written: ['start'] });
    const report = runCheck(content({ stations: [a], buildings: [start, outside], routes: [r] }));
    expect(report.errors.find((e) => e.code === 'stop-outside-circle')).toMatchObject({ field: 'stops', line: 3 });
  });

  it('treats a route without a path as schematic: no stop-off-path, gaps located on its stops', () => {
    const far = building('far', east(ORIGIN, 2000));
    const r = route({ stops: [start, far] });
    const report = runCheck(content({ stations: [a, station('c', east(ORIGIN, 2000))], buildings: [start, far], routes: [r] }));
    expect(report.routes[0]).toMatchObject({ schematic: true, lengthM: 2000 });
    expect(report.errors.map((e) => [e.code, e.field, e.line])).toEqual([['route-gap', 'stops', 3]]);
    expect(report.routes[0].stops.map((s) => s.distanceToPathM)).toEqual([0, 0]);
  });

  it('measures a route whose stops are close together without gaps', () => {
    const near = building('near', north(ORIGIN, 400));
    const report = runCheck(content({ stations: [a], buildings: [start, near], routes: [route({ stops: [start, near] })] }));
    expect(report).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(report.routes[0]).toMatchObject({ lengthM: 400, gaps: [] });
  });

  it('leaves out routes without a usable line but still checks their stops', () => {
    const outside = building('outside', east(ORIGIN, 900));
    const broken = { ...route({ stops: [start, outside], path: [ORIGIN, north(ORIGIN, 10)] }), line: [] };
    const report = runCheck(content({ stations: [a], buildings: [start, outside], routes: [broken] }));
    expect(report.routes).toEqual([]);
    expect(report.errors.map((e) => e.code)).toEqual(['stop-outside-circle']);
  });

  it('says so when there are no stations at all, instead of naming one', () => {
    const report = runCheck(content({ buildings: [start, end], routes: [route({ stops: [start, end], path: meridian })] }));
    expect(report.routes[0].gaps).toEqual([
      expect.objectContaining({ fromM: 0, toM: 2223.9, maxDistanceM: null, nearestStation: null }),
    ]);
    // Without stations nothing is covered: both stops and the whole path are errors.
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => [e.code, e.field])).toEqual([
      ['stop-outside-circle', 'stops[0]'],
      ['stop-outside-circle', 'stops[1]'],
      ['route-gap', 'path'],
    ]);
    for (const p of report.errors) {
      expect(p.message).toMatch(/没有任何站点/);
      expect(p.message).not.toMatch(/undefined/);
    }
    expect(report.routes[0].stops[0]).toMatchObject({ nearestStation: null, nearestDistanceM: null });
  });
});

describe('runCheck: regions and stations', () => {
  it('reports area, covered share, stations inside and gaps inside for each region', () => {
    const { region: square } = loadGeoFixture('square-one-circle');
    if (square.type !== 'Polygon') throw new Error('expected a Polygon fixture');
    // Analytic: the fixture's box on the sphere, 4,000,003.1 m² (what its note calls a 2 km square).
    const squareM2 = boxAreaM2(square.coordinates[0]);
    const centre = station('centre', ORIGIN);
    const region: RegionEntry = {
      collection: 'regions',
      id: 'square',
      file: 'regions/square.geojson',
      absPath: '/content/regions/square.geojson',
      name: '测试正方形',
      properties: { name: '测试正方形' },
      geometry: square,
    };
    const eastEnd = building('east-end', east(ORIGIN, 900));
    const r = route({ stops: [start, eastEnd], path: [ORIGIN, east(ORIGIN, 900)], allowGaps: true });
    const report = runCheck(content({ stations: [centre, station('outside', east(ORIGIN, 5000))], buildings: [start, eastEnd], routes: [r], regions: [region] }));
    expect(report.regions).toEqual([
      {
        id: 'square',
        file: 'regions/square.geojson',
        name: '测试正方形',
        areaM2: expect.closeTo(squareM2, 0),
        coveredPercent: 19.6,
        // The circle on the sphere differs from π r² by about 20 m².
        uncoveredAreaM2: expect.closeTo(squareM2 - Math.PI * 500 * 500, -2),
        stationCount: 1,
        routeGapCount: 1,
        parent: null,
        stationsByTier: { district: 0, subdistrict: 0, neighborhood: 1, building: 0, park: 0 },
        // The square less the centre's disc, farthest from it at the corners (√2 km).
        vacuums: [
          {
            areaM2: expect.closeTo(4_000_003 - Math.PI * 500 * 500, -4),
            point: [expect.any(Number), expect.any(Number)],
            maxDistanceM: expect.closeTo(1414, -1),
            nearestStation: 'centre',
            geometry: expect.objectContaining({ type: 'Polygon' }),
          },
        ],
      },
    ]);
  });

  it('counts in a region only the gaps whose farthest point lies in it', () => {
    const { region: square } = loadGeoFixture('square-one-circle');
    const region: RegionEntry = {
      collection: 'regions',
      id: 'square',
      file: 'regions/square.geojson',
      absPath: '/content/regions/square.geojson',
      name: '测试正方形',
      properties: { name: '测试正方形' },
      geometry: square,
    };
    // One walk leaves the circle inside the square, the other far north of it.
    const eastEnd = building('east-end', east(ORIGIN, 900));
    const farStart = building('far-start', north(ORIGIN, 5000));
    const farEnd = building('far-end', north(ORIGIN, 7000));
    const inside = route({ id: 'inside', stops: [start, eastEnd], path: [ORIGIN, east(ORIGIN, 900)], allowGaps: true });
    const outside = route({ id: 'outside', stops: [farStart, farEnd], path: [north(ORIGIN, 5000), north(ORIGIN, 7000)], allowGaps: true });
    const stations = [station('centre', ORIGIN), station('n1', north(ORIGIN, 5000)), station('n2', north(ORIGIN, 7000))];
    const report = runCheck(content({ stations, buildings: [start, eastEnd, farStart, farEnd], routes: [inside, outside], regions: [region] }));
    expect(report.routes.map((r) => r.gaps.length)).toEqual([1, 1]);
    expect(report.regions[0]).toMatchObject({ stationCount: 1, routeGapCount: 1 });
  });

  it('does not list a route without a usable line as entering any circle', () => {
    const lone = { ...route({ id: 'lone', stops: [start] }), line: [ORIGIN] };
    const report = runCheck(content({ stations: [a], buildings: [start], routes: [lone] }));
    expect(report.stations).toEqual([{ id: 'a', buildings: ['start'], routes: [] }]);
  });

  it('lists for each station the buildings in its circle and the routes that enter it', () => {
    const s1 = station('s1', ORIGIN);
    const s2 = station('s2', east(ORIGIN, 3000), 1000);
    const s3 = station('s3', north(ORIGIN, 5000));
    const inBoth = building('in-both', east(ORIGIN, 400));
    const grazing = route({ id: 'grazing', stops: [start, inBoth], path: [north(ORIGIN, -499), east(north(ORIGIN, -499), 2500)] });
    const report = runCheck(content({ stations: [s1, s2, s3], buildings: [start, inBoth], routes: [grazing] }));
    expect(report.stations).toEqual([
      { id: 's1', buildings: ['start', 'in-both'], routes: ['grazing'] },
      { id: 's2', buildings: [], routes: ['grazing'] },
      { id: 's3', buildings: [], routes: [] },
    ]);
  });

  it('merges the loader’s problems into one sorted report', () => {
    const loading = [
      problem('ref-unknown', { file: 'routes/walk.md', line: 5, field: 'stops[1]' }, { id: 'nowhere', target: '建筑或站点', dir: 'buildings' }),
      problem('field-unknown', { file: 'buildings/start.md', line: 7, field: 'colour' }, { field: 'colour' }),
    ];
    const report = runCheck(content({ stations: [a], buildings: [start], problems: loading }));
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['ref-unknown']);
    expect(report.warnings.map((w) => w.code)).toEqual(['field-unknown']);
  });

  it('uses the spacing option for sampling: a 6 m gap between 10 m samples is found at 5 m', () => {
    // Circles end at 502 m and begin again at 508 m; 10 m samples (500, 510) both lie inside one.
    const near = station('near', ORIGIN, 502);
    const far = station('far', north(ORIGIN, 1008));
    const top = building('top', north(ORIGIN, 1000));
    const r = route({ stops: [start, top], path: [ORIGIN, north(ORIGIN, 1000)] });
    const walk = content({ stations: [near, far], buildings: [start, top], routes: [r] });
    expect(runCheck(walk).routes[0].gaps).toEqual([]);
    const fine = runCheck(walk, { spacingM: 5 });
    expect(fine.errors.map((e) => e.code)).toEqual(['route-gap']);
    const [gap] = fine.routes[0].gaps;
    expect(Math.abs(gap.fromM - 502)).toBeLessThan(1);
    expect(Math.abs(gap.toM - 508)).toBeLessThan(1);
    // Analytic peak: 504 m from both centres at 504 m; the only uncovered sample (505 m) is 503 m from b.
    expect(Math.abs(gap.maxDistanceM! - 504)).toBeLessThanOrEqual(1);
  });
});
