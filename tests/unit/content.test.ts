import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentDirError, loadContent } from '../../src/lib/content/load.ts';
import { HEIC_HEAD, png } from '../helpers/png.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes a content directory from `{ 'buildings/a.md': '…' }`. */
function contentDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const station = (extra = '') =>
  `---\nname: 示例站\ntier: neighborhood\nlocation: { lng: 121.44, lat: 31.205 }\n${extra}---\n`;
const building = (extra = '') =>
  `---\nname: 百代小楼\nlocation:\n  lng: 121.441928\n  lat: 31.197851\n  crs: gcj02\n${extra}---\n正文\n`;
const figure = (extra = '') => `---\nname: 聂耳\n${extra}---\n`;
/** `images:` with one item; `fields` overrides or removes (undefined) alt, credit, license. */
const withImage = (src: string, fields: Record<string, string | undefined> = {}) => {
  const item = { alt: '小楼正面', credit: '摄影：王老师', license: 'CC BY 4.0', ...fields };
  const lines = Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    ${k}: ${v}\n`);
  return `images:\n  - src: ${src}\n${lines.join('')}`;
};

describe('loadContent', () => {
  it('loads a valid directory with no problems, converting datums to WGS-84', () => {
    const content = loadContent(
      contentDir({
        'stations/s1.md': station(),
        'buildings/baidai.mdx': building('figures: [nie-er]\n'),
        'figures/nie-er.md': figure(),
        'routes/r.md': '---\ntitle: 路线\nstops: [baidai, s1]\n---\n',
      }),
    );
    expect(content.problems).toEqual([]);
    const [b] = content.buildings;
    expect(b.original).toEqual({ lng: 121.441928, lat: 31.197851, crs: 'gcj02' });
    // GCJ-02 → WGS-84 moves the point about 480 m south-west.
    expect(b.point[0]).toBeCloseTo(121.43736, 4);
    expect(b.point[1]).toBeCloseTo(31.19973, 4);
    expect(content.stations[0].data.radius).toBe(500);
    const [route] = content.routes;
    expect(route.schematic).toBe(true);
    expect(route.line).toEqual([b.point, content.stations[0].point]);
  });

  it('reads a route path from a GPX file beside it, in the route crs', () => {
    const content = loadContent(
      contentDir({
        'stations/s1.md': station(),
        'stations/s2.md': station(),
        'routes/r.md': '---\ntitle: 路线\nstops: [s1, s2]\npath: walk.gpx\ncrs: gcj02\n---\n',
        'routes/walk.gpx':
          '<gpx><trk><trkseg><trkpt lat="31.2" lon="121.44"/><trkpt lat="31.21" lon="121.44"/></trkseg></trk></gpx>',
      }),
    );
    expect(content.problems).toEqual([]);
    expect(content.routes[0].pathSource).toBe('gpx');
    expect(content.routes[0].line[0][0]).toBeCloseTo(121.4354, 3);
  });

  it('reads an inline path', () => {
    const content = loadContent(
      contentDir({
        'stations/s1.md': station(),
        'routes/r.md': '---\ntitle: 路线\nstops: [s1, s1]\npath: [[121.44, 31.2], [121.44, 31.21]]\n---\n',
      }),
    );
    expect(content.routes[0]).toMatchObject({ pathSource: 'inline', schematic: false });
    expect(content.routes[0].line).toEqual([
      [121.44, 31.2],
      [121.44, 31.21],
    ]);
  });

  it('keeps the images whose files are beside the entry', () => {
    const content = loadContent(
      contentDir({
        'figures/nie-er.md': figure(withImage('nie-er/portrait.png')),
        'figures/nie-er/portrait.png': png(8, 8),
      }),
    );
    expect(content.problems).toEqual([]);
    expect(content.figures[0].images).toMatchObject([
      { src: 'nie-er/portrait.png', file: 'figures/nie-er/portrait.png', alt: '小楼正面', license: 'CC BY 4.0' },
    ]);
  });

  it('refuses a directory that does not exist', () => {
    expect(() => loadContent('/nonexistent/content')).toThrow(ContentDirError);
  });

  // Each bad input must be named by file, line and field, with the fix in Chinese.
  const cases: {
    name: string;
    files: Record<string, string | Uint8Array>;
    expected: { code: string; file: string; line?: number; field?: string; message: RegExp; severity?: string };
  }[] = [
    {
      name: 'missing required field',
      files: { 'stations/s1.md': '---\ntier: park\nlocation: { lng: 121.44, lat: 31.2 }\n---\n' },
      expected: { code: 'field-required', file: 'stations/s1.md', field: 'name', message: /缺少必填字段“name”/ },
    },
    {
      name: 'unknown tier',
      files: { 'stations/s1.md': station().replace('neighborhood', 'village') },
      expected: { code: 'field-invalid', file: 'stations/s1.md', line: 3, field: 'tier', message: /tier 只能是/ },
    },
    {
      name: 'longitude out of range',
      files: { 'stations/s1.md': station().replace('121.44', '521.44') },
      expected: { code: 'field-invalid', file: 'stations/s1.md', line: 4, field: 'location.lng', message: /经度/ },
    },
    {
      name: 'unknown crs',
      files: { 'buildings/b.md': building().replace('gcj02', 'gcj-02') },
      expected: { code: 'field-invalid', file: 'buildings/b.md', line: 6, field: 'location.crs', message: /gcj02/ },
    },
    {
      name: 'misspelt field',
      files: { 'stations/s1.md': station('raduis: 300\n') },
      expected: { code: 'field-unknown', severity: 'warning', file: 'stations/s1.md', line: 5, field: 'raduis', message: /未知字段/ },
    },
    {
      name: 'YAML syntax error',
      files: { 'figures/f.md': '---\nname: 聂耳\nbuildings: [a, b\n---\n' },
      expected: { code: 'yaml-invalid', file: 'figures/f.md', line: 3, message: /语法错误/ },
    },
    {
      name: 'no frontmatter',
      files: { 'figures/f.md': '聂耳\n' },
      expected: { code: 'frontmatter-missing', file: 'figures/f.md', line: 1, message: /头信息/ },
    },
    {
      name: 'bad id',
      files: { 'figures/Nie_Er.md': figure() },
      expected: { code: 'id-invalid', file: 'figures/Nie_Er.md', message: /nie-er/ },
    },
    {
      name: 'building and station share an id',
      files: { 'stations/baidai.md': station(), 'buildings/baidai.md': building() },
      expected: { code: 'id-duplicate', file: 'stations/baidai.md', message: /baidai/ },
    },
    {
      name: 'unknown figure, with a suggestion',
      files: { 'buildings/b.md': building('figures: [nie-err]\n'), 'figures/nie-er.md': figure() },
      expected: { code: 'ref-unknown', file: 'buildings/b.md', line: 7, field: 'figures[0]', message: /nie-err/ },
    },
    {
      name: 'unknown classic on a figure',
      files: { 'figures/nie-er.md': figure('classics:\n  - march\n') },
      expected: { code: 'ref-unknown', file: 'figures/nie-er.md', line: 4, field: 'classics[0]', message: /march/ },
    },
    {
      name: 'unknown stop',
      files: { 'stations/s1.md': station(), 'routes/r.md': '---\ntitle: 路线\nstops:\n  - s1\n  - s2\n---\n' },
      expected: { code: 'ref-unknown', file: 'routes/r.md', line: 5, field: 'stops[1]', message: /s2/ },
    },
    {
      name: 'one stop only',
      files: { 'stations/s1.md': station(), 'routes/r.md': '---\ntitle: 路线\nstops: [s1]\n---\n' },
      expected: { code: 'field-invalid', file: 'routes/r.md', line: 3, field: 'stops', message: /至少需要两个/ },
    },
    {
      name: 'task for a stop not on the route',
      files: {
        'stations/s1.md': station(),
        'routes/r.md': '---\ntitle: 路线\nstops: [s1, s1]\ntasks:\n  s2: 问题\n---\n',
      },
      expected: { code: 'field-invalid', file: 'routes/r.md', line: 5, field: 'tasks.s2', message: /不是这条路线的经停点/ },
    },
    {
      name: 'missing track file',
      files: { 'stations/s1.md': station(), 'routes/r.md': '---\ntitle: 路线\nstops: [s1, s1]\npath: nope.geojson\n---\n' },
      expected: { code: 'path-missing', file: 'routes/r.md', line: 4, field: 'path', message: /nope\.geojson/ },
    },
    {
      name: 'track file of the wrong kind',
      files: { 'stations/s1.md': station(), 'routes/r.md': '---\ntitle: 路线\nstops: [s1, s1]\npath: walk.kml\n---\n' },
      expected: { code: 'field-invalid', file: 'routes/r.md', line: 4, field: 'path', message: /\.geojson 或 \.gpx/ },
    },
    {
      name: 'malformed GeoJSON track',
      files: {
        'stations/s1.md': station(),
        'routes/r.md': '---\ntitle: 路线\nstops: [s1, s1]\npath: walk.geojson\n---\n',
        'routes/walk.geojson': '{"type": "Point", "coordinates": [121.4, 31.2]}',
      },
      expected: { code: 'geojson-invalid', file: 'routes/r.md', line: 4, field: 'path', message: /routes\/walk\.geojson/ },
    },
    {
      name: 'malformed GPX track',
      files: {
        'stations/s1.md': station(),
        'routes/r.md': '---\ntitle: 路线\nstops: [s1, s1]\npath: walk.gpx\n---\n',
        'routes/walk.gpx': '<gpx><trk>',
      },
      expected: { code: 'gpx-invalid', file: 'routes/r.md', field: 'path', message: /GPX/ },
    },
    {
      name: 'region without a name',
      files: {
        'regions/a.geojson':
          '{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[121.4,31.2],[121.5,31.2],[121.5,31.3],[121.4,31.2]]]}}',
      },
      expected: { code: 'region-invalid', file: 'regions/a.geojson', message: /name/ },
    },
    {
      name: 'region that is a line',
      files: { 'regions/a.geojson': '{"type":"LineString","coordinates":[[121.4,31.2],[121.5,31.2]]}' },
      expected: { code: 'region-invalid', file: 'regions/a.geojson', message: /Polygon/ },
    },
    {
      name: 'image file missing',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/portrait.jpg')) },
      expected: { code: 'image-missing', file: 'figures/nie-er.md', line: 4, field: 'images[0].src', message: /figures\/nie-er\/portrait\.jpg/ },
    },
    {
      name: 'image named in a different case',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/photo.png')), 'figures/nie-er/Photo.PNG': png(4, 4) },
      expected: { code: 'image-missing', file: 'figures/nie-er.md', line: 4, field: 'images[0].src', message: /Photo\.PNG.*大小写/ },
    },
    {
      name: 'image without alt text',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/a.png', { alt: undefined })), 'figures/nie-er/a.png': png(4, 4) },
      expected: { code: 'field-required', file: 'figures/nie-er.md', line: 4, field: 'images[0].alt', message: /添加 alt: …（替代文字/ },
    },
    {
      name: 'image without credit',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/a.png', { credit: undefined })), 'figures/nie-er/a.png': png(4, 4) },
      expected: { code: 'field-required', file: 'figures/nie-er.md', field: 'images[0].credit', message: /credit/ },
    },
    {
      name: 'image without licence',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/a.png', { license: undefined })), 'figures/nie-er/a.png': png(4, 4) },
      expected: { code: 'field-required', file: 'figures/nie-er.md', field: 'images[0].license', message: /CC BY-SA/ },
    },
    {
      name: 'image in a format the site cannot use',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/a.heic')), 'figures/nie-er/a.heic': HEIC_HEAD },
      expected: { code: 'image-format', file: 'figures/nie-er.md', line: 4, field: 'images[0].src', message: /\.heic.*HEIC/ },
    },
    {
      name: 'HEIC photo renamed to .jpg',
      files: { 'figures/nie-er.md': figure(withImage('nie-er/a.jpg')), 'figures/nie-er/a.jpg': HEIC_HEAD },
      expected: { code: 'image-format', file: 'figures/nie-er.md', field: 'images[0].src', message: /内容却是 HEIC/ },
    },
    {
      name: 'image that is too large',
      files: {
        'figures/nie-er.md': figure(withImage('nie-er/a.png')),
        'figures/nie-er/a.png': Buffer.concat([png(4, 4), Buffer.alloc(6 * 1024 * 1024)]),
      },
      expected: { code: 'image-too-large', file: 'figures/nie-er.md', field: 'images[0].src', message: /超过上限 5 MB/ },
    },
    {
      name: 'image from another website',
      files: { 'figures/nie-er.md': figure(withImage('https://example.com/a.jpg')) },
      expected: { code: 'field-invalid', file: 'figures/nie-er.md', line: 4, field: 'images[0].src', message: /网址.*nie-er\/a\.jpg/ },
    },
    {
      name: 'stray file in a collection',
      files: { 'figures/notes.txt': 'x' },
      expected: { code: 'file-ignored', severity: 'warning', file: 'figures/notes.txt', message: /\.txt/ },
    },
  ];

  it.each(cases)('reports $name', ({ files, expected }) => {
    const content = loadContent(contentDir(files));
    const { message, severity = 'error', ...where } = expected;
    const match = content.problems.find((p) => p.code === expected.code && p.file === expected.file);
    expect(match, JSON.stringify(content.problems, null, 1)).toMatchObject({ ...where, severity });
    expect(`${match!.message} ${match!.hint}`).toMatch(message);
    expect(match!.hint.length).toBeGreaterThan(5);
  });

  it('reports every problem of a directory in one run', () => {
    const content = loadContent(
      contentDir(Object.assign({}, ...cases.map((c, i) => ({ [`figures/case-${i}.md`]: '---\nname: [\n---\n' })))),
    );
    expect(content.problems.filter((p) => p.code === 'yaml-invalid')).toHaveLength(cases.length);
  });
});
