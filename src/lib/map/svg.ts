/**
 * The static map: the page's map data drawn at build time as inline SVG, in
 * Web Mercator like the interactive map, with a scale bar. It is what a
 * phone without JavaScript, a slow connection or a printer shows.
 */
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import type { LngLat } from '../model.ts';
import type { BBox } from './geometry.ts';
import { featuresOf, type MapData, type MapDataFeature } from './map-data.ts';
import { COLORS, TIER_COLORS } from './palette.ts';

export interface Size {
  width: number;
  height: number;
}

export interface Projection extends Size {
  /** `[x, y]` in SVG units, y down. */
  project(point: readonly number[]): [number, number];
  /** Ground metres per SVG unit at a latitude (Mercator stretches with 1 / cos φ). */
  metresPerUnit(lat: number): number;
}

const RAD = Math.PI / 180;

/**
 * Width of the SVG's coordinate space. Close to a phone's CSS width, so the
 * sizes below are roughly CSS pixels there; on a wider page or paper the
 * whole map scales up, labels with it.
 */
export const SVG_WIDTH = 420;

/**
 * Web Mercator in world units: x and y run 0–1 across the world, y down.
 *
 * @example
 * mercator([0, 0]) // [0.5, 0.5]
 * mercator([180, 0]) // [1, 0.5]
 */
export function mercator([lng, lat]: readonly number[]): [number, number] {
  const x = (lng + 180) / 360;
  const y = (1 - Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) / Math.PI) / 2;
  return [x, y];
}

/**
 * A size for the map whose shape follows the bounds, within limits that suit
 * a phone held upright and a printed page: from 3:5 landscape to 5:4 portrait.
 *
 * @example
 * mapSize([121.43, 31.19, 121.44, 31.2]) // { width: 420, height: 491 }: a square in degrees is 1 / cos 31.2° taller in Mercator
 */
export function mapSize(bounds: BBox, width = SVG_WIDTH): Size {
  const [x0, y1] = mercator([bounds[0], bounds[1]]);
  const [x1, y0] = mercator([bounds[2], bounds[3]]);
  const ratio = x1 > x0 ? (y1 - y0) / (x1 - x0) : 1;
  return { width, height: Math.round(width * Math.min(1.25, Math.max(0.6, ratio))) };
}

/**
 * Fits bounds into a box of `width` × `height` units with `padding` on each
 * side, keeping the aspect (Mercator is conformal: circles stay circles).
 *
 * @example
 * const p = fitMercator([121.43, 31.19, 121.44, 31.2], { width: 640, height: 640 }, 20);
 * p.project([121.435, 31.195]) // ≈ [320, 320]
 */
export function fitMercator(bounds: BBox, size: Size, padding = 0): Projection {
  const [x0, y1] = mercator([bounds[0], bounds[1]]);
  const [x1, y0] = mercator([bounds[2], bounds[3]]);
  const innerW = Math.max(1, size.width - 2 * padding);
  const innerH = Math.max(1, size.height - 2 * padding);
  // A zero-size box (one point) would divide by zero: give it a street-level scale instead.
  const scale = Math.min(innerW / Math.max(x1 - x0, 1e-7), innerH / Math.max(y1 - y0, 1e-7));
  const offsetX = size.width / 2 - ((x0 + x1) / 2) * scale;
  const offsetY = size.height / 2 - ((y0 + y1) / 2) * scale;
  return {
    ...size,
    project(point) {
      const [x, y] = mercator(point);
      return [x * scale + offsetX, y * scale + offsetY];
    },
    metresPerUnit(lat) {
      return (2 * Math.PI * EARTH_RADIUS_M * Math.cos(lat * RAD)) / scale;
    },
  };
}

/**
 * A scale bar of a round length that takes at most `maxUnits` of the map.
 *
 * @example
 * scaleBar(3.2, 160) // { metres: 500, units: 156.25, label: '500 米' }
 */
export function scaleBar(metresPerUnit: number, maxUnits: number): { metres: number; units: number; label: string } {
  const steps = [10, 20, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000];
  const metres = steps.filter((m) => m / metresPerUnit <= maxUnits).at(-1) ?? steps[0];
  const label = metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`;
  return { metres, units: metres / metresPerUnit, label };
}

export interface SvgOptions {
  /** Prefix for ids inside the SVG (title, patterns): unique per page. */
  id: string;
  /** Id of the text alternative the SVG is described by. */
  describedBy?: string;
  width?: number;
}

/** A text label placed on the map, kept clear of the ones placed before it. */
interface Label {
  x: number;
  y: number;
  text: string;
  size: number;
  weight?: number;
}

/** Space kept around the data, in SVG units; the interactive map keeps the same share (map-client.ts). */
export const SVG_PADDING = 16;

/** The top right corner the page's map button covers, in SVG units (the button at a phone's width, with room). */
const CONTROL_CORNER = { width: 130, height: 64 };
const FONT = "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/**
 * The whole static map as an SVG string: circles (drawn as their union),
 * regions and uncovered parts, routes (schematic ones dashed), gaps in
 * hazard stripes, numbered stops, buildings, labels, a scale bar and credits.
 *
 * @example
 * renderSvg(routeMapData(site, 'qilai-awakening-route'), { id: 'map-1' }).svg
 * // '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 525" role="img" …'
 */
export function renderSvg(data: MapData, options: SvgOptions): Size & { svg: string } {
  const size = mapSize(data.bounds, options.width);
  const p = fitMercator(data.bounds, size, SVG_PADDING);
  const ids = { title: `${options.id}-title`, hatch: `${options.id}-hatch` };
  const features = data.features.features;
  const of = (role: string) => features.filter((f) => f.properties.role === role);
  const labels: Label[] = [];
  // The page puts its "放大查看" button over this corner (MapFigure.astro): no label goes under it.
  const placed: Box[] = [{ x0: size.width - CONTROL_CORNER.width, y0: 0, x1: size.width, y1: CONTROL_CORNER.height }];

  const body = [
    `<rect width="${size.width}" height="${size.height}" fill="${COLORS.background}"/>`,
    ...of('region').map((f) => `<path d="${areaPath(f, p)}" fill="${COLORS.region}" fill-rule="evenodd"/>`),
    ...of('uncovered').map((f) => `<path d="${areaPath(f, p)}" fill="url(#${ids.hatch})" fill-rule="evenodd"/>`),
    circles(features, p, data.kind === 'stations'),
    ...of('region').map(
      (f) => `<path d="${areaPath(f, p)}" fill="none" stroke="${COLORS.regionLine}" stroke-width="1.5" stroke-dasharray="6 3"/>`,
    ),
    ...of('route').map((f) => routePath(f, p)),
    ...of('gap').map((f) => gapPath(f, p)),
    ...stationDots(features, p, data.kind === 'stations'),
    ...of('building').map((f) => buildingMark(f, p)),
    ...of('stop').map((f) => stopMark(f, p)),
  ];

  // Reserve the markers' own space first so no label covers a stop number.
  const stops = featuresOf(data, 'stop');
  for (const f of stops) placed.push(boxAround(p.project(pointOf(f)), 12));
  for (const f of stops) labels.push(labelAt(p.project(pointOf(f)), f.properties.name, 14, 700));
  for (const f of featuresOf(data, 'building')) labels.push(labelAt(p.project(pointOf(f)), f.properties.name, 13));
  for (const f of of('gap')) labels.push(labelAt(p.project(midpoint(lineOf(f))), '缺口', 14, 700));
  // Station names only where the page is about stations; on route and overview maps they would crowd the stops.
  if (data.kind === 'station' || data.kind === 'building' || data.kind === 'stations') {
    for (const f of featuresOf(data, 'circle').filter((c) => c.properties.focus)) {
      labels.push(labelAt(p.project(pointOf(f)), f.properties.name, 13));
    }
  }
  for (const f of featuresOf(data, 'route').filter((r) => r.properties.schematic)) {
    labels.push(labelAt(p.project(midpoint(lineOf(f))), '示意', 13, 700));
  }
  for (const f of featuresOf(data, 'region')) labels.push(labelAt(p.project(centreOf(f)), f.properties.name, 13));

  const defs =
    `<defs><pattern id="${ids.hatch}" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="10" height="10" fill="${COLORS.region}"/><rect width="4" height="10" fill="${COLORS.uncovered}"/></pattern></defs>`;
  const described = options.describedBy ? ` aria-describedby="${options.describedBy}"` : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-labelledby="${ids.title}"${described} class="map-static" font-family="${escapeXml(FONT)}">` +
    `<title id="${ids.title}">${escapeXml(data.label)}</title>${defs}` +
    body.join('') +
    placeLabels(labels, placed, size).join('') +
    scaleBarMark(p, data.bounds) +
    credits(data.attribution, size) +
    `</svg>`;
  return { ...size, svg };
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** A polyline as path data, dropping vertices less than half a unit from the last kept one. */
function linePath(points: readonly number[][], p: Projection): string {
  let d = '';
  let last: [number, number] | undefined;
  points.forEach((pt, i) => {
    const [x, y] = p.project(pt);
    if (last && i < points.length - 1 && Math.hypot(x - last[0], y - last[1]) < 0.5) return;
    d += `${last ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`;
    last = [x, y];
  });
  return d;
}

function areaPath(f: MapDataFeature, p: Projection): string {
  const g = f.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.flatMap((rings) => rings.map((ring) => `${linePath(ring, p)}Z`)).join('');
}

/**
 * Circles as one union: every outline first, then every fill over them, so
 * only the outer edge of overlapping circles stays visible. Context circles
 * go under the ones the page is about.
 */
function circles(features: MapDataFeature[], p: Projection, byTier: boolean): string {
  const all = features.flatMap((f) => (f.properties.role === 'circle' ? [{ f, c: f.properties }] : []));
  const draw = (focus: boolean) => {
    const group = all.filter(({ c }) => c.focus === focus);
    const shapes = group.map(({ f, c }) => {
      const [x, y] = p.project(pointOf(f));
      const r = c.radius / p.metresPerUnit(pointOf(f)[1]);
      return { x: fmt(x), y: fmt(y), r: fmt(r), stroke: byTier ? (TIER_COLORS[c.tier] ?? COLORS.circleLine) : focus ? COLORS.circleLine : COLORS.contextLine };
    });
    const fill = focus ? COLORS.circle : COLORS.context;
    return (
      shapes.map((s) => `<circle cx="${s.x}" cy="${s.y}" r="${s.r}" fill="none" stroke="${s.stroke}" stroke-width="${focus ? 4 : 2.5}"/>`).join('') +
      shapes.map((s) => `<circle cx="${s.x}" cy="${s.y}" r="${s.r}" fill="${fill}"/>`).join('')
    );
  };
  return draw(false) + draw(true);
}

function stationDots(features: MapDataFeature[], p: Projection, byTier: boolean): string[] {
  return features.flatMap((f) => {
    if (f.properties.role !== 'circle') return [];
    const [x, y] = p.project(pointOf(f));
    const color = byTier ? (TIER_COLORS[f.properties.tier] ?? COLORS.circleLine) : f.properties.focus ? COLORS.circleLine : COLORS.contextLine;
    return [`<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${byTier ? 6 : 4}" fill="${color}" stroke="#fff" stroke-width="2"/>`];
  });
}

function routePath(f: MapDataFeature, p: Projection): string {
  const d = linePath(lineOf(f), p);
  const schematic = f.properties.role === 'route' && f.properties.schematic;
  const line = schematic
    ? `<path d="${d}" fill="none" stroke="${COLORS.schematic}" stroke-width="3.5" stroke-dasharray="8 6" stroke-linecap="round"/>`
    : `<path d="${d}" fill="none" stroke="${COLORS.route}" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/>`;
  return `<path d="${d}" fill="none" stroke="#fff" stroke-width="7" stroke-linejoin="round" stroke-linecap="round"/>${line}`;
}

/** Hazard stripes: amber under black dashes, readable without colour. */
function gapPath(f: MapDataFeature, p: Projection): string {
  const d = linePath(lineOf(f), p);
  return (
    `<path d="${d}" fill="none" stroke="${COLORS.gap}" stroke-width="8" stroke-linecap="butt"/>` +
    `<path d="${d}" fill="none" stroke="${COLORS.gapStripe}" stroke-width="8" stroke-dasharray="5 5"/>`
  );
}

function buildingMark(f: MapDataFeature, p: Projection): string {
  const [x, y] = p.project(pointOf(f));
  const focus = f.properties.role === 'building' && f.properties.focus;
  const s = focus ? 7 : 5;
  return `<rect x="${fmt(x - s)}" y="${fmt(y - s)}" width="${2 * s}" height="${2 * s}" transform="rotate(45 ${fmt(x)} ${fmt(y)})" fill="${COLORS.building}" stroke="#fff" stroke-width="2"/>`;
}

function stopMark(f: MapDataFeature, p: Projection): string {
  const [x, y] = p.project(pointOf(f));
  const n = f.properties.role === 'stop' ? f.properties.n : '';
  return (
    `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="11" fill="${COLORS.stop}" stroke="#fff" stroke-width="2"/>` +
    `<text x="${fmt(x)}" y="${fmt(y)}" dy="0.35em" text-anchor="middle" font-size="13" font-weight="700" fill="#fff">${n}</text>`
  );
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boxAround([x, y]: [number, number], r: number): Box {
  return { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
}

function labelAt([x, y]: [number, number], text: string, size: number, weight?: number): Label {
  return { x, y, text, size, weight };
}

/**
 * Greedy placement: each label tries right, left, above and below its point
 * and is dropped when all four overlap a label or marker already placed (the
 * text alternative next to the map names everything anyway).
 */
function placeLabels(labels: Label[], placed: Box[], size: Size): string[] {
  const out: string[] = [];
  for (const label of labels) {
    // CJK glyphs are about one em wide; Latin and digits about half.
    const width = [...label.text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0) * label.size;
    const h = label.size;
    const gap = 13;
    const candidates = [
      { x0: label.x + gap, y0: label.y - h / 2, anchor: 'start', tx: label.x + gap },
      { x0: label.x - gap - width, y0: label.y - h / 2, anchor: 'end', tx: label.x - gap },
      { x0: label.x - width / 2, y0: label.y - gap - h, anchor: 'middle', tx: label.x },
      { x0: label.x - width / 2, y0: label.y + gap, anchor: 'middle', tx: label.x },
    ];
    const spot = candidates.find((c) => {
      const box = { x0: c.x0, y0: c.y0, x1: c.x0 + width, y1: c.y0 + h };
      const inside = box.x0 >= 2 && box.y0 >= 2 && box.x1 <= size.width - 2 && box.y1 <= size.height - 30;
      return inside && !placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1);
    });
    if (!spot) continue;
    placed.push({ x0: spot.x0, y0: spot.y0, x1: spot.x0 + width, y1: spot.y0 + h });
    const weight = label.weight ? ` font-weight="${label.weight}"` : '';
    out.push(
      `<text x="${fmt(spot.tx)}" y="${fmt(spot.y0 + h / 2)}" dy="0.35em" text-anchor="${spot.anchor}" font-size="${label.size}"${weight} fill="${COLORS.text}" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(label.text)}</text>`,
    );
  }
  return out;
}

function scaleBarMark(p: Projection, bounds: BBox): string {
  const lat = (bounds[1] + bounds[3]) / 2;
  const bar = scaleBar(p.metresPerUnit(lat), p.width / 4);
  const x = 12;
  const y = p.height - 14;
  return (
    `<g class="map-scale"><rect x="${x - 6}" y="${y - 20}" width="${fmt(bar.units + 12)}" height="28" fill="#fff" fill-opacity="0.85"/>` +
    `<path d="M${x} ${y - 6}V${y}H${fmt(x + bar.units)}V${y - 6}" fill="none" stroke="${COLORS.text}" stroke-width="2"/>` +
    `<text x="${x}" y="${y - 10}" font-size="12" fill="${COLORS.text}">${bar.label}</text></g>`
  );
}

function credits(attribution: string[], size: Size): string {
  if (attribution.length === 0) return '';
  return `<text x="${size.width - 6}" y="${size.height - 6}" text-anchor="end" font-size="10" fill="${COLORS.text}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(attribution.join(' · '))}</text>`;
}

function pointOf(f: MapDataFeature): LngLat {
  return f.geometry.type === 'Point' ? (f.geometry.coordinates as LngLat) : [0, 0];
}

function lineOf(f: MapDataFeature): LngLat[] {
  return f.geometry.type === 'LineString' ? (f.geometry.coordinates as LngLat[]) : [];
}

/** The point halfway along a line by vertex distance in degrees: good enough to hang a label on. */
function midpoint(line: LngLat[]): LngLat {
  if (line.length === 0) return [0, 0];
  const lengths = line.slice(1).map((pt, i) => Math.hypot(pt[0] - line[i][0], pt[1] - line[i][1]));
  let half = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (half <= lengths[i] && lengths[i] > 0) {
      const t = half / lengths[i];
      return [line[i][0] + (line[i + 1][0] - line[i][0]) * t, line[i][1] + (line[i + 1][1] - line[i][1]) * t];
    }
    half -= lengths[i];
  }
  return line[0];
}

/** Centre of an area's bounding box. */
function centreOf(f: MapDataFeature): LngLat {
  const g = f.geometry;
  const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  const xs = rings.flat().map((pt) => pt[0]);
  const ys = rings.flat().map((pt) => pt[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
