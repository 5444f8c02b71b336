/**
 * The page-weight budget of `npm run bench -- weight`: a map that loads
 * before any interaction is weight like any other (figures from the report
 * of 2026-11-26, where such pages were wrongly passed).
 */
import { describe, expect, it } from 'vitest';
import { judgeWeight } from '../../scripts/bench/weight.ts';

const page = { path: '/', requests: 7, htmlCssKB: 19.9 };

describe('judgeWeight', () => {
  it('fails a page that requests MapLibre before any interaction', () => {
    const verdict = judgeWeight({ ...page, jsKB: 431.5, mapRequested: true });
    expect(verdict.ok).toBe(false);
    expect(verdict.misses).toEqual(['JS 411.5 KB over (MapLibre requested before interaction)']);
  });

  it('passes a page with no map code and a light document', () => {
    expect(judgeWeight({ ...page, jsKB: 0, htmlCssKB: 4.2, mapRequested: false })).toEqual({ ok: true, misses: [] });
    expect(judgeWeight({ ...page, jsKB: 20, htmlCssKB: 50, mapRequested: false }).ok).toBe(true);
  });

  it('fails JavaScript or HTML + CSS over budget without a map too', () => {
    expect(judgeWeight({ ...page, jsKB: 20.5, mapRequested: false }).misses).toEqual(['JS 0.5 KB over']);
    expect(judgeWeight({ ...page, jsKB: 0, htmlCssKB: 62, mapRequested: false }).misses).toEqual(['HTML+CSS 12.0 KB over']);
  });
});
