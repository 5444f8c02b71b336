/**
 * Reading track files (GeoJSON, GPX) and region files into plain coordinate
 * arrays. Parsing only: datum conversion happens in the content loader.
 */
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import { CRS, type Crs } from '../../schemas/common.ts';

/** A parsed track in the file's own coordinates. */
export interface Track {
  line: number[][];
  /** Datum the file declares for itself, if any. */
  crs?: Crs;
}

/** Why a file could not be used, as one Chinese sentence. It never quotes the file. */
export class TrackError extends Error {}

/** The track has more points than allowed (before any are converted). */
export class TrackTooLargeError extends TrackError {
  readonly count: number;
  constructor(count: number) {
    super(`轨迹有 ${count} 个点`);
    this.count = count;
  }
}

export interface TrackOptions {
  /** Most points a track may have; more throws TrackTooLargeError. Default: no limit. */
  maxPoints?: number;
}

/**
 * Reads a GeoJSON route line: a LineString or MultiLineString as a bare
 * geometry, a Feature, or a FeatureCollection holding one such feature.
 * MultiLineString parts are joined in order (content-format.md).
 *
 * @example
 * parseGeoJsonTrack('{"type":"LineString","coordinates":[[121.43,31.2],[121.44,31.2]]}').line
 */
export function parseGeoJsonTrack(text: string, options: TrackOptions = {}): Track {
  const json = parseJson(text);
  const crs = declaredCrs(json);
  const geometry = singleGeometry(json, ['LineString', 'MultiLineString'], '线（LineString 或 MultiLineString）');
  const parts: unknown[] =
    geometry.type === 'LineString' ? [geometry.coordinates] : (geometry.coordinates as unknown[]);
  if (!Array.isArray(parts)) throw new TrackError('coordinates 不是数组');
  const line: number[][] = [];
  parts.forEach((part, i) => {
    if (!Array.isArray(part)) throw new TrackError(`第 ${i + 1} 段的 coordinates 不是点列表`);
  });
  const count = (parts as unknown[][]).reduce((n, part) => n + part.length, 0);
  if (count > (options.maxPoints ?? Infinity)) throw new TrackTooLargeError(count);
  for (const part of parts as unknown[][]) {
    for (const position of part) line.push(checkPosition(position, line.length));
  }
  if (line.length < 2) throw new TrackError(`轨迹只有 ${line.length} 个点，至少需要两个`);
  return crs ? { line, crs } : { line };
}

/**
 * Reads a GPX file's track points (all segments in order), or else its route
 * points.
 *
 * @example
 * parseGpxTrack('<gpx><trk><trkseg><trkpt lat="31.2" lon="121.43"/><trkpt lat="31.21" lon="121.43"/></trkseg></trk></gpx>')
 */
export function parseGpxTrack(text: string, options: TrackOptions = {}): Track {
  // Counted in the text, before a DOM node is made for each point.
  const count = (text.match(/<(?:[\w.-]+:)?(?:trkpt|rtept)[\s/>]/g) ?? []).length;
  if (count > (options.maxPoints ?? Infinity)) throw new TrackTooLargeError(count);
  checkXmlShape(text, options.maxPoints);
  let doc: Document;
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch (error) {
    throw new TrackError(`XML 格式错误${xmlPosition(error)}`);
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'gpx') throw new TrackError('根元素不是 <gpx>');
  const points = (name: string) => Array.from(doc.getElementsByTagNameNS('*', name));
  let nodes = points('trkpt');
  if (nodes.length === 0) nodes = points('rtept');
  if (nodes.length === 0) throw new TrackError('没有 <trkpt> 轨迹点，也没有 <rtept> 路线点');
  const line = nodes.map((node, i) => {
    const lat = Number(node.getAttribute('lat'));
    const lon = Number(node.getAttribute('lon'));
    if (!node.hasAttribute('lat') || !node.hasAttribute('lon') || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      throw new TrackError(`第 ${i + 1} 个点缺少有效的 lat/lon 属性`);
    }
    return checkPosition([lon, lat], i);
  });
  if (line.length < 2) throw new TrackError(`轨迹只有 ${line.length} 个点，至少需要两个`);
  const crs = root.getAttribute('crs');
  return isCrs(crs) ? { line, crs } : { line };
}

/** Elements a GPX point may bring with it (time, elevation, a few sensor extensions). */
const GPX_ELEMENTS_PER_POINT = 8;

/** Nesting of a GPX file: gpx, trk, trkseg, trkpt, extensions and a few more. */
const GPX_MAX_DEPTH = 32;

/**
 * The XML parser spends about 8 µs per element and more on deep nesting, so a
 * file of millions of empty elements (not points) would take minutes: its
 * elements and depth are counted in one pass over the text first.
 */
function checkXmlShape(text: string, maxPoints: number | undefined): void {
  const maxElements = maxPoints === undefined ? Infinity : maxPoints * GPX_ELEMENTS_PER_POINT + 1000;
  let elements = 0;
  let depth = 0;
  for (const [, closing, selfClosing] of text.matchAll(/<(\/?)[A-Za-z_][^<>]*?(\/?)>/g)) {
    if (closing) {
      depth--;
      continue;
    }
    elements++;
    if (!selfClosing) depth++;
    if (depth > GPX_MAX_DEPTH) throw new TrackError(`XML 元素嵌套超过 ${GPX_MAX_DEPTH} 层，不是轨迹应用导出的 GPX`);
  }
  if (elements > maxElements) {
    throw new TrackError(`有 ${elements} 个 XML 元素，超过上限 ${maxElements} 个（每个点最多 ${GPX_ELEMENTS_PER_POINT} 个）`);
  }
}

/** A region's polygon and its properties, as read from GeoJSON. */
export interface RegionFile {
  geometry: unknown;
  properties: Record<string, unknown>;
}

/**
 * Reads a region file: a Feature or a FeatureCollection of one, holding a
 * Polygon or MultiPolygon. Shape validation beyond that is the schema's job.
 *
 * @example
 * parseRegion('{"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[…]}}')
 */
export function parseRegion(text: string): RegionFile {
  const json = parseJson(text);
  const feature = singleFeature(json);
  const geometry = singleGeometry(json, ['Polygon', 'MultiPolygon'], '面（Polygon 或 MultiPolygon）');
  return { geometry, properties: (feature?.properties as Record<string, unknown>) ?? {} };
}

function parseJson(text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TrackError(`不是有效的 JSON${jsonPosition(error, text)}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new TrackError('顶层应为 GeoJSON 对象');
  return json as Record<string, unknown>;
}

function singleFeature(json: Record<string, unknown>): Record<string, unknown> | undefined {
  if (json.type === 'Feature') return json;
  if (json.type === 'FeatureCollection') {
    const features = json.features;
    if (!Array.isArray(features)) throw new TrackError('FeatureCollection 缺少 features 数组');
    if (features.length !== 1) throw new TrackError(`FeatureCollection 应只含一个要素，实际有 ${features.length} 个`);
    return features[0] as Record<string, unknown>;
  }
  return undefined;
}

function singleGeometry(
  json: Record<string, unknown>,
  types: string[],
  described: string,
): { type: string; coordinates: unknown } {
  const feature = singleFeature(json);
  const geometry = (feature ? feature.geometry : json) as Record<string, unknown> | null;
  if (!geometry || typeof geometry !== 'object') throw new TrackError('要素没有 geometry');
  if (!types.includes(String(geometry.type))) {
    throw new TrackError(`几何类型为 ${String(geometry.type)}，应为${described}`);
  }
  if (!Array.isArray(geometry.coordinates)) throw new TrackError('coordinates 不是数组');
  return geometry as { type: string; coordinates: unknown };
}

function declaredCrs(json: Record<string, unknown>): Crs | undefined {
  const feature = singleFeature(json);
  const candidates = [json.crs, (feature?.properties as Record<string, unknown> | undefined)?.crs];
  return candidates.find(isCrs);
}

function isCrs(value: unknown): value is Crs {
  return typeof value === 'string' && (CRS as readonly string[]).includes(value);
}

function checkPosition(position: unknown, index: number): number[] {
  if (
    !Array.isArray(position) ||
    position.length < 2 ||
    !Number.isFinite(position[0]) ||
    !Number.isFinite(position[1])
  ) {
    throw new TrackError(`第 ${index + 1} 个点不是 [经度, 纬度]`);
  }
  const [lng, lat] = position as number[];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    throw new TrackError(`第 ${index + 1} 个点 [${lng}, ${lat}] 超出经纬度范围（经度在前，纬度在后）`);
  }
  return [lng, lat];
}

/**
 * Where JSON.parse stopped, as `（第 3 行第 7 列）`. Its message quotes the
 * file ("root:x:0:0:"... is not valid JSON), so only the position is kept.
 */
export function jsonPosition(error: unknown, text: string): string {
  const message = String(error instanceof Error ? error.message : error);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `（第 ${lineColumn[1]} 行第 ${lineColumn[2]} 列）`;
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return `（第 ${before.length} 行第 ${before.at(-1)!.length + 1} 列）`;
  }
  if (text.trim() === '') return '（文件是空的）';
  if (!/^\s*[{[]/.test(text)) return '（文件不是以 { 开头的 JSON 对象，可能根本不是 GeoJSON 文件）';
  return '（含有 JSON 不允许的内容，例如没加引号的文字或多余的逗号；请用 geojson.io 或 VS Code 打开，看标红的地方）';
}

/** Where the XML parser stopped, as `（第 3 行第 7 列）`; its message may quote the file. */
function xmlPosition(error: unknown): string {
  const at = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
  if (!at?.lineNumber) return '（文件不是 XML，可能根本不是 GPX 文件）';
  return at.columnNumber ? `（第 ${at.lineNumber} 行第 ${at.columnNumber} 列）` : `（第 ${at.lineNumber} 行）`;
}
