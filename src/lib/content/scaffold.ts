/**
 * `npm run new`: a new entry with every field of its collection written out
 * and explained in Chinese, so an editor fills in blanks instead of
 * remembering field names. The comments come from the schemas' own
 * `.meta()`, so they cannot drift from what the checker accepts.
 *
 * `planEntry` is pure (arguments and the list of existing files in, file text
 * or problems out); `createEntry` adds the file system.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { stringify } from 'yaml';
import { idProblem, ID_MAX_LENGTH, locationSchema } from '../../schemas/common.ts';
import { ENTRY_COLLECTIONS, ENTRY_SCHEMAS, type EntryCollection } from '../../schemas/index.ts';
import { defaultOf, isOptionalField, metaOf, shapeOf } from '../../schemas/meta.ts';
import { suggestId } from './load.ts';
import { closest, collectionName, problem, type Problem } from './problems.ts';

const zhCN = z.locales.zhCN().localeError;

/** What the editor asked for, as typed on the command line. */
export interface NewEntryRequest {
  collection: string;
  id: string;
  name?: string;
  lng?: string;
  lat?: string;
  crs?: string;
  /** Route stops, ids of buildings or stations. */
  stops?: string[];
}

export type Plan =
  | {
      ok: true;
      /** Path relative to the content directory, e.g. `buildings/baidai-building.md`. */
      file: string;
      text: string;
      /** What the editor still has to fill in before `npm run check` passes (Chinese). */
      todo: string[];
    }
  | { ok: false; problems: Problem[] };

/** Collections whose entries are places with a `location`. */
const PLACED: readonly EntryCollection[] = ['stations', 'buildings'];

/** Route stops may name a building or a station, so these two share one id space. */
const SHARED_IDS: readonly EntryCollection[] = ['stations', 'buildings'];

/**
 * Checks a request against the content already there and writes the entry's
 * text. `existing` holds entry files relative to the content directory
 * (`buildings/a.md`, `stations/b.mdx`).
 *
 * @example
 * planEntry({ collection: 'stations', id: 'xujiahui', lng: '121.437', lat: '31.195' }, new Set())
 * // { ok: true, file: 'stations/xujiahui.md', text: '---\n# 新站点…', todo: [] }
 */
export function planEntry(request: NewEntryRequest, existing: ReadonlySet<string>): Plan {
  const { collection: name, id } = request;
  if (!(ENTRY_COLLECTIONS as string[]).includes(name)) {
    const choices = ENTRY_COLLECTIONS.map((c) => `${c}（${collectionName(c)}）`).join('、');
    const params = { name, choices, suggestion: closest(name, ENTRY_COLLECTIONS) };
    return { ok: false, problems: [problem('collection-unknown', { file: name }, params)] };
  }
  const collection = name as EntryCollection;
  const file = `${collection}/${id}.md`;
  const problems: Problem[] = [];

  const badId = idProblem(id);
  if (badId === 'pattern') problems.push(problem('id-invalid', { file }, { id, suggestion: suggestId(id) }));
  if (badId === 'length') {
    const params = { id: `${id.slice(0, 20)}…`, length: id.length, maxLength: ID_MAX_LENGTH, suggestion: suggestId(id) };
    return { ok: false, problems: [problem('id-invalid', { file: `${collection}/${id.slice(0, 20)}….md` }, params)] };
  }
  problems.push(...collisions(collection, id, existing));
  const location = parseLocation(collection, request, file, problems);
  const stops = parseStops(collection, request, file, existing, problems);
  if (request.name !== undefined && request.name.trim() === '') {
    const fix = '写 --name 后面跟中文名称，例如 --name 百代小楼；或不写 --name，之后在文件里填写。';
    problems.push(badArgument(file, '--name', '名称是空的。', fix));
  }
  if (problems.length > 0) return { ok: false, problems };

  const todo = todoFor(collection, location, stops);
  const text = entryText(collection, { id, name: request.name?.trim(), location, stops, todo });
  return { ok: true, file, text, todo };
}

/**
 * Writes the planned entry into a content directory, never over an existing
 * file (the `wx` flag makes that hold even against a concurrent write).
 */
export function createEntry(contentDir: string, request: NewEntryRequest): Plan {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    // A mistyped --content would otherwise start a new, empty content folder somewhere.
    const reason = `内容目录 ${contentDir} 不存在。`;
    const fix = '请在项目根目录运行，或用 --content 指定已有的内容目录（里面有 buildings/、stations/ 等文件夹）。';
    return { ok: false, problems: [problem('argument-invalid', { file: 'npm run new' }, { argument: '--content', reason, fix })] };
  }
  const plan = planEntry(request, listEntryFiles(contentDir));
  if (!plan.ok) return plan;
  const absPath = path.join(contentDir, plan.file);
  mkdirSync(path.dirname(absPath), { recursive: true });
  try {
    writeFileSync(absPath, plan.text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const params = { collection: request.collection, id: request.id, other: plan.file };
    return { ok: false, problems: [problem('id-exists', { file: plan.file }, params)] };
  }
  return plan;
}

/** Entry files of every collection, relative to the content directory. */
export function listEntryFiles(contentDir: string): Set<string> {
  const files = new Set<string>();
  for (const collection of ENTRY_COLLECTIONS) {
    const dir = path.join(contentDir, collection);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      if (/\.mdx?$/i.test(name)) files.add(`${collection}/${name}`);
    }
  }
  return files;
}

function collisions(collection: EntryCollection, id: string, existing: ReadonlySet<string>): Problem[] {
  const file = `${collection}/${id}.md`;
  const found = (c: EntryCollection) => [`${c}/${id}.md`, `${c}/${id}.mdx`].find((f) => existing.has(f));
  const same = found(collection);
  if (same) return [problem('id-exists', { file }, { collection, id, other: same })];
  if (!SHARED_IDS.includes(collection)) return [];
  const other = SHARED_IDS.filter((c) => c !== collection).map(found).find(Boolean);
  return other ? [problem('id-duplicate', { file }, { id, other, shared: 1 })] : [];
}

type Location = z.infer<typeof locationSchema>;

function parseLocation(
  collection: EntryCollection,
  request: NewEntryRequest,
  file: string,
  problems: Problem[],
): Location | undefined {
  const { lng, lat, crs } = request;
  if (lng === undefined && lat === undefined) {
    if (crs !== undefined) {
      problems.push(badArgument(file, '--crs', '只写了坐标系，没有写坐标。', '同时写 --lng 经度 --lat 纬度 --crs 坐标系，或三者都不写。'));
    }
    return undefined;
  }
  if (!PLACED.includes(collection)) {
    const fix =
      collection === 'routes' ? '路线的位置来自它的经停点（--stops）和轨迹文件（path）。' : '请去掉 --lng、--lat 和 --crs。';
    problems.push(badArgument(file, '--lng/--lat', `${collectionName(collection)}没有位置字段。`, fix));
    return undefined;
  }
  if (lng === undefined || lat === undefined) {
    const missing = lng === undefined ? '--lng' : '--lat';
    problems.push(badArgument(file, missing, '经度和纬度要一起写。', '例如 --lng 121.4344 --lat 31.2058。'));
    return undefined;
  }
  const parsed = locationSchema.safeParse({ lng: toNumber(lng), lat: toNumber(lat), crs }, { error: zhCN });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    if (field === 'crs') {
      const fix = '高德、腾讯地图上取的点写 --crs gcj02，百度地图写 --crs bd09，手机 GPS 和 OpenStreetMap 不用写。';
      problems.push(badArgument(file, '--crs', issue.message, fix));
    } else {
      const reason = `--${field} ${field === 'lng' ? lng : lat}：${issue.message}`;
      problems.push(problem('coordinate-invalid', { file, field: `location.${field}` }, { reason }));
    }
  }
  return undefined;
}

function badArgument(file: string, argument: string, reason: string, fix: string): Problem {
  return problem('argument-invalid', { file }, { argument, reason, fix });
}

/** `Number('')` is 0, which would pass as a place in the Gulf of Guinea. */
function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function parseStops(
  collection: EntryCollection,
  request: NewEntryRequest,
  file: string,
  existing: ReadonlySet<string>,
  problems: Problem[],
): string[] | undefined {
  const { stops } = request;
  if (stops === undefined) return undefined;
  if (collection !== 'routes') {
    problems.push(badArgument(file, '--stops', `只有路线有经停点，${collectionName(collection)}没有。`, '请去掉 --stops。'));
    return undefined;
  }
  const places = new Set(
    [...existing]
      .filter((f) => SHARED_IDS.some((c) => f.startsWith(`${c}/`)))
      .map((f) => path.posix.basename(f).replace(/\.mdx?$/i, '')),
  );
  stops.forEach((id, i) => {
    if (places.has(id)) return;
    problems.push(
      problem('ref-unknown', { file, field: `stops[${i}]` }, {
        id,
        target: '建筑或站点',
        dir: 'buildings/ 或 stations/',
        suggestion: closest(id, places),
      }),
    );
  });
  if (stops.length < 2) {
    const fix = '按步行顺序写 id，用逗号分隔，例如 --stops xia-yan-residence,ba-jin-residence。';
    problems.push(badArgument(file, '--stops', '路线至少需要两个经停点。', fix));
  }
  return stops;
}

function todoFor(collection: EntryCollection, location: Location | undefined, stops: string[] | undefined): string[] {
  const todo: string[] = [];
  if (PLACED.includes(collection) && !location) todo.push('在 location 中填写经度 lng 和纬度 lat（并按来源写 crs）');
  if (collection === 'routes' && !stops) todo.push('在 stops 中按步行顺序填写至少两个建筑或站点的 id');
  if (collection === 'events') {
    todo.push('在 start 中填写开始时间，带时区，例如 "2026-12-12T14:00:00+08:00"');
    todo.push('在 place 中填写举办地点：一个站点、建筑或路线的 id');
  }
  return todo;
}

interface Values {
  id: string;
  name?: string;
  location?: Location;
  stops?: string[];
  todo: string[];
}

/**
 * The file text: frontmatter with every field of the collection, required
 * ones filled in, optional ones commented out with an example, then a body.
 */
export function entryText(collection: EntryCollection, values: Values): string {
  const schema = ENTRY_SCHEMAS[collection];
  const label = collectionName(collection);
  const header = [
    `# 新${label}“${values.id}”。每个字段上方的注释说明它的用途，详见 CONTRIBUTING.md。`,
    '# 以 # 开头的行是注释，网站不会显示。要填写可选字段，删去该行开头的“# ”。',
    ...values.todo.map((t) => `# 还需要：${t}。`),
    '# 改完后运行 npm run check 检查。',
  ];
  const fields = Object.entries(schema.shape).map(([key, field]) =>
    fieldBlock(key, field as z.ZodType, supplied(key, values), { id: values.id, indent: '' }).join('\n'),
  );
  return ['---', ...header, '', fields.join('\n\n'), '---', '', BODY[collection], ''].join('\n');
}

/** The value the request gives a field, if any. */
function supplied(key: string, values: Values): { value: unknown } | undefined {
  if (key === 'name' || key === 'title') return { value: values.name ?? values.id };
  // Without coordinates the keys are still written, empty, for the editor to fill.
  if (key === 'location') return { value: values.location ?? { lng: null, lat: null } };
  if (key === 'stops') return { value: values.stops ?? [] };
  // An event's time and place cannot be guessed: left empty, for the check to ask for.
  if (key === 'start' || key === 'place') return { value: null };
  return undefined;
}

/** Examples that depend on the entry's id; the rest come from the schemas' `examples`. */
const ID_EXAMPLES: Record<string, (id: string) => unknown> = {
  images: (id) => [
    {
      src: `${id}/photo.jpg`,
      alt: '画面描述，例如：红砖小楼的正门，门旁挂着纪念馆铭牌',
      credit: '摄影：王老师',
      license: 'CC BY 4.0',
    },
  ],
  path: (id) => `${id}.gpx`,
  audio: (id) => [
    {
      file: `${id}/recording.mp3`,
      title: '录音标题，例如：讲解：这里的故事',
      credit: '演唱、讲述或录制者，例如：讲述：王老师',
      license: '发布的权利，例如：讲述者授权本站使用',
      transcript: '歌词或讲述的全部文字，给不能收听的人',
    },
  ],
};

/**
 * One field: a comment saying what it is and whether it is required, then
 * `key: value` (supplied, required or defaulted) or `# key: example`
 * (optional). Object fields (location) are written key by key.
 */
function fieldBlock(
  key: string,
  field: z.ZodType,
  given: { value: unknown } | undefined,
  at: { id: string; indent: string },
): string[] {
  const meta = metaOf(field);
  const optional = isOptionalField(field);
  const fallback = defaultOf(field);
  const status = !optional ? '必填' : fallback !== undefined ? `可选，默认 ${yamlScalar(fallback)}` : '可选';
  const comment = `${at.indent}# ${meta.title ?? key}（${status}）：${meta.description ?? ''}`;
  const shape = shapeOf(field);
  if (shape && given && isPlainObject(given.value)) {
    const value = given.value;
    const inner = Object.entries(shape).map(([k, f]) =>
      fieldBlock(k, f, { value: value[k] ?? defaultOf(f) ?? null }, { ...at, indent: `${at.indent}  ` }).join('\n'),
    );
    return [comment, `${at.indent}${key}:`, ...inner];
  }
  if (given || !optional || fallback !== undefined) {
    const value = given ? given.value : (fallback ?? meta.examples?.[0] ?? null);
    return [comment, ...yamlLines(key, value, at.indent)];
  }
  const example = ID_EXAMPLES[key]?.(at.id) ?? meta.examples?.[0] ?? '';
  return [comment, ...commentOut(yamlLines(key, example, at.indent), at.indent)];
}

/** `key: value` as YAML lines; lists of plain values on one line (`[a, b]`), like the sample content. */
function yamlLines(key: string, value: unknown, indent: string): string[] {
  if (value === null) return [`${indent}${key}:`];
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return [`${indent}${key}: ${yamlScalar(value)}`];
  return stringify({ [key]: value }, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line) => indent + line);
}

/** Comments lines out at the field's own indent, so uncommenting is deleting “# ”. */
function commentOut(lines: string[], indent: string): string[] {
  return lines.map((line) => `${indent}# ${line.slice(indent.length)}`);
}

function yamlScalar(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false }).trim();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A Markdown comment where the body goes: invisible on the site, so an
 * untouched scaffold publishes nothing false.
 */
const BODY: Record<EntryCollection, string> = {
  stations: '<!-- 正文（可不写）：站点的服务内容、活动和交通。写好后可删去这一行。 -->',
  buildings: '<!-- 正文：这座建筑的历史和故事，用简体中文写；每条历史事实都要在 sources 中写明出处。写好后可删去这一行。 -->',
  figures: '<!-- 正文：人物生平，以及与徐汇的联系；每条历史事实都要在 sources 中写明出处。写好后可删去这一行。 -->',
  classics: '<!-- 正文：作品的来历和内容；每条历史事实都要在 sources 中写明出处。写好后可删去这一行。 -->',
  routes: '<!-- 正文：路线的主题、适合的人群、沿途讲解要点。写好后可删去这一行。 -->',
  events: '<!-- 正文：活动内容、流程和注意事项（带什么、在哪里集合）。写好后可删去这一行。 -->',
};
