/**
 * Vacuums (真空地带) on hand-made regions whose answers are worked out in
 * each fixture's note, and on the real district (OpenStreetMap outlines).
 */
import turfArea from '@turf/area';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionVacuums } from '../../../src/lib/district/vacuums.ts';
import { geometryFaults } from '../../../src/lib/district/validity.ts';
import type { AreaGeometry } from '../../../src/lib/geo/area-geometry.ts';
import { createAreaTest } from '../../../src/lib/geo/contains.ts';
import { haversine } from '../../../src/lib/geo/distance.ts';
import { createStationIndex } from '../../../src/lib/geo/station-index.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { east, loadGeoFixture, north } from '../geo/fixture.ts';

/** The contract's tolerances. */
const areaOk = (actual: number, expected: number) => Math.abs(actual - expected) <= 0.02 * expected + 2000;
const distanceOk = (actual: number | null, expected: number) => actual !== null && Math.abs(actual - expected) <= 0.01 * expected + 10;

const booleanPointInPolygon = (point: LngLat, geometry: unknown) => createAreaTest(geometry as AreaGeometry)(point);

function picture(name: string) {
  const { region, stations } = loadGeoFixture(name);
  return { ...regionVacuums(region, createStationIndex(stations)), region, stations };
}

describe('regionVacuums', () => {
  it('a square with a station in its corner: one vacuum, the square less a quarter disc, farthest at the opposite corner', () => {
    const { vacuums, region, stations } = picture('square-corner-circle');
    expect(vacuums).toHaveLength(1);
    const [v] = vacuums;
    // Square (turf's spherical area, ≈ 4 km²) minus a quarter of π·500².
    const expectedArea = turfArea(region) - (Math.PI * 500 * 500) / 4;
    expect(areaOk(v.areaM2, expectedArea), `${v.areaM2} vs ${expectedArea}`).toBe(true);
    const opposite: LngLat = [121.4505139, 31.2089932];
    expect(distanceOk(v.maxDistanceM, haversine(stations[0].point, opposite)), `${v.maxDistanceM}`).toBe(true);
    expect(haversine(v.point, opposite)).toBeLessThan(15);
    expect(v.nearestStation).toBe('corner');
  });

  it('draws the vacuum as a polygon with the area it reports, leaving the disc out', () => {
    const { vacuums, stations } = picture('square-corner-circle');
    const [v] = vacuums;
    expect(v.geometry.type).toBe('Polygon');
    expect(Math.abs(turfArea(v.geometry) - v.areaM2) / v.areaM2).toBeLessThan(0.01);
    expect(geometryFaults(v.geometry as AreaGeometry)).toEqual([]);
    const inDisc = north(east(stations[0].point, 200), 200);
    const outside = north(east(stations[0].point, 1500), 1500);
    expect(booleanPointInPolygon(inDisc, v.geometry)).toBe(false);
    expect(booleanPointInPolygon(outside, v.geometry)).toBe(true);
    for (const [lng, lat] of v.geometry.coordinates[0] as number[][]) {
      expect(Math.round(lng * 1e6) / 1e6).toBe(lng);
      expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
    }
  });

  it('a circle across a strip leaves two vacuums, each with its own far corner', () => {
    const { vacuums, stations } = picture('two-vacuums');
    expect(vacuums).toHaveLength(2);
    for (const v of vacuums) {
      expect(areaOk(v.areaM2, 319_124.7), `${v.areaM2}`).toBe(true);
      expect(distanceOk(v.maxDistanceM, 1044.0), `${v.maxDistanceM}`).toBe(true);
      expect(v.nearestStation).toBe('centre');
    }
    const sides = vacuums.map((v) => Math.sign(v.point[0] - stations[0].point[0])).sort();
    expect(sides).toEqual([-1, 1]);
    expect(vacuums.map((v) => v.geometry.type)).toEqual(['Polygon', 'Polygon']);
  });

  it('an exclave of a 街镇 is its own vacuum; one under 10,000 m² is left out; largest first', () => {
    const { vacuums } = picture('exclave');
    expect(vacuums).toHaveLength(2);
    const [main, exclave] = vacuums;
    expect(areaOk(main.areaM2, 4_000_000 - Math.PI * 500 * 500), `${main.areaM2}`).toBe(true);
    expect(distanceOk(main.maxDistanceM, 1414.2), `${main.maxDistanceM}`).toBe(true);
    expect(main.geometry.type).toBe('Polygon');
    expect((main.geometry.coordinates as number[][][]).length).toBe(2); // outer ring and the disc as a hole
    expect(areaOk(exclave.areaM2, 90_000), `${exclave.areaM2}`).toBe(true);
    expect(distanceOk(exclave.maxDistanceM, 2304.9), `${exclave.maxDistanceM}`).toBe(true);
  });

  it('two parts of a MultiPolygon sharing an edge make one vacuum across it', () => {
    // A north–south shared edge: every row meets the two parts end to end, so only merging them joins the halves.
    const region: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[121.4294861, 31.1910068], [121.4505139, 31.1910068], [121.4505139, 31.2089932], [121.4294861, 31.2089932], [121.4294861, 31.1910068]]],
        [[[121.4505139, 31.1910068], [121.4715417, 31.1910068], [121.4715417, 31.2089932], [121.4505139, 31.2089932], [121.4505139, 31.1910068]]],
      ],
    };
    const { vacuums } = regionVacuums(region, createStationIndex([{ id: 'far', point: [121.6, 31.2], radius: 500 }]));
    expect(vacuums).toHaveLength(1);
    expect(areaOk(vacuums[0].areaM2, turfArea(region))).toBe(true);
  });

  it('a region that no circle reaches is one vacuum, the whole region; without any station the distances are null', () => {
    const { region } = loadGeoFixture('square-one-circle');
    const none = regionVacuums(region, createStationIndex([]));
    expect(none.coveredPercent).toBe(0);
    expect(none.vacuums).toHaveLength(1);
    expect(areaOk(none.vacuums[0].areaM2, turfArea(region))).toBe(true);
    expect(none.vacuums[0]).toMatchObject({ maxDistanceM: null, nearestStation: null });
    expect(booleanPointInPolygon(none.vacuums[0].point, region)).toBe(true);
  });
});

describe('the whole district (OpenStreetMap outlines, 13 街镇)', () => {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/district/${name}`, import.meta.url), 'utf8'));
  const district = read('xuhui-district.geojson').geometry as AreaGeometry;
  const hongmei = read('xuhui-subdistricts.geojson').features.find((f: { properties: { name: string } }) => f.properties.name === '虹梅路街道').geometry as AreaGeometry;
  const stations = [
    { id: 'a', point: [121.4375, 31.195] as LngLat, radius: 500 },
    { id: 'b', point: [121.42, 31.17] as LngLat, radius: 500 },
    { id: 'c', point: [121.45, 31.15] as LngLat, radius: 500 },
  ];

  it('vacuums add up to the uncovered area less the small ones, and stay small enough to download', () => {
    const p = regionVacuums(district, createStationIndex(stations));
    const total = p.vacuums.reduce((sum, v) => sum + v.areaM2, 0);
    expect(total).toBeLessThanOrEqual(p.uncoveredAreaM2 * 1.001);
    expect(total).toBeGreaterThan(p.uncoveredAreaM2 - 10_000 * 20);
    expect(JSON.stringify(p.vacuums).length).toBeLessThan(300_000);
    for (const v of p.vacuums) {
      expect(geometryFaults(v.geometry as AreaGeometry)).toEqual([]);
      expect(Math.abs(turfArea(v.geometry) - v.areaM2)).toBeLessThan(0.02 * v.areaM2 + 2000);
    }
  });

  it('虹梅路街道 and its two exclaves: every part is inside a vacuum when no circle reaches it', () => {
    const p = regionVacuums(hongmei, createStationIndex([]));
    const parts = (hongmei as { coordinates: number[][][][] }).coordinates.length;
    expect(parts).toBe(3);
    expect(p.vacuums.length).toBeGreaterThanOrEqual(1);
    expect(areaOk(p.vacuums.reduce((s, v) => s + v.areaM2, 0), turfArea(hongmei))).toBe(true);
  });
});
