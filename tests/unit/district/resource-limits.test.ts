/**
 * Hostile outlines finish in bounded time: a comb whose every tooth spans
 * the region's height, an outline too tangled to check. These tests time
 * the code, so the mutation run leaves them out (vitest.mutation.config.ts):
 * under Stryker's instrumentation everything runs several times slower.
 */
import { describe, expect, it } from 'vitest';
import { regionVacuums } from '../../../src/lib/district/vacuums.ts';
import { geometryFaults } from '../../../src/lib/district/validity.ts';
import type { AreaGeometry } from '../../../src/lib/geo/area-geometry.ts';
import { createStationIndex } from '../../../src/lib/geo/station-index.ts';
import type { RegionGeometry } from '../../../src/schemas/regions.ts';

/** The contract's tolerance for areas. */
const areaOk = (actual: number, expected: number) => Math.abs(actual - expected) <= 0.02 * expected + 2000;

describe('hostile outlines', () => {
  it('a comb of 1,000 teeth across 5° of latitude is measured in seconds, not hours', () => {
    // Every tooth spans the whole height: at 10 m rows that would be 2,000 edges × 55,000 rows of crossings.
    const ring: number[][] = [];
    for (let i = 0; i < 1000; i++) {
      const x = 121 + i * 0.001;
      ring.push([x, 29], [x, 34], [x + 0.0005, 34], [x + 0.0005, 29]);
    }
    // Back along a strip under the teeth that joins them, to the first point.
    ring.push([121.9995, 28.9], [121, 28.9], [121, 29]);
    const comb: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
    const start = performance.now();
    const picture = regionVacuums(comb, createStationIndex([{ id: 'a', point: [121.2, 31], radius: 500 }]));
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(picture.vacuums.length).toBeGreaterThan(0);
    expect(areaOk(picture.vacuums.reduce((s, v) => s + v.areaM2, 0), picture.uncoveredAreaM2)).toBe(true);
  }, 30_000);
});

describe('tangled outlines', () => {
  it('refuses an outline too large or too tangled to check, quickly', () => {
    const ring = Array.from({ length: 2001 }, (_, i) => [121.4 + (i % 2) * 0.1, 31.1 + i * 1e-5]);
    ring.push(ring[0]);
    const tangled: RegionGeometry = { type: 'Polygon', coordinates: [ring] };
    expect(geometryFaults(tangled, { maxVertices: 1000 })[0].reason).toMatch(/2,002 个点，超过上限 1,000/);
    const start = performance.now();
    expect(geometryFaults(tangled, { maxPairs: 10_000 })[0].reason).toMatch(/过于复杂/);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
