/**
 * The one content loader. The checker command calls it directly; the Astro
 * collections (src/content.config.ts) wrap it; so the site and the checker
 * always see the same entries, the same WGS-84 coordinates and the same
 * problems. It never throws for bad content: every problem is collected.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { ENTRY_COLLECTIONS, ENTRY_SCHEMAS, type EntryCollection } from '../schemas/index.ts';
import { ID_PATTERN } from '../schemas/common.ts';
import { metaOf, schemaAt } from '../schemas/meta.ts';
import { regionGeometrySchema, regionPropertiesSchema } from '../schemas/regions.ts';
import { AUDIO_EXTENSIONS, checkAudio } from './audio.ts';
import { checkBody } from './bodies.ts';
import { checkRegionParents } from './district/regions.ts';
import { geometryFaults } from './district/validity.ts';
import { lineToWgs84, toWgs84 } from './coords.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { checkImages, IMAGE_EXTENSIONS } from './images.ts';
import type {
  AnyEntry,
  BuildingEntry,
  ClassicEntry,
  Content,
  EntryAudio,
  FieldLines,
  FigureEntry,
  LngLat,
  RegionEntry,
  RouteEntry,
  RouteStop,
  StationEntry,
} from './model.ts';
import { closest, collectionName, problem, sortProblems, type Problem } from './problems.ts';
import { parseGeoJsonTrack, parseGpxTrack, parseRegion, TrackError, type Track } from './tracks.ts';

const ENTRY_EXTENSIONS = new Set(['.md', '.mdx']);
const TRACK_EXTENSIONS = new Set(['.geojson', '.json', '.gpx']);
const zhCN = z.locales.zhCN().localeError;

/** The content directory could not be used at all (exit 2, not a content error). */
export class ContentDirError extends Error {}

/**
 * The content directory: `CONTENT_DIR` when set, else `content/`, resolved
 * against the working directory.
 *
 * @example
 * resolveContentDir() // '/work/main/content'
 */
export function resolveContentDir(dir?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(dir ?? env.CONTENT_DIR ?? 'content');
}

let cached: { dir: string; content: Content } | undefined;

/** `loadContent`, once per process for the same directory (collections and pages share it). */
export function loadContentCached(dir: string): Content {
  const root = path.resolve(dir);
  if (cached?.dir !== root) cached = { dir: root, content: loadContent(root) };
  return cached.content;
}

/** Forgets the cached content, e.g. when a file changes in dev. */
export function forgetContent(): void {
  cached = undefined;
}

/**
 * Loads, validates and converts every entry of a content directory.
 *
 * @example
 * const content = loadContent('content');
 * content.problems.filter((p) => p.severity === 'error').length // 0 for the sample content
 */
export function loadContent(dir: string): Content {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ContentDirError(`内容目录不存在：${root}`);
  }
  const problems: Problem[] = [];
  const raw = new Map<EntryCollection, RawEntry[]>();
  for (const collection of ENTRY_COLLECTIONS) {
    raw.set(collection, readCollection(root, collection, problems));
  }
  const stations = raw.get('stations')!.map((e) => placed(e)) as StationEntry[];
  const buildings = raw.get('buildings')!.map((e) => placed(e)) as BuildingEntry[];
  const figures = raw.get('figures')! as unknown as FigureEntry[];
  const classics = raw.get('classics')! as unknown as ClassicEntry[];

  checkDuplicateIds(raw, problems);
  const ids = {
    buildings: new Map(buildings.map((b) => [b.id, b])),
    stations: new Map(stations.map((s) => [s.id, s])),
    figures: new Set(figures.map((f) => f.id)),
    classics: new Set(classics.map((c) => c.id)),
  };
  for (const b of buildings) {
    checkRefs(b, 'figures', ids.figures, problems);
    checkRefs(b, 'classics', ids.classics, problems);
  }
  for (const f of figures) {
    checkRefs(f, 'buildings', new Set(ids.buildings.keys()), problems);
    checkRefs(f, 'classics', ids.classics, problems);
  }
  for (const c of classics) {
    checkRefs(c, 'figures', ids.figures, problems);
    checkRefs(c, 'buildings', new Set(ids.buildings.keys()), problems);
  }
  const routes = raw.get('routes')!.map((e) => buildRoute(root, e, ids, problems));
  const regions = readRegions(root, problems);

  return {
    dir: root,
    stations,
    buildings,
    figures,
    classics,
    routes,
    regions,
    problems: sortProblems(problems),
  };
}

type RawEntry = Omit<AnyEntry, 'collection' | 'data'> & {
  collection: EntryCollection;
  data: Record<string, unknown>;
  /** Buildings and classics only (src/lib/audio.ts). */
  audio?: EntryAudio[];
};

function readCollection(root: string, collection: EntryCollection, problems: Problem[]): RawEntry[] {
  const dir = path.join(root, collection);
  if (!existsSync(dir)) return [];
  const entries: RawEntry[] = [];
  const files = readdirSync(dir, { withFileTypes: true }).filter((d) => !d.isDirectory());
  for (const name of files.map((d) => d.name).sort()) {
    if (name.startsWith('.')) continue;
    const absPath = path.join(dir, name);
    const file = `${collection}/${name}`;
    const ext = path.extname(name).toLowerCase();
    if (!ENTRY_EXTENSIONS.has(ext)) {
      // Images may sit beside entries too (src/lib/images.ts checks the ones entries name).
      const media = IMAGE_EXTENSIONS.has(ext) || AUDIO_EXTENSIONS.has(ext);
      if (!(collection === 'routes' && TRACK_EXTENSIONS.has(ext)) && !media) {
        problems.push(problem('file-ignored', { file }, { ext: ext || name }));
      }
      continue;
    }
    const entry = readEntry(root, absPath, file, collection, problems);
    if (entry) entries.push(entry);
  }
  return entries;
}

function readEntry(
  root: string,
  absPath: string,
  file: string,
  collection: EntryCollection,
  problems: Problem[],
): RawEntry | undefined {
  const id = path.basename(file, path.extname(file));
  let source: string;
  try {
    source = readFileSync(absPath, 'utf8');
  } catch (error) {
    problems.push(problem('file-unreadable', { file }, { reason: (error as Error).message }));
    return undefined;
  }
  let ok = true;
  if (!ID_PATTERN.test(id)) {
    problems.push(problem('id-invalid', { file }, { id, suggestion: suggestId(id) }));
    ok = false;
  }
  const fm = parseFrontmatter(source);
  if (fm.missing) {
    problems.push(problem('frontmatter-missing', { file, line: 1 }));
    return undefined;
  }
  for (const error of fm.errors) {
    problems.push(problem('yaml-invalid', { file, line: error.line }, { reason: error.message }));
  }
  problems.push(
    ...checkBody({ root, file, absPath, body: fm.body, bodyLine: fm.bodyLine, data: fm.data, lineOf: (f) => lineOf(fm.lines, f) }),
  );
  if (!fm.data) return undefined;

  const schema = ENTRY_SCHEMAS[collection];
  reportUnknownFields(fm.data, Object.keys(schema.shape), '', file, fm.lines, problems);
  if (isRecord(fm.data.location)) {
    reportUnknownFields(fm.data.location, ['lng', 'lat', 'crs'], 'location', file, fm.lines, problems);
  }
  // Image files are checked even when the schema fails, so every problem shows in one run.
  const images = checkImages(
    fm.data.images,
    { root, collection, id, file, absPath, lineOf: (field) => lineOf(fm.lines, field) },
    problems,
  );
  // Recordings on buildings and classics (src/lib/audio.ts), checked like images.
  const audio =
    collection === 'buildings' || collection === 'classics'
      ? checkAudio(fm.data.audio, { root, collection, id, file, absPath, lineOf: (field) => lineOf(fm.lines, field) }, problems)
      : [];
  const parsed = schema.safeParse(fm.data, { error: zhCN });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(issueToProblem(issue, schema, fm.data, file, fm.lines));
    }
    return undefined;
  }
  if (!ok) return undefined;
  return {
    collection,
    id,
    file,
    absPath,
    data: parsed.data as Record<string, unknown>,
    body: fm.body,
    lines: fm.lines,
    images,
    audio,
  };
}

function issueToProblem(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  data: Record<string, unknown>,
  file: string,
  lines: FieldLines,
): Problem {
  const field = fieldPath(issue.path);
  const where = { file, line: lineOf(lines, field), field: field || undefined };
  // Say what the field is for (its schema's Chinese description), not just what is wrong.
  const fieldSchema = schemaAt(schema, issue.path);
  const meta = fieldSchema ? metaOf(fieldSchema) : {};
  const explained = meta.title ? `${meta.title}：${meta.description}` : undefined;
  // `lng:` with nothing after it (as `npm run new` leaves it) is as missing as no `lng` at all.
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) == null) {
    const key = issue.path.at(-1);
    return problem('field-required', where, {
      field,
      key: typeof key === 'string' ? key : field,
      parent: fieldPath(issue.path.slice(0, -1)) || undefined,
      expected: explained ?? issue.message,
    });
  }
  return problem('field-invalid', where, { field, reason: issue.message, fix: explained });
}

function reportUnknownFields(
  data: Record<string, unknown>,
  known: string[],
  prefix: string,
  file: string,
  lines: FieldLines,
  problems: Problem[],
): void {
  for (const key of Object.keys(data)) {
    if (known.includes(key)) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    problems.push(
      problem('field-unknown', { file, line: lines[field], field }, { field, suggestion: closest(key, known) }),
    );
  }
}

function placed(entry: RawEntry): RawEntry & { point: LngLat; original: StationEntry['original'] } {
  const location = entry.data.location as StationEntry['original'];
  return {
    ...entry,
    point: toWgs84([location.lng, location.lat], location.crs),
    original: { lng: location.lng, lat: location.lat, crs: location.crs },
  };
}

function checkDuplicateIds(raw: Map<EntryCollection, RawEntry[]>, problems: Problem[]): void {
  // Route stops may name a building or a station, so the two share one id space.
  const groups: EntryCollection[][] = [['buildings', 'stations'], ['figures'], ['classics'], ['routes']];
  for (const group of groups) {
    const seen = new Map<string, RawEntry>();
    for (const collection of group) {
      for (const entry of raw.get(collection)!) {
        const first = seen.get(entry.id);
        if (first) {
          problems.push(problem('id-duplicate', { file: entry.file }, { id: entry.id, other: first.file }));
        } else {
          seen.set(entry.id, entry);
        }
      }
    }
  }
}

function checkRefs(
  entry: { file: string; data: object; lines: FieldLines },
  field: 'figures' | 'classics' | 'buildings',
  known: Set<string>,
  problems: Problem[],
): void {
  const list = ((entry.data as Record<string, unknown>)[field] as string[] | undefined) ?? [];
  list.forEach((id, i) => {
    if (known.has(id)) return;
    const at = `${field}[${i}]`;
    problems.push(
      problem(
        'ref-unknown',
        { file: entry.file, line: lineOf(entry.lines, at), field: at },
        { id, target: collectionName(field), dir: `${field}/`, suggestion: closest(id, known) },
      ),
    );
  });
}

function buildRoute(
  root: string,
  entry: RawEntry,
  ids: { buildings: Map<string, BuildingEntry>; stations: Map<string, StationEntry> },
  problems: Problem[],
): RouteEntry {
  const data = entry.data as RouteEntry['data'];
  const stops: RouteStop[] = [];
  data.stops.forEach((id, i) => {
    const target = ids.buildings.get(id) ?? ids.stations.get(id);
    if (target) {
      stops.push({ id, kind: target.collection, name: target.data.name, point: target.point });
      return;
    }
    const at = `stops[${i}]`;
    problems.push(
      problem(
        'ref-unknown',
        { file: entry.file, line: lineOf(entry.lines, at), field: at },
        {
          id,
          target: '建筑或站点',
          dir: 'buildings/ 或 stations/',
          suggestion: closest(id, [...ids.buildings.keys(), ...ids.stations.keys()]),
        },
      ),
    );
  });
  for (const stop of Object.keys(data.tasks ?? {})) {
    if (data.stops.includes(stop)) continue;
    const at = `tasks.${stop}`;
    problems.push(
      problem(
        'field-invalid',
        { file: entry.file, line: lineOf(entry.lines, at), field: at },
        {
          field: at,
          reason: `“${stop}”不是这条路线的经停点。`,
          fix: `tasks 的键须是 stops 中的 id：${data.stops.join('、')}。`,
        },
      ),
    );
  }

  const base = { ...entry, collection: 'routes' as const, data, stops };
  if (data.path === undefined) {
    return { ...base, line: stops.map((s) => s.point), schematic: true, pathSource: 'schematic' };
  }
  if (Array.isArray(data.path)) {
    return { ...base, line: lineToWgs84(data.path, data.crs), schematic: false, pathSource: 'inline' };
  }
  const track = readTrack(root, entry, data.path, problems);
  if (!track) return { ...base, line: [], schematic: false, pathSource: 'geojson' };
  return {
    ...base,
    line: lineToWgs84(track.track.line, track.track.crs ?? data.crs),
    schematic: false,
    pathSource: track.kind,
  };
}

function readTrack(
  root: string,
  entry: RawEntry,
  relative: string,
  problems: Problem[],
): { track: Track; kind: 'geojson' | 'gpx' } | undefined {
  const where = { file: entry.file, line: lineOf(entry.lines, 'path'), field: 'path' };
  const absPath = path.resolve(path.dirname(entry.absPath), relative);
  const ext = path.extname(relative).toLowerCase();
  const kind = ext === '.gpx' ? 'gpx' : 'geojson';
  if (!TRACK_EXTENSIONS.has(ext)) {
    problems.push(
      problem('field-invalid', where, {
        field: 'path',
        reason: `轨迹文件“${relative}”的扩展名不是 .geojson 或 .gpx。`,
        fix: '请把轨迹导出为 GeoJSON（.geojson）或 GPX（.gpx）文件，放在路线文件旁边。',
      }),
    );
    return undefined;
  }
  if (!existsSync(absPath) || !statSync(absPath).isFile()) {
    problems.push(problem('path-missing', where, { path: relative }));
    return undefined;
  }
  const trackFile = path.relative(root, absPath).split(path.sep).join('/');
  try {
    const text = readFileSync(absPath, 'utf8');
    return { track: kind === 'gpx' ? parseGpxTrack(text) : parseGeoJsonTrack(text), kind };
  } catch (error) {
    if (!(error instanceof TrackError)) throw error;
    problems.push(
      problem(kind === 'gpx' ? 'gpx-invalid' : 'geojson-invalid', where, {
        reason: `${trackFile}：${error.message}`,
      }),
    );
    return undefined;
  }
}

function readRegions(root: string, problems: Problem[]): RegionEntry[] {
  const dir = path.join(root, 'regions');
  if (!existsSync(dir)) return [];
  const regions: RegionEntry[] = [];
  const attempted: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const absPath = path.join(dir, name);
    const file = `regions/${name}`;
    const ext = path.extname(name).toLowerCase();
    if (ext !== '.geojson' && ext !== '.json') {
      problems.push(problem('file-ignored', { file }, { ext: ext || name }));
      continue;
    }
    const id = path.basename(name, path.extname(name));
    if (!ID_PATTERN.test(id)) {
      problems.push(problem('id-invalid', { file }, { id, suggestion: suggestId(id) }));
      continue;
    }
    attempted.push(id);
    try {
      const region = parseRegion(readFileSync(absPath, 'utf8'));
      const geometry = regionGeometrySchema.safeParse(region.geometry, { error: zhCN });
      const properties = regionPropertiesSchema.safeParse(region.properties, { error: zhCN });
      if (!geometry.success || !properties.success) {
        const issue = (geometry.error ?? properties.error)!.issues[0];
        const field = fieldPath([geometry.error ? 'geometry' : 'properties', ...issue.path]);
        problems.push(problem('region-invalid', { file, field }, { reason: issue.message }));
        continue;
      }
      const faults = geometryFaults(geometry.data);
      for (const fault of faults) {
        problems.push(problem('region-geometry-invalid', { file, field: fault.field }, { region: id, reason: fault.reason }));
      }
      if (faults.length > 0) continue;
      regions.push({
        collection: 'regions',
        id,
        file,
        absPath,
        name: properties.data.name,
        properties: properties.data,
        geometry: geometry.data,
      });
    } catch (error) {
      if (!(error instanceof TrackError)) throw error;
      problems.push(problem('region-invalid', { file }, { reason: error.message }));
    }
  }
  const usable = new Set(regions.map((r) => r.id));
  problems.push(...checkRegionParents(regions, { unusable: new Set(attempted.filter((id) => !usable.has(id))) }));
  return regions;
}

/** `['stops', 2]` → `stops[2]`; `['location', 'lng']` → `location.lng`. */
function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${String(s)}` : String(s)),
    '',
  );
}

/** The line of a field, or of its closest written parent. */
function lineOf(lines: FieldLines, field: string): number | undefined {
  let at = field;
  while (at) {
    if (lines[at] !== undefined) return lines[at];
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    at = cut > 0 ? at.slice(0, cut) : '';
  }
  return undefined;
}

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  let value: unknown = data;
  for (const s of segments) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[s];
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A valid id close to what was written, for hints.
 *
 * @example
 * suggestId('Nie_Er') // 'nie-er'
 */
export function suggestId(id: string): string {
  const cleaned = id
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return cleaned || 'my-entry';
}
