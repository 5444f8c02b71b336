/**
 * Hostile and careless content (issue 14, loader side): every input here was
 * once read, published, crashed or hung the build, or was silently accepted.
 * Small inputs are fixtures in tests/fixtures/hostile/<name>/; links and large
 * files are made here, in a copy of the fixture.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { LIMITS } from '../../src/lib/content/files.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Problem } from '../../src/lib/content/problems.ts';
import { formatAnnotation, formatProblems } from '../../src/lib/content/report.ts';
import { safeHref } from '../../src/lib/content/safe-url.ts';
import { createEntry, planEntry } from '../../src/lib/content/scaffold.ts';
import { downloadInput, toGeoJson, toGpx } from '../../src/lib/learners/downloads.ts';
import { png } from '../helpers/png.ts';

const fixtures = path.resolve('tests/fixtures/hostile');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh copy of a hostile fixture (the whole case folder), returning its content directory. */
function copy(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `hostile-${name}-`));
  dirs.push(dir);
  cpSync(path.join(fixtures, name), dir, { recursive: true });
  return path.join(dir, 'content');
}

function check(dir: string) {
  const report = runCheck(loadContent(dir));
  return { report, all: [...report.errors, ...report.warnings] };
}

const codes = (problems: Problem[]) => problems.map((p) => `${p.severity} ${p.code} ${p.file}${p.field ? ` ${p.field}` : ''}`);

/** Runs `npm run check` as a user (or CI) would, with the issue's budget: 20 s and a 1.5 GB heap. */
function checkCli(dir: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--max-old-space-size=1536', 'scripts/check.ts', '--content', dir], {
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr, seconds: (performance.now() - started) / 1000 };
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

// Tests that start Node (the checker, the scaffolder) can take seconds on a busy two-core machine.

describe('files outside the content folder', () => {
  it('refuses a track path that climbs out with ../ or is absolute, without reading it', () => {
    const dir = copy('outside-path');
    const outside = path.resolve(dir, '..', 'outside.geojson');
    writeFileSync(
      path.join(dir, 'routes', 'absolute.md'),
      `---\ntitle: 绝对路径\nstops: [a, b]\npath: ${outside}\n---\n`,
    );
    const { report, all } = check(dir);
    expect(codes(report.errors)).toEqual([
      'error path-outside-content routes/absolute.md path',
      'error path-outside-content routes/climb.md path',
    ]);
    expect(report.errors[1]).toMatchObject({ line: 4, message: expect.stringContaining('../../outside.geojson') });
    expect(all.every((p) => p.code !== 'route-gap')).toBe(true);
  });

  it('refuses entries, tracks, regions and images that are links to files elsewhere, and never quotes them', () => {
    const dir = copy('outside-path');
    const outside = path.resolve(dir, '..', 'outside');
    rmSync(path.join(dir, 'routes', 'climb.md'));
    // An entry published from elsewhere, a track that is really a system file, an image from elsewhere.
    mkdirSync(path.join(dir, 'buildings', 'house'), { recursive: true });
    symlinkSync(path.join(outside, 'building.md'), path.join(dir, 'buildings', 'linked.md'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'routes', 'walk.geojson'));
    writeFileSync(path.join(dir, 'routes', 'walk.md'), '---\ntitle: 链接轨迹\nstops: [a, b]\npath: walk.geojson\n---\n');
    writeFileSync(path.join(outside, 'photo.png'), png(8, 8));
    symlinkSync(path.join(outside, 'photo.png'), path.join(dir, 'buildings', 'house', 'front.png'));
    mkdirSync(path.join(dir, 'regions'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'regions', 'evil.geojson'));
    const image = 'images:\n  - { src: house/front.png, alt: 正面, credit: 测试, license: CC0 }\n';
    writeFileSync(path.join(dir, 'buildings', 'house.md'), `---\nname: 小楼\nlocation: { lng: 121.44, lat: 31.2 }\n${image}---\n`);

    const content = loadContent(dir);
    const { all } = check(dir);
    expect(codes(all.filter((p) => p.severity === 'error'))).toEqual([
      'error path-outside-content buildings/house.md images[0].src',
      'error path-outside-content buildings/linked.md',
      'error path-outside-content regions/evil.geojson',
      'error path-outside-content routes/walk.md path',
    ]);
    expect(content.buildings.map((b) => b.id)).toEqual(['house']);
    expect(content.buildings[0].images).toEqual([]);
    expect(all.find((p) => p.file === 'routes/walk.md')!.message).toContain('符号链接');
    expect(JSON.stringify(all)).not.toContain('SECRET');
  });

  it('says where a track or entry fails to parse without quoting its bytes', () => {
    const dir = copy('outside-path');
    rmSync(path.join(dir, 'routes', 'climb.md'));
    const secret = 'root:x:0:0:SECRET-PASSWORD-LINE:/root:/bin/bash';
    writeFileSync(path.join(dir, 'routes', 'a.geojson'), `${secret}\n`);
    writeFileSync(path.join(dir, 'routes', 'b.geojson'), `{"type": "LineString", "coordinates": ${secret}}\n`);
    writeFileSync(path.join(dir, 'routes', 'c.gpx'), `<gpx><trk>${secret}<trkpt lat="1"></gpx>\n`);
    for (const t of ['a.geojson', 'b.geojson', 'c.gpx']) {
      writeFileSync(path.join(dir, 'routes', `${t}.md`.replace('.', '-')), `---\ntitle: 轨迹\nstops: [a, b]\npath: ${t}\n---\n`);
    }
    writeFileSync(path.join(dir, 'routes', 'yaml.md'), `---\ntitle: x\n${secret}: [\n---\n`);
    writeFileSync(path.join(dir, 'routes', 'alias.md'), `---\ntitle: *SECRET-ALIAS\n---\n`);
    const { all } = check(dir);
    expect(codes(all)).toEqual([
      'error geojson-invalid routes/a-geojson.md path',
      'error yaml-invalid routes/alias.md',
      'error geojson-invalid routes/b-geojson.md path',
      'error gpx-invalid routes/c-gpx.md path',
      'error yaml-invalid routes/yaml.md',
    ]);
    expect(JSON.stringify(all)).not.toMatch(/SECRET|root:x/);
    expect(all.find((p) => p.code === 'gpx-invalid')!.message).toMatch(/第 1 行第 \d+ 列/);
  });
});

describe('dangerous links', () => {
  it('refuses every source url that is not http(s), whatever its case, spaces or control characters', () => {
    const { report } = check(path.join(fixtures, 'links', 'content'));
    const fields = report.errors.filter((p) => p.code === 'field-invalid').map((p) => p.field);
    expect(fields).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `sources[${i}].url`));
    expect(report.errors.every((p) => p.file === 'figures/bad-links.md')).toBe(true);
    expect(report.errors[0].message).toContain('https://');
  });

  it('gives pages only http(s) hrefs, checked as the browser reads the URL', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' \u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'https:evil.example', '/relative', undefined]) {
      expect(safeHref(bad), String(bad)).toBeUndefined();
    }
    expect(safeHref(' https://zh.wikipedia.org/wiki/聂耳 ')).toBe('https://zh.wikipedia.org/wiki/%E8%81%82%E8%80%B3');
    expect(safeHref('HTTP://example.org')).toBe('http://example.org/');
    expect(safeHref('mailto:a@example.org')).toBeUndefined();
    expect(safeHref('mailto:a@example.org', { schemes: ['mailto'] })).toBe('mailto:a@example.org');
  });
});

describe('forged workflow commands', { timeout: 60_000 }, () => {
  it('prints user text with newlines and escapes shown, so no line of the report is a workflow command', () => {
    const dir = path.join(fixtures, 'forged-commands', 'content');
    const { code, out, err } = checkCli(dir, { GITHUB_ACTIONS: 'true' });
    expect(code, err).toBe(1);
    const lines = out.split('\n');
    const commands = lines.filter((line) => line.trimStart().startsWith('::'));
    // Only the checker's own annotations, one per problem, each for the fixture's file.
    const rel = path.relative(process.cwd(), path.join(dir, 'figures/forged.md'));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(new RegExp(`^::(error|warning) file=${rel},line=\\d+,`));
    expect(out).not.toContain('\u001b');
    expect(out).toContain('x\\n::error file=evil.md');
  });

  it('escapes a forged key in the plain report and in annotations alike', () => {
    const forged: Problem = {
      code: 'field-unknown',
      severity: 'warning',
      file: 'figures/a\n::add-mask::x.md',
      field: 'k\r\n::error::y',
      message: '未知字段“k\n::error::y”\u2028::warning::z',
      hint: '\u001b[2J',
    };
    const plain = formatProblems([], [forged]);
    const annotation = formatAnnotation(forged, { contentDir: '/repo/content', cwd: '/repo' });
    for (const text of [plain, annotation]) {
      expect(text.split('\n').filter((l) => /^\s*::(?!warning file=content)/.test(l))).toEqual([]);
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028]/);
    }
    expect(annotation.split('\n')).toHaveLength(1);
  });
});

describe('resource exhaustion', { timeout: 60_000 }, () => {
  it('rejects a route that jumps across the globe or runs far, at its path, before sampling', () => {
    const started = performance.now();
    const { report } = check(path.join(fixtures, 'globe-route', 'content'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(codes(report.errors)).toEqual([
      'error route-too-long routes/globe.md path',
      'error route-too-long routes/long-track.md path',
    ]);
    expect(report.errors[0]).toMatchObject({ line: 4, message: expect.stringContaining('超过步行路线允许的 20 千米') });
    expect(report.errors[1].message).toContain('超过步行路线允许的 100 千米');
    expect(report.routes).toEqual([]);
  });

  it('stops YAML alias expansion ("billion laughs") at the file, in the check', () => {
    const started = performance.now();
    const { report } = check(path.join(fixtures, 'billion-laughs', 'content'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.errors).toMatchObject([
      { code: 'yaml-invalid', file: 'figures/lol.md', line: 4, message: expect.stringContaining('别名') },
    ]);
  });

  it('fails fast within 20 s and a 1.5 GB heap on a 1,000-point globe-jumping route and a billion laughs', () => {
    const dir = copy('globe-route');
    const jumps = Array.from({ length: 1000 }, (_, i) => (i % 2 ? [179.9, 80] : [-179.9, -80]));
    writeFileSync(path.join(dir, 'routes', 'globe.md'), `---\ntitle: 跨越地球\nstops: [a, b]\npath: ${JSON.stringify(jumps)}\n---\n`);
    mkdirSync(path.join(dir, 'figures'));
    cpSync(path.join(fixtures, 'billion-laughs', 'content', 'figures', 'lol.md'), path.join(dir, 'figures', 'lol.md'));
    const { code, out, err, seconds } = checkCli(dir);
    expect(code, err).toBe(1);
    expect(seconds).toBeLessThan(20);
    expect(out).toContain('routes/globe.md:4  错误 [route-too-long]');
    expect(out).toContain('figures/lol.md:4  错误 [yaml-invalid]');
    expect(out + err).not.toMatch(STACK_TRACE);
  });

  it('reports 20,000 unknown stops among 1,000 stations in seconds (suggestions stop at a budget)', () => {
    const dir = copy('globe-route');
    for (const f of ['globe.md', 'long-track.md', 'long.geojson']) rmSync(path.join(dir, 'routes', f));
    for (let i = 0; i < 1000; i++) {
      writeFileSync(path.join(dir, 'stations', `station-number-${i}.md`), '---\nname: 站\ntier: neighborhood\nlocation: { lng: 121.44, lat: 31.2 }\n---\n');
    }
    const stops = Array.from({ length: 20_000 }, (_, i) => `unknown-stop-${i}`);
    writeFileSync(path.join(dir, 'routes', 'many.md'), `---\ntitle: 很多经停点\nstops: [a, ${stops.join(', ')}]\n---\n`);
    const { code, out, err, seconds } = checkCli(dir);
    expect(code, err).toBe(1);
    expect(seconds).toBeLessThan(20);
    expect(out.match(/\[ref-unknown\]/g)).toHaveLength(20_000);
  });

  it('makes search hints and excerpts of a body at the size limit in time linear in its length', () => {
    // In a child process, so a quadratic version fails at the timeout instead of hanging the suite.
    const script = `
      import { searchHints } from './src/lib/search/build.ts';
      import { excerptHtml } from './src/lib/search/text.ts';
      import { LIMITS } from './src/lib/content/files.ts';
      // Han characters are 3 bytes in UTF-8; a pseudo-random mix, so hint words are mostly distinct.
      const text = (chars) => Array.from({ length: chars }, (_, i) =>
        String.fromCharCode(0x4e00 + ((Math.imul(i, 2654435761) >>> 7) % 3000))).join('');
      const cost = (t) => Math.min(...[1, 2, 3].map(() => {
        const started = performance.now();
        searchHints(t);
        excerptHtml(t, '一丁', 80);
        return performance.now() - started;
      }));
      const full = LIMITS.bodyBytes / 3;
      console.log(JSON.stringify({ quarter: cost(text(full / 4)), full: cost(text(full)) }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status, result.stderr || 'timed out').toBe(0);
    const ms = JSON.parse(result.stdout);
    // Four times the text: about four times the time (n log n sorting); quadratic would be sixteen.
    expect(ms.full / ms.quarter).toBeLessThan(8);
    expect(ms.full).toBeLessThan(5000);
  });

  it('accepts a track of exactly the point limit, whose downloads stay small', () => {
    const dir = copy('globe-route');
    for (const f of ['globe.md', 'long-track.md', 'long.geojson']) rmSync(path.join(dir, 'routes', f));
    writeFileSync(path.join(dir, 'routes', 'dense.gpx'), gpx(LIMITS.trackPoints, 1.23456e-7));
    writeFileSync(path.join(dir, 'routes', 'dense.md'), '---\ntitle: 密集轨迹\nstops: [a, b]\npath: dense.gpx\n---\n');
    const content = loadContent(dir);
    expect(content.problems).toEqual([]);
    expect(content.routes[0].line).toHaveLength(LIMITS.trackPoints);
    const { route, stops } = downloadInput(content.routes[0], 'https://example.org/');
    expect(Buffer.byteLength(toGpx(route, stops))).toBeLessThan(3 * 1024 * 1024);
    expect(Buffer.byteLength(toGeoJson(route, stops))).toBeLessThan(3 * 1024 * 1024);
  });

  it('refuses oversized entries, bodies and tracks, too many points or XML elements, and a 400-megapixel PNG', () => {
    const dir = copy('globe-route');
    for (const f of ['globe.md', 'long-track.md', 'long.geojson']) rmSync(path.join(dir, 'routes', f));
    mkdirSync(path.join(dir, 'figures'));
    mkdirSync(path.join(dir, 'buildings', 'house'), { recursive: true });
    const chapter = '中华人民共和国国歌原名义勇军进行曲。'.repeat(1000); // 54 KB
    writeFileSync(path.join(dir, 'figures', 'big-file.md'), `---\nname: 大\nsummary: "${'长'.repeat(800_000)}"\n---\n`);
    writeFileSync(path.join(dir, 'figures', 'big-body.md'), `---\nname: 长正文\n---\n${chapter.repeat(12)}`);
    writeFileSync(path.join(dir, 'figures', 'fine-body.md'), `---\nname: 正常正文\n---\n${chapter}`);
    writeFileSync(path.join(dir, 'routes', 'huge.gpx'), gpx(1_000_000)); // 40 MB
    writeFileSync(path.join(dir, 'routes', 'dense.gpx'), gpx(LIMITS.trackPoints + 1));
    const dense = { type: 'LineString', coordinates: Array.from({ length: LIMITS.trackPoints + 1 }, (_, i) => [121.44, 31.2 + i * 1e-7]) };
    writeFileSync(path.join(dir, 'routes', 'dense.geojson'), JSON.stringify(dense));
    // Under the size limit, but millions of elements or deep nesting for the XML parser.
    writeFileSync(path.join(dir, 'routes', 'empty.gpx'), `<gpx>${'<a/>'.repeat(2_400_000)}</gpx>`);
    writeFileSync(path.join(dir, 'routes', 'deep.gpx'), `<gpx>${'<a>'.repeat(1_000_000)}${'</a>'.repeat(1_000_000)}</gpx>`);
    for (const t of ['huge.gpx', 'dense.gpx', 'dense.geojson', 'empty.gpx', 'deep.gpx']) {
      writeFileSync(path.join(dir, 'routes', `${t.replace('.', '-')}.md`), `---\ntitle: 轨迹\nstops: [a, b]\npath: ${t}\n---\n`);
    }
    writeFileSync(path.join(dir, 'buildings', 'house', 'huge.png'), pngHeader(20_000, 20_000));
    writeFileSync(path.join(dir, 'buildings', 'house', 'fine.png'), png(64, 48));
    const images = ['huge.png', 'fine.png'].map((f) => `  - { src: house/${f}, alt: 图, credit: 测试, license: CC0 }\n`).join('');
    writeFileSync(path.join(dir, 'buildings', 'house.md'), `---\nname: 小楼\nlocation: { lng: 121.44, lat: 31.2 }\nimages:\n${images}---\n`);

    const { code, out, err, seconds } = checkCli(dir);
    expect(code, err).toBe(1);
    expect(seconds).toBeLessThan(20);
    expect(out + err).not.toMatch(STACK_TRACE);
    const { report } = check(dir);
    expect(codes(report.errors)).toEqual([
      'error image-too-many-pixels buildings/house.md images[0].src',
      'error file-too-large figures/big-body.md',
      'error file-too-large figures/big-file.md',
      'error gpx-invalid routes/deep-gpx.md path',
      'error track-too-many-points routes/dense-geojson.md path',
      'error track-too-many-points routes/dense-gpx.md path',
      'error gpx-invalid routes/empty-gpx.md path',
      'error file-too-large routes/huge-gpx.md path',
    ]);
    expect(report.errors[0].message).toContain('20000 × 20000 像素');
    expect(report.errors[1]).toMatchObject({ line: 4, message: expect.stringContaining('正文有 633 KB，超过上限 512 KB') });
  });
});

describe('silently accepted before', () => {
  it('says a GBK file must be saved as UTF-8, and accepts a UTF-8 file with a BOM', () => {
    const { all } = check(path.join(fixtures, 'gbk', 'content'));
    expect(all).toMatchObject([{ code: 'encoding-invalid', file: 'figures/gbk.md', line: 2, hint: expect.stringContaining('请另存为 UTF-8') }]);
    expect(loadContent(path.join(fixtures, 'gbk', 'content')).figures.map((f) => f.data.name)).toEqual(['带 BOM 的文件']);
  });

  it('refuses control characters in text fields and bodies, naming the field', () => {
    const { all } = check(path.join(fixtures, 'control-chars', 'content'));
    expect(all.map((p) => [p.code, p.field, p.line])).toEqual([
      ['text-control-character', 'name', 2],
      ['text-control-character', 'keywords[1]', 3],
      ['text-control-character', undefined, 5],
    ]);
    expect(all[0].message).toContain('U+0007');
  });

  it('refuses coordinates out of range in a location and in an inline path', () => {
    const { all } = check(path.join(fixtures, 'out-of-range', 'content'));
    expect(all.map((p) => [p.code, p.file, p.field, p.line])).toEqual([
      ['field-invalid', 'buildings/far-east.md', 'location.lng', 3],
      ['field-invalid', 'routes/lat95.md', 'path[1]', 6],
    ]);
  });

  it('warns about places more than 20 km from every region (Paris, lng: 0x79 read as 121)', () => {
    const { report } = check(path.join(fixtures, 'far-away', 'content'));
    expect(report.errors).toEqual([]);
    expect(codes(report.warnings)).toEqual([
      'warning place-far-from-regions buildings/hex.md location',
      'warning place-far-from-regions buildings/paris.md location',
    ]);
    expect(report.warnings[1].message).toMatch(/约 9\d{3} 千米/);
  });

  it('warns about the same stop twice in a row', () => {
    const { all } = check(path.join(fixtures, 'repeated-stop', 'content'));
    expect(all).toMatchObject([{ code: 'stop-repeated', severity: 'warning', field: 'stops[2]', line: 3 }]);
  });

  it('reports an upper-case .MD or .Mdx extension with the name to rename it to', () => {
    const content = loadContent(path.join(fixtures, 'upper-case', 'content'));
    expect(content.figures).toEqual([]);
    expect(content.problems.map((p) => [p.code, p.file, p.hint])).toEqual([
      // The building that names nie-er is pointed to the file to rename, not told nie-er does not exist.
      ['ref-invalid-entry', 'buildings/house.md', '先修正 figures/nie-er.MD 中报告的错误；这里的引用本身不用改。'],
      ['extension-case', 'figures/nie-er.MD', '请把文件改名为 nie-er.md。'],
      ['extension-case', 'figures/tian-han.Mdx', '请把文件改名为 tian-han.mdx。'],
    ]);
  });
});

describe('scaffolder', { timeout: 60_000 }, () => {
  it('refuses a 300-character id, and the same limit holds for content files', () => {
    const id = 'a'.repeat(300);
    const plan = planEntry({ collection: 'figures', id }, new Set());
    expect(plan).toMatchObject({ ok: false, problems: [{ code: 'id-invalid', message: expect.stringContaining('最多 80 个') }] });
    const dir = copy('repeated-stop');
    writeFileSync(path.join(dir, 'stations', `${'b'.repeat(81)}.md`), '---\nname: 长\ntier: neighborhood\nlocation: { lng: 121.44, lat: 31.2 }\n---\n');
    expect(loadContent(dir).problems.filter((p) => p.code === 'id-invalid')).toHaveLength(1);
    const cli = spawnSync(process.execPath, ['scripts/new.ts', 'figures', id, '--content', dir], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('id-invalid');
    expect(cli.stdout + cli.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses a --content folder that does not exist instead of creating it', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'new-')), 'contnet');
    dirs.push(path.dirname(missing));
    const plan = createEntry(missing, { collection: 'figures', id: 'nie-er', name: '聂耳' });
    expect(plan).toMatchObject({ ok: false, problems: [{ code: 'argument-invalid', message: expect.stringContaining('--content') }] });
    expect(existsSync(missing)).toBe(false);
  });
});

describe('messages', () => {
  it('explains common YAML mistakes in Chinese with the matching fix', () => {
    const { all } = check(path.join(fixtures, 'yaml-messages', 'content'));
    const byFile = Object.fromEntries(all.map((p) => [p.file, p]));
    expect(byFile['figures/duplicate.md']).toMatchObject({ line: 3, message: expect.stringContaining('同一个字段写了两次') });
    expect(byFile['figures/tab.md']).toMatchObject({ line: 4, message: expect.stringContaining('Tab'), hint: expect.stringContaining('换成空格') });
    expect(byFile['figures/indent.md']).toMatchObject({ line: 5, message: expect.stringContaining('缩进') });
    expect(byFile['figures/quote.md']).toMatchObject({ line: 2, message: expect.stringContaining('引号没有闭合') });
    expect(byFile['figures/deep.md']).toMatchObject({ line: 3, message: expect.stringContaining('嵌套太深') });
    // No English parser text left over.
    expect(all.map((p) => p.message + p.hint).join('')).not.toMatch(/[A-Za-z]{6,}/);
  });

  it('says per collection why an id may not repeat', () => {
    const { all } = check(path.join(fixtures, 'duplicate-figure', 'content'));
    expect(all).toMatchObject([{ code: 'id-duplicate', file: 'figures/nie-er.mdx' }]);
    expect(all[0].hint).toContain('人物');
    expect(all[0].hint).not.toContain('建筑和站点');
  });

  it('reports an invalid entry once, and its referrers only with a warning that points to it', () => {
    const { report } = check(path.join(fixtures, 'invalid-ref', 'content'));
    expect(codes(report.errors)).toEqual([
      'error field-required buildings/bad-house.md location.lat',
      'error field-required figures/broken.md name',
    ]);
    expect(codes(report.warnings)).toEqual([
      'warning ref-invalid-entry buildings/house.md figures[0]',
      'warning ref-invalid-entry routes/walk.md stops[1]',
    ]);
    expect(report.warnings[0].message).toContain('figures/broken.md');
  });
});

describe('build', () => {
  it('refuses a hostile CONTENT_DIR with the report, before building anything and without a stack trace', { timeout: 180_000 }, () => {
    const dir = copy('globe-route');
    const outside = path.resolve(dir, '..');
    mkdirSync(path.join(dir, 'figures'));
    cpSync(path.join(fixtures, 'upper-case', 'content', 'figures', 'nie-er.MD'), path.join(dir, 'figures', 'nie-er.MD'));
    cpSync(path.join(fixtures, 'billion-laughs', 'content', 'figures', 'lol.md'), path.join(dir, 'figures', 'lol.md'));
    writeFileSync(path.join(outside, 'elsewhere.md'), '---\nname: 目录外的人物\n---\n不应发布。\n');
    symlinkSync(path.join(outside, 'elsewhere.md'), path.join(dir, 'figures', 'linked.md'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'hostile-site-'));
    dirs.push(outDir);
    const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: dir, NO_COLOR: '1' },
    });
    const output = result.stdout + result.stderr;
    expect(result.status, output).not.toBe(0);
    for (const line of [
      'figures/linked.md  错误 [path-outside-content]',
      'figures/lol.md:4  错误 [yaml-invalid]',
      'figures/nie-er.MD  错误 [extension-case]',
      'routes/globe.md:4  错误 [route-too-long]',
    ]) {
      expect(output).toContain(line);
    }
    expect(output).not.toMatch(STACK_TRACE);
    expect(existsSync(path.join(outDir, 'index.html'))).toBe(false);
  });
});

/** A GPX track of `points` points northwards from a test station, `step` degrees apart: about 40 bytes each. */
function gpx(points: number, step = 1e-7): string {
  const pts = Array.from({ length: points }, (_, i) => `<trkpt lat="${(31.2 + i * step).toFixed(7)}" lon="121.4400001"/>`);
  return `<gpx><trk><trkseg>${pts.join('')}</trkseg></trk></gpx>`;
}

/** The start of a PNG that says it is width × height: enough for the header check, far too much to decode. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}
