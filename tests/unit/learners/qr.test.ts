/**
 * QR codes: what qrSvg() draws is rasterised from its own path data and
 * decoded with jsQR, so the test covers the drawing, not only uqr.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { assignmentQuery } from '../../../src/lib/assignment.ts';
import { darkRuns, QUIET_ZONE, qrMatrix, qrSvg } from '../../../src/lib/qr.ts';

/** The modules an SVG from qrSvg() paints, quiet zone included, read from its viewBox and path. */
function modulesOf(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y)][Number(x) + i] = true;
  }
  return grid;
}

/** RGBA pixels, `scale` pixels per module, black on white. */
function rasterise(grid: boolean[][], scale = 4): { data: Uint8ClampedArray; size: number } {
  const size = grid.length * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!grid[Math.floor(y / scale)][Math.floor(x / scale)]) continue;
      data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { data, size };
}

function decode(svg: string): string | undefined {
  const { data, size } = rasterise(modulesOf(svg));
  return jsQR(data, size, size, { inversionAttempts: 'dontInvert' })?.data;
}

const URLS = [
  'https://example.org/routes/qilai-awakening-route/',
  'https://example.gov.cn/red-routes/buildings/song-qingling-residence/',
  `https://example.gov.cn/red-routes/routes/wukang-wuyuan-demo/?${assignmentQuery({
    className: '天平街道党校第 3 期（二班）',
    date: '2026-11-20',
    required: ['wukang-mansion', 'ba-jin-residence', 'zhang-leping-residence'],
  })}`,
];

describe('qrSvg', () => {
  it.each(URLS)('decodes back to %s', (url) => {
    expect(decode(qrSvg(url))).toBe(url);
  });

  it('leaves the 4-module quiet zone light on every side', () => {
    const grid = modulesOf(qrSvg(URLS[0]));
    const n = grid.length;
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < QUIET_ZONE; q++) {
        expect([grid[q][i], grid[n - 1 - q][i], grid[i][q], grid[i][n - 1 - q]]).toEqual([false, false, false, false]);
      }
    }
    expect(n).toBe(qrMatrix(URLS[0]).length + 2 * QUIET_ZONE);
  });

  it('is an image with the URL, or the given label, as its accessible name', () => {
    expect(qrSvg(URLS[0])).toMatch(/^<svg [^>]*role="img"[^>]*><title>https:\/\/example\.org\/routes\/qilai-awakening-route\/<\/title>/);
    expect(qrSvg(URLS[2], { title: '任务 <二班> & "一班"', className: 'qr-code' })).toContain('<title>任务 &lt;二班&gt; &amp; &quot;一班&quot;</title>');
  });

  it('uses error correction level M (15 %), which a creased print survives', () => {
    // Version 2 holds 26 bytes at M but 32 at L: a 28-byte URL needs version 3 at M.
    expect(qrMatrix('https://example.org/abcdefgh').length).toBe(29);
  });
});

describe('darkRuns', () => {
  it('draws one rectangle per horizontal run of dark modules', () => {
    expect(darkRuns([[true, true, false], [false, true, false], [true, false, true]])).toBe(
      'M4 4h2v1h-2zM5 5h1v1h-1zM4 6h1v1h-1zM6 6h1v1h-1z',
    );
  });
});
