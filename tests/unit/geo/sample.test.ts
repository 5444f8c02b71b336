import { lineString } from '@turf/helpers';
import turfLength from '@turf/length';
import { describe, expect, it } from 'vitest';
import { haversineCoords } from '../../../src/lib/geo/distance.ts';
import { sampleLine } from '../../../src/lib/geo/sample.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';
import { east, loadGeoFixture, north } from './fixture.ts';

/** A wandering 5 km walk with vertices 5 to 60 m apart. */
function walk(): LngLat[] {
  let p: LngLat = [121.43, 31.19];
  const line = [p];
  for (let i = 0; i < 200; i++) {
    p = i % 2 ? north(p, 5 + (i % 7) * 8) : east(p, 60 - (i % 5) * 11);
    line.push(p);
  }
  return line;
}

describe('sampleLine', () => {
  it('never leaves more than the spacing between consecutive samples', () => {
    for (const spacingM of [10, 3, 25]) {
      const s = sampleLine(walk(), { spacingM });
      for (let i = 1; i < s.count; i++) {
        expect(s.alongM[i] - s.alongM[i - 1]).toBeLessThanOrEqual(spacingM + 1e-9);
        // alongM is distance along the line, and between neighbours the line is straight.
        const straight = haversineCoords(s.lng[i - 1], s.lat[i - 1], s.lng[i], s.lat[i]);
        expect(straight).toBeCloseTo(s.alongM[i] - s.alongM[i - 1], 6);
      }
    }
  });

  it('defaults to at most 10 m', () => {
    const s = sampleLine([[121.44, 31.2], north([121.44, 31.2], 1000)]);
    expect(s.count).toBe(101);
    expect(s.alongM[1]).toBeCloseTo(10, 6);
  });

  it('keeps the first and last vertex and every vertex between', () => {
    const line = walk();
    const s = sampleLine(line);
    expect([s.lng[0], s.lat[0]]).toEqual(line[0]);
    expect([s.lng[s.count - 1], s.lat[s.count - 1]]).toEqual(line.at(-1));
    const samples = new Set(Array.from({ length: s.count }, (_, i) => `${s.lng[i]},${s.lat[i]}`));
    for (const v of line) expect(samples.has(`${v[0]},${v[1]}`)).toBe(true);
  });

  it('measures the same length as @turf/length', () => {
    const line = walk();
    const s = sampleLine(line);
    expect(s.lengthM).toBeCloseTo(turfLength(lineString(line), { units: 'meters' }), 6);
    expect(s.alongM[s.count - 1]).toBe(s.lengthM);
  });

  it('reads each vertex a bounded number of times (one walk, not one per sample)', () => {
    const line = walk();
    let reads = 0;
    const counted = new Proxy(line, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const s = sampleLine(counted, { spacingM: 1 });
    // Over 4,000 samples from 201 vertices: restarting from the first vertex
    // for each sample would read vertices hundreds of thousands of times.
    expect(s.count).toBeGreaterThan(4000);
    expect(reads).toBeLessThanOrEqual(10 * line.length);
  });

  it('adds no samples for repeated vertices', () => {
    const a: LngLat = [121.44, 31.2];
    const b = north(a, 20);
    const s = sampleLine([a, a, b, b, b], { spacingM: 10 });
    expect(Array.from(s.alongM)).toEqual([0, expect.closeTo(10, 9), expect.closeTo(20, 9)]);
  });

  it('handles a one-point line as a single sample of length 0', () => {
    const s = sampleLine([[121.44, 31.2]]);
    expect(s.count).toBe(1);
    expect(s.lengthM).toBe(0);
  });

  it('rejects a spacing that is not positive', () => {
    expect(() => sampleLine(loadGeoFixture('loop-walk').line, { spacingM: 0 })).toThrow(/spacingM must be positive, got 0/);
    expect(() => sampleLine(loadGeoFixture('loop-walk').line, { spacingM: -1 })).toThrow(RangeError);
    expect(() => sampleLine([])).toThrow(/at least one vertex/);
  });
});
