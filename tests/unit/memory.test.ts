/**
 * collectGarbage() (src/lib/site/memory.ts), called by the build between
 * rendering and the pass over the built files: it must really collect.
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/lib/site/memory.ts';

describe('collectGarbage', () => {
  it('frees what nothing refers to any more, at once', () => {
    let garbage: { i: number; s: string }[] | undefined = Array.from({ length: 1_000_000 }, (_, i) => ({ i, s: `条目 ${i}` }));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(1_000_000);
    garbage = undefined;
    collectGarbage();
    // A million small objects are tens of megabytes; V8 on its own would not have collected them yet.
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(30 * 2 ** 20);
  });
});
