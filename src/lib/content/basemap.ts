/**
 * The content folder's own basemap layers (not the optional tile basemap of
 * `map/basemap.ts`): `basemap/roads.geojson`, the streets every map draws
 * and names, and `basemap/transit.geojson`, the metro stations pages name
 * under "how to get there". Read once by the content loader.
 *
 * A whole city's roads file can be 50 MB. It is parsed once, each street
 * checked on its own (a fault names the feature's index), and kept as flat
 * typed arrays with a packed R-tree (flatbush) over each street part's
 * bounding box, so a map takes only the streets in its view.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Flatbush from 'flatbush';
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { z } from 'astro/zod';
import {
  basemapCollectionSchema,
  LINES_MAX,
  NAME_MAX,
  type RoadFeature,
  roadFeatureSchema,
  type TransitFeature,
  transitFeatureSchema,
} from '../../schemas/basemap.ts';
import type { Crs } from '../../schemas/common.ts';
import { readContentText } from './files.ts';
import { toWgs84 } from '../geo/coords.ts';
import { haversine } from '../geo/distance.ts';
import { jsonPosition } from './tracks.ts';
import type { LngLat } from './model.ts';
import { problem, type Problem } from './problems.ts';

/** The two files, relative to the content folder. */
export const ROADS_FILE = 'basemap/roads.geojson';
export const TRANSIT_FILE = 'basemap/transit.geojson';

/** Larger files are refused: a whole city's streets fit in far less. */
export const BASEMAP_MAX_BYTES = 100 * 1024 * 1024;
/** Faults listed per file; the rest are counted, so a broken export does not bury the report. */
const MAX_FEATURE_PROBLEMS = 20;

const zhCN = z.locales.zhCN().localeError;

/** How each file should look, for the hint of a `basemap-invalid` problem. */
const HINTS: Record<string, string> = {
  [ROADS_FILE]:
    'roads.geojson 须为 FeatureCollection，每个要素是 LineString 或 MultiLineString；properties.name 写街道名（可以不写），properties.highway 写 OpenStreetMap 的道路等级，如 "primary"、"residential"。坐标按 [经度, 纬度] 写。',
  [TRANSIT_FILE]:
    'transit.geojson 须为 FeatureCollection，每个要素是一个 Point；properties.name 写站名（如 "衡山路站"），properties.lines 写线路列表（如 ["1", "10"]）。坐标按 [经度, 纬度] 写。',
};

/**
 * Road classes as the maps draw them, from OpenStreetMap's `highway`:
 * 0 major (motorway, trunk, primary), 1 secondary, 2 tertiary and the
 * ramps (`*_link`, which only matter up close), 3 minor (residential,
 * living_street, unclassified, service, anything else).
 */
export type RoadClass = 0 | 1 | 2 | 3;

/**
 * @example
 * roadClass('trunk') // 0
 * roadClass('trunk_link') // 2
 * roadClass('residential') // 3
 */
export function roadClass(highway: string | undefined): RoadClass {
  const kind = highway ?? '';
  if (kind === 'motorway' || kind === 'trunk' || kind === 'primary') return 0;
  if (kind === 'secondary') return 1;
  if (kind === 'tertiary' || kind.endsWith('_link')) return 2;
  return 3;
}

/** The streets, one part per LineString (a MultiLineString gives several), in flat arrays. */
export interface RoadLayer {
  file: string;
  /** What the site shows wherever the layer is drawn: the file's `attribution`, else its `license`. */
  credit?: string;
  /** Street parts. */
  count: number;
  /** Name of each part's street, `''` when it has none. */
  names: string[];
  classes: Uint8Array;
  /** Part i's positions are `starts[i]` to `starts[i + 1] - 1`. */
  starts: Uint32Array;
  /** `lng, lat` pairs, WGS-84. */
  coords: Float64Array;
  /** Bounding boxes of the parts. */
  index: Flatbush | null;
}

export interface MetroStation {
  name: string;
  /** As written: `'1'`, `'10'`, `'浦江线'`. */
  lines: string[];
  point: LngLat;
}

export interface TransitLayer {
  file: string;
  credit?: string;
  stations: MetroStation[];
  /** Over `stations`, for geokdbush's nearest search. */
  index: KDBush;
}

export interface BasemapLayers {
  roads?: RoadLayer;
  transit?: TransitLayer;
}

/**
 * Reads `basemap/` of a content folder. Every fault becomes a located
 * problem; the valid features of a file with faults are still kept.
 *
 * @example
 * const problems: Problem[] = [];
 * readBasemap('content', problems).roads?.count // 2433 for the sample content
 */
export function readBasemap(root: string, problems: Problem[]): BasemapLayers {
  const dir = path.join(root, 'basemap');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return {};
  for (const name of readdirSync(dir).sort()) {
    const file = `basemap/${name}`;
    if (name.startsWith('.') || file === ROADS_FILE || file === TRANSIT_FILE) continue;
    problems.push(
      problem('file-ignored', { file }, { ext: path.extname(name) || name, fix: `basemap/ 里只读取 roads.geojson（街道）和 transit.geojson（地铁站）。` }),
    );
  }
  const layers: BasemapLayers = {};
  const roads = readCollectionFile(root, ROADS_FILE, problems);
  if (roads) layers.roads = buildRoads(roads, problems);
  const transit = readCollectionFile(root, TRANSIT_FILE, problems);
  if (transit) layers.transit = buildTransit(transit, problems);
  return layers;
}

/**
 * Every credit the basemap layers ask for, once each.
 *
 * @example
 * basemapCredits(content.basemap) // ['© OpenStreetMap contributors', '车站位置：MetroMapOpenMiniProgram（MIT）']
 */
export function basemapCredits(layers: BasemapLayers | undefined): string[] {
  return [...new Set([layers?.roads?.credit, layers?.transit?.credit].filter((c): c is string => !!c))];
}

interface CollectionFile {
  file: string;
  features: unknown[];
  credit?: string;
  crs: Crs;
}

function readCollectionFile(root: string, file: string, problems: Problem[]): CollectionFile | undefined {
  const absPath = path.join(root, file);
  if (!existsSync(absPath)) return undefined;
  const text = readContentText(
    absPath,
    {
      root,
      what: '底图文件',
      maxBytes: BASEMAP_MAX_BYTES,
      fix: '只保留地图用得到的范围（例如本区及周边），并去掉不需要的属性；用 mapshaper.org 或 QGIS 可以裁剪。',
      where: { file },
    },
    problems,
  );
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push(
      problem('basemap-invalid', { file }, { reason: `不是有效的 JSON${jsonPosition(error, text)}`, fix: HINTS[file] }),
    );
    return undefined;
  }
  const top = basemapCollectionSchema.safeParse(json, { error: zhCN });
  if (!top.success) {
    const issue = top.error.issues[0];
    problems.push(problem('basemap-invalid', { file, field: fieldPath(issue.path) || undefined }, { reason: issue.message, fix: HINTS[file] }));
    return undefined;
  }
  const credit = top.data.attribution ?? top.data.license;
  return { file, features: top.data.features, credit, crs: top.data.crs ?? 'wgs84' };
}

/**
 * Checks each feature; reports the first faults with their index and counts
 * the rest. The schema decides and words every fault; `looksValid` is a fast
 * test of the common case (a well-formed feature) that lets a city's file
 * skip the schema's copying, and is stricter than the schema, never looser.
 */
function validFeatures<T>(
  source: CollectionFile,
  schema: z.ZodType<T>,
  looksValid: (raw: unknown) => raw is T,
  problems: Problem[],
): T[] {
  const valid: T[] = [];
  let faults = 0;
  source.features.forEach((raw, index) => {
    if (looksValid(raw)) {
      valid.push(raw);
      return;
    }
    const parsed = schema.safeParse(raw, { error: zhCN });
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    faults += 1;
    if (faults > MAX_FEATURE_PROBLEMS) return;
    const issue = parsed.error.issues[0];
    const field = fieldPath(['features', index, ...issue.path]);
    const outOfRange = issue.code === 'too_big' || issue.code === 'too_small';
    const code = outOfRange && issue.path.includes('coordinates') ? 'coordinate-invalid' : 'basemap-invalid';
    const reason = `第 ${index + 1} 个要素（features[${index}]）：${issue.message}`;
    problems.push(problem(code, { file: source.file, field }, code === 'basemap-invalid' ? { reason, fix: HINTS[source.file] } : { reason }));
  });
  if (faults > MAX_FEATURE_PROBLEMS) {
    problems.push(
      problem('basemap-invalid', { file: source.file, field: 'features' }, {
        reason: `另有 ${faults - MAX_FEATURE_PROBLEMS} 个要素有问题（共 ${faults} 个，只列出前 ${MAX_FEATURE_PROBLEMS} 个）`,
      }),
    );
  }
  return valid;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isPosition(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 2) return false;
  for (const n of v) if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  return v[0] >= -180 && v[0] <= 180 && v[1] >= -90 && v[1] <= 90;
}

function isLine(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 2) return false;
  for (const p of v) if (!isPosition(p)) return false;
  return true;
}

const optionalName = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= NAME_MAX);

function looksLikeRoad(raw: unknown): raw is RoadFeature {
  if (!isObject(raw) || raw.type !== 'Feature' || !isObject(raw.geometry) || !isObject(raw.properties)) return false;
  const { type, coordinates } = raw.geometry;
  const shapeOk =
    type === 'LineString'
      ? isLine(coordinates)
      : type === 'MultiLineString' && Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isLine);
  return shapeOk && optionalName(raw.properties.name) && (raw.properties.highway === undefined || typeof raw.properties.highway === 'string');
}

function looksLikeStation(raw: unknown): raw is TransitFeature {
  if (!isObject(raw) || raw.type !== 'Feature' || !isObject(raw.geometry) || !isObject(raw.properties)) return false;
  const { name, lines } = raw.properties;
  return (
    raw.geometry.type === 'Point' &&
    isPosition(raw.geometry.coordinates) &&
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= NAME_MAX &&
    Array.isArray(lines) &&
    lines.length <= LINES_MAX &&
    lines.every((l) => (typeof l === 'string' && l.length <= NAME_MAX) || typeof l === 'number')
  );
}

function buildRoads(source: CollectionFile, problems: Problem[]): RoadLayer {
  const features = validFeatures(source, roadFeatureSchema, looksLikeRoad, problems);
  const partsOf = (f: RoadFeature) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates);
  // Counted first so the positions go straight into one typed array.
  let count = 0;
  let positions = 0;
  for (const f of features) {
    for (const part of partsOf(f)) {
      count += 1;
      positions += part.length;
    }
  }
  const layer: RoadLayer = {
    file: source.file,
    credit: source.credit,
    count,
    names: [],
    classes: new Uint8Array(count),
    starts: new Uint32Array(count + 1),
    coords: new Float64Array(positions * 2),
    index: null,
  };
  let i = 0;
  let k = 0;
  for (const f of features) {
    const name = f.properties?.name?.trim() ?? '';
    const cls = roadClass(f.properties?.highway);
    for (const part of partsOf(f)) {
      for (const position of part) {
        const [lng, lat] = source.crs === 'wgs84' ? position : toWgs84(position, source.crs);
        layer.coords[k++] = lng;
        layer.coords[k++] = lat;
      }
      layer.names.push(name);
      layer.classes[i] = cls;
      layer.starts[++i] = k / 2;
    }
  }
  layer.index = indexRoads(layer);
  return layer;
}

function indexRoads(layer: RoadLayer): Flatbush | null {
  if (layer.count === 0) return null;
  const index = new Flatbush(layer.count);
  for (let i = 0; i < layer.count; i++) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = layer.starts[i]; k < layer.starts[i + 1]; k++) {
      const x = layer.coords[2 * k];
      const y = layer.coords[2 * k + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    index.add(x0, y0, x1, y1);
  }
  index.finish();
  return index;
}

function buildTransit(source: CollectionFile, problems: Problem[]): TransitLayer {
  const stations = validFeatures(source, transitFeatureSchema, looksLikeStation, problems).map((feature) => ({
    name: feature.properties.name.trim(),
    lines: feature.properties.lines.map(String),
    point: toWgs84(feature.geometry.coordinates, source.crs),
  }));
  const index = new KDBush(Math.max(1, stations.length));
  for (const s of stations) index.add(s.point[0], s.point[1]);
  index.finish();
  return { file: source.file, credit: source.credit, stations, index };
}

/** `['features', 3, 'geometry', 'coordinates', 0, 1]` → `features[3].geometry.coordinates[0][1]`. */
function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${String(s)}` : String(s)),
    '',
  );
}

/** The nearest metro station to a place, with the straight-line distance. */
export interface NearestMetro {
  station: MetroStation;
  distanceM: number;
}

/** Farther than this, a station is no help getting there and is not named. */
export const METRO_MAX_M = 5000;

/**
 * The metro station nearest to a point (straight line, on the checker's
 * sphere), or undefined when the content has no transit file or none is
 * within `METRO_MAX_M`.
 *
 * @example
 * nearestMetro(content.basemap.transit, [121.4453, 31.2074])
 * // { station: { name: '衡山路站', lines: ['1'], … }, distanceM: 352.1 }
 */
export function nearestMetro(layer: TransitLayer | undefined, point: LngLat, maxM = METRO_MAX_M): NearestMetro | undefined {
  if (!layer || layer.stations.length === 0) return undefined;
  const [i] = around(layer.index, point[0], point[1], 1, maxM / 1000) as number[];
  if (i === undefined) return undefined;
  const station = layer.stations[i];
  return { station, distanceM: haversine(point, station.point) };
}

/**
 * A distance as people say it: to 10 m under 500 m, to 50 m under 1 km,
 * then to a tenth of a kilometre, always "about".
 *
 * @example
 * roughDistance(347) // '约 350 米'
 * roughDistance(612) // '约 600 米'
 * roughDistance(1234) // '约 1.2 公里'
 */
export function roughDistance(metres: number): string {
  if (metres < 500) return `约 ${Math.max(10, Math.round(metres / 10) * 10)} 米`;
  if (metres < 975) return `约 ${Math.round(metres / 50) * 50} 米`;
  return `约 ${(Math.round(metres / 100) / 10).toFixed(1)} 公里`;
}

/**
 * `['1', '10']` → `1 号线、10 号线`; names that are not numbers stay as written.
 *
 * @example
 * lineNames(['1', '浦江线']) // '1 号线、浦江线'
 */
export function lineNames(lines: readonly string[]): string {
  return lines.map((l) => (/^\d+$/.test(l.trim()) ? `${l.trim()} 号线` : l)).join('、');
}

/**
 * The sentence pages print.
 *
 * @example
 * metroSentence({ station: { name: '衡山路站', lines: ['1'], point }, distanceM: 352 })
 * // '最近地铁站：衡山路站（1 号线），直线约 350 米'
 */
export function metroSentence(near: NearestMetro): string {
  const lines = near.station.lines.length > 0 ? `（${lineNames(near.station.lines)}）` : '';
  return `最近地铁站：${near.station.name}${lines}，直线${roughDistance(near.distanceM)}`;
}
