/**
 * Seeded random numbers (mulberry32) for benchmarks, studies and tests: the
 * same sequence on every run and machine, so a generated city, a query
 * sample or a fuzz case can be reproduced from its seed.
 */

/**
 * @example
 * const next = seededRandom(42);
 * next() // 0.6011037519201636, the same on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
