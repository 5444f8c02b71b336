/**
 * The static map's projection and drawing: Web Mercator maths against known
 * values, fitting, the scale bar, and the SVG's accessible structure.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteSuggestions } from '../../../src/lib/district/view.ts';
import { haversine } from '../../../src/lib/geo/distance.ts';
import { coverageMapData, type MapData } from '../../../src/lib/map/map-data.ts';
import { coverageColor } from '../../../src/lib/map/palette.ts';
import { escapeXml, fitMercator, mapSize, mercator, renderSvg, scaleBar, shortName, tierMark } from '../../../src/lib/map/svg.ts';
import { getSiteData } from '../../../src/lib/site/site-data.ts';

describe('mercator', () => {
  it('maps the equator and the antimeridian to known world coordinates', () => {
    expect(mercator([0, 0])).toEqual([0.5, 0.5]);
    expect(mercator([-180, 0])[0]).toBe(0);
    expect(mercator([180, 0])[0]).toBe(1);
  });

  it('reaches the top of the world square at the Web Mercator limit, 85.0511° N', () => {
    expect(mercator([0, 85.0511287798])[1]).toBeCloseTo(0, 6);
    expect(mercator([0, -85.0511287798])[1]).toBeCloseTo(1, 6);
  });

  it('stretches north–south by 1 / cos φ: a small square at 31.2° N is taller than wide', () => {
    const [x0, y0] = mercator([121.43, 31.2]);
    const [x1, y1] = mercator([121.431, 31.201]);
    expect((y0 - y1) / (x1 - x0)).toBeCloseTo(1 / Math.cos((31.2005 * Math.PI) / 180), 3);
  });
});

describe('fitMercator', () => {
  const bounds: [number, number, number, number] = [121.43, 31.19, 121.45, 31.2];

  it('puts the centre of the bounds in the centre of the box', () => {
    const p = fitMercator(bounds, { width: 640, height: 480 }, 20);
    const [x, y] = p.project([121.44, (31.19 + 31.2) / 2]);
    expect(x).toBeCloseTo(320, 0);
    // Mercator's centre latitude is a hair north of the mean; a tenth of a unit at this size.
    expect(Math.abs(y - 240)).toBeLessThan(0.5);
  });

  it('keeps the bounds inside the padding and touches it on the limiting side', () => {
    const p = fitMercator(bounds, { width: 640, height: 480 }, 20);
    const [xw, yS] = p.project([bounds[0], bounds[1]]);
    const [xe, yN] = p.project([bounds[2], bounds[3]]);
    expect(Math.min(xw, yN)).toBeGreaterThanOrEqual(20 - 1e-6);
    expect(Math.max(xe - 620, yS - 460)).toBeLessThanOrEqual(1e-6);
    // This box is wide: it fills the width.
    expect(xw).toBeCloseTo(20, 6);
    expect(xe).toBeCloseTo(620, 6);
  });

  it('keeps north up and east right', () => {
    const p = fitMercator(bounds, { width: 400, height: 400 });
    const [xa, ya] = p.project([121.44, 31.195]);
    const [xb, yb] = p.project([121.441, 31.196]);
    expect(xb).toBeGreaterThan(xa);
    expect(yb).toBeLessThan(ya);
  });

  it('measures ground distance per unit as the haversine does, to 0.5 %', () => {
    const p = fitMercator(bounds, { width: 640, height: 480 }, 0);
    const a: [number, number] = [121.435, 31.195];
    const b: [number, number] = [121.445, 31.195];
    const units = p.project(b)[0] - p.project(a)[0];
    expect(units * p.metresPerUnit(31.195)).toBeCloseTo(haversine(a, b), -1);
    expect(Math.abs(units * p.metresPerUnit(31.195) - haversine(a, b)) / haversine(a, b)).toBeLessThan(0.005);
  });

  it('gives a single point a finite scale instead of dividing by zero', () => {
    const p = fitMercator([121.43, 31.2, 121.43, 31.2], { width: 100, height: 100 });
    const [x, y] = p.project([121.43, 31.2]);
    expect([x, y]).toEqual([50, 50]);
    expect(Number.isFinite(p.metresPerUnit(31.2))).toBe(true);
  });
});

describe('mapSize', () => {
  it('follows the shape of the bounds within 3:5 and 5:4', () => {
    expect(mapSize([121.4, 31.2, 121.5, 31.201])).toEqual({ width: 420, height: 252 });
    expect(mapSize([121.4, 31.1, 121.401, 31.3])).toEqual({ width: 420, height: 525 });
    expect(mapSize([121.4, 31.2, 121.5, 31.201], 640)).toEqual({ width: 640, height: 384 });
    const square = mapSize([121.43, 31.19, 121.44, 31.2]);
    expect(square.height / square.width).toBeCloseTo(1 / Math.cos((31.195 * Math.PI) / 180), 2);
  });
});

describe('scaleBar', () => {
  it('picks the longest round length that fits', () => {
    expect(scaleBar(3.2, 160)).toEqual({ metres: 500, units: 156.25, label: '500 米' });
    expect(scaleBar(10, 160)).toMatchObject({ metres: 1000, label: '1 公里' });
    expect(scaleBar(0.1, 160)).toMatchObject({ metres: 10 });
  });
});

describe('renderSvg', () => {
  const data: MapData = {
    kind: 'route',
    label: '路线地图：测试 <路线> & “引号”',
    bounds: [121.43, 31.19, 121.45, 31.21],
    attribution: ['© OpenStreetMap contributors'],
    features: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [121.44, 31.2] },
          properties: { role: 'circle', id: 'a', name: '站点甲', radius: 500, tier: 'park', focus: true },
        },
        {
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [[121.435, 31.195], [121.445, 31.205]] },
          properties: { role: 'route', id: 'r', name: '路线', schematic: true, lengthM: 1450 },
        },
        {
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [[121.44, 31.2], [121.445, 31.205]] },
          properties: { role: 'gap', route: 'r', fromM: 700, toM: 1450, lengthM: 750 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [121.435, 31.195] },
          properties: { role: 'stop', n: 1, id: 'x', name: '起点建筑', kind: 'buildings', alongM: 0 },
        },
      ],
    },
  };
  const { svg, width, height } = renderSvg(data, { id: 'm1', describedBy: 'm1-text' });

  it('is an accessible image named by its title and described by the text alternative', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 420 \d+" role="img" aria-labelledby="m1-title" aria-describedby="m1-text"/);
    expect(svg).toContain('<title id="m1-title">路线地图：测试 &lt;路线&gt; &amp; “引号”</title>');
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(width).toBe(420);
    expect(height).toBeGreaterThan(400);
  });

  it('draws the circle at its true radius in the projection', () => {
    const p = fitMercator(data.bounds, { width, height }, 16);
    const r = Number(/<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" fill="none"/.exec(svg)?.[1]);
    expect(r).toBeCloseTo(500 / p.metresPerUnit(31.2), 0);
  });

  it('dashes the schematic line, stripes the gap, numbers the stop and labels both', () => {
    expect(svg).toContain('stroke-dasharray="8 6"');
    expect(svg).toContain('stroke-dasharray="5 5"');
    expect(svg).toMatch(/font-weight="700" fill="#fff">1<\/text>/);
    expect(svg).toContain('>起点建筑</text>');
    expect(svg).toContain('>缺口</text>');
    expect(svg).toContain('>示意</text>');
  });

  it('has a scale bar and the data credit', () => {
    expect(svg).toMatch(/class="map-scale".*>(\d+ 米|\d+ 公里)<\/text>/);
    expect(svg).toContain('© OpenStreetMap contributors</text>');
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});

describe('renderSvg: the district choropleth', () => {
  const site = getSiteData(path.resolve('content'));
  const { svg } = renderSvg(coverageMapData(site, siteSuggestions(site)), { id: 'd' });

  it('prints every 街镇’s name and coverage on it, so the colours need not be read', () => {
    for (const r of site.report.regions.filter((x) => x.parent === 'xuhui')) {
      expect(svg, r.name).toContain(`>${shortName(r.name)}</text>`);
      expect(svg, r.name).toContain(`>${Math.round(r.coveredPercent)}%</text>`);
    }
  });

  it('shades each 街镇 by its coverage class and hatches the vacuums', () => {
    for (const r of site.report.regions.filter((x) => x.parent === 'xuhui')) expect(svg).toContain(`fill="${coverageColor(r.coveredPercent)}"`);
    expect(svg).toContain('fill="url(#d-hatch)"');
  });

  it('marks each tier with its own shape, numbers the suggestions, and credits OpenStreetMap', () => {
    // Five different outlines once the colour is taken away.
    const bare = (tier: string) => tierMark(tier, 0, 0).replace(/fill="[^"]+"/, '');
    expect(new Set(['district', 'subdistrict', 'neighborhood', 'building', 'park'].map(bare)).size).toBe(5);
    for (const n of [1, 2, 3, 4, 5]) expect(svg).toContain(`font-weight="700" fill="#fff">${n}</text>`);
    expect(svg).toContain('© OpenStreetMap contributors');
  });
});
