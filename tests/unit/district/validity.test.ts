/**
 * Region outlines that cannot be measured are named, and real outlines are
 * not: the district and its 13 街镇 from OpenStreetMap pass as they are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geometryFaults } from '../../../src/lib/district/validity.ts';
import type { RegionGeometry } from '../../../src/schemas/regions.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/district/${name}`, import.meta.url), 'utf8'));
const square = (x: number, y: number, side: number) => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];

describe('geometryFaults', () => {
  it('accepts the district and all 13 街镇 (exclaves, parts sharing vertices)', () => {
    const outlines: RegionGeometry[] = [read('xuhui-district.geojson').geometry, ...read('xuhui-subdistricts.geojson').features.map((f: { geometry: RegionGeometry }) => f.geometry)];
    expect(outlines).toHaveLength(14);
    for (const g of outlines) expect(geometryFaults(g)).toEqual([]);
  });

  it('accepts parts that touch at a corner or along an edge', () => {
    const touching: RegionGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(1, 1, 1)], [square(1, 0, 1)]] };
    expect(geometryFaults(touching)).toEqual([]);
  });

  it('names a ring that crosses itself, with the edges and where', () => {
    const bowtie: RegionGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] };
    const [fault] = geometryFaults(bowtie);
    expect(fault.field).toBe('geometry.coordinates[0][0]');
    expect(fault.reason).toMatch(/第 1 条边与第 1 个环的第 3 条边交叉，交点约在 \[0\.500000, 0\.500000\]/);
  });

  it('names a hole that crosses its outer ring', () => {
    const g: RegionGeometry = { type: 'Polygon', coordinates: [square(0, 0, 2), square(1.5, 0.5, 1)] };
    const [fault] = geometryFaults(g);
    expect(fault.field).toMatch(/^geometry\.coordinates\[[01]\]\[\d+\]$/);
    expect(fault.reason).toMatch(/第 1 个环.*第 2 个环/);
  });

  it('names an open ring and a coordinate off the globe, pointing at lng/lat written the wrong way round', () => {
    const open: RegionGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] };
    expect(geometryFaults(open)).toEqual([{ field: 'geometry.coordinates[0]', reason: expect.stringMatching(/环没有闭合/) }]);
    const swapped: RegionGeometry = { type: 'MultiPolygon', coordinates: [[square(31.19, 121.43, 0.01)]] };
    expect(geometryFaults(swapped)).toEqual([{ field: 'geometry.coordinates[0][0][0]', reason: expect.stringMatching(/超出范围.*写反/) }]);
    const infinite: RegionGeometry = { type: 'Polygon', coordinates: [[[0, 0], [Infinity, 0], [1, 1], [0, 0]]] };
    expect(geometryFaults(infinite)[0].field).toBe('geometry.coordinates[0][1]');
  });
});
