/**
 * QR codes: what qrSvg() draws is rasterised from its own path data and
 * decoded with jsQR, so the test covers the drawing, not only the encoder library.
 */
import { describe, expect, it } from 'vitest';
import { assignmentQuery } from '../../../src/lib/learners/assignment.ts';
import { darkRuns, QUIET_ZONE, qrMatrix, qrSvg } from '../../../src/lib/learners/qr.ts';
import { decodeQrSvg, modulesOf } from '../../helpers/qr.ts';

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
    expect(decodeQrSvg(qrSvg(url))).toBe(url);
  });

  it('keeps Chinese text intact (UTF-8 bytes), for a link whose path is not percent-encoded', () => {
    expect(decodeQrSvg(qrSvg('https://example.org/routes/衡复漫步/'))).toBe('https://example.org/routes/衡复漫步/');
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
