import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRS_NAMES, fromWgs84, lineToWgs84, toWgs84 } from '../../src/lib/geo/coords.ts';
import { haversine } from '../../src/lib/geo/distance.ts';
import type { Crs } from '../../src/schemas/common.ts';

// Rows of shared/reference/sites.csv that give one place in several datums.
const rows = readFileSync(new URL('../fixtures/coords/multi-datum-sites.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [name, , lng, lat, crs] = line.split(',');
    return { name, point: [Number(lng), Number(lat)], crs: crs as Crs };
  });
const places = [...new Set(rows.map((r) => r.name))];

// Published test points (sources in the file): the oracle for precision.
const published = JSON.parse(readFileSync(new URL('../fixtures/coords/published-vectors.json', import.meta.url), 'utf8'));
type LngLatPair = [number, number];

describe('published datum test points', () => {
  const ct = published.coordtransform as Record<'input' | 'wgs84ToGcj02' | 'gcj02ToBd09' | 'bd09ToGcj02', LngLatPair>;

  it('WGS-84 → GCJ-02 matches coordtransform to 1 cm (the forward formula is exact)', () => {
    expect(haversine(fromWgs84(ct.input, 'gcj02'), ct.wgs84ToGcj02)).toBeLessThan(0.01);
  });

  it('GCJ-02 → WGS-84 brings coordtransform’s output back to its input to 1 cm', () => {
    expect(haversine(toWgs84(ct.wgs84ToGcj02, 'gcj02'), ct.input)).toBeLessThan(0.01);
  });

  it('BD-09 and GCJ-02 name the same place as coordtransform’s pairs, to 1 m', () => {
    // gcj02ToBd09(input): that BD-09 point and the GCJ-02 input are one place.
    expect(haversine(toWgs84(ct.gcj02ToBd09, 'bd09'), toWgs84(ct.input, 'gcj02'))).toBeLessThan(1);
    // bd09ToGcj02(input): likewise.
    expect(haversine(toWgs84(ct.input, 'bd09'), toWgs84(ct.bd09ToGcj02, 'gcj02'))).toBeLessThan(1);
  });

  // gcoord's own points were made by another implementation: gcoord 1.0.7
  // lands 0.6–0.8 m from them everywhere (664 cities), hence 1 m here.
  const cities = published.gcoordCities.cities as { name: string; WGS84: LngLatPair; GCJ02: LngLatPair; BD09: LngLatPair }[];
  it.each(cities.map((c) => [c.name, c] as const))('%s: GCJ-02 and BD-09 to WGS-84 and back within 1 m of gcoord’s published points', (_name, city) => {
    expect(haversine(toWgs84(city.GCJ02, 'gcj02'), city.WGS84)).toBeLessThan(1);
    expect(haversine(toWgs84(city.BD09, 'bd09'), city.WGS84)).toBeLessThan(1);
    expect(haversine(fromWgs84(city.WGS84, 'gcj02'), city.GCJ02)).toBeLessThan(1);
    expect(haversine(fromWgs84(city.WGS84, 'bd09'), city.BD09)).toBeLessThan(1);
  });
});

describe('toWgs84', () => {
  // A sanity check across independent sources, not the precision test (that
  // is above, against published points). Two WGS-84 sources may themselves differ (OSM's outline centre and
  // Wikidata's point for 宋庆龄故居 are 37 m apart), so each converted row is
  // compared with the closest row of another source.
  it.each(places)('brings each offset datum of %s within 25 m of another source', (name) => {
    const converted = rows.filter((r) => r.name === name).map((r) => ({ crs: r.crs, p: toWgs84(r.point, r.crs) }));
    expect(converted.length).toBeGreaterThan(1);
    for (const row of converted.filter((r) => r.crs !== 'wgs84')) {
      const others = converted.filter((r) => r !== row).map((r) => haversine(row.p, r.p));
      expect(Math.min(...others)).toBeLessThan(25);
    }
  });

  it('moves GCJ-02 about 480 m and BD-09 about 1.1 km in Xuhui', () => {
    const gcj = rows.find((r) => r.crs === 'gcj02')!;
    const bd = rows.find((r) => r.crs === 'bd09')!;
    const gcjShift = haversine(gcj.point as [number, number], toWgs84(gcj.point, 'gcj02'));
    const bdShift = haversine(bd.point as [number, number], toWgs84(bd.point, 'bd09'));
    expect(gcjShift).toBeGreaterThan(450);
    expect(gcjShift).toBeLessThan(520);
    expect(bdShift).toBeGreaterThan(1050);
    expect(bdShift).toBeLessThan(1250);
  });

  it('leaves WGS-84 untouched and does not mutate its input', () => {
    const input = [121.439062, 31.204017];
    expect(toWgs84(input, 'wgs84')).toEqual(input);
    toWgs84(input, 'gcj02');
    expect(input).toEqual([121.439062, 31.204017]);
  });

  it('round-trips through fromWgs84 to well under a metre', () => {
    for (const crs of ['gcj02', 'bd09'] as const) {
      const wgs = toWgs84([121.44827, 31.204288], crs);
      expect(haversine(fromWgs84(wgs, crs), [121.44827, 31.204288])).toBeLessThan(0.5);
    }
  });
});

describe('WGS-84 in, WGS-84 out', () => {
  const point: LngLatPair = [121.439062, 31.204017];

  it('takes WGS-84 when no datum is named, for points and lines', () => {
    expect(toWgs84(point)).toEqual(point);
    expect(lineToWgs84([point, [121.45, 31.21]])).toEqual([point, [121.45, 31.21]]);
  });

  it('converts every vertex of a line in an offset datum', () => {
    const [a, b] = lineToWgs84([point, [121.45, 31.21]], 'gcj02');
    expect(haversine(a, toWgs84(point, 'gcj02'))).toBe(0);
    expect(haversine(b, toWgs84([121.45, 31.21], 'gcj02'))).toBe(0);
  });

  it('gives back a WGS-84 position as a copy from fromWgs84', () => {
    const back = fromWgs84(point, 'wgs84');
    expect(back).toEqual(point);
    expect(back).not.toBe(point);
  });
});

describe('CRS_NAMES', () => {
  it('names each datum with the map apps that use it, as editors know them', () => {
    expect(CRS_NAMES).toEqual({
      wgs84: expect.stringMatching(/^WGS-84.*GPS.*OpenStreetMap/),
      gcj02: expect.stringMatching(/^GCJ-02.*高德.*腾讯/),
      bd09: expect.stringMatching(/^BD-09.*百度/),
    });
  });
});
