/**
 * The district picture as the pages show it: the balance table, its CSV,
 * the vacuums download and the region pages' data. A hand-made district
 * (two 2 km squares side by side, one 500 m circle in the west one, none in
 * the east one, whose name holds a comma and quotes) has answers worked out
 * by hand; the sample content is checked against a report computed
 * independently of the site's cached one.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import turfArea from '@turf/area';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { suggestSites } from '../../src/lib/district/index.ts';
import {
  coverageCsv,
  csvField,
  entryRegion,
  lineMeetsArea,
  regionPage,
  regionTables,
  regionsWithoutStations,
  siteSuggestions,
  spreadsheetText,
  suggestionItems,
  vacuumsGeoJson,
} from '../../src/lib/district/view.ts';
import { haversine } from '../../src/lib/geo/distance.ts';
import type { LngLat } from '../../src/lib/content/model.ts';
import { getSiteData } from '../../src/lib/site/site-data.ts';
import { siteConfig } from '../../src/site.config.ts';

const FIXTURE = path.resolve('tests/fixtures/district/two-subdistricts/content');
const site = () => getSiteData(FIXTURE);
const CIRCLE_M2 = Math.PI * 500 ** 2;
const SQUARE_M2 = 4_000_000;
/** The contract's tolerance for a vacuum's area. */
const areaClose = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(0.02 * want + 2000);

/** Parses CSV with Python's csv module: an independent reader, as a spreadsheet would be. */
function parseCsv(text: string): string[][] {
  const script = 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin.read().splitlines(True)))))';
  const result = spawnSync('python3', ['-c', script], { input: text.replace(/^\uFEFF/, ''), encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('balance table (hand-made district)', () => {
  const [table] = regionTables(site());
  const row = (id: string) => table.rows.find((r) => r.id === id)!;

  it('puts the district on top and its two 街道 below, with the report’s coverage', () => {
    expect(regionTables(site())).toHaveLength(1);
    expect(table.top).toMatchObject({ id: 'district', name: '测试区', parent: null, coveredPercent: 9.8 });
    // Content order (file names), the table's order without JavaScript.
    expect(table.rows.map((r) => [r.id, r.coveredPercent])).toEqual([
      ['east', 0],
      ['west', 19.6],
    ]);
    // π·500² in a 4 km² square: 19.63 %; the district is twice as large.
    expect(row('west').coveredPercent).toBeCloseTo((100 * CIRCLE_M2) / SQUARE_M2, 0);
  });

  it('gives the spread between the best and worst covered 街道', () => {
    expect(table.spread).toMatchObject({ points: 19.6, highest: [{ id: 'west' }], lowest: [{ id: 'east' }] });
  });

  it('counts stations by tier, per km², and says which 街道 has none', () => {
    const [west, east] = [row('west'), row('east')];
    expect(west.stationsByTier).toEqual({ district: 0, subdistrict: 1, neighborhood: 0, building: 0, park: 0 });
    expect(west.stationsPerKm2).toBeCloseTo(0.25, 2);
    expect(east.stationCount).toBe(0);
    expect(regionsWithoutStations(table.rows).map((r) => r.id)).toEqual(['east']);
  });

  it('finds one vacuum per 街道: the square less the circle, and the whole empty square', () => {
    const [west, east] = [row('west'), row('east')];
    expect(west.vacuumCount).toBe(1);
    areaClose(west.largestVacuumM2!, SQUARE_M2 - CIRCLE_M2);
    expect(east.vacuumCount).toBe(1);
    areaClose(east.largestVacuumM2!, SQUARE_M2);
  });

  it('lists the red sites inside and the routes passing, the route that only walks into the east included', () => {
    const [west, east] = [row('west'), row('east')];
    expect(west.buildings).toEqual(['near']);
    expect(east.buildings).toEqual(['east-house']);
    expect(west.routes).toEqual(['walk']);
    expect(east.routes).toEqual(['walk']);
    expect(table.top.buildings.toSorted()).toEqual(['east-house', 'near']);
  });
});

describe('coverage CSV', () => {
  const csv = coverageCsv(regionTables(site()));

  it('starts with a byte-order mark and ends lines with CRLF, so Excel opens the Chinese', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1, 5)).toBe('区域代号');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('parses back: a header and one row per region, the district first, a name with comma and quotes intact', () => {
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(4);
    const header = rows[0];
    expect(header.slice(0, 5)).toEqual(['区域代号', '上级区域', '区域', '面积（平方公里）', '覆盖率（%）']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['district', 'east', 'west']);
    const [, east, west] = rows.slice(1);
    expect(east[2]).toBe('东街道,"新区"');
    expect(east[1]).toBe('district');
    const col = (name: string) => header.indexOf(name);
    expect(west[col('覆盖率（%）')]).toBe('19.6');
    expect(west[col('面积（平方公里）')]).toBe('4');
    expect(east[col('站点合计')]).toBe('0');
    expect(Number(east[col('最大真空地带（平方公里）')])).toBeCloseTo(4, 1);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('keeps a hostile region name from running as a spreadsheet formula', () => {
    const [table] = regionTables(site());
    const hostile = { ...table, rows: [{ ...table.rows[0], name: '=HYPERLINK("http://example.com","点我")' }] };
    const rows = parseCsv(coverageCsv([hostile]));
    expect(rows[2][2]).toBe('\'=HYPERLINK("http://example.com","点我")');
    expect(spreadsheetText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetText('天平路街道')).toBe('天平路街道');
  });

  it('quotes only what needs quoting (RFC 4180)', () => {
    expect(csvField('天平路街道')).toBe('天平路街道');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"是"')).toBe('"说""是"""');
    expect(csvField('两\n行')).toBe('"两\n行"');
  });
});

describe('vacuums GeoJSON', () => {
  const data = vacuumsGeoJson(site());

  it('has the 街道’s vacuums only (the district’s would count them twice), each with its 街道 and area', () => {
    expect(data.features.map((f) => [f.properties.region, f.properties.rank])).toEqual([
      ['east', 1],
      ['west', 1],
    ]);
    expect(data.features[0].properties).toMatchObject({ regionName: '东街道,"新区"', parent: 'district', nearestStation: 'centre' });
  });

  it('draws polygons whose measured area agrees with the reported one', () => {
    for (const f of data.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      areaClose(turfArea(f.geometry), f.properties.areaM2);
    }
    areaClose(turfArea(data.features[1].geometry), SQUARE_M2 - CIRCLE_M2);
  });

  it('survives JSON and stays in WGS-84 degrees around the squares', () => {
    const parsed = JSON.parse(JSON.stringify(data));
    const coords = JSON.stringify(parsed.features.map((f: { geometry: unknown }) => f.geometry)).match(/-?\d+\.\d+/g)!.map(Number);
    expect(coords.length).toBeGreaterThan(8);
    const lngs = coords.filter((_, i) => i % 2 === 0);
    const lats = coords.filter((_, i) => i % 2 === 1);
    expect(Math.min(...lngs)).toBeGreaterThan(121.42);
    expect(Math.max(...lngs)).toBeLessThan(121.48);
    expect(Math.min(...lats)).toBeGreaterThan(31.19);
    expect(Math.max(...lats)).toBeLessThan(31.21);
  });
});

describe('region page data', () => {
  it('a 街道 with no station: nothing per tier, one vacuum the whole square, its farthest corner measured', () => {
    const page = regionPage(site(), 'east');
    expect(Object.values(page.stations).flat()).toEqual([]);
    expect(page.parent?.id).toBe('district');
    expect(page.rank).toEqual({ place: 2, of: 2, tied: false });
    expect(page.vacuums).toHaveLength(1);
    const [v] = page.vacuums;
    areaClose(v.areaM2, SQUARE_M2);
    expect(v.nearestStationName).toBe('测试站 centre');
    // The east square's far corners are the farthest points from the circle's centre.
    const corner = haversine([121.44, 31.2], [121.4715417, 31.2089932]);
    expect(Math.abs(v.maxDistanceM! - corner)).toBeLessThanOrEqual(0.01 * corner + 10);
  });

  it('a 街道 with a station lists it under its tier; the district lists its 街道', () => {
    const west = regionPage(site(), 'west');
    expect(west.stations.subdistrict).toEqual(['centre']);
    expect(west.rank).toEqual({ place: 1, of: 2, tied: false });
    expect(regionPage(site(), 'district').children.map((c) => c.id)).toEqual(['east', 'west']);
  });

  it('names an entry’s region: the one it says, else the one its position lies in', () => {
    const content = site().content;
    const east = { id: 'east', name: '东街道,"新区"' };
    expect(entryRegion(content, { point: [121.46, 31.2] })).toEqual({ named: null, located: east });
    // Written and located disagree: both are kept, for the page to show.
    expect(entryRegion(content, { point: [121.46, 31.2], subdistrict: '西街道' })).toEqual({ named: { id: 'west', name: '西街道' }, located: east });
    expect(entryRegion(content, { point: [121.3, 31.0], subdistrict: '别处' })).toEqual({ named: null, located: null });
  });
});

describe('lineMeetsArea', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
  it('sees a line that clips a corner between two vertices outside', () => {
    const clip: LngLat[] = [
      [-0.2, 0.5],
      [0.5, -0.2],
    ];
    expect(lineMeetsArea(clip, square)).toBe(true);
    expect(lineMeetsArea([[-0.5, 0.2], [-0.1, -0.5]], square)).toBe(false);
    expect(lineMeetsArea([[0.5, 0.5], [0.6, 0.6]], square)).toBe(true);
  });
});

describe('suggestions on the pages', () => {
  it('are the checker’s own, with the site’s settings (the CLI’s default radius)', () => {
    const s = site();
    expect(siteConfig.suggestions.radiusM).toBe(500);
    expect(siteSuggestions(s)).toEqual(suggestSites(s.content, { k: siteConfig.suggestions.district }));
    expect(siteSuggestions(s, 'east')).toEqual(suggestSites(s.content, { k: siteConfig.suggestions.region, region: 'east' }));
  });

  it('say coverage before → after, one after the other, and the nearest station', () => {
    const s = site();
    const items = suggestionItems(s, siteSuggestions(s, 'east'), 'east');
    expect(items).toHaveLength(siteConfig.suggestions.region);
    expect(items[0].coveredPercentBefore).toBe(0);
    expect(items[1].coveredPercentBefore).toBe(items[0].coveredPercentAfter);
    expect(items[0].nearestStation?.id).toBe('centre');
    expect(items[0].regionName).toBe('东街道,"新区"');
  });
});

describe('the sample district', () => {
  const sample = getSiteData(path.resolve('content'));
  const independent = runCheck(loadContent(path.resolve('content')));

  it('has the district and its 13 街镇, none without a parent but the district', () => {
    const [table] = regionTables(sample);
    expect(table.top.id).toBe('xuhui');
    expect(table.rows).toHaveLength(13);
    expect(regionTables(sample)).toHaveLength(1);
  });

  it('names every 街镇 tied for the lowest coverage in the spread, not just one', () => {
    const [table] = regionTables(sample);
    const zero = independent.regions.filter((r) => r.parent === 'xuhui' && r.coveredPercent === 0).map((r) => r.id);
    expect(zero.length).toBeGreaterThan(1);
    expect(table.spread!.lowest.map((r) => r.id)).toEqual(zero);
    const best = Math.max(...independent.regions.filter((r) => r.parent === 'xuhui').map((r) => r.coveredPercent));
    expect(table.spread!.points).toBe(best);
    // A 街镇 with nothing covered shares the last place with the others.
    expect(regionPage(sample, zero[0]).rank).toEqual({ place: 14 - zero.length, of: 13, tied: true });
  });

  it('CSV: one row per 街镇 and the district, each with the independently computed coverage', () => {
    const rows = parseCsv(coverageCsv(regionTables(sample)));
    expect(rows).toHaveLength(1 + 14);
    const col = rows[0].indexOf('覆盖率（%）');
    for (const row of rows.slice(1)) {
      const want = independent.regions.find((r) => r.id === row[0])!;
      expect(Number(row[col]), row[0]).toBe(want.coveredPercent);
    }
  });

  it('vacuums GeoJSON: the 街镇’s vacuums, as many as the report has, credited to OpenStreetMap', () => {
    const data = vacuumsGeoJson(sample);
    const expected = independent.regions.filter((r) => r.parent === 'xuhui').reduce((n, r) => n + r.vacuums.length, 0);
    expect(expected).toBeGreaterThan(13);
    expect(data.features).toHaveLength(expected);
    expect(data.attribution).toContain('© OpenStreetMap contributors');
    expect(new Set(data.features.map((f) => f.properties.region)).has('xuhui')).toBe(false);
  });
});
