/**
 * The map data of each page type, built from the checker's fixture content
 * (analytic geometry: lines along a meridian, a square region) and from the
 * sample content, and the text alternative derived from it.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import turfArea from '@turf/area';
import { describe, expect, it } from 'vitest';
import { METRES_PER_DEGREE } from '../../../src/lib/geo/distance.ts';
import {
  buildingMapData,
  coverageMapData,
  featuresOf,
  homeMapData,
  regionMapData,
  type MapData,
  OSM_ATTRIBUTION,
  routeMapData,
  stationMapData,
  stationsMapData,
} from '../../../src/lib/map/map-data.ts';
import { legendItems, mapText } from '../../../src/lib/map/map-text.ts';
import { siteSuggestions } from '../../../src/lib/district/view.ts';
import { getSiteData } from '../../../src/lib/site/site-data.ts';
import { payloadJson } from '../../../src/scripts/map-payload.ts';

const fixture = (name: string) => getSiteData(path.resolve('tests/fixtures/check', name, 'content'));
const sample = () => getSiteData(path.resolve('content'));

/** Every coordinate in the data, to check rounding and bounds. */
function positions(data: MapData): number[][] {
  const out: number[][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of data.features.features) walk((f.geometry as { coordinates: unknown }).coordinates);
  return out;
}

/** The data without its streets, which reach to the edge of the drawn map, past the bounds it opens on. */
const ownFeatures = (data: MapData): MapData => ({
  ...data,
  features: { ...data.features, features: data.features.features.filter((f) => f.properties.role !== 'street') },
});

const inside = (box: number[], [lng, lat]: number[]) => lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3];

describe('route map data', () => {
  const data = routeMapData(fixture('gap-middle'), 'walk');

  it('has the walked line, its length and the route label', () => {
    expect(data.kind).toBe('route');
    expect(data.label).toBe('路线地图：测试路线 walk');
    const [route] = featuresOf(data, 'route');
    expect(route.properties).toMatchObject({ id: 'walk', schematic: false, lengthM: 2223.9 });
    expect(route.geometry.coordinates).toEqual([
      [121.44, 31.2],
      [121.44, 31.22],
    ]);
  });

  it('draws the gap between the distances the checker reported', () => {
    const [gap] = featuresOf(data, 'gap');
    const { fromM, toM } = gap.properties;
    expect(gap.properties).toMatchObject({ role: 'gap', route: 'walk' });
    // The checker bisects the gap's ends to a few decimetres (fixtures expect 500 and 723.9 ± 2 m).
    expect(fromM).toBeCloseTo(500, -0.5);
    expect(toM).toBeCloseTo(723.9, -0.5);
    const coords = gap.geometry.coordinates as number[][];
    expect(coords[0][1]).toBeCloseTo(31.2 + fromM / METRES_PER_DEGREE, 6);
    expect(coords.at(-1)![1]).toBeCloseTo(31.2 + toM / METRES_PER_DEGREE, 6);
    expect(coords.every(([lng]) => lng === 121.44)).toBe(true);
  });

  it('numbers the stops in order with where they meet the line', () => {
    const stops = featuresOf(data, 'stop').map((f) => f.properties);
    expect(stops.map((s) => [s.n, s.id, s.kind])).toEqual([
      [1, 'a', 'stations'],
      [2, 'b', 'stations'],
    ]);
    expect(stops[0].alongM).toBe(0);
    expect(stops[1].alongM).toBeCloseTo(2223.9, 0);
  });

  it('marks the circles the route passes and opens on the whole of them', () => {
    const circles = featuresOf(data, 'circle').map((f) => f.properties);
    expect(circles.map((c) => [c.id, c.focus, c.radius])).toEqual([
      ['a', true, 500],
      ['b', true, 1500],
    ]);
    // Station b's circle reaches 1500 m north of its centre at 31.22°.
    expect(data.bounds[3]).toBeCloseTo(31.22 + 1500 / METRES_PER_DEGREE, 5);
    for (const p of positions(data)) expect(inside(data.bounds, p), `${p}`).toBe(true);
  });

  it('rounds every coordinate to 6 decimals', () => {
    for (const [lng, lat] of positions(data)) {
      expect(Math.round(lng * 1e6) / 1e6).toBe(lng);
      expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
    }
  });

  it('flags a schematic route', () => {
    const schematic = routeMapData(fixture('schematic'), 'walk');
    expect(featuresOf(schematic, 'route')[0].properties.schematic).toBe(true);
    expect(featuresOf(schematic, 'gap')).toEqual([]);
  });

  it('keeps a stop the checker could not place, without a distance', () => {
    const stops = featuresOf(routeMapData(fixture('stops'), 'walk'), 'stop').map((f) => f.properties);
    expect(stops.length).toBeGreaterThanOrEqual(2);
    expect(stops.map((s) => s.n)).toEqual(stops.map((_, i) => i + 1));
  });

  it('describes the stops and the gap in words', () => {
    const text = mapText(data);
    expect(text.stops).toEqual([
      { n: 1, name: '测试站 a', href: '/stations/a/', detail: '起点' },
      { n: 2, name: '测试站 b', href: '/stations/b/', detail: '距上一站 2.2 公里，距起点 2.2 公里' },
    ]);
    const words = text.paragraphs.flat().map((p) => (typeof p === 'string' ? p : p.text)).join('');
    expect(words).toContain('蓝色实线是步行路线，全长 2.2 公里');
    expect(words).toContain('有 1 段离开了服务圈');
    expect(words).toContain('第 500–724 米处，长约 224 米');
    expect(legendItems(data).map((i) => i.mark)).toEqual(['circle', 'route', 'gap', 'stop']);
  });

  it('throws for an unknown route', () => {
    expect(() => routeMapData(fixture('gap-middle'), 'nope')).toThrow('No route with id "nope"');
  });
});

describe('station map data', () => {
  const site = fixture('schematic');
  const data = stationMapData(site, 'a');

  it('centres on the circle, with the routes through it and neighbouring circles as context', () => {
    const circles = featuresOf(data, 'circle').map((f) => [f.properties.id, f.properties.focus]);
    expect(circles).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(featuresOf(data, 'route').map((f) => f.properties.id)).toEqual(['walk']);
    // The box is the circle's: 500 m each way.
    expect((data.bounds[3] - data.bounds[1]) * METRES_PER_DEGREE).toBeCloseTo(1000, -1);
  });

  it('shows only the buildings inside the circle', () => {
    // "far" is 950 m east of a: outside.
    expect(featuresOf(data, 'building')).toEqual([]);
    // tests/fixtures/check/stops: a's circle is 800 m; off-path is 100 m east of it, outside 1,112 m north.
    const stops = stationMapData(fixture('stops'), 'a');
    expect(featuresOf(stops, 'building').map((f) => f.properties.id)).toEqual(['off-path']);
  });

  it('says what the circle holds', () => {
    const words = mapText(data).paragraphs.flat().map((p) => (typeof p === 'string' ? p : p.text)).join('');
    expect(words).toContain('“测试站 a”的服务圈，半径 500 米');
    expect(words).toContain('圈内没有收录的红色建筑');
    expect(words).toContain('经过的路线 1 条：测试路线 walk');
  });
});

describe('building map data', () => {
  it('brings the nearest circle into view when none holds the building', () => {
    const data = buildingMapData(fixture('schematic'), 'far');
    const [building] = featuresOf(data, 'building');
    expect(building.geometry.coordinates).toEqual([121.45, 31.2]);
    expect(featuresOf(data, 'circle').every((c) => !c.properties.focus)).toBe(true);
    // a's circle (centre 121.44) is in view: its west edge is 500 m west of the centre.
    expect(data.bounds[0]).toBeLessThan(121.44 - 500 / METRES_PER_DEGREE / Math.cos((31.2 * Math.PI) / 180) + 1e-6);
    const words = mapText(data).paragraphs.flat().map((p) => (typeof p === 'string' ? p : p.text)).join('');
    expect(words).toMatch(/它不在任何服务圈内；最近的站点是测试站 a，距离 9\d\d 米，在服务圈外约 4\d\d 米。/);
  });

  it('marks the circles that hold the building', () => {
    // tests/fixtures/check/stops: off-path lies 100 m from a, inside its 800 m circle.
    const data = buildingMapData(fixture('stops'), 'off-path');
    expect(featuresOf(data, 'circle').filter((c) => c.properties.focus).map((c) => c.properties.id)).toEqual(['a']);
  });
});

describe('overview map data', () => {
  it('home: the 街镇 (not the district over them), every circle and route, crediting OpenStreetMap for the outlines', () => {
    const site = sample();
    const data = homeMapData(site);
    expect(featuresOf(data, 'region')).toHaveLength(13);
    expect(featuresOf(data, 'region').some((r) => r.properties.id === 'xuhui')).toBe(false);
    expect(featuresOf(data, 'circle')).toHaveLength(site.content.stations.length);
    expect(featuresOf(data, 'route')).toHaveLength(site.content.routes.length);
    // Outlines and streets are both OpenStreetMap's: credited once, then the metro stations' source.
    expect(data.attribution).toEqual([OSM_ATTRIBUTION, site.content.basemap.transit!.credit]);
    for (const p of positions(ownFeatures(data))) expect(inside(data.bounds, p)).toBe(true);
  });

  it('home: each region with its covered share', () => {
    // tests/fixtures/check/region-coverage: one 500 m circle in the middle of a
    // 2,000 m box (4,000,003.1 m² on the sphere): π·500² / box = 19.6 %.
    const [region] = featuresOf(homeMapData(fixture('region-coverage')), 'region');
    expect(region.properties).toMatchObject({ name: '测试正方形', coveredPercent: 19.6 });
  });

  it('home: no credit for regions that are not from OpenStreetMap', () => {
    expect(homeMapData(fixture('region-coverage')).attribution).toEqual([]);
  });

  it('stations: every circle with its tier', () => {
    const site = sample();
    const data = stationsMapData(site);
    expect(featuresOf(data, 'circle').map((c) => c.properties.tier)).toEqual(site.content.stations.map((s) => s.data.tier));
    expect(legendItems(data).every((i) => i.mark === 'tier')).toBe(true);
  });

  it('coverage: the report’s vacuum, the region less the circle, as a polygon with a hole', () => {
    const site = fixture('region-coverage');
    const data = coverageMapData(site);
    const [vacuum] = featuresOf(data, 'vacuum');
    expect(vacuum.geometry.type).toBe('Polygon');
    expect((vacuum.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(2);
    // A 2 km square less a 500 m circle, to the contract's 2 % + 2,000 m².
    const area = turfArea(vacuum.geometry as GeoJSON.Polygon);
    expect(Math.abs(area - (4e6 - Math.PI * 500 ** 2))).toBeLessThan(0.02 * 3.2e6 + 2000);
    expect(vacuum.properties.areaM2).toBe(site.report.regions[0].vacuums[0].areaM2);
    const words = mapText(data).paragraphs.flat().join('');
    expect(words).toContain('测试正方形 19.6%');
    expect(words).toContain('1 处真空地带');
  });
});

describe('district and region map data', () => {
  const site = sample();
  const suggestions = siteSuggestions(site);

  it('coverage: the 13 街镇 shaded by the report’s coverage, not the district over them', () => {
    const data = coverageMapData(site, suggestions);
    const regions = featuresOf(data, 'region');
    expect(regions).toHaveLength(13);
    for (const r of regions) {
      expect(r.properties.coveredPercent).toBe(site.report.regions.find((x) => x.id === r.properties.id)!.coveredPercent);
    }
    expect(regions.some((r) => r.properties.id === 'xuhui')).toBe(false);
    expect(data.attribution).toEqual([OSM_ATTRIBUTION]);
  });

  it('coverage: every 街镇 vacuum, every station, the suggestions numbered in order', () => {
    const data = coverageMapData(site, suggestions);
    const vacuums = site.report.regions.filter((r) => r.parent === 'xuhui').reduce((n, r) => n + r.vacuums.length, 0);
    expect(featuresOf(data, 'vacuum')).toHaveLength(vacuums);
    expect(featuresOf(data, 'circle')).toHaveLength(site.content.stations.length);
    expect(featuresOf(data, 'suggestion').map((f) => f.properties.n)).toEqual([1, 2, 3, 4, 5]);
    expect(legendItems(data).map((i) => i.mark)).toEqual(expect.arrayContaining(['shade', 'vacuum', 'tierShape', 'suggestion']));
    const words = mapText(data).paragraphs.flat().join('');
    expect(words).toContain('没有任何站点的区域：');
    expect(words).toContain('华泾镇');
    expect(words).toContain('不是决定');
  });

  it('region: the 街镇 in focus, its neighbours for context, its own vacuums only', () => {
    const data = regionMapData(site, 'tianping', siteSuggestions(site, 'tianping'));
    const regions = featuresOf(data, 'region');
    expect(regions.filter((r) => r.properties.focus).map((r) => r.properties.id)).toEqual(['tianping']);
    expect(regions.filter((r) => !r.properties.focus).map((r) => r.properties.id)).toEqual(expect.arrayContaining(['hunan', 'xujiahui']));
    const own = site.report.regions.find((r) => r.id === 'tianping')!.vacuums.length;
    expect(featuresOf(data, 'vacuum')).toHaveLength(own);
    expect(featuresOf(data, 'vacuum').every((v) => v.properties.region === 'tianping')).toBe(true);
    expect(featuresOf(data, 'building').map((b) => b.properties.id)).toEqual(expect.arrayContaining(['xia-yan-residence', 'cao-ying-study']));
    expect(featuresOf(data, 'suggestion')).toHaveLength(2);
  });
});

describe('page size', () => {
  it('keeps each sample route page’s map data small, streets included', () => {
    const site = sample();
    for (const route of site.content.routes) {
      const data = routeMapData(site, route.id);
      const json = payloadJson({ data, basemap: null });
      const own = payloadJson({ data: ownFeatures(data), basemap: null });
      expect(own.length, route.id).toBeLessThan(8_000);
      // The streets in view, simplified to the map's scale, cost a few kilobytes on the wire.
      expect(gzipSync(json).length, route.id).toBeLessThan(8_000);
      expect(json).not.toContain('<');
    }
  });
});
