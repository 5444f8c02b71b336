/**
 * Streets on the maps: which streets a map's view takes, clipped and
 * simplified to its scale, and street names placed along the lines without
 * ever overlapping each other or the stop labels. Fixtures are made up
 * (tests/fixtures/basemap/README.md).
 */
import { mkdtempSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RoadLayer } from '../../../src/lib/content/basemap.ts';
import { loadContent } from '../../../src/lib/content/load.ts';
import { featuresOf, routeMapData } from '../../../src/lib/map/map-data.ts';
import { legendItems, mapText } from '../../../src/lib/map/map-text.ts';
import { simplify } from '../../../src/lib/map/geometry.ts';
import { buildStyle, attributionHtml } from '../../../src/lib/map/style.ts';
import {
  type Box,
  classesAt,
  clipLine,
  overlaps,
  placeStreetLabels,
  type Pt,
  streetsInView,
  type StreetPiece,
} from '../../../src/lib/map/streets.ts';
import { fitMercator, mapSize, SVG_PADDING } from '../../../src/lib/map/svg.ts';
import { renderSvg } from '../../../src/lib/map/svg.ts';
import { getSiteData } from '../../../src/lib/site/site-data.ts';

/** The crossing-streets fixture loaded as a content folder's roads layer. */
function crossingRoads(): RoadLayer {
  const dir = mkdtempSync(path.join(tmpdir(), 'streets-'));
  mkdirSync(path.join(dir, 'basemap'));
  cpSync('tests/fixtures/basemap/crossing-streets.geojson', path.join(dir, 'basemap', 'roads.geojson'));
  const content = loadContent(dir);
  expect(content.problems).toEqual([]);
  return content.basemap.roads!;
}

const roads = crossingRoads();

/** A map of `bounds` at the static map's size, as map-data.ts builds it. */
function mapOf(bounds: [number, number, number, number]) {
  const size = mapSize(bounds);
  const p = fitMercator(bounds, size, SVG_PADDING);
  const [west, north] = p.unproject([0, 0]);
  const [east, south] = p.unproject([size.width, size.height]);
  return { size, p, view: [west, south, east, north] as [number, number, number, number] };
}

function distanceToLine(pt: Pt, line: Pt[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1], line[i]];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((pt[0] - a[0]) * dx + (pt[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(pt[0] - a[0] - dx * t, pt[1] - a[1] - dy * t));
  }
  return best;
}

describe('streetsInView', () => {
  it('takes only the streets in view, clipped to the frame', () => {
    // About 600 m around the grid's west part: the eastern north–south streets are out of view.
    const { size, p, view } = mapOf([121.433, 31.196, 121.439, 31.202]);
    const pieces = streetsInView(roads, view, size, p.project, { metresPerUnit: p.metresPerUnit(31.2) });
    const names = new Set(pieces.map((s) => s.name));
    for (const name of ['试验一路', '试验二路', '试验三路', '样例三街', '样例四街']) expect(names).toContain(name);
    for (const name of ['试验五路', '试验六路', '试验七路', '样例七街']) expect(names).not.toContain(name);
    const points = pieces.flatMap((s) => s.line);
    expect(points.length).toBeGreaterThanOrEqual(2 * pieces.length);
    expect(pieces.length).toBeGreaterThanOrEqual(6);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(-4.001);
      expect(x).toBeLessThanOrEqual(size.width + 4.001);
      expect(y).toBeGreaterThanOrEqual(-4.001);
      expect(y).toBeLessThanOrEqual(size.height + 4.001);
    }
  });

  it('keeps only the major roads on an overview and every street up close', () => {
    const { size, p, view } = mapOf([121.3, 31.1, 121.6, 31.3]);
    const far = streetsInView(roads, view, size, p.project, { metresPerUnit: p.metresPerUnit(31.2) });
    expect(far.length).toBeGreaterThan(0);
    expect(far.every((s) => s.cls === 0)).toBe(true);
    const close = mapOf([121.433, 31.192, 121.449, 31.208]);
    const near = streetsInView(roads, close.view, close.size, close.p.project, { metresPerUnit: close.p.metresPerUnit(31.2) });
    expect(new Set(near.map((s) => s.cls))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('draws from the classes a scale allows', () => {
    expect(classesAt(3)).toBe(3);
    expect(classesAt(10)).toBe(2);
    expect(classesAt(15)).toBe(1);
    expect(classesAt(30)).toBe(0);
  });
});

describe('clipLine', () => {
  it('cuts a line that leaves the frame and comes back into two parts, with the cut points on the edge', () => {
    const parts = clipLine(
      [
        [2, 2],
        [20, 2],
        [20, 8],
        [2, 8],
      ],
      { x0: 0, y0: 0, x1: 10, y1: 10 },
    );
    expect(parts).toEqual([
      [
        [2, 2],
        [10, 2],
      ],
      [
        [10, 8],
        [2, 8],
      ],
    ]);
  });

  it('drops a line wholly outside', () => {
    expect(clipLine([[20, 20], [30, 30]], { x0: 0, y0: 0, x1: 10, y1: 10 })).toEqual([]);
  });
});

describe('simplify', () => {
  it('drops vertices nearer the line than the tolerance and keeps every original point within it', () => {
    const wiggle: Pt[] = Array.from({ length: 200 }, (_, i) => [i, Math.sin(i) * 0.3]);
    const simple = simplify(wiggle, 0.75);
    expect(simple).toEqual([wiggle[0], wiggle[199]]);
    const bent: Pt[] = Array.from({ length: 101 }, (_, i) => [i, i < 50 ? 0 : (i - 50) * 0.5 + Math.cos(i) * 0.2]);
    const kept = simplify(bent, 0.75);
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.length).toBeLessThan(20);
    for (const pt of bent) expect(distanceToLine(pt, kept)).toBeLessThanOrEqual(0.75);
  });
});

describe('placeStreetLabels', () => {
  const { size, p, view } = mapOf([121.433, 31.192, 121.449, 31.208]);
  const pieces = streetsInView(roads, view, size, p.project, { metresPerUnit: p.metresPerUnit(31.2) });
  // Two stop markers with labels in the middle of the grid, as renderSvg reserves them.
  const stops: Box[] = [
    { x0: 190, y0: 230, x1: 290, y1: 246 },
    { x0: 100, y0: 120, x1: 124, y1: 144 },
  ];
  const labels = placeStreetLabels(pieces, { size, obstacles: [...stops] });

  it('places names of the crossing streets', () => {
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(labels.map((l) => l.name)).toContain('斜穿大道');
  });

  it('never lets two names overlap, nor a name cover a stop label', () => {
    for (let i = 0; i < labels.length; i++) {
      for (const box of labels[i].boxes) {
        for (const stop of stops) expect(overlaps(box, stop), `${labels[i].name} over a stop`).toBe(false);
        for (let j = i + 1; j < labels.length; j++) {
          for (const other of labels[j].boxes) expect(overlaps(box, other), `${labels[i].name} over ${labels[j].name}`).toBe(false);
        }
      }
    }
  });

  it('keeps the names upright and inside the map', () => {
    for (const label of labels) {
      expect(label.path[0][0], label.name).toBeLessThanOrEqual(label.path.at(-1)![0]);
      for (const b of label.boxes) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.x1).toBeLessThanOrEqual(size.width);
      }
    }
  });

  it('runs a name right-to-left drawn line from left to right', () => {
    const westward: StreetPiece = { name: '倒行路', cls: 3, line: [[300, 100], [100, 100]] };
    const [label] = placeStreetLabels([westward], { size: { width: 400, height: 400 } });
    expect(label.path[0][0]).toBeLessThan(label.path.at(-1)![0]);
  });

  it('names a street once unless its pieces are far apart', () => {
    const line = (x: number): StreetPiece => ({ name: '重复路', cls: 3, line: [[x, 100], [x + 80, 100]] });
    const near = placeStreetLabels([line(10), line(100)], { size: { width: 800, height: 400 } });
    expect(near).toHaveLength(1);
    const far = placeStreetLabels([line(10), line(500)], { size: { width: 800, height: 400 } });
    expect(far).toHaveLength(2);
  });

  it('leaves out a name that has no room rather than colliding', () => {
    const blocked = placeStreetLabels([{ name: '被挡路', cls: 3, line: [[10, 100], [200, 100]] }], {
      size: { width: 400, height: 400 },
      obstacles: [{ x0: 0, y0: 90, x1: 400, y1: 110 }],
    });
    expect(blocked).toEqual([]);
  });
});

describe('the sample route map with streets', () => {
  const data = routeMapData(getSiteData(path.resolve('content')), 'qilai-awakening-route');
  const { svg } = renderSvg(data, { id: 'm' });

  it('carries the streets in view, named along the lines, under the route and stops, with the OSM credit', () => {
    expect(featuresOf(data, 'street').length).toBeGreaterThan(50);
    expect(svg).toMatch(/<textPath href="#m-street-\d+" startOffset="50%">衡山路<\/textPath>/);
    expect(svg.indexOf('map-street-names')).toBeLessThan(svg.indexOf(`stroke-dasharray="8 6"`));
    expect(data.attribution).toContain('© OpenStreetMap contributors');
    expect(svg).toContain('© OpenStreetMap contributors');
    expect(legendItems(data).map((i) => i.mark)).toEqual(expect.arrayContaining(['street', 'metro']));
    expect(mapText(data).paragraphs.flat().join('')).toContain('地铁站：');
  });

  it('draws the same streets in the interactive map, named along the line, with no glyph server', () => {
    const style = buildStyle(data, null);
    expect(style.glyphs).toBeUndefined();
    const names = style.layers.find((l) => l.id === 'street-name');
    expect(names).toMatchObject({ type: 'symbol', layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'] } });
    expect(style.layers.filter((l) => l.id.startsWith('street-')).length).toBe(5);
  });

  it('does not draw the content streets a second time over a tile basemap', () => {
    const style = buildStyle(data, {
      type: 'raster',
      tiles: ['https://tiles.example/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: ['© OpenStreetMap contributors'],
    });
    expect(style.layers.some((l) => l.id.startsWith('street-'))).toBe(false);
  });

  it('links the OSM credit and escapes credits from content', () => {
    expect(attributionHtml(['© OpenStreetMap contributors', '<img src=x onerror=alert(1)>'])).toBe(
      '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a> · &lt;img src=x onerror=alert(1)&gt;',
    );
  });
});
