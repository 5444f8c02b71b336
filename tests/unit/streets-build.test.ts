/**
 * One build of a content folder with made-up streets and metro stations
 * (tests/fixtures/basemap/made-up): their names are on the route map and
 * the building page, with the nearest station worked out by hand, the
 * layers' credits, and the route page within its size budget.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const contentDir = path.resolve('tests/fixtures/basemap/made-up/content');
let outDir: string;
const page = (where: string) => readFileSync(path.join(outDir, where, 'index.html'), 'utf8');

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'site-'));
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, NO_COLOR: '1' },
  });
  expect(result.status, result.stdout + result.stderr).toBe(0);
}, 180_000);

describe('a site built with made-up streets and metro stations', () => {
  it('names the streets along the lines on the route map, and carries them for the interactive map', () => {
    const html = page('routes/walk');
    expect(html).toMatch(/<textPath href="#map-route-walk-street-\d+" startOffset="50%">样例东西大道<\/textPath>/);
    expect(html).toMatch(/<textPath [^>]*>试验南北路<\/textPath>/);
    const payload = html.match(/<script type="application\/json" data-map-data>(.*?)<\/script>/s)![1];
    const streets = JSON.parse(payload).data.features.features.filter((f: { properties: { role: string } }) => f.properties.role === 'street');
    expect(streets.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(
      expect.arrayContaining(['试验南北路', '样例东西大道', '测试横街', '']),
    );
  });

  it('says how far the start and the last stop are from a metro station (hand-worked: 504 m and 515 m)', () => {
    const html = page('routes/walk');
    expect(html).toContain('起点虚构站点甲，最近地铁站：样例地铁站（1 号线、99 号线），直线约 500 米');
    expect(html).toContain('终点虚构站点乙，最近地铁站：样例地铁站（1 号线、99 号线），直线约 500 米');
    expect(page('routes/walk/worksheet')).toContain('终点虚构站点乙，最近地铁站：样例地铁站（1 号线、99 号线），直线约 500 米');
  });

  it('names the nearest station on the building page (hand-worked: √(190.2² + 111.2²) = 220 m) and its street on the map', () => {
    const html = page('buildings/far');
    expect(html).toContain('最近地铁站：虚构站（98 号线），直线约 220 米');
    expect(html).toMatch(/<textPath [^>]*>假设路<\/textPath>/);
    expect(page('stations/a')).toContain('最近地铁站：样例地铁站（1 号线、99 号线），直线约 500 米');
  });

  it('credits both layers on the maps and in the footer', () => {
    const html = page('routes/walk');
    expect(html).toMatch(/<text [^>]*>测试街道（虚构，非真实地点）<\/text><text [^>]*>测试地铁站（虚构）<\/text>/);
    const footer = page('figures/').split('<footer')[1] ?? page('routes/walk').split('<footer')[1];
    expect(footer).toContain('测试街道（虚构，非真实地点）；测试地铁站（虚构）');
  });

  it('keeps the route page within 50 KB of HTML and CSS, gzipped, with its streets', () => {
    const html = page('routes/walk');
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => readFileSync(path.join(outDir, m[1])));
    const bytes = gzipSync(html).length + css.reduce((n, file) => n + gzipSync(file).length, 0);
    expect(bytes).toBeLessThan(50 * 1024);
  });
});
