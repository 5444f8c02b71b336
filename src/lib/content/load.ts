/**
 * The one content loader. The checker command calls it directly; the Astro
 * collections (src/content.config.ts) wrap it; so the site and the checker
 * always see the same entries, the same WGS-84 coordinates and the same
 * problems. It never throws for bad content: every problem is collected.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { ENTRY_COLLECTIONS, ENTRY_SCHEMAS, type EntryCollection } from '../../schemas/index.ts';
import { ID_MAX_LENGTH, idProblem } from '../../schemas/common.ts';
import { metaOf, schemaAt } from '../../schemas/meta.ts';
import { regionGeometrySchema, regionPropertiesSchema } from '../../schemas/regions.ts';
import { AUDIO_EXTENSIONS, checkAudio } from './audio.ts';
import { readBasemap } from './basemap.ts';
import { checkBody } from './bodies.ts';
import { insideContent, LIMITS, outsideProblem, readContentText } from './files.ts';
import { checkRegionParents } from '../district/regions.ts';
import { geometryFaults } from '../district/validity.ts';
import { lineToWgs84, toWgs84 } from '../geo/coords.ts';
import { offsetExample, parseEventTime } from '../services/event-time.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { haversine } from '../geo/distance.ts';
import { checkImages, IMAGE_EXTENSIONS } from './images.ts';
import { readOpeningHours } from '../services/opening-hours.ts';
import type {
  AnyEntry,
  BuildingEntry,
  ClassicEntry,
  Content,
  EventEntry,
  EventPlace,
  EntryAudio,
  FieldLines,
  FigureEntry,
  LngLat,
  RegionEntry,
  RouteEntry,
  RouteStop,
  StationEntry,
} from './model.ts';
import { closest, collectionName, problem, sortProblems, type Problem, type Where } from './problems.ts';
import { parseGeoJsonTrack, parseGpxTrack, parseRegion, TrackError, TrackTooLargeError, type Track } from './tracks.ts';

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
  suggestionCells = SUGGESTION_CELLS;
  const raw = new Map<EntryCollection, RawEntry[]>();
  // Files whose id is valid but whose entry was refused: references to them
  // get one warning, not a second "unknown id" error.
  const refused: Refused = new Map();
  for (const collection of ENTRY_COLLECTIONS) {
    raw.set(collection, readCollection(root, collection, problems, refused));
  }
  const stations = raw.get('stations')!.map((e) => withHours(placed(e) as StationEntry, problems));
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
    checkRefs(b, 'figures', ids.figures, refused, problems);
    checkRefs(b, 'classics', ids.classics, refused, problems);
  }
  const buildingIds = new Set(ids.buildings.keys());
  for (const f of figures) {
    checkRefs(f, 'buildings', buildingIds, refused, problems);
    checkRefs(f, 'classics', ids.classics, refused, problems);
  }
  for (const c of classics) {
    checkRefs(c, 'figures', ids.figures, refused, problems);
    checkRefs(c, 'buildings', buildingIds, refused, problems);
  }
  const routes = raw.get('routes')!.map((e) => buildRoute(root, e, ids, refused, problems));
  const regions = readRegions(root, problems);
  checkNearRegions([...stations, ...buildings], regions, problems);
  const events = raw
    .get('events')!
    .map((e) => buildEvent(e, { ...ids, routes: new Map(routes.map((r) => [r.id, r])) }, refused, problems))
    .filter((e): e is EventEntry => e !== undefined)
    .sort((a, b) => a.startDate.getTime() - b.startDate.getTime() || a.id.localeCompare(b.id));
  const basemap = readBasemap(root, problems);

  return {
    dir: root,
    stations,
    buildings,
    figures,
    classics,
    routes,
    events,
    regions,
    basemap,
    problems: sortProblems(problems),
  };
}

/**
 * "Did you mean" compares the word with every candidate (edit distance, word
 * length × candidate length steps), so a route naming 20,000 unknown stops in
 * a city of 10,000 stations would take hours. Each load may spend this many
 * steps, about 0.2 s; after that, problems come without a suggestion.
 */
const SUGGESTION_CELLS = 30_000_000;
let suggestionCells = SUGGESTION_CELLS;

/** `closest()` within the load's budget; undefined once the budget is spent. */
function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (suggestionCells <= 0) return undefined;
  const list = [...candidates];
  const cells = word.length * list.reduce((n, c) => n + c.length, 0);
  // Once one suggestion does not fit, none are made: later calls cost nothing.
  suggestionCells = cells > suggestionCells ? 0 : suggestionCells - cells;
  return suggestionCells > 0 ? closest(word, list) : undefined;
}

type RawEntry = Omit<AnyEntry, 'collection' | 'data'> & {
  collection: EntryCollection;
  data: Record<string, unknown>;
  /** Buildings and classics only (src/lib/content/audio.ts). */
  audio?: EntryAudio[];
};

/** Collection → id → file of entries that exist but were refused. */
type Refused = Map<EntryCollection, Map<string, string>>;

function readCollection(
  root: string,
  collection: EntryCollection,
  problems: Problem[],
  refused: Refused,
): RawEntry[] {
  const dir = path.join(root, collection);
  if (!existsSync(dir)) return [];
  const entries: RawEntry[] = [];
  const files = readdirSync(dir, { withFileTypes: true }).filter((d) => !d.isDirectory());
  for (const name of files.map((d) => d.name).sort()) {
    if (name.startsWith('.')) continue;
    const absPath = path.join(dir, name);
    const file = `${collection}/${name}`;
    const written = path.extname(name);
    const ext = written.toLowerCase();
    if (!ENTRY_EXTENSIONS.has(ext)) {
      // Images may sit beside entries too (src/lib/content/images.ts checks the ones entries name).
      const media = IMAGE_EXTENSIONS.has(ext) || AUDIO_EXTENSIONS.has(ext);
      if (!(collection === 'routes' && TRACK_EXTENSIONS.has(ext)) && !media) {
        problems.push(problem('file-ignored', { file }, { ext: ext || name }));
      }
      continue;
    }
    const id = path.basename(name, written);
    if (written !== ext) {
      // Astro renders bodies by extension and knows only .md and .mdx.
      problems.push(problem('extension-case', { file }, { ext: written, rename: `${id}${ext}` }));
      markRefused(refused, collection, id, file);
      continue;
    }
    const entry = readEntry(root, absPath, file, collection, problems);
    if (entry) entries.push(entry);
    else markRefused(refused, collection, id, file);
  }
  return entries;
}

function markRefused(refused: Refused, collection: EntryCollection, id: string, file: string): void {
  if (idProblem(id)) return;
  if (!refused.has(collection)) refused.set(collection, new Map());
  refused.get(collection)!.set(id, file);
}

function readEntry(
  root: string,
  absPath: string,
  file: string,
  collection: EntryCollection,
  problems: Problem[],
): RawEntry | undefined {
  const id = path.basename(file, path.extname(file));
  const source = readContentText(
    absPath,
    {
      root,
      what: '条目文件',
      maxBytes: LIMITS.entryFileBytes,
      fix: '条目文件只放文字；图片放在与条目同名的文件夹里，长轨迹存为 .gpx 或 .geojson 文件并由 path 引用。',
      where: { file },
      shown: file,
    },
    problems,
  );
  if (source === undefined) return undefined;
  let ok = true;
  if (idProblem(id)) {
    problems.push(problem('id-invalid', { file }, idInvalidParams(id)));
    ok = false;
  }
  const fm = parseFrontmatter(source);
  if (fm.missing) {
    problems.push(problem('frontmatter-missing', { file, line: 1 }));
    return undefined;
  }
  for (const error of fm.errors) {
    problems.push(problem('yaml-invalid', { file, line: error.line }, { reason: error.message, fix: error.fix }));
  }
  if (!checkBodyText(fm.body, fm.bodyLine, file, problems)) ok = false;
  else {
    problems.push(
      ...checkBody({ root, file, absPath, body: fm.body, bodyLine: fm.bodyLine, data: fm.data, lineOf: (f) => lineOf(fm.lines, f) }),
    );
  }
  if (!fm.data) return undefined;
  if (!checkControlCharacters(fm.data, '', file, fm.lines, problems)) ok = false;

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
  // Recordings on buildings and classics (src/lib/content/audio.ts), checked like images.
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
      problem('field-unknown', { file, line: lines[field], field }, { field, suggestion: suggest(key, known) }),
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
  const groups: EntryCollection[][] = [['buildings', 'stations'], ['figures'], ['classics'], ['routes'], ['events']];
  for (const group of groups) {
    const seen = new Map<string, RawEntry>();
    for (const collection of group) {
      for (const entry of raw.get(collection)!) {
        const first = seen.get(entry.id);
        if (first) {
          const shared = first.collection !== entry.collection ? 1 : undefined;
          const params = { id: entry.id, other: first.file, shared, collection };
          problems.push(problem('id-duplicate', { file: entry.file }, params));
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
  refused: Refused,
  problems: Problem[],
): void {
  const list = ((entry.data as Record<string, unknown>)[field] as string[] | undefined) ?? [];
  list.forEach((id, i) => {
    if (known.has(id)) return;
    const at = `${field}[${i}]`;
    const where = { file: entry.file, line: lineOf(entry.lines, at), field: at };
    if (refusedRef(id, [field], refused, where, problems)) return;
    problems.push(
      problem(
        'ref-unknown',
        { file: entry.file, line: lineOf(entry.lines, at), field: at },
        { id, target: collectionName(field), dir: `${field}/`, suggestion: suggest(id, known) },
      ),
    );
  });
}

function buildRoute(
  root: string,
  entry: RawEntry,
  ids: { buildings: Map<string, BuildingEntry>; stations: Map<string, StationEntry> },
  refused: Refused,
  problems: Problem[],
): RouteEntry {
  const data = entry.data as RouteEntry['data'];
  const stops: RouteStop[] = [];
  data.stops.forEach((id, i) => {
    const at = `stops[${i}]`;
    if (i > 0 && data.stops[i - 1] === id) {
      problems.push(problem('stop-repeated', { file: entry.file, line: lineOf(entry.lines, at), field: at }, { id }));
    }
    const target = ids.buildings.get(id) ?? ids.stations.get(id);
    if (target) {
      stops.push({ id, kind: target.collection, name: target.data.name, point: target.point });
      return;
    }
    const where = { file: entry.file, line: lineOf(entry.lines, at), field: at };
    if (refusedRef(id, ['buildings', 'stations'], refused, where, problems)) return;
    problems.push(
      problem(
        'ref-unknown',
        { file: entry.file, line: lineOf(entry.lines, at), field: at },
        {
          id,
          target: '建筑或站点',
          dir: 'buildings/ 或 stations/',
          suggestion: suggest(id, [...ids.buildings.keys(), ...ids.stations.keys()]),
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
  let route: RouteEntry;
  if (data.path === undefined) {
    route = { ...base, line: stops.map((s) => s.point), schematic: true, pathSource: 'schematic' };
  } else if (Array.isArray(data.path)) {
    route = { ...base, line: lineToWgs84(data.path, data.crs), schematic: false, pathSource: 'inline' };
  } else {
    const track = readTrack(root, entry, data.path, problems);
    if (!track) return { ...base, line: [], schematic: false, pathSource: 'geojson' };
    route = {
      ...base,
      line: lineToWgs84(track.track.line, track.track.crs ?? data.crs),
      schematic: false,
      pathSource: track.kind,
    };
  }
  // Checked before anything samples the line: a path across the globe would be
  // millions of samples at 10 m.
  return walkable(route, problems) ? route : { ...route, line: [] };
}

/** False, with a problem, when a route is too long to be a walk or jumps too far between two points. */
function walkable(route: RouteEntry, problems: Problem[]): boolean {
  const field = route.schematic ? 'stops' : 'path';
  const where = { file: route.file, line: lineOf(route.lines, field), field };
  let totalM = 0;
  for (let i = 1; i < route.line.length; i++) {
    const segmentM = haversine(route.line[i - 1], route.line[i]);
    if (segmentM > LIMITS.segmentKm * 1000) {
      problems.push(problem('route-too-long', where, { index: i, segmentKm: kilometres(segmentM), limitKm: LIMITS.segmentKm }));
      return false;
    }
    totalM += segmentM;
  }
  if (totalM > LIMITS.routeKm * 1000) {
    problems.push(problem('route-too-long', where, { lengthKm: kilometres(totalM), limitKm: LIMITS.routeKm }));
    return false;
  }
  return true;
}

function kilometres(metres: number): string {
  return (metres / 1000).toFixed(1);
}

/**
 * A reference to an entry that exists but was refused gets one warning here
 * (its own file has the error), instead of a second "unknown id" error.
 */
function refusedRef(
  id: string,
  collections: EntryCollection[],
  refused: Refused,
  where: Where,
  problems: Problem[],
): boolean {
  for (const collection of collections) {
    const other = refused.get(collection)?.get(id);
    if (!other) continue;
    problems.push(problem('ref-invalid-entry', where, { id, target: collectionName(collection), other }));
    return true;
  }
  return false;
}

/** A station with its `openingHours` read; a value the parser refuses is kept as text and warned about. */
function withHours(station: StationEntry, problems: Problem[]): StationEntry {
  const written = station.data.openingHours;
  if (written === undefined) return station;
  const hours = readOpeningHours(written);
  if (!hours.ok) {
    const where = { file: station.file, line: lineOf(station.lines, 'openingHours'), field: 'openingHours' };
    problems.push(problem('opening-hours-unparsed', where, { value: written, reason: hours.reason }));
  }
  return { ...station, hours };
}

/**
 * An event with its times as instants and its place resolved. Times without
 * a UTC offset, an end before the start and a place that names nothing are
 * reported with their line; such an event is left out of the site.
 */
function buildEvent(
  entry: RawEntry,
  ids: {
    buildings: Map<string, BuildingEntry>;
    stations: Map<string, StationEntry>;
    routes: Map<string, RouteEntry>;
  },
  refused: Refused,
  problems: Problem[],
): EventEntry | undefined {
  const data = entry.data as EventEntry['data'];
  const at = (field: string) => ({ file: entry.file, line: lineOf(entry.lines, field), field });
  const time = (field: 'start' | 'end'): Date | undefined => {
    const written = data[field];
    if (written === undefined) return undefined;
    const parsed = parseEventTime(written);
    if (parsed.ok) return parsed.date;
    const label = field === 'start' ? '开始时间' : '结束时间';
    if (parsed.problem === 'offset-missing') {
      problems.push(
        problem('date-offset-missing', at(field), { field: label, value: written, reason: parsed.reason, example: offsetExample(written) }),
      );
    } else {
      problems.push(
        problem('field-invalid', at(field), {
          field,
          reason: `“${written}”${parsed.reason}`,
          fix: `${label}写成 日期T时间+时区，例如 2026-12-12T14:00:00+08:00。`,
        }),
      );
    }
    return undefined;
  };
  const startDate = time('start');
  const endDate = time('end');
  if (startDate && endDate && endDate < startDate) {
    problems.push(problem('event-end-before-start', at('end'), { start: data.start, end: data.end }));
  }
  const place = eventPlace(data.place, ids);
  if (!place && !refusedRef(data.place, ['stations', 'buildings', 'routes'], refused, at('place'), problems)) {
    problems.push(
      problem('ref-unknown', at('place'), {
        id: data.place,
        target: '站点、建筑或路线',
        dir: 'stations/、buildings/ 或 routes/',
        suggestion: closest(data.place, [...ids.stations.keys(), ...ids.buildings.keys(), ...ids.routes.keys()]),
      }),
    );
  }
  if (!startDate || (data.end !== undefined && !endDate) || (endDate && endDate < startDate) || !place) return undefined;
  return { ...entry, collection: 'events', data, startDate, endDate, place };
}

/** A building or station first (they share one id space), then a route. */
function eventPlace(
  id: string,
  ids: { buildings: Map<string, BuildingEntry>; stations: Map<string, StationEntry>; routes: Map<string, RouteEntry> },
): EventPlace | undefined {
  const site = ids.buildings.get(id) ?? ids.stations.get(id);
  if (site) {
    const { name, address, subdistrict } = site.data;
    return { collection: site.collection, id, name, address, point: site.point, subdistrict };
  }
  const route = ids.routes.get(id);
  if (!route) return undefined;
  const first = route.stops[0];
  return {
    collection: 'routes',
    id,
    name: route.data.title,
    address: first ? `起点：${first.name}` : undefined,
    point: first?.point,
    subdistrict: route.data.subdistrict,
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
  // Judged before anything is read: an absolute path, ../ or a link may point at any file on the machine.
  if (!insideContent(root, absPath)) {
    problems.push(outsideProblem(relative, absPath, '轨迹文件', where));
    return undefined;
  }
  if (!existsSync(absPath) || !statSync(absPath).isFile()) {
    problems.push(problem('path-missing', where, { path: relative }));
    return undefined;
  }
  const trackFile = path.relative(root, absPath).split(path.sep).join('/');
  const text = readContentText(
    absPath,
    {
      root,
      what: '轨迹文件',
      maxBytes: LIMITS.trackFileBytes,
      fix: `请在轨迹应用中降低记录频率或简化轨迹后重新导出（上限 ${LIMITS.trackPoints} 个点）。`,
      where,
      shown: trackFile,
    },
    problems,
  );
  if (text === undefined) return undefined;
  try {
    const options = { maxPoints: LIMITS.trackPoints };
    return { track: kind === 'gpx' ? parseGpxTrack(text, options) : parseGeoJsonTrack(text, options), kind };
  } catch (error) {
    if (error instanceof TrackTooLargeError) {
      problems.push(problem('track-too-many-points', where, { count: error.count, limit: LIMITS.trackPoints }));
      return undefined;
    }
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
    if (idProblem(id)) {
      problems.push(problem('id-invalid', { file }, idInvalidParams(id)));
      continue;
    }
    attempted.push(id);
    const text = readContentText(
      absPath,
      {
        root,
        what: '区域文件',
        maxBytes: LIMITS.trackFileBytes,
        fix: '请用 GIS 软件简化区域边界（例如 1 米容差）后重新导出。',
        where: { file },
        shown: file,
      },
      problems,
    );
    if (text === undefined) continue;
    try {
      const region = parseRegion(text);
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

/** Params of an `id-invalid` problem: what is wrong with the id and a valid one close to it. */
function idInvalidParams(id: string): Record<string, string | number> {
  const suggestion = suggestId(id);
  if (idProblem(id) !== 'length') return { id, suggestion };
  return { id: `${id.slice(0, 20)}…`, length: id.length, maxLength: ID_MAX_LENGTH, suggestion };
}

/** Characters that have no business in text: C0 and C1 controls other than tab, newline and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** `U+001B`, for messages. */
function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** False, with one problem per field, when a key or text value holds a control character. */
function checkControlCharacters(
  value: unknown,
  prefix: string,
  file: string,
  lines: FieldLines,
  problems: Problem[],
): boolean {
  let ok = true;
  const report = (field: string, text: string) => {
    const found = CONTROL.exec(text);
    if (!found) return;
    ok = false;
    problems.push(problem('text-control-character', { file, line: lineOf(lines, field), field }, { field, char: codePoint(found[0]) }));
  };
  if (typeof value === 'string') report(prefix, value);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (!checkControlCharacters(item, `${prefix}[${i}]`, file, lines, problems)) ok = false;
    });
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const field = prefix ? `${prefix}.${key}` : key;
      if (CONTROL.test(key)) report(field, key);
      else if (!checkControlCharacters(item, field, file, lines, problems)) ok = false;
    }
  }
  return ok;
}

/** False, with a problem, when a body is too large to index or holds control characters. */
function checkBodyText(body: string, bodyLine: number, file: string, problems: Problem[]): boolean {
  const bytes = Buffer.byteLength(body);
  if (bytes > LIMITS.bodyBytes) {
    problems.push(
      problem('file-too-large', { file, line: bodyLine }, {
        what: '正文',
        size: `${Math.round(bytes / 1024)} KB`,
        limit: `${LIMITS.bodyBytes / 1024} KB`,
        fix: '请把正文分成几个条目，或只保留与本条目有关的部分，其余写成资料来源的链接。',
      }),
    );
    return false;
  }
  const found = CONTROL.exec(body);
  if (!found) return true;
  const line = bodyLine + body.slice(0, found.index).split('\n').length - 1;
  problems.push(problem('text-control-character', { file, line }, { char: codePoint(found[0]) }));
  return false;
}

/**
 * Warns about places more than `LIMITS.regionDistanceKm` from every region
 * (when there are regions): a building in Paris, or `lng: 0x79` read as 121.
 * Distance is measured to each region's bounding box, so a place near a box
 * but far from its polygon is not flagged: the warning is never wrong, only
 * sometimes silent.
 */
function checkNearRegions(places: (StationEntry | BuildingEntry)[], regions: RegionEntry[], problems: Problem[]): void {
  if (regions.length === 0) return;
  const boxes = regions.map((r) => boundingBox(r.geometry.coordinates));
  for (const place of places) {
    const distanceM = Math.min(...boxes.map((box) => distanceToBox(place.point, box)));
    if (distanceM <= LIMITS.regionDistanceKm * 1000) continue;
    problems.push(
      problem('place-far-from-regions', { file: place.file, line: lineOf(place.lines, 'location'), field: 'location' }, {
        limitKm: LIMITS.regionDistanceKm,
        distanceKm: Math.round(distanceM / 1000),
      }),
    );
  }
}

type Box = [west: number, south: number, east: number, north: number];

/** The box of every position in nested coordinate arrays (Polygon or MultiPolygon). */
function boundingBox(coordinates: unknown, box: Box = [Infinity, Infinity, -Infinity, -Infinity]): Box {
  if (!Array.isArray(coordinates)) return box;
  if (typeof coordinates[0] === 'number') {
    const [lng, lat] = coordinates as number[];
    box[0] = Math.min(box[0], lng);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lng);
    box[3] = Math.max(box[3], lat);
    return box;
  }
  for (const item of coordinates) boundingBox(item, box);
  return box;
}

function distanceToBox(point: LngLat, [west, south, east, north]: Box): number {
  const clamped: LngLat = [Math.min(Math.max(point[0], west), east), Math.min(Math.max(point[1], south), north)];
  return haversine(point, clamped);
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
  return cleaned.slice(0, ID_MAX_LENGTH).replace(/-$/, '') || 'my-entry';
}
