/**
 * The static map: the page's map data drawn at build time as inline SVG, in
 * Web Mercator like the interactive map, with a scale bar. It is what a
 * phone without JavaScript, a slow connection or a printer shows.
 */
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import type { LngLat } from '../content/model.ts';
import type { BBox } from './geometry.ts';
import type { Feature } from 'geojson';
import { featuresOf, type MapData, type MapDataFeature, type MapGeometry, type StreetProps } from './map-data.ts';
import { type Box, placeStreetLabels, textWidth } from './streets.ts';
import type { LegendItem } from './map-text.ts';
import { CIRCLE_OPACITY_OVER_STREETS, COLORS, CONTEXT_REGION, coverageColor, STREET_STYLES, SUGGESTION, TIER_COLORS, VACUUM_STRIPE } from './palette.ts';

export interface Size {
  width: number;
  height: number;
}

export interface Projection extends Size {
  /** `[x, y]` in SVG units, y down. */
  project(point: readonly number[]): [number, number];
  /** The inverse: `[lng, lat]` of a point of the map. */
  unproject(xy: readonly number[]): [number, number];
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
    unproject([px, py]) {
      const x = (px - offsetX) / scale;
      const y = (py - offsetY) / scale;
      const lat = (2 * Math.atan(Math.exp(Math.PI * (1 - 2 * y))) - Math.PI / 2) / RAD;
      return [x * 360 - 180, lat];
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
 * regions and vacuums (hatched), routes (schematic ones dashed), gaps in
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
  const streets = featuresOf(data, 'street');
  const labels: Label[] = [];
  // The page puts its "放大查看" button over this corner (MapFigure.astro): no label goes under it.
  const placed: Box[] = [{ x0: size.width - CONTROL_CORNER.width, y0: 0, x1: size.width, y1: CONTROL_CORNER.height }];

  const choropleth = data.kind === 'coverage' || data.kind === 'region';
  // Street names go between the two: over the streets and circles, under the route, stops and marks.
  const [below, above] = choropleth
    ? [choroplethBody(data, p, ids.hatch), []]
    : [
        [
          `<rect width="${size.width}" height="${size.height}" fill="${COLORS.background}"/>`,
          ...of('region').map((f) => `<path d="${areaPath(f, p)}" fill="${COLORS.region}" fill-rule="evenodd"/>`),
          ...of('vacuum').map((f) => `<path d="${areaPath(f, p)}" fill="url(#${ids.hatch})" fill-rule="evenodd"/>`),
          streetLines(streets, p),
          // Over streets the circles are see-through as one layer, so their union keeps a single edge.
          streets.length > 0
            ? `<g opacity="${CIRCLE_OPACITY_OVER_STREETS}">${circles(features, p, data.kind === 'stations')}</g>`
            : circles(features, p, data.kind === 'stations'),
          ...of('region').map(
            (f) => `<path d="${areaPath(f, p)}" fill="none" stroke="${COLORS.regionLine}" stroke-width="1.5" stroke-dasharray="6 3"/>`,
          ),
        ],
        [
          ...of('route').map((f) => routePath(f, p)),
          ...of('gap').map((f) => gapPath(f, p)),
          ...stationDots(features, p, data.kind === 'stations'),
          ...of('metro').map((f) => metroMark(p.project(pointOf(f)))),
          ...of('building').map((f) => buildingMark(f, p)),
          ...of('stop').map((f) => stopMark(f, p)),
        ],
      ];

  // Reserve the markers' own space first so no label covers a stop number.
  const stops = featuresOf(data, 'stop');
  for (const f of [...stops, ...featuresOf(data, 'suggestion')]) placed.push(boxAround(p.project(pointOf(f)), 12));
  for (const f of featuresOf(data, 'metro')) placed.push(boxAround(p.project(pointOf(f)), 7));
  // A choropleth's region labels carry its figures: they are placed first and never dropped.
  const regionLabels = choropleth ? choroplethLabels(data, p, placed) : [];
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
  if (!choropleth) for (const f of featuresOf(data, 'region')) labels.push(labelAt(p.project(centreOf(f)), f.properties.name, 13));
  for (const f of featuresOf(data, 'metro')) labels.push(labelAt(p.project(pointOf(f)), f.properties.name, 12));
  const pointLabels = placeLabels(labels, placed, size);
  // Street names come last: they give way to every other label and mark, and to the scale bar and credits.
  placed.push(...footBoxes(data.attribution, size));
  const names = streetNames(streets, p, size, placed, options.id);

  const defs =
    `<defs><pattern id="${ids.hatch}" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="1.8" height="10" fill="${VACUUM_STRIPE}"/></pattern></defs>`;
  const described = options.describedBy ? ` aria-describedby="${options.describedBy}"` : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-labelledby="${ids.title}"${described} class="map-static" font-family="${escapeXml(FONT)}">` +
    `<title id="${ids.title}">${escapeXml(data.label)}</title>${defs}` +
    below.join('') +
    names +
    above.join('') +
    regionLabels.join('') +
    // Proposed stations go over the region labels: a narrow 街镇 may leave no room beside them.
    featuresOf(data, 'suggestion').map((f) => suggestionMark(p.project(pointOf(f)), f.properties.n)).join('') +
    pointLabels.join('') +
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

/** One path per class, minor streets first so the larger roads cross over them. */
function streetLines(streets: Feature<MapGeometry, StreetProps>[], p: Projection): string {
  return [3, 2, 1, 0]
    .map((cls) => {
      const d = streets
        .filter((f) => f.properties.cls === cls)
        .flatMap((f) => partsOf(f).map((part) => linePath(part, p)))
        .join('');
      const { color, width } = STREET_STYLES[cls];
      return d ? `<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"/>` : '';
    })
    .join('');
}

/**
 * Street names along their lines (SVG text on a path), placed by
 * `placeStreetLabels` clear of `placed`: the path each name follows goes in
 * a `<defs>` of its own, the text over the streets and circles and under
 * the route and stops.
 */
function streetNames(
  streets: Feature<MapGeometry, StreetProps>[],
  p: Projection,
  size: Size,
  placed: Box[],
  id: string,
): string {
  const pieces = streets.flatMap((f) =>
    partsOf(f).map((part) => ({ name: f.properties.name, cls: f.properties.cls, line: part.map((pt) => p.project(pt)) })),
  );
  const labels = placeStreetLabels(pieces, { size, obstacles: placed, fontSize: STREET_FONT_SIZE });
  if (labels.length === 0) return '';
  const pathId = (i: number) => `${id}-street-${i}`;
  const defs = labels.map((l, i) => `<path id="${pathId(i)}" d="M${l.path.map(([x, y]) => `${fmt(x)} ${fmt(y)}`).join('L')}"/>`).join('');
  const texts = labels
    .map((l, i) => `<text><textPath href="#${pathId(i)}" startOffset="50%">${escapeXml(l.name)}</textPath></text>`)
    .join('');
  return (
    `<defs>${defs}</defs><g class="map-street-names" font-size="${STREET_FONT_SIZE}" fill="${STREET_NAME}" text-anchor="middle" dominant-baseline="central" stroke="#fff" stroke-width="2.5" stroke-linejoin="round" paint-order="stroke">${texts}</g>`
  );
}

const STREET_FONT_SIZE = 10;
const STREET_NAME = '#4a443b';

/** A metro station: a white roundel with a dark ring and an M, unlike every other mark. */
export function metroMark([x, y]: [number, number], size = 6): string {
  return (
    `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${size}" fill="#fff" stroke="${METRO}" stroke-width="2"/>` +
    `<text x="${fmt(x)}" y="${fmt(y)}" dy="0.35em" text-anchor="middle" font-size="${size * 1.3}" font-weight="700" fill="${METRO}">M</text>`
  );
}

const METRO = '#1a1a1a';


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

/** Credits at the bottom right, one per line so a long pair does not run into the scale bar. */
function credits(attribution: string[], size: Size): string {
  if (attribution.length === 0) return '';
  const lines = attribution
    .map(
      (credit, i) =>
        `<text x="${size.width - 6}" y="${size.height - 6 - (attribution.length - 1 - i) * CREDIT_LINE}" text-anchor="end" font-size="10" fill="${COLORS.text}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(credit)}</text>`,
    )
    .join('');
  return `<g class="map-credits">${lines}</g>`;
}

const CREDIT_LINE = 12;

/** Where the scale bar and the credits sit, kept clear of street names. */
function footBoxes(attribution: string[], size: Size): Box[] {
  const widest = Math.max(0, ...attribution.map((c) => textWidth(c, 10)));
  return [
    { x0: 0, y0: size.height - 36, x1: size.width / 2, y1: size.height },
    { x0: size.width - 8 - widest, y0: size.height - 4 - CREDIT_LINE * attribution.length, x1: size.width, y1: size.height },
  ];
}

/** The lines of a street: the parts of its MultiLineString. */
function partsOf(f: Feature<MapGeometry, StreetProps>): LngLat[][] {
  return f.geometry.type === 'MultiLineString' ? (f.geometry.coordinates as LngLat[][]) : [];
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

/**
 * District and region maps: regions shaded by coverage class (neighbours in
 * grey), vacuums hatched over them, circles as thin outlines, routes, then
 * station centres shaped by tier and red sites (the numbered proposals are
 * drawn over the labels, by renderSvg).
 */
function choroplethBody(data: MapData, p: Projection, hatch: string): string[] {
  const regions = featuresOf(data, 'region');
  const fill = (f: (typeof regions)[number]) =>
    f.properties.focus === false || f.properties.coveredPercent === null ? CONTEXT_REGION : coverageColor(f.properties.coveredPercent);
  const circleOutlines = featuresOf(data, 'circle').map((f) => {
    const [x, y] = p.project(pointOf(f));
    const r = f.properties.radius / p.metresPerUnit(pointOf(f)[1]);
    return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" fill="none" stroke="${COLORS.circleLine}" stroke-width="1" stroke-opacity="0.8"/>`;
  });
  const suggestions = featuresOf(data, 'suggestion');
  return [
    `<rect width="${p.width}" height="${p.height}" fill="${COLORS.background}"/>`,
    ...regions.map((f) => `<path d="${areaPath(f, p)}" fill="${fill(f)}" fill-rule="evenodd"/>`),
    ...featuresOf(data, 'vacuum').map((f) => `<path d="${areaPath(f, p)}" fill="url(#${hatch})" fill-rule="evenodd"/>`),
    ...regions.map(
      (f) =>
        `<path d="${areaPath(f, p)}" fill="none" stroke="${COLORS.regionLine}" stroke-width="${f.properties.focus === false ? 0.8 : 1.5}"/>`,
    ),
    ...circleOutlines,
    ...featuresOf(data, 'route').map((f) => routePath(f, p)),
    ...suggestions.map((f) => {
      const [x, y] = p.project(pointOf(f));
      const r = f.properties.radius / p.metresPerUnit(pointOf(f)[1]);
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" fill="none" stroke="${SUGGESTION}" stroke-width="1.5" stroke-dasharray="4 3"/>`;
    }),
    ...featuresOf(data, 'circle').map((f) => {
      const [x, y] = p.project(pointOf(f));
      return tierMark(f.properties.tier, x, y);
    }),
    ...featuresOf(data, 'building').map((f) => buildingMark(f, p)),
  ];
}

/**
 * A station's centre, its tier told by shape as well as colour: star
 * (district), triangle (街镇), circle (neighbourhood), square (building),
 * downward triangle (park).
 *
 * @example
 * tierMark('subdistrict', 10, 10) // '<path d="M10 3.5L16.1 14.3H3.9Z" …/>'
 */
export function tierMark(tier: string, x: number, y: number, size = 6.5): string {
  const color = TIER_COLORS[tier] ?? COLORS.circleLine;
  const style = `fill="${color}" stroke="#fff" stroke-width="1.5"`;
  const s = size;
  switch (tier) {
    case 'district': {
      const points = Array.from({ length: 10 }, (_, i) => {
        const r = i % 2 === 0 ? s * 1.35 : s * 0.6;
        const a = (Math.PI / 5) * i - Math.PI / 2;
        return `${fmt(x + r * Math.cos(a))} ${fmt(y + r * Math.sin(a))}`;
      });
      return `<path d="M${points.join('L')}Z" ${style}/>`;
    }
    case 'subdistrict':
      return `<path d="M${fmt(x)} ${fmt(y - s)}L${fmt(x + s * 0.94)} ${fmt(y + s * 0.66)}H${fmt(x - s * 0.94)}Z" ${style}/>`;
    case 'building':
      return `<rect x="${fmt(x - s * 0.75)}" y="${fmt(y - s * 0.75)}" width="${fmt(s * 1.5)}" height="${fmt(s * 1.5)}" ${style}/>`;
    case 'park':
      return `<path d="M${fmt(x)} ${fmt(y + s)}L${fmt(x + s * 0.94)} ${fmt(y - s * 0.66)}H${fmt(x - s * 0.94)}Z" ${style}/>`;
    default:
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(s * 0.75)}" ${style}/>`;
  }
}

/** A proposed station: a numbered black square, unlike the round stops and the tier shapes. */
export function suggestionMark([x, y]: [number, number], n: number | string, size = 18): string {
  return (
    `<rect x="${fmt(x - size / 2)}" y="${fmt(y - size / 2)}" width="${size}" height="${size}" rx="3" fill="${SUGGESTION}" stroke="#fff" stroke-width="2"/>` +
    `<text x="${fmt(x)}" y="${fmt(y)}" dy="0.35em" text-anchor="middle" font-size="${Math.round(size * 0.67)}" font-weight="700" fill="#fff">${n}</text>`
  );
}

/**
 * Each shaded region's short name and coverage, at the point inside it
 * farthest from its outline, so the figures are readable without the colours.
 */
function choroplethLabels(data: MapData, p: Projection, placed: Box[]): string[] {
  const marks = [...featuresOf(data, 'suggestion'), ...featuresOf(data, 'circle')].map((f) => p.project(pointOf(f)));
  return featuresOf(data, 'region')
    .filter((f) => f.properties.focus !== false && f.properties.coveredPercent !== null)
    .map((f) => {
      const [x, y] = innerPoint(f, p, marks);
      const name = escapeXml(shortName(f.properties.name));
      const share = `${Math.round(f.properties.coveredPercent!)}%`;
      placed.push({ x0: x - 24, y0: y - 12, x1: x + 24, y1: y + 14 });
      const halo = `fill="${COLORS.text}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" text-anchor="middle"`;
      return (
        `<text x="${fmt(x)}" y="${fmt(y - 2)}" font-size="10" ${halo}>${name}</text>` +
        `<text x="${fmt(x)}" y="${fmt(y + 10)}" font-size="11" font-weight="700" ${halo}>${share}</text>`
      );
    });
}

/** `天平路街道` → `天平路`, `华泾镇` → `华泾镇`: the map is small, the table has full names. */
export function shortName(name: string): string {
  return name.length > 3 ? name.replace(/街道$/, '') : name;
}

/**
 * A point well inside an area for its label: of a grid over its largest
 * part, the inside point farthest from every edge and, less strongly, from
 * the marks on the map (in map units). Cheap and good enough for a label;
 * a bounding-box centre can fall outside an L-shape.
 */
function innerPoint(f: MapDataFeature, p: Projection, marks: [number, number][] = []): [number, number] {
  const g = f.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const rings = polygons
    .map((poly) => poly.map((ring) => ring.map((pt) => p.project(pt))))
    .sort((a, b) => Math.abs(ringArea(b[0])) - Math.abs(ringArea(a[0])))[0];
  if (!rings) return [0, 0];
  const xs = rings[0].map((q) => q[0]);
  const ys = rings[0].map((q) => q[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: [number, number] = [(x0 + x1) / 2, (y0 + y1) / 2];
  let bestDistance = -1;
  const steps = 24;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const q: [number, number] = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps];
      if (!insideRings(q, rings)) continue;
      const edge = Math.min(...rings.map((ring) => distanceToRing(q, ring)));
      const mark = Math.min(Infinity, ...marks.map((m) => Math.hypot(m[0] - q[0], m[1] - q[1])));
      // A label needs about 24 units each way; past that, keep clear of the marks.
      const d = Math.min(edge, 24 + Math.max(0, mark - 14) / 2, mark);
      if (d > bestDistance) [best, bestDistance] = [q, d];
    }
  }
  return best;
}

function ringArea(ring: [number, number][]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return a / 2;
}

function insideRings([x, y]: [number, number], rings: [number, number][][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function distanceToRing([x, y]: [number, number], ring: [number, number][]): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1];
    const [bx, by] = ring[i];
    const dx = bx - ax;
    const dy = by - ay;
    const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/**
 * A legend swatch, drawn with the same marks as the maps, as the inside of a
 * 28 × 16 SVG: one function for every map's legend (MapLegend.astro).
 *
 * @example
 * legendSwatch({ mark: 'tierShape', tier: 'park', label: '园区党群服务站' }) // '<path d="M14 14.5…'
 */
export function legendSwatch(item: LegendItem): string {
  switch (item.mark) {
    case 'shade':
      return `<rect x="1" y="1" width="26" height="14" fill="${item.color}" stroke="${COLORS.regionLine}" stroke-width="1"/>`;
    case 'vacuum':
      return (
        `<rect x="1" y="1" width="26" height="14" fill="${COLORS.region}" stroke="${COLORS.regionLine}" stroke-width="1"/>` +
        [4, 10, 16, 22, 28].map((x) => `<path d="M${x - 8} 15L${x} 1" stroke="${VACUUM_STRIPE}" stroke-width="2"/>`).join('')
      );
    case 'tierShape':
      return tierMark(item.tier ?? '', 14, 8, 6);
    case 'suggestion':
      return suggestionMark([14, 8], 1, 15);
    case 'circle':
      return `<circle cx="14" cy="8" r="6.5" fill="${COLORS.circle}" stroke="${COLORS.circleLine}" stroke-width="2"/>`;
    case 'context':
      return `<circle cx="14" cy="8" r="6.5" fill="${COLORS.context}" stroke="${COLORS.contextLine}" stroke-width="2"/>`;
    case 'tier':
      return `<circle cx="14" cy="8" r="6" fill="${TIER_COLORS[item.tier ?? ''] ?? COLORS.circleLine}" stroke="#fff" stroke-width="1.5"/>`;
    case 'schematic':
      return `<path d="M1 8H27" stroke="${COLORS.schematic}" stroke-width="3" stroke-dasharray="6 4"/>`;
    case 'gap':
      return `<path d="M1 8H27" stroke="${COLORS.gap}" stroke-width="7"/><path d="M1 8H27" stroke="${COLORS.gapStripe}" stroke-width="7" stroke-dasharray="4 4"/>`;
    case 'stop':
      return `<circle cx="14" cy="8" r="7" fill="${COLORS.stop}" stroke="#fff" stroke-width="1"/>`;
    case 'region':
      return `<path d="M1 8H27" stroke="${COLORS.regionLine}" stroke-width="2" stroke-dasharray="5 3"/>`;
    case 'building':
      return `<rect x="9" y="3" width="10" height="10" transform="rotate(45 14 8)" fill="${COLORS.building}"/>`;
    case 'route':
      return `<path d="M1 8H27" stroke="${COLORS.route}" stroke-width="4"/>`;
    case 'street':
      return `<path d="M1 5H27" stroke="${STREET_STYLES[0].color}" stroke-width="${STREET_STYLES[0].width}"/><path d="M1 12H27" stroke="${STREET_STYLES[3].color}" stroke-width="${STREET_STYLES[3].width}"/>`;
    case 'metro':
      return metroMark([14, 8]);
  }
}
